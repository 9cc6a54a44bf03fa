/**
 * The linear algebra of moving along M = F⁻¹(0), all through the (d·k) × (d·k) Gram matrix
 * G = JJᵀ and its Cholesky factor, never an n × n matrix:
 *
 *   tangent projection   P v = v − Jᵀ G⁻¹ J v        (onto ker J, the tangent space of M)
 *   Gauss–Newton step    δ = −Jᵀ G⁻¹ F = −J⁺F         (the minimum-norm step to the linearised M)
 *   float rank of J      from the eigenvalues of G: σⱼ = √λⱼ(G)
 *
 * These are the exact formulas where J has full row rank (then J⁺ = Jᵀ(JJᵀ)⁻¹); where it does
 * not, the Cholesky factorisation fails and the caller hears so, as a value.
 */
import { residuals, type Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import {
  EPS,
  cholesky,
  choleskySolve,
  defaultRankTol,
  gramRows,
  mat,
  matTvec,
  matvec,
  numericalRank,
  symmetricEigenvalues,
  type Mat,
} from '../numeric/linalg.js';

/** F, J, G = JJᵀ and G's Cholesky factor at one point (the factor is undefined when G is not numerically positive definite). */
export interface Linearization {
  readonly w: Float64Array;
  readonly F: Float64Array;
  readonly J: Mat;
  readonly G: Mat;
  readonly chol: Mat | undefined;
}

export function linearize(model: Model, data: Data, w: Float64Array): Linearization {
  const F = residuals(model, w, data);
  const J = mat(F.length, model.n, model.jacobian(w, data.x));
  const G = gramRows(J);
  const ch = cholesky(G);
  return { w, F, J, G, chol: ch.ok ? ch.l : undefined };
}

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < v.length; i++) scale = Math.max(scale, Math.abs(v[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i]! / scale) ** 2;
  return scale * Math.sqrt(s);
}

/** max |vᵢ|. */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/** ‖a − b‖. */
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i]! - b[i]!;
  return norm(d);
}

/** Jᵀ G⁻¹ u: the minimum-norm solution δ of J δ = u. */
export function minimumNormSolve(J: Mat, chol: Mat, u: ArrayLike<number>): Float64Array {
  return matTvec(J, choleskySolve(chol, u));
}

/**
 * P v = v − Jᵀ G⁻¹ J v, the orthogonal projection of v onto ker J. Applied twice: one pass
 * leaves a component along the rows of J of relative size about ε·cond(G); the second removes
 * it (as in Gram–Schmidt with reorthogonalisation).
 */
export function projectOntoKernel(J: Mat, chol: Mat, v: ArrayLike<number>): Float64Array {
  let t = Float64Array.from(v);
  for (let pass = 0; pass < 2; pass++) {
    const c = minimumNormSolve(J, chol, matvec(J, t));
    const next = new Float64Array(t.length);
    for (let i = 0; i < t.length; i++) next[i] = t[i]! - c[i]!;
    t = next;
  }
  return t;
}

/** The singular values of J read off G = JJᵀ, and the float rank they give. */
export interface GramSpectrum {
  /** σ₁ ≥ σ₂ ≥ … ≥ σ_{d·k}, √ of G's eigenvalues (negative rounding clamped to 0) */
  readonly sigma: Float64Array;
  readonly sigmaMax: number;
  readonly sigmaMin: number;
  /** singular values ≤ tol count as 0 */
  readonly tol: number;
  readonly rank: number;
}

/**
 * The float rank of J from the eigenvalues of G. An eigenvalue of G carries an absolute error
 * of about rows·ε·σ_max², so σ below √(rows·ε)·σ_max cannot be told from 0 this way: that is the
 * tolerance (as src/proof/at-point.ts uses for the Gram route), or the LAPACK-style
 * max(rows, n)·ε·σ_max when that is larger.
 */
export function gramSpectrum(G: Mat, n: number): GramSpectrum {
  const rows = G.rows;
  const lam = symmetricEigenvalues(G);
  const sigma = new Float64Array(rows);
  for (let i = 0; i < rows; i++) sigma[i] = Math.sqrt(Math.max(0, lam[rows - 1 - i]!));
  const sigmaMax = sigma[0] ?? 0;
  const sigmaMin = rows > 0 ? sigma[rows - 1]! : 0;
  const tol = Math.max(defaultRankTol(sigmaMax, rows, n), Math.sqrt(rows * EPS) * sigmaMax);
  return { sigma, sigmaMax, sigmaMin, tol, rank: numericalRank(sigma, tol) };
}

export interface ProjectionOptions {
  /** converged when max |Fᵣ| ≤ tol */
  readonly tol: number;
  /** Gauss–Newton iterations before giving up (default 8) */
  readonly maxIterations?: number;
}

export type Projection =
  | {
      readonly ok: true;
      /** the point on M (to tol), with F, J, G there */
      readonly at: Linearization;
      /** Gauss–Newton iterations until max |Fᵣ| ≤ tol (the polishing ones not counted) */
      readonly iterations: number;
      /** ‖w_end − w_start‖: how far the projection moved the point */
      readonly moved: number;
    }
  | { readonly ok: false; readonly reason: string; readonly iterations: number };

/**
 * Projects w onto M by minimum-norm Gauss–Newton steps w ← w − Jᵀ(JJᵀ)⁻¹F(w) until
 * max |Fᵣ| ≤ tol, then at most two more while ‖F‖ still falls (to land at rounding level).
 * Near a regular point of M this is Newton's method for the underdetermined system F = 0:
 * quadratic convergence, and the limit is (to second order) the point of M nearest to w.
 */
export function projectOntoM(model: Model, data: Data, w0: Float64Array, opts: ProjectionOptions): Projection {
  const maxIterations = opts.maxIterations ?? 8;
  let at = linearize(model, data, w0);
  let iterations = 0;
  let polish = 0;
  for (;;) {
    const size = norm(at.F);
    if (!Number.isFinite(size)) return { ok: false, reason: 'the residual is not finite', iterations };
    if (maxAbs(at.F) <= opts.tol) {
      // On M to tolerance; a rank-deficient J here is the caller's finding, not a failure to project.
      if (polish >= 2 || at.chol === undefined) break;
      polish++;
    } else {
      if (iterations >= maxIterations) {
        return { ok: false, reason: `max |Fᵣ| = ${maxAbs(at.F).toExponential(2)} > ${opts.tol.toExponential(2)} after ${iterations} Gauss–Newton steps`, iterations };
      }
      if (at.chol === undefined) return { ok: false, reason: 'JJᵀ is not positive definite (J lost rank)', iterations };
      iterations++;
    }
    const step = minimumNormSolve(at.J, at.chol!, at.F);
    const w = new Float64Array(at.w.length);
    for (let i = 0; i < w.length; i++) w[i] = at.w[i]! - step[i]!;
    const next = linearize(model, data, w);
    if (polish > 0 && !(norm(next.F) < size)) break; // polishing stopped helping: keep the better point
    at = next;
  }
  return { ok: true, at, iterations, moved: distance(at.w, w0) };
}

/** Where Gauss–Newton settles from a point near M. */
export interface Settled {
  readonly at: Linearization;
  /** max |Fᵣ| where ‖F‖ stopped falling: the rounding floor near this point when it started near M */
  readonly residual: number;
  /** ‖w_settled − w_start‖ */
  readonly moved: number;
  readonly iterations: number;
}

/**
 * Minimum-norm Gauss–Newton steps from w for as long as they lower ‖F‖ (at most `maxIterations`):
 * from a point near M this lands on M as far as rounding allows, and the residual left is the
 * rounding floor there, which grows with the size of the weights.
 */
export function settleOntoM(model: Model, data: Data, w0: Float64Array, maxIterations = 8): Settled {
  let at = linearize(model, data, w0);
  let iterations = 0;
  while (iterations < maxIterations && at.chol !== undefined) {
    const step = minimumNormSolve(at.J, at.chol, at.F);
    const w = new Float64Array(at.w.length);
    for (let i = 0; i < w.length; i++) w[i] = at.w[i]! - step[i]!;
    const next = linearize(model, data, w);
    if (!(norm(next.F) < norm(at.F))) break;
    at = next;
    iterations++;
  }
  return { at, residual: maxAbs(at.F), moved: distance(at.w, w0), iterations };
}
