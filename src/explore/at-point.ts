/**
 * A case moved to another point of M, and its certificate there: the end of a walk, or a
 * trained network, is certified by the same runner and the same theorem modules as any case
 * (`point: {params: …}`), so the certificate is a real one and `verify` can re-check it.
 */
import { createHash } from 'node:crypto';
import type { Case, LossSpec } from '../cases/types.js';
import type { Certificate } from '../proof/certificate.js';
import { runCase, type RunOptions } from '../proof/runner.js';
import type { Theorem } from '../proof/types.js';
import { Workspace } from '../workspace/workspace.js';

/** The case's loss as a function of the residuals F (M is its zero set whatever the loss). */
export function lossFunction(loss: LossSpec, d: number): (F: Float64Array) => number {
  switch (loss.kind) {
    case 'sum':
      return (F) => F.reduce((s, f) => s + f * f, 0);
    case 'mean':
      return (F) => F.reduce((s, f) => s + f * f, 0) / d;
    case 'abs':
      return (F) => F.reduce((s, f) => s + Math.abs(f), 0);
    case 'power': {
      const a = loss.a;
      return (F) => F.reduce((s, f) => s + Math.abs(f) ** a, 0);
    }
  }
}

/** The loss written as a formula, for headings. */
export function lossFormula(loss: LossSpec): string {
  switch (loss.kind) {
    case 'sum':
      return 'L = Σ Fᵣ²';
    case 'mean':
      return 'L = (1/d) Σ Fᵣ²';
    case 'abs':
      return 'L = Σ |Fᵣ|';
    case 'power':
      return `L = Σ |Fᵣ|^${loss.a}`;
  }
}

/**
 * The case `c` (already perturbed, if it asked to be) with its point replaced by `w`. The
 * targets stay as they are, so `perturb` is set to 0 (moving them again would move M off w);
 * the name says where the point came from, and the hash covers the original case's hash and
 * the new point, since the file's own hash no longer describes this case.
 */
export function caseAtPoint(c: Case, names: readonly string[], w: Float64Array, label: string): Case {
  const values: Record<string, number> = {};
  names.forEach((nm, i) => (values[nm] = w[i]!));
  const sha256 = createHash('sha256').update(c.sha256).update(JSON.stringify({ label, point: Array.from(w) })).digest('hex');
  const { theorems: _theorems, ...rest } = c;
  void _theorems;
  return { ...rest, name: `${c.name}-${label}`, sha256, perturb: 0, point: { kind: 'params', values } };
}

/**
 * The theorems that certify a point of M: 2.1 (manifold near the point) and 2.3 (Hessian there)
 * where it fits, taken from `registry`, the list the command line holds (explore does not import it).
 */
export function pointTheorems(c: Case, registry: readonly Theorem[]): Theorem[] {
  const out: Theorem[] = [];
  const t21 = registry.find((t) => t.id === '2.1');
  if (t21) out.push(t21);
  const t23 = registry.find((t) => t.id === '2.3');
  if (t23 && t23.fits(c)) out.push(t23);
  return out;
}

/** Runs the point theorems of `registry` on `c` through the runner; `ws` may carry computations already made for `c`. */
export async function certify(c: Case, registry: readonly Theorem[], opts: RunOptions = {}): Promise<{ certificate: Certificate; workspace: Workspace }> {
  const workspace = opts.workspace ?? new Workspace(c);
  const certificate = await runCase(c, pointTheorems(c, registry), { ...opts, workspace });
  return { certificate, workspace };
}
