/**
 * Training into M: gradient descent on L = Σ Fᵣ² from a seeded start, as networks are fitted in
 * practice, then Gauss–Newton (Levenberg–Marquardt, src/points/search.ts) until max |Fᵣ| is at
 * rounding level. Gradient descent alone slows to a crawl near M: its rate along the stiffest
 * direction must stay below 1/λ_max while the loss falls along the softest positive one at the
 * pace of λ_min⁺, and ker J contributes nothing at all, so the last digits come from Gauss–Newton,
 * which converges quadratically to a regular zero.
 *
 * Several seeds are tried in turn (seed, seed + 1, …; the first start is the one `point: train`
 * draws), because gradient descent can settle in a local minimum with L > 0 (XOR has them).
 */
import { gradLoss, lossValue, residuals, type Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import { rngFor } from '../numeric/random.js';
import { levenbergMarquardt } from '../points/search.js';
import { maxAbs } from './linearize.js';

export interface DescentOptions {
  readonly steps: number;
  readonly rate: number;
  /** stop once max |Fᵣ| ≤ tol */
  readonly tol: number;
  /** how often (in steps) the loss is recorded and progress reported (default steps/100) */
  readonly every?: number;
  readonly onProgress?: (step: number, loss: number) => void;
}

export interface Descent {
  readonly w: Float64Array;
  readonly steps: number;
  readonly lossStart: number;
  readonly lossEnd: number;
  /** (step, L) every `every` steps, for a chart */
  readonly history: readonly (readonly [number, number])[];
  /** L stopped being finite: the rate is too large */
  readonly diverged: boolean;
  /** stopped early because max |Fᵣ| ≤ tol */
  readonly reachedTol: boolean;
}

/** w ← w − rate·∇L(w), ∇L = 2JᵀF, for at most `steps` steps. */
export function descend(model: Model, data: Data, w0: Float64Array, opts: DescentOptions): Descent {
  const w = Float64Array.from(w0);
  const every = Math.max(1, opts.every ?? Math.floor(opts.steps / 100));
  const lossStart = lossValue(residuals(model, w, data));
  const history: [number, number][] = [[0, lossStart]];
  let step = 0;
  while (step < opts.steps) {
    const g = gradLoss(model, w, data);
    for (let p = 0; p < w.length; p++) w[p] = w[p]! - opts.rate * g[p]!;
    step++;
    if (step % every === 0 || step === opts.steps) {
      const F = residuals(model, w, data);
      const L = lossValue(F);
      history.push([step, L]);
      opts.onProgress?.(step, L);
      if (!Number.isFinite(L)) return { w, steps: step, lossStart, lossEnd: L, history, diverged: true, reachedTol: false };
      if (maxAbs(F) <= opts.tol) return { w, steps: step, lossStart, lossEnd: L, history, diverged: false, reachedTol: true };
    }
  }
  const lossEnd = lossValue(residuals(model, w, data));
  return { w, steps: step, lossStart, lossEnd, history, diverged: !Number.isFinite(lossEnd), reachedTol: false };
}

/** One seeded training run: descent, then Gauss–Newton. */
export interface TrainTry {
  readonly seed: number;
  readonly descent: Descent;
  readonly gaussNewton: { readonly iterations: number; readonly residual: number; readonly converged: boolean; readonly stopped: string };
  /** the end point, and whether it is on M (max |Fᵣ| ≤ tol) */
  readonly w: Float64Array;
  readonly loss: number;
  readonly residual: number;
  readonly reached: boolean;
}

export interface TrainOptions {
  readonly steps: number;
  readonly rate: number;
  /** seeds to try: seed, seed + 1, … (default 5) */
  readonly tries?: number;
  readonly seed: number;
  /** standard deviation of the start (default 0.5, as `point: train`) */
  readonly scale?: number;
  readonly tol: number;
  /** Gauss–Newton iterations after the descent (default 100) */
  readonly gaussNewtonIterations?: number;
  readonly onProgress?: (e: { readonly tryIndex: number; readonly seed: number; readonly phase: 'descent' | 'gauss-newton' | 'done'; readonly step: number; readonly loss: number }) => void;
}

/** The seeded start of `point: train` for a seed: N(0, scale²) in every coordinate. */
export function trainStart(n: number, seed: number, scale = 0.5): Float64Array {
  const rng = rngFor(seed, 'train');
  return Float64Array.from({ length: n }, () => scale * rng.normal());
}

/** Trains from seed, seed + 1, … until one run reaches M; returns every run tried. */
export function trainIntoM(model: Model, data: Data, opts: TrainOptions): TrainTry[] {
  const tries = opts.tries ?? 5;
  const out: TrainTry[] = [];
  for (let i = 0; i < tries; i++) {
    const seed = opts.seed + i;
    const emit = (phase: 'descent' | 'gauss-newton' | 'done', step: number, loss: number): void =>
      opts.onProgress?.({ tryIndex: i, seed, phase, step, loss });
    const descent = descend(model, data, trainStart(model.n, seed, opts.scale), {
      steps: opts.steps,
      rate: opts.rate,
      tol: opts.tol,
      onProgress: (step, loss) => emit('descent', step, loss),
    });
    let w = descent.w;
    let gaussNewton: TrainTry['gaussNewton'] = { iterations: 0, residual: Infinity, converged: false, stopped: 'not run: the descent diverged' };
    if (!descent.diverged) {
      emit('gauss-newton', descent.steps, descent.lossEnd);
      const lm = levenbergMarquardt(model, data, descent.w, { maxIterations: opts.gaussNewtonIterations ?? 100, tol: opts.tol });
      gaussNewton = { iterations: lm.iterations, residual: lm.residual, converged: lm.converged, stopped: lm.stopped };
      w = lm.w;
    }
    const F = residuals(model, w, data);
    const residual = maxAbs(F);
    const reached = Number.isFinite(residual) && residual <= opts.tol;
    const run: TrainTry = { seed, descent, gaussNewton, w, loss: lossValue(F), residual, reached };
    out.push(run);
    emit('done', descent.steps, run.loss);
    if (reached) break;
  }
  return out;
}
