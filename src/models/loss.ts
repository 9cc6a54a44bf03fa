/**
 * The sum loss L(w) = Σ_r F_r(w)², F = f − y (sample-major, r = i·k + o), and its derivatives:
 *   ∇L = 2 JᵀF,   ∇²L = 2 JᵀJ + 2 Σ_r F_r ∇²f_r.
 * Other losses (mean, abs, power) are scalings or compositions of F that their theorems handle.
 */
import { mat, matTvec, matvec } from '../numeric/linalg.js';
import type { ProgramModel } from './program-model.js';
import type { Model } from './types.js';

/** Inputs and targets: d rows of m numbers, d rows of k numbers. */
export interface Data {
  readonly x: readonly Float64Array[];
  readonly y: readonly Float64Array[];
}

/** Largest n for which hessianLoss forms the n × n matrix. */
export const MAX_HESSIAN_N = 4000;

function hasKernels(model: Model): model is ProgramModel {
  const p = model as Partial<ProgramModel>;
  return typeof p.jvp === 'function' && typeof p.vjp === 'function' && typeof p.weightedHessian === 'function';
}

/** F = f(w, xᵢ) − yᵢ, sample-major (d·k numbers). */
export function residuals(model: Model, w: Float64Array, data: Data): Float64Array {
  const { k } = model;
  if (data.x.length !== data.y.length) throw new RangeError(`${data.x.length} inputs but ${data.y.length} targets`);
  const F = model.outputs(w, data.x);
  data.y.forEach((y, i) => {
    if (y.length !== k) throw new RangeError(`target ${i} has ${y.length} numbers, expected ${k}`);
    for (let o = 0; o < k; o++) F[i * k + o]! -= y[o]!;
  });
  return F;
}

/** L = Σ F_r². */
export function lossValue(F: Float64Array): number {
  let s = 0;
  for (let r = 0; r < F.length; r++) s += F[r]! * F[r]!;
  return s;
}

/** ∇L = 2 JᵀF (by one reverse sweep per sample when the model has them). */
export function gradLoss(model: Model, w: Float64Array, data: Data): Float64Array {
  const F = residuals(model, w, data);
  for (let r = 0; r < F.length; r++) F[r]! *= 2;
  return hasKernels(model) ? model.vjp(w, data.x, F) : matTvec(mat(F.length, model.n, model.jacobian(w, data.x)), F);
}

/** ∇²L v = 2 Jᵀ(Jv) + 2 Σ_r F_r ∇²f_r v, without forming J or the Hessian. */
export function hessianVectorLoss(model: Model, w: Float64Array, data: Data, v: Float64Array): Float64Array {
  if (v.length !== model.n) throw new RangeError(`v has length ${v.length}, expected ${model.n}`);
  const F = residuals(model, w, data);
  for (let r = 0; r < F.length; r++) F[r]! *= 2;
  let first: Float64Array;
  if (hasKernels(model)) {
    const Jv = model.jvp(w, data.x, v);
    first = model.vjp(w, data.x, Jv);
  } else {
    const J = model.jacobian(w, data.x);
    const Jm = mat(F.length, model.n, J);
    first = matTvec(Jm, matvec(Jm, v));
  }
  const second = model.weightedHessianVector(w, data.x, F, v);
  for (let p = 0; p < model.n; p++) first[p] = 2 * first[p]! + second[p]!;
  return first;
}

/**
 * ∇²L as an n × n row-major matrix: 2JᵀJ + 2Σ F_r ∇²f_r. The second term comes column by column
 * from forward-over-reverse and is symmetric only up to rounding; the result is symmetrised,
 * (H + Hᵀ)/2. Refuses n > MAX_HESSIAN_N with a RangeError (use hessianVectorLoss instead).
 */
export function hessianLoss(model: Model, w: Float64Array, data: Data): Float64Array {
  const { n } = model;
  if (n > MAX_HESSIAN_N) {
    throw new RangeError(`hessianLoss: n = ${n} parameters exceeds ${MAX_HESSIAN_N}; use hessianVectorLoss`);
  }
  const F = residuals(model, w, data);
  for (let r = 0; r < F.length; r++) F[r]! *= 2;
  let H: Float64Array;
  if (hasKernels(model)) {
    H = model.weightedHessian(w, data.x, F);
  } else {
    H = new Float64Array(n * n);
    const e = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      e[j] = 1;
      H.set(model.weightedHessianVector(w, data.x, F, e), j * n);
      e[j] = 0;
    }
  }
  // + 2 JᵀJ, accumulated row by row of J (rank-one updates), upper triangle then mirrored.
  const J = model.jacobian(w, data.x);
  const rows = F.length;
  const G = new Float64Array(n * n);
  for (let r = 0; r < rows; r++) {
    const row = r * n;
    for (let p = 0; p < n; p++) {
      const jp = J[row + p]!;
      if (jp === 0) continue;
      const gp = p * n;
      for (let q = p; q < n; q++) G[gp + q]! += jp * J[row + q]!;
    }
  }
  for (let p = 0; p < n; p++) {
    for (let q = p; q < n; q++) {
      const s = 2 * G[p * n + q]! + 0.5 * (H[p * n + q]! + H[q * n + p]!);
      H[p * n + q] = s;
      H[q * n + p] = s;
    }
  }
  return H;
}
