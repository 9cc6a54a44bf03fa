/**
 * σ as the construction needs it: the float function the model uses, and an enclosure of
 * σ([lo, hi]) fast enough for the d(d+1)/2 entries of the triangular block.
 *
 * The construction needs σ(t) = 0 for t ≤ 0 by the form of σ itself (relu, smooLU, a user's
 * `positive:` form), or, for a plain expression, by the activation's exact or symbolic proof.
 * Enclosures: relu is exact; smooLU t·e^(−1/t) is increasing, so its ends are bounded with the
 * outward steps of rounding.ts (one step per correctly rounded operation, two for exp); a user's
 * form goes through the interval evaluator of its formula (symbolic/interval-eval.ts).
 */
import type { Activation } from '../../models/activation.js';
import { hull, type Interval } from '../../numeric/interval.js';
import { evalInterval } from '../../symbolic/interval-eval.js';
import * as rounding from './rounding.js';

// Bound once here: a transpiler's live-binding getters (tsx) would keep V8 from inlining these
// in the O(d²) loops, a tenfold slowdown.
const { down, down2, up, up2 } = rounding;

/** How the construction chooses its scale and biases for σ (see plan.ts). */
export type SigmaShape = 'relu' | 'smoolu' | 'user';

export interface ConstructionSigma {
  readonly name: string;
  readonly shape: SigmaShape;
  /** σ in float, the model's own kernel */
  readonly f: (t: number) => number;
  /**
   * An enclosure of {σ(z) : z ∈ [zlo, zhi]}, written to lo[at] and hi[at]. Allocation-free for
   * the built-ins: it runs once per entry of the triangular block.
   */
  enclose(zlo: number, zhi: number, lo: Float64Array, hi: Float64Array, at: number): void;
  /** whether σ is known to be increasing on t > 0 (relu, smooLU; a user's form when its report proves it) */
  readonly increasingByForm: boolean;
}

/** A lower bound of smooLU(z) = z·e^(−1/z) at the float z. */
export function smooluLower(z: number): number {
  if (!(z > 0)) return 0;
  const r = up(1 / z);
  const e = down2(Math.exp(-r));
  if (!(e > 0)) return 0;
  const p = down(z * e);
  return p > 0 ? p : 0;
}

/** An upper bound of smooLU(z) at the float z. */
export function smooluUpper(z: number): number {
  if (!(z > 0)) return z === z ? 0 : NaN;
  if (z === Infinity) return Infinity;
  let r = down(1 / z);
  if (r < 0) r = 0;
  const e = up2(Math.exp(-r));
  return up(z * (e < 1 ? e : 1));
}

const smoolu = (act: Activation): ConstructionSigma => ({
  name: act.name,
  shape: 'smoolu',
  f: act.f,
  increasingByForm: true,
  enclose(zlo, zhi, lo, hi, at) {
    lo[at] = smooluLower(zlo);
    hi[at] = smooluUpper(zhi);
  },
});

const relu = (act: Activation): ConstructionSigma => ({
  name: act.name,
  shape: 'relu',
  f: act.f,
  increasingByForm: true,
  enclose(zlo, zhi, lo, hi, at) {
    lo[at] = zlo > 0 ? zlo : 0;
    hi[at] = zhi > 0 ? zhi : zhi === zhi ? 0 : NaN;
  },
});

/** σ(t) = 0 for t ≤ 0 and g(t) for t > 0, g enclosed by the interval evaluator. */
function userForm(act: Activation, zeroBelow: boolean, increasing: boolean): ConstructionSigma {
  const g = act.formula.expr;
  const encloseG = (t: Interval): Interval => evalInterval(g, t);
  return {
    name: act.name,
    shape: 'user',
    f: act.f,
    increasingByForm: increasing,
    enclose(zlo, zhi, lo, hi, at) {
      let r: Interval;
      if (zeroBelow && zhi <= 0) r = { lo: 0, hi: 0 };
      else if (!zeroBelow || zlo > 0) r = encloseG({ lo: zlo, hi: zhi });
      else r = hull({ lo: 0, hi: 0 }, encloseG({ lo: 0, hi: zhi }));
      lo[at] = r.lo;
      hi[at] = r.hi;
    },
  };
}

/** What the activation's report proved, asked only when a user's form needs it. */
export interface SigmaFacts {
  /** σ(t) = 0 for t ≤ 0, proven exactly or symbolically */
  readonly vanishes: () => boolean;
  /** σ strictly increasing on t > 0, proven */
  readonly increasing: () => boolean;
}

/**
 * The construction's view of `act`, or the reason the construction cannot use it. A plain
 * expression is accepted only when its report proves that σ(t) = 0 for t ≤ 0 (exact or
 * symbolic): the zeros above the diagonal rest on it.
 */
export function constructionSigma(
  act: Activation,
  facts: SigmaFacts,
): { readonly ok: true; readonly sigma: ConstructionSigma } | { readonly ok: false; readonly reason: string } {
  if (act.form === 'builtin') {
    if (act.name === 'smoolu') return { ok: true, sigma: smoolu(act) };
    if (act.name === 'relu') return { ok: true, sigma: relu(act) };
    return { ok: false, reason: `σ = ${act.name} does not vanish on t ≤ 0, so the triangular construction does not apply` };
  }
  if (act.form === 'positive') return { ok: true, sigma: userForm(act, true, facts.increasing()) };
  if (facts.vanishes()) return { ok: true, sigma: userForm(act, false, facts.increasing()) };
  return {
    ok: false,
    reason: `σ = ${act.text} is not proven to vanish on t ≤ 0, so the triangular construction does not apply`,
  };
}
