/**
 * σ as the construction needs it: the float function the model uses, and an enclosure of
 * σ([lo, hi]) fast enough for the d(d+1)/2 entries of the triangular block.
 *
 * The construction needs σ(t) = 0 for t ≤ 0 by the form of σ itself (relu, smooLU, a user's
 * `positive:` form), or, for a plain expression, by the activation's exact or symbolic proof.
 * Enclosures: relu is exact; smooLU t·e^(−1/t) is increasing, so its ends are bounded with the
 * outward steps of rounding.ts (one step per correctly rounded operation, two for exp), or, in
 * the O(d²) fill of the block, from the one float value by a priori bounds (smooluFill); a user's
 * form goes through the interval evaluator of its formula (symbolic/interval-eval.ts).
 */
import type { Activation } from '../../models/activation.js';
import { hull, type Interval } from '../../kernel/interval.js';
import { evalInterval } from '../../expr/interval-eval.js';
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
  /**
   * f[at] = σ(z) in float and [lo[at], hi[at]] ⊇ σ([zlo, zhi]), for zlo ≤ z ≤ zhi: the two at
   * once, which for smooLU saves two of the three exponentials (smooluFill).
   */
  fill(z: number, zlo: number, zhi: number, f: Float64Array, lo: Float64Array, hi: Float64Array, at: number): void;
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

const U = 2 ** -53;
/** Relative slack for the rounding of the small error terms themselves. */
const SLACK = 1 + 1e-12;

/**
 * smooLU at z in float, z·exp(−1/z) with the model's own operations, and an enclosure of smooLU
 * over [zlo, zhi] ∋ z derived from that one value by a priori bounds, so one exponential serves.
 *
 * Evaluation: fl(1/z) = (1/z)(1 + ε₁), exp within 1 ulp (2u relative), one product: the float
 * value s̃ satisfies s̃ = σ(z)·e^(−ε₁/z)(1 + ε₂)(1 + ε₃), |ε₁|, |ε₃| ≤ u, |ε₂| ≤ 2u, while s̃ is a
 * normal number. Spread: ln σ = ln z − 1/z has the derivative L(z) = 1/z + 1/z², decreasing in
 * z, so ln σ(zhi) − ln σ(z) ≤ (zhi − z)L(z) and ln σ(z) − ln σ(zlo) ≤ (z − zlo)L(zlo). With
 * δ_hi = u/z + (zhi − z)L(z) and δ_lo = u/z + (z − zlo)L(zlo), both below 10⁻³:
 * σ(zhi) ≤ s̃(1 + δ_hi + δ_hi² + 3.1u) and σ(zlo) ≥ s̃(1 − δ_lo − 3.1u). Outside that regime
 * (z ≤ 0.002, where e^(−1/z) nears the subnormals, or a wide argument) the ends are bounded
 * one by one (smooluLower, smooluUpper).
 */
export function smooluFill(z: number, zlo: number, zhi: number, f: Float64Array, lo: Float64Array, hi: Float64Array, at: number): void {
  if (z > 0.002 && zlo > 0.002) {
    const r = 1 / z;
    const s = z * Math.exp(-r);
    const rl = 1 / zlo;
    const dHi = (U * r + (zhi - z) * (r + r * r)) * SLACK;
    const dLo = (U * r + (z - zlo) * (rl + rl * rl)) * SLACK;
    if (s >= 2.3e-308 && dHi < 1e-3 && dLo < 1e-3) {
      f[at] = s;
      hi[at] = up(s * up(1 + up(dHi + dHi * dHi + 3.1 * U)));
      lo[at] = down(s * down(1 - up(dLo + 3.1 * U)));
      return;
    }
  }
  f[at] = z > 0 ? z * Math.exp(-1 / z) : 0;
  lo[at] = smooluLower(zlo);
  hi[at] = smooluUpper(zhi);
}

const smoolu = (act: Activation): ConstructionSigma => ({
  name: act.name,
  shape: 'smoolu',
  f: act.f,
  enclose(zlo, zhi, lo, hi, at) {
    lo[at] = smooluLower(zlo);
    hi[at] = smooluUpper(zhi);
  },
  fill: smooluFill,
});

const relu = (act: Activation): ConstructionSigma => ({
  name: act.name,
  shape: 'relu',
  f: act.f,
  enclose(zlo, zhi, lo, hi, at) {
    lo[at] = zlo > 0 ? zlo : 0;
    hi[at] = zhi > 0 ? zhi : zhi === zhi ? 0 : NaN;
  },
  fill(z, zlo, zhi, f, lo, hi, at) {
    f[at] = z > 0 ? z : 0;
    lo[at] = zlo > 0 ? zlo : 0;
    hi[at] = zhi > 0 ? zhi : zhi === zhi ? 0 : NaN;
  },
});

/** σ(t) = 0 for t ≤ 0 and g(t) for t > 0, g enclosed by the interval evaluator. */
function userForm(act: Activation, zeroBelow: boolean): ConstructionSigma {
  const g = act.formula.expr;
  const encloseG = (t: Interval): Interval => evalInterval(g, t);
  const enclose = (zlo: number, zhi: number, lo: Float64Array, hi: Float64Array, at: number): void => {
    let r: Interval;
    if (zeroBelow && zhi <= 0) r = { lo: 0, hi: 0 };
    else if (!zeroBelow || zlo > 0) r = encloseG({ lo: zlo, hi: zhi });
    else r = hull({ lo: 0, hi: 0 }, encloseG({ lo: 0, hi: zhi }));
    lo[at] = r.lo;
    hi[at] = r.hi;
  };
  const f = act.f;
  return {
    name: act.name,
    shape: 'user',
    f,
    enclose,
    fill(z, zlo, zhi, fv, lo, hi, at) {
      fv[at] = f(z);
      enclose(zlo, zhi, lo, hi, at);
    },
  };
}

/** What the activation's report proved, asked only when a plain formula needs it. */
export interface SigmaFacts {
  /** σ(t) = 0 for t ≤ 0, proven exactly or symbolically */
  readonly vanishes: () => boolean;
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
  if (act.form === 'positive') return { ok: true, sigma: userForm(act, true) };
  if (facts.vanishes()) return { ok: true, sigma: userForm(act, false) };
  return {
    ok: false,
    reason: `σ = ${act.text} is not proven to vanish on t ≤ 0, so the triangular construction does not apply`,
  };
}
