/**
 * Walking along M (MATH.md, "Walking along M"). From a regular point w of M:
 *
 *   1. pick a direction v and project it onto the tangent space: t = P v / ‖P v‖, P = I − J⁺J;
 *   2. step along it: w̃ = w + h·t;
 *   3. project back onto M by minimum-norm Gauss–Newton steps w ← w − J⁺F(w);
 *   4. record L, the float rank of J and σ_min(J) at the new point, and the distance travelled.
 *
 * The step length h adapts: a projection that needs more than a few Gauss–Newton steps, fails,
 * or moves the point by more than half the step (which would be a jump to another sheet of M)
 * halves h and retries from w; one that converges in at most three steps (Newton's quadratic
 * convergence from a distance of order h²) lets h grow by half, up to four times the first step.
 * Along the way L stays at rounding level and rank J stays d·k: the flat valley of n − d·k
 * directions that Proposition 2.3 predicts. A float rank below d·k is recorded, not fatal (from
 * the Gram matrix a σ under its tolerance cannot be told from 0); a JJᵀ that no longer factors
 * stops the walk.
 *
 * The start must be on M. A float point a hair off M (next to a proven zero, where rounding
 * keeps max |Fᵣ| above the tolerance) is first settled onto M by Gauss–Newton; where rounding at
 * the start sits above the tolerance asked for (large weights), the walk's tolerance is raised to
 * a margin above it, and the result says so.
 *
 * Directions: `steady` draws one seeded random direction and then keeps heading (the last step,
 * projected onto the new tangent space), so on a curve the walk goes round it rather than back
 * and forth; `random` draws a fresh seeded direction every step (a random walk on M); `along`
 * follows the tangent part of one coordinate axis. Everything is seeded: same case, same walk.
 */
import type { Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import { rngFor, type Rng } from '../numeric/random.js';
import { distance, gramSpectrum, linearize, maxAbs, norm, projectOntoKernel, projectOntoM, settleOntoM, type Linearization } from './linearize.js';

/** How the walk chooses its tangent directions. */
export type Heading =
  | { readonly kind: 'steady' }
  | { readonly kind: 'random' }
  | { readonly kind: 'along'; readonly index: number; readonly name: string };

export interface WalkOptions {
  /** accepted steps to take */
  readonly steps: number;
  /** seeds the random directions */
  readonly seed: number;
  readonly heading: Heading;
  /** first step length (default 0.1·max(1, ‖w₀‖/√n)) */
  readonly stepSize?: number;
  /** on M when max |Fᵣ| ≤ tol */
  readonly tol: number;
  /** the loss from the residuals (default Σ Fᵣ²) */
  readonly lossOf?: (F: Float64Array) => number;
  /** called after every accepted step (and once for the start) */
  readonly onPoint?: (p: WalkPoint, total: number) => void;
}

/** One point of the path. */
export interface WalkPoint {
  /** 0 is the start */
  readonly step: number;
  readonly w: Float64Array;
  readonly loss: number;
  /** max |Fᵣ| */
  readonly residual: number;
  /** float rank of J (singular values above rankTol) */
  readonly rank: number;
  readonly rankTol: number;
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  /** path length so far, Σ ‖w_s − w_{s−1}‖ */
  readonly distance: number;
  /** ‖w − w₀‖ */
  readonly displacement: number;
  /** the step length h that reached this point (0 at the start) */
  readonly stepSize: number;
  /** Gauss–Newton steps the projection took (0 at the start) */
  readonly iterations: number;
}

export interface WalkResult {
  readonly points: readonly WalkPoint[];
  /** the number of rows of J, d·k */
  readonly dk: number;
  /** all the steps asked for were taken */
  readonly completed: boolean;
  /** why the walk stopped early, in words */
  readonly stopped?: string;
  /** trial steps rejected (and retried shorter) along the way */
  readonly rejected: number;
  /** on M means max |Fᵣ| ≤ tol: the tolerance asked for, raised to ROUNDING_MARGIN × the rounding floor at the start where that is higher */
  readonly tol: number;
  /** the tolerance asked for */
  readonly baseTol: number;
  /** the start was settled onto M first: max |Fᵣ| before and after, and how far it moved */
  readonly settled?: { readonly from: number; readonly to: number; readonly moved: number };
}

const sumSquares = (F: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < F.length; i++) s += F[i]! * F[i]!;
  return s;
};

function pointAt(at: Linearization, n: number, step: number, w0: Float64Array, prev: WalkPoint | undefined, h: number, iterations: number, lossOf: (F: Float64Array) => number): WalkPoint {
  const sp = gramSpectrum(at.G, n);
  return {
    step,
    w: at.w,
    loss: lossOf(at.F),
    residual: maxAbs(at.F),
    rank: sp.rank,
    rankTol: sp.tol,
    sigmaMin: sp.sigmaMin,
    sigmaMax: sp.sigmaMax,
    distance: prev === undefined ? 0 : prev.distance + distance(at.w, prev.w),
    displacement: distance(at.w, w0),
    stepSize: h,
    iterations,
  };
}

function gaussian(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** How far (relative to max(1, ‖w₀‖)) Gauss–Newton may move the start to settle it onto M. */
const SETTLE_RADIUS = 1e-6;
/** The walk's tolerance is at least this multiple of the residual where Gauss–Newton settles at the start. */
const ROUNDING_MARGIN = 100;
/** …and never more than this multiple of the tolerance asked for. */
const MAX_RAISE = 1e4;
/** Smallest step before the walk gives up, relative to the size of w. */
const MIN_STEP = 1e-10;
/** Growth cap: h never exceeds this multiple of the first step. */
const MAX_GROWTH = 4;

/**
 * Walks `opts.steps` steps along M from w0. The start must be on M (max |Fᵣ| ≤ tol) with J of
 * full row rank; otherwise the result says why no step was taken.
 */
export function walkAlongM(model: Model, data: Data, w0: Float64Array, opts: WalkOptions): WalkResult {
  const n = model.n;
  const lossOf = opts.lossOf ?? sumSquares;
  const rng = rngFor(opts.seed, 'explore-walk');
  let at = linearize(model, data, Float64Array.from(w0));
  const dk = at.F.length;
  const total = opts.steps;
  // A start a hair off M (a float point next to a proven zero, whose rounding floor lies above
  // tol) is first settled onto M by Gauss–Newton; one farther off is not a point of M at all.
  let settled: WalkResult['settled'];
  const r0 = maxAbs(at.F);
  if (r0 > opts.tol && Number.isFinite(r0)) {
    const s = settleOntoM(model, data, at.w);
    if (s.residual < r0 && s.moved <= SETTLE_RADIUS * Math.max(1, norm(w0))) {
      settled = { from: r0, to: s.residual, moved: s.moved };
      at = s.at;
    }
  }
  // On M means max |Fᵣ| ≤ tol, or within a margin of the rounding floor at the start, if higher.
  const floor = maxAbs(at.F);
  const tol = Math.max(opts.tol, Math.min(ROUNDING_MARGIN * floor, MAX_RAISE * opts.tol));
  const start = pointAt(at, n, 0, at.w, undefined, 0, 0, lossOf);
  const points: WalkPoint[] = [start];
  opts.onPoint?.(start, total);
  const result = (stopped?: string): WalkResult => ({
    points,
    dk,
    completed: stopped === undefined,
    ...(stopped !== undefined && { stopped }),
    rejected,
    tol,
    baseTol: opts.tol,
    ...(settled !== undefined && { settled }),
  });
  let rejected = 0;
  if (start.residual > tol) return result(`the start is not on M: max |Fᵣ| = ${start.residual.toExponential(2)} > tol = ${tol.toExponential(2)}`);
  if (start.rank < dk || at.chol === undefined) {
    return result(`J has rank ${start.rank} < d·k = ${dk} at the start (a critical point of F): ker J is not the tangent space of M there, so there is no direction to walk in`);
  }
  if (n <= dk) return result(`n = ${n} ≤ d·k = ${dk}: M is a set of isolated points near the start, with no direction to walk in`);

  const h0 = opts.stepSize ?? 0.1 * Math.max(1, norm(at.w) / Math.sqrt(n));
  let h = h0;
  let heading: Float64Array | undefined;
  for (let step = 1; step <= total; step++) {
    const chol = at.chol;
    if (chol === undefined) return result(`JJᵀ is not positive definite at step ${step - 1}`);
    // The direction: a seeded draw, the previous heading, or a coordinate axis, then its tangent part.
    let t: Float64Array | undefined;
    for (let draw = 0; draw < 5 && t === undefined; draw++) {
      let v: Float64Array;
      if (opts.heading.kind === 'along') {
        v = new Float64Array(n);
        v[opts.heading.index] = 1;
      } else if (opts.heading.kind === 'steady' && heading !== undefined && draw === 0) v = heading;
      else v = gaussian(n, rng);
      const p = projectOntoKernel(at.J, chol, v);
      const size = norm(p);
      if (size > 1e-8 * norm(v)) t = p.map((x) => x / size);
      else if (opts.heading.kind === 'along') {
        return result(`the axis of ${opts.heading.name} is normal to M at step ${step - 1}: it has no tangent part to follow`);
      }
    }
    if (t === undefined) return result(`no tangent direction found at step ${step - 1}`);

    let accepted: { at: Linearization; iterations: number } | undefined;
    while (accepted === undefined) {
      if (h < MIN_STEP * Math.max(1, norm(at.w))) {
        return result(`the step length fell below ${MIN_STEP.toExponential(0)}·max(1, ‖w‖) at step ${step}: the projection back onto M no longer converges`);
      }
      const trial = new Float64Array(n);
      for (let i = 0; i < n; i++) trial[i] = at.w[i]! + h * t[i]!;
      const proj = projectOntoM(model, data, trial, { tol });
      if (proj.ok && proj.moved <= 0.5 * h && proj.iterations <= 5) accepted = { at: proj.at, iterations: proj.iterations };
      else {
        rejected++;
        h /= 2;
      }
    }
    const prev = points[points.length - 1]!;
    const usedH = h;
    const moved = new Float64Array(n);
    for (let i = 0; i < n; i++) moved[i] = accepted.at.w[i]! - at.w[i]!;
    heading = moved;
    at = accepted.at;
    const p = pointAt(at, n, step, points[0]!.w, prev, usedH, accepted.iterations, lossOf);
    points.push(p);
    opts.onPoint?.(p, total);
    // A float rank below d·k is recorded, not fatal: from the Gram matrix a σ under its tolerance
    // cannot be told from 0, but the walk can go on while JJᵀ still factors.
    if (accepted.iterations <= 3) h = Math.min(h * 1.5, MAX_GROWTH * h0);
  }
  return result();
}
