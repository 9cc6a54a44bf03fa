/**
 * The losses of SPEC.md as functions of the residuals, and the loss along a line through the
 * point across M (Remark 2.2's evidence):
 *
 *   sum Σ Fᵣ²,   mean (1/d) Σ Fᵣ²,   abs Σ |Fᵣ|,   power Σ |Fᵣ|^a (a ≥ 1).
 *
 * Every one is Σ g(Fᵣ) with g(0) = 0 and g(s) > 0 for s ≠ 0, so all have the zero set M.
 * The line: w + t·u with u the unit vector along Jᵀs, JJᵀs = 1 (the minimum-norm direction that
 * moves every residual at one rate κ), so Fᵣ(w + tu) ≈ Fᵣ(w) + κt and the loss behaves like
 * |κt|^a near t = 0: a kink for a = 1, a parabola for a = 2, flat to second order for a > 2.
 */
import type { Case, LossSpec } from '../../src/cases/types.js';
import { residuals, type Data } from '../../src/models/loss.js';
import type { Model } from '../../src/models/types.js';
import { cholesky, choleskySolve, gramRows, matTvec, type Mat } from '../../src/numeric/linalg.js';

/** The loss in words and formula. */
export function lossText(l: LossSpec): string {
  switch (l.kind) {
    case 'sum':
      return 'Σ Fᵣ²';
    case 'mean':
      return '(1/d) Σ Fᵣ²';
    case 'abs':
      return 'Σ |Fᵣ|';
    case 'power':
      return `Σ |Fᵣ|^${l.a}`;
  }
}

/** The exponent a of Σ|Fᵣ|^a (2 for sum and mean). */
export function lossExponent(l: LossSpec): number {
  return l.kind === 'abs' ? 1 : l.kind === 'power' ? l.a : 2;
}

/** The loss's value at residuals F (d samples). */
export function lossOf(l: LossSpec, F: ArrayLike<number>, d: number): number {
  const a = lossExponent(l);
  let s = 0;
  for (let i = 0; i < F.length; i++) {
    const v = Math.abs(F[i]!);
    s += a === 2 ? v * v : a === 1 ? v : Math.pow(v, a);
  }
  return l.kind === 'mean' ? s / d : s;
}

/** A unit direction across M at the point, and the rate κ at which it moves the residuals. */
export interface LineAcross {
  readonly u: Float64Array;
  /** |J u| per residual when every residual moves equally; otherwise ‖Ju‖∞ */
  readonly rate: number;
  readonly how: string;
}

/** The direction u ∝ Jᵀ(JJᵀ)⁻¹1 across M at the point (or a fallback where JJᵀ is singular). */
export function lineAcross(J: Mat): LineAcross {
  const rows = J.rows;
  const ones = new Float64Array(rows).fill(1);
  const ch = cholesky(gramRows(J));
  let v: Float64Array;
  let how: string;
  if (ch.ok) {
    v = matTvec(J, choleskySolve(ch.l, ones));
    how = 'u ∝ Jᵀ(JJᵀ)⁻¹1: every residual moves at the same rate';
  } else {
    v = matTvec(J, ones);
    how = 'u ∝ Jᵀ1 (JJᵀ is singular here)';
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm)) {
    const u = new Float64Array(J.cols);
    u[0] = 1;
    return { u, rate: 0, how: 'u = e₁ (J = 0 here: no direction moves the residuals to first order)' };
  }
  const u = Float64Array.from(v, (x) => x / norm);
  // J u, its largest entry is the rate
  let rate = 0;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let p = 0; p < J.cols; p++) s += J.data[r * J.cols + p]! * u[p]!;
    rate = Math.max(rate, Math.abs(s));
  }
  return { u, rate, how };
}

/** The loss along a line across M. */
export interface Profile {
  /** t values, ascending, symmetric around 0 */
  readonly t: readonly number[];
  /** the case's loss along the line */
  readonly loss: readonly number[];
  /** the square loss Σ Fᵣ² along the same line, for comparison */
  readonly square: readonly number[];
  /** the half-width h of the window */
  readonly h: number;
  /** the exponent p in loss(t) − loss(0) ≈ C|t|^p, fitted at small |t| (each side) */
  readonly exponent: { readonly left: number; readonly right: number };
  /** one-sided slopes (loss(±t) − loss(0))/t at the smallest t used */
  readonly slopes: { readonly left: number; readonly right: number; readonly at: number };
}

/**
 * The loss of the case along w + t·u for |t| ≤ h, with h chosen so the residuals move by about
 * 1% of the targets' scale, and the exponent of its growth fitted on t = h·2⁻ʲ.
 */
export function profileAcross(c: Case, model: Model, w: Float64Array, line: LineAcross, samples = 41): Profile {
  const data: Data = { x: c.data.x, y: c.data.y };
  let scale = 1;
  for (const row of c.data.y) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const h = line.rate > 0 ? (0.01 * scale) / line.rate : 0.01;
  const at = (t: number): { loss: number; square: number } => {
    const p = Float64Array.from(w, (v, i) => v + t * line.u[i]!);
    const F = residuals(model, p, data);
    return { loss: lossOf(c.loss, F, c.data.d), square: lossOf({ kind: 'sum' }, F, c.data.d) };
  };
  const t: number[] = [];
  const loss: number[] = [];
  const square: number[] = [];
  const half = Math.floor(samples / 2);
  for (let j = -half; j <= half; j++) {
    const tj = (h * j) / half;
    const v = at(tj);
    t.push(tj);
    loss.push(v.loss);
    square.push(v.square);
  }
  const base = at(0).loss;
  // Growth exponent from doubling: p ≈ log₂(Δ(2s)/Δ(s)), Δ(s) = loss(s) − loss(0), on both sides,
  // at the smallest scale where Δ still stands well above the rounding of the loss.
  const fit = (sign: 1 | -1): number => {
    const est: number[] = [];
    let prev: number | undefined;
    for (let j = 0; j <= 12; j++) {
      const s = sign * h * 2 ** -j;
      const delta = at(s).loss - base;
      if (!(delta > 1e-9 * Math.max(base, 1e-300) + 1e-280) || !Number.isFinite(delta)) break;
      if (prev !== undefined) est.push(Math.log2(prev / delta));
      prev = delta;
    }
    return est.length === 0 ? NaN : est[est.length - 1]!;
  };
  const small = h * 2 ** -8;
  return {
    t,
    loss,
    square,
    h,
    exponent: { left: fit(-1), right: fit(1) },
    slopes: { left: (at(-small).loss - base) / -small, right: (at(small).loss - base) / small, at: small },
  };
}
