/**
 * `point: {train: {steps, rate}}`: plain gradient descent on L(w) = Σ Fᵣ(w)² from a seeded
 * random start, w ← w − rate·∇L(w), ∇L = 2JᵀF. This is how networks are fitted in practice, and
 * it rarely lands exactly on M: the point is reported with the loss it reached, and the theorems
 * judge whether it is on M to their tolerance (an approximate minimum is a fair demo, graded float).
 */
import type { Case } from '../cases/types.js';
import { gradLoss, lossValue, residuals, type Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import { rngFor } from '../numeric/random.js';
import { dataOf, maxAbs } from './search.js';
import type { PointOutcome } from './types.js';

/** Steps, rate and progress of a gradient-descent run. */
export interface TrainOptions {
  readonly steps: number;
  readonly rate: number;
  /** standard deviation of the seeded start (default 0.5) */
  readonly scale?: number;
  readonly progress?: (fraction: number, message?: string) => void;
}

/** Where gradient descent ended. */
export interface TrainResult {
  readonly w: Float64Array;
  /** steps taken (fewer than asked if L stopped being finite) */
  readonly steps: number;
  readonly lossStart: number;
  readonly lossEnd: number;
  /** max |Fᵣ| at the end */
  readonly residual: number;
  readonly diverged: boolean;
}

/** Gradient descent from w0. */
export function gradientDescent(model: Model, data: Data, w0: Float64Array, opts: TrainOptions): TrainResult {
  const w = Float64Array.from(w0);
  const lossStart = lossValue(residuals(model, w, data));
  const every = Math.max(1, Math.floor(opts.steps / 50));
  let steps = 0;
  for (; steps < opts.steps; steps++) {
    const g = gradLoss(model, w, data);
    for (let p = 0; p < w.length; p++) w[p] = w[p]! - opts.rate * g[p]!;
    if (steps % every === 0) {
      const L = lossValue(residuals(model, w, data));
      if (!Number.isFinite(L)) {
        return { w, steps: steps + 1, lossStart, lossEnd: L, residual: Infinity, diverged: true };
      }
      opts.progress?.(steps / opts.steps, `step ${steps} of ${opts.steps}: L = ${L.toExponential(2)}`);
    }
  }
  const F = residuals(model, w, data);
  const lossEnd = lossValue(F);
  return { w, steps, lossStart, lossEnd, residual: maxAbs(F), diverged: !Number.isFinite(lossEnd) };
}

/** `point: train` for a case, from a start drawn with the case's seed. */
export function trainPoint(
  c: Case,
  model: Model,
  spec: { readonly steps: number; readonly rate: number },
  progress?: (fraction: number, message?: string) => void,
): PointOutcome {
  const rng = rngFor(c.seed, 'train');
  const scale = 0.5;
  const w0 = Float64Array.from({ length: model.n }, () => scale * rng.normal());
  const r = gradientDescent(model, dataOf(c), w0, { ...spec, scale, progress });
  const data = { steps: r.steps, rate: spec.rate, lossStart: r.lossStart, lossEnd: r.lossEnd, residual: r.residual, startScale: scale };
  if (r.diverged) {
    return {
      found: false,
      method: 'train',
      reason: `gradient descent diverged after ${r.steps} steps at rate ${spec.rate} (L is no longer finite): try a smaller rate`,
      data,
    };
  }
  return {
    found: true,
    method: 'train',
    values: r.w,
    summary: `gradient descent, ${r.steps} steps at rate ${spec.rate}: L from ${r.lossStart.toExponential(2)} to ${r.lossEnd.toExponential(2)}, max |Fᵣ| = ${r.residual.toExponential(2)}`,
    data,
  };
}
