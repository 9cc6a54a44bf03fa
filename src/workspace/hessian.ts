/**
 * The Hessian of the loss at the point, in floating point, and what its spectrum is made of:
 *
 *   ∇²L = c·(2JᵀJ + R),   R = 2 Σᵣ Fᵣ ∇²fᵣ,   c = 1 (sum) or 1/d (mean).
 *
 * - The nonzero eigenvalues of 2JᵀJ are those of the (d·k) × (d·k) matrix 2JJᵀ; the other n − d·k
 *   are 0. That needs no n × n matrix at all.
 * - R is what an approximate minimum adds: tiny where F is tiny. By Weyl's inequality every
 *   eigenvalue of ∇²L lies within c·‖R‖₂ ≤ c·‖R‖_F of the matching eigenvalue of 2cJᵀJ, which is why
 *   a float spectrum at a float point of M shows eigenvalues of either sign around 0.
 * - The full spectrum of the true ∇²L (not 2JᵀJ) is computed only when the case asks for it
 *   (`check --full-spectrum`), for n up to DENSE_SPECTRUM_MAX_N: R by sparse forward-over-reverse
 *   (src/proof/sparse-hessian.ts), 2JᵀJ added row by row of J, then the symmetric eigenvalues
 *   (Householder tridiagonalisation, implicit QL). It costs O(n³); everything claimed needs
 *   only rank J and the Gram matrix, O((d·k)²·n).
 */
import { mat, symmetricEigenvalues, gramRows, EPS, type Mat } from '../numeric/linalg.js';
import type { Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import type { ProgramModel } from '../models/program-model.js';
import { residuals } from '../models/loss.js';
import { SPARSE_HESSIAN_MAX_STORE, weightedHessianSparse } from '../models/sparse-hessian.js';
import { floatAtPoint } from './jacobian.js';
import { modelOf } from './model-of.js';
import type { Workspace } from './workspace.js';

/** Largest n for which the dense spectrum of the true Hessian is computed when asked (an n × n matrix of 8n² bytes). */
export const DENSE_SPECTRUM_MAX_N = 6000;

/** How many eigenvalues are positive, zero (within a tolerance) and negative. */
export interface SpectrumCounts {
  readonly positive: number;
  readonly zero: number;
  readonly negative: number;
}

/** Eigenvalues of c·2JJᵀ (descending): the nonzero part of the spectrum of c·2JᵀJ. */
export function gaussNewtonEigenvalues(J: Mat, factor: number): Float64Array {
  const lam = symmetricEigenvalues(gramRows(J));
  const m = lam.length;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) out[i] = 2 * factor * lam[m - 1 - i]!;
  return out;
}

/** The dense spectrum of the true Hessian and what it is made of. */
export interface TrueSpectrum {
  /** eigenvalues of ∇²L, ascending */
  readonly eigenvalues: Float64Array;
  /** counts as positive / negative beyond ±tol */
  readonly tol: number;
  readonly counts: SpectrumCounts;
  /** ‖c·R‖_F and max |c·Rᵢⱼ|, R = 2ΣFᵣ∇²fᵣ */
  readonly residualTerm: { readonly frobenius: number; readonly maxAbs: number };
  /**
   * max |λᵢ(∇²L) − λᵢ(c·2JᵀJ)| over the sorted computed spectra: at most ‖c·R‖₂ ≤ ‖c·R‖_F in exact
   * arithmetic (Weyl), plus the eigen solver's rounding, about n·ε·max|λ|
   */
  readonly deviationFromGaussNewton: number;
  /** eigenvalues of c·2JJᵀ, descending */
  readonly gaussNewton: Float64Array;
  /** milliseconds: R, adding 2JᵀJ, eigenvalues */
  readonly ms: { readonly residualTerm: number; readonly gaussNewtonTerm: number; readonly eigenvalues: number };
}

function hasProgram(m: Model): m is ProgramModel {
  return 'program' in m;
}

/**
 * The spectrum of the true Hessian of factor·Σ Fᵣ² at w, n × n dense. `J` may be passed in when
 * it is already known. Throws RangeError beyond `maxN` parameters.
 */
export function trueHessianSpectrum(
  model: Model,
  w: Float64Array,
  data: Data,
  opts: { readonly factor?: number; readonly J?: Mat; readonly maxN?: number; readonly progress?: (fraction: number, message?: string) => void } = {},
): TrueSpectrum {
  const n = model.n;
  const maxN = opts.maxN ?? DENSE_SPECTRUM_MAX_N;
  if (n > maxN) throw new RangeError(`the dense spectrum needs an ${n} × ${n} matrix; the limit is n ≤ ${maxN}`);
  const factor = opts.factor ?? 1;
  const F = residuals(model, w, data);
  const J = opts.J ?? mat(F.length, n, model.jacobian(w, data.x));
  const c = Float64Array.from(F, (f) => 2 * f);

  // R = Σ 2Fᵣ ∇²fᵣ (symmetric), then scaled.
  const t0 = performance.now();
  const sparse = hasProgram(model) && data.x.length * model.program.size <= SPARSE_HESSIAN_MAX_STORE;
  const H = sparse
    ? weightedHessianSparse(model.program, w, data.x, c, opts.progress ? (f) => opts.progress!(0.5 * f, 'residual term 2ΣFᵣ∇²fᵣ') : undefined)
    : denseWeightedHessian(model, w, data, c);
  let frob = 0;
  let maxAbs = 0;
  for (let i = 0; i < H.length; i++) {
    const v = factor * H[i]!;
    H[i] = v;
    frob += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  frob = Math.sqrt(frob);
  const t1 = performance.now();

  // + c·2JᵀJ into the lower triangle: entry (p, q) is the dot product of columns p and q of J,
  // over the rows where both can be nonzero (each column's first to last nonzero row), so a
  // triangular pattern in J (as at the construction, where unit j is silent on earlier inputs)
  // halves the work. Columns are copied out contiguous first.
  addGaussNewton(H, J, 2 * factor);
  const t2 = performance.now();
  opts.progress?.(0.6, 'eigenvalues');
  const eigenvalues = symmetricEigenvalues(mat(n, n, H));
  const t3 = performance.now();
  opts.progress?.(1);

  let scale = 0;
  for (const v of eigenvalues) scale = Math.max(scale, Math.abs(v));
  const tol = n * EPS * scale;
  const counts = countSpectrum(eigenvalues, tol);
  const gaussNewton = gaussNewtonEigenvalues(J, factor);
  // The spectrum of c·2JᵀJ sorted ascending: n − rows zeros, then the Gram eigenvalues.
  const predicted = new Float64Array(n);
  for (let i = 0; i < gaussNewton.length && i < n; i++) predicted[n - 1 - i] = gaussNewton[i]!;
  predicted.sort();
  let deviation = 0;
  for (let i = 0; i < n; i++) deviation = Math.max(deviation, Math.abs(eigenvalues[i]! - predicted[i]!));
  return {
    eigenvalues,
    tol,
    counts,
    residualTerm: { frobenius: frob, maxAbs },
    deviationFromGaussNewton: deviation,
    gaussNewton,
    ms: { residualTerm: t1 - t0, gaussNewtonTerm: t2 - t1, eigenvalues: t3 - t2 },
  };
}

/** H (lower triangle) += scale·JᵀJ, by column dot products over the overlap of nonzero rows. */
export function addGaussNewton(H: Float64Array, J: Mat, scale: number): void {
  const { rows, cols: n, data } = J;
  const Jt = new Float64Array(n * rows);
  const lo = new Int32Array(n).fill(rows);
  const hi = new Int32Array(n).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < n; p++) {
      const v = data[r * n + p]!;
      Jt[p * rows + r] = v;
      if (v !== 0) {
        if (r < lo[p]!) lo[p] = r;
        hi[p] = r;
      }
    }
  }
  for (let p = 0; p < n; p++) {
    const lp = lo[p]!;
    const hp = hi[p]!;
    if (hp < 0) continue;
    const bp = p * rows;
    const rowH = p * n;
    for (let q = 0; q <= p; q++) {
      const a = Math.max(lp, lo[q]!);
      const b = Math.min(hp, hi[q]!);
      if (a > b) continue;
      const bq = q * rows;
      let s0 = 0;
      let s1 = 0;
      let r = a;
      for (; r < b; r += 2) {
        s0 += Jt[bp + r]! * Jt[bq + r]!;
        s1 += Jt[bp + r + 1]! * Jt[bq + r + 1]!;
      }
      if (r === b) s0 += Jt[bp + r]! * Jt[bq + r]!;
      H[rowH + q]! += scale * (s0 + s1);
    }
  }
}

function denseWeightedHessian(model: Model, w: Float64Array, data: Data, c: Float64Array): Float64Array {
  const n = model.n;
  const H = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e[j] = 1;
    H.set(model.weightedHessianVector(w, data.x, c, e), j * n);
    e[j] = 0;
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  return H;
}

/** Positive / zero / negative counts of a spectrum with |λ| ≤ tol counted as 0. */
export function countSpectrum(eigenvalues: ArrayLike<number>, tol: number): SpectrumCounts {
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const v = eigenvalues[i]!;
    if (v > tol) positive++;
    else if (v < -tol) negative++;
  }
  return { positive, zero: eigenvalues.length - positive - negative, negative };
}

/**
 * The d·k nonzero eigenvalues of the Hessian c·2JᵀJ at the float point, descending, as
 * 2c·λ(JJᵀ) from the (d·k) × (d·k) Gram matrix; once per workspace. Undefined without a point or
 * a square loss.
 */
export function gaussNewtonSpectrumAt(ws: Workspace): Float64Array | undefined {
  return ws.memo('at-point:gauss-newton-spectrum', () => {
    const at = floatAtPoint(ws);
    const factor = squareLossFactor(ws);
    if (at === undefined || factor === undefined) return undefined;
    return gaussNewtonEigenvalues(at.J, factor);
  });
}

/** The loss's factor on Σ Fᵣ²: 1 for sum (and power 2), 1/d for mean. */
export function squareLossFactor(ws: Workspace): number | undefined {
  const l = ws.case_.loss;
  switch (l.kind) {
    case 'sum':
      return 1;
    case 'mean':
      return 1 / ws.case_.data.d;
    case 'power':
      return l.a === 2 ? 1 : undefined;
    case 'abs':
      return undefined;
  }
}

/** The reason the dense spectrum is left out when the case does not ask for it. */
export const FULL_SPECTRUM_NOT_ASKED = 'not asked for (check --full-spectrum computes it)';

/**
 * The case's spectrum at its point, once per workspace, when the case asks for it
 * (`fullSpectrum`); a reason instead where it is not computed.
 */
export function trueSpectrumAt(
  ws: Workspace,
  progress?: (fraction: number, message?: string) => void,
): TrueSpectrum | { readonly skipped: string } {
  return ws.memo('at-point:true-hessian-spectrum', () => {
    if (ws.case_.fullSpectrum !== true) return { skipped: FULL_SPECTRUM_NOT_ASKED };
    const at = floatAtPoint(ws);
    if (at === undefined) return { skipped: 'no point' };
    const factor = squareLossFactor(ws);
    if (factor === undefined) return { skipped: 'the loss is not the square loss' };
    const model = modelOf(ws);
    if (model.n > DENSE_SPECTRUM_MAX_N) {
      return { skipped: `n = ${model.n} > ${DENSE_SPECTRUM_MAX_N}: the dense n × n matrix would take ${((8 * model.n * model.n) / 2 ** 30).toFixed(1)} GB` };
    }
    const c = ws.case_;
    return trueHessianSpectrum(model, at.w, { x: c.data.x, y: c.data.y }, { factor, J: at.J, progress });
  });
}
