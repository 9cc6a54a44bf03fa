/**
 * `point: trained`: the weights of a network trained elsewhere (ONNX or safetensors). Its loss
 * is small, not zero, so the point is first polished by minimum-norm Gauss–Newton,
 * w ← w − Jᵀ(JJᵀ)⁻¹F(w), through the (d·k) × (d·k) Gram matrix (never n × n), until F stops
 * shrinking at rounding level. The proof of a true zero w* next to the polished point is the
 * Krawczyk test of enclose.ts; `distanceBound` then bounds ‖w* − w̃‖∞ from the proven box.
 *
 * A point far from M (training stopped early) is polished as far as it goes and reported with
 * its residual; the proof then fails and says what was tried.
 */
import { choleskySolve, cholesky, gramRows, mat, matTvec } from '../numeric/linalg.js';
import { residuals } from '../models/loss.js';
import type { Interval } from '../kernel/interval.js';
import { nextUp } from '../kernel/interval.js';
import { dataOf, maxAbs, residualTolerance } from './search.js';
import type { PointOutcome } from './types.js';
import type { Case } from '../cases/types.js';
import type { Model } from '../models/types.js';

/** Gauss–Newton steps at most. */
const MAX_STEPS = 12;
/**
 * The radius searched, relative to max(1, ‖w̃‖∞): a zero farther than this from the trained
 * weights is not "the global minimum next to your network", and is not looked for.
 */
export const TRAINED_RADIUS = 0.01;
const MAX_MOVE = TRAINED_RADIUS;

/** The polish from the trained weights, with what it did. */
export function trainedPoint(c: Case, model: Model, trained: Float64Array, file: string): PointOutcome {
  const data = dataOf(c);
  const w = Float64Array.from(trained);
  let F = residuals(model, w, data);
  const start = maxAbs(F);
  const tol = residualTolerance(data);
  const scale = Math.max(1, maxAbs(trained));
  let steps = 0;
  let stopped = 'rounding level';
  for (; steps < MAX_STEPS; steps++) {
    const J = model.jacobian(w, data.x);
    const p = F.length;
    const Jm = mat(p, model.n, J);
    const chol = cholesky(gramRows(Jm));
    if (!chol.ok) {
      stopped = 'J Jᵀ is not positive definite in floating point (a nearly critical point)';
      break;
    }
    const step = matTvec(Jm, choleskySolve(chol.l, F));
    const next = Float64Array.from(w, (v, j) => v - step[j]!);
    const Fn = residuals(model, next, data);
    let move = 0;
    for (let j = 0; j < w.length; j++) move = Math.max(move, Math.abs(next[j]! - trained[j]!));
    if (!(maxAbs(Fn) < maxAbs(F)) || move > MAX_MOVE * scale) {
      stopped = move > MAX_MOVE * scale ? `a step would move ${move.toExponential(2)} from the trained weights` : 'F stopped shrinking';
      break;
    }
    w.set(next);
    F = Fn;
    if (maxAbs(F) <= tol) stopped = 'rounding level';
  }
  const residual = maxAbs(F);
  const radius = MAX_MOVE * scale;
  if (residual > tol && stopped.startsWith('a step would move')) {
    return {
      found: false,
      method: 'trained',
      reason: `no zero of F found within ‖w − w̃‖∞ ≤ ${radius.toPrecision(3)} of the trained weights of ${file}: max |Fᵣ| = ${start.toExponential(2)} there, ${steps} minimum-norm Gauss–Newton step(s) brought it to ${residual.toExponential(2)}, and ${stopped}, past that radius`,
      data: { file, trainedResidual: start, polishSteps: steps, polishedResidual: residual, radius, stopped },
    };
  }
  return {
    found: true,
    method: 'trained',
    values: w,
    summary: `the trained weights of ${file}: max |Fᵣ| = ${start.toExponential(2)}, polished by ${steps} minimum-norm Gauss–Newton step(s) to ${residual.toExponential(2)} (${stopped})`,
    data: { file, trainedResidual: start, polishSteps: steps, polishedResidual: residual, stopped },
  };
}

/**
 * An upper bound on ‖w* − w̃‖∞ for every w* in `box`: per coordinate the farther end's
 * distance from w̃ⱼ, rounded up (the difference of two floats, then one ulp outward).
 */
export function distanceBound(box: readonly Interval[], trained: Float64Array): number {
  let r = 0;
  box.forEach((iv, j) => {
    const t = trained[j]!;
    const far = Math.max(Math.abs(iv.hi - t), Math.abs(t - iv.lo));
    r = Math.max(r, nextUp(far));
  });
  return r;
}
