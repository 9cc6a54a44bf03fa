import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { certificateOf } from './helpers.js';

type Path = readonly (string | number)[];
type Node = Record<string | number, unknown>;

/**
 * Certificates at regular points of M, where every weight and datum enters F or J: changing any
 * of them makes some claim false (at a critical point, some changes leave the certificate true;
 * see the last test).
 */
const REGULAR = ['xor', 'product-generic', 'product-perturbed', 'sphere-cylinder', 'two-outputs', 'two-outputs-mean', 'dag-skip', 'deep-smoolu', 'dag-layer', 'relu-not-smooth', 'parity3', 'product-abs'];

/** The numbers a mutation may hit: every weight, every datum, every number in a result's claims. */
function numberPaths(cert: Node): Path[] {
  const paths: Path[] = [];
  const point = cert.point as { values: number[] } | null;
  point?.values.forEach((_, i) => paths.push(['point', 'values', i]));
  const data = (cert.input as { data: { x: unknown[][]; y: unknown[] } }).data;
  data.x.forEach((row, i) => row.forEach((_, j) => paths.push(['input', 'data', 'x', i, j])));
  data.y.forEach((row, i) => (Array.isArray(row) ? row.forEach((_, j) => paths.push(['input', 'data', 'y', i, j])) : paths.push(['input', 'data', 'y', i])));
  const walk = (v: unknown, p: Path): void => {
    if (typeof v === 'number') paths.push(p);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  (cert.results as { claims: unknown }[]).forEach((r, i) => walk(r.claims, ['results', i, 'claims']));
  return paths;
}

function mutate(cert: Node, path: Path, sign: 1 | -1, scale: number): void {
  let o = cert as Node;
  for (const k of path.slice(0, -1)) o = o[k] as Node;
  const last = path[path.length - 1]!;
  const raw = o[last];
  const v = typeof raw === 'string' ? Number(raw) : (raw as number);
  // a claimed count moves by a whole unit; a weight or datum by a relative amount
  o[last] = path[0] === 'results' && Number.isInteger(v) ? v + sign * Math.max(1, Math.round(scale * 1000)) : v + sign * scale * Math.max(1, Math.abs(v));
}

describe('verify rejects a certificate with any one number changed', () => {
  it('a weight, a datum or a claimed number, changed by 10⁻⁶ to 1 (relative): rejected, naming the failing check', async () => {
    const certs = new Map<string, Node>();
    for (const name of REGULAR) certs.set(name, await certificateOf(name));
    const cases = fc.constantFrom(...REGULAR).chain((name) =>
      fc.record({
        name: fc.constant(name),
        path: fc.constantFrom(...numberPaths(certs.get(name)!)),
        sign: fc.constantFrom<1 | -1>(1, -1),
        scale: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(cases, ({ name, path, sign, scale }) => {
        const c = structuredClone(certs.get(name)!);
        mutate(c, path, sign, scale);
        const r = verifyCertificate(c);
        expect(r.failed, `${name}: ${path.join('.')} changed, and the certificate still verifies`).toBeDefined();
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('every number of the XOR certificate, each changed both ways by 10⁻³', async () => {
    const base = await certificateOf('xor');
    for (const path of numberPaths(base)) {
      for (const sign of [1, -1] as const) {
        const c = structuredClone(base);
        mutate(c, path, sign, 1e-3);
        expect(verifyCertificate(c).failed, path.join('.')).toBeDefined();
      }
    }
  });

  it('a changed theorem verdict, step verdict or rigor is rejected', async () => {
    const base = await certificateOf('product-perturbed');
    const results = base.results as { verdict: string; steps: { verdict: string; rigor: string }[] }[];
    const edits: ((c: typeof results) => void)[] = [
      (c) => (c[0]!.verdict = 'supported'),
      (c) => (c[0]!.steps[4]!.verdict = 'unknown'),
      (c) => (c[0]!.steps[5]!.rigor = 'exact'),
    ];
    for (const edit of edits) {
      const c = structuredClone(base);
      edit(c.results as typeof results);
      expect(verifyCertificate(c).failed).toBeDefined();
    }
  });

  it('at a critical point a change that keeps every claim true is accepted: verify re-checks, it does not authenticate', async () => {
    // w = 0 with all targets 0: a small first-layer bias keeps f ≡ 0, J and its rank unchanged
    const c = await certificateOf('mlp-zero-critical');
    mutate(c, ['point', 'values', 3], -1, 1e-3);
    expect(verifyCertificate(c).failed).toBeUndefined();
  });
});
