/**
 * `point: search`: a zero of the residual map F(w) = f(w, xᵢ) − yᵢ by Levenberg–Marquardt from
 * seeded starts.
 *
 * Each step solves the (d·k) × (d·k) system (J Jᵀ + μI) u = F and moves by δ = −Jᵀu. This is
 * the Levenberg–Marquardt step −(JᵀJ + μI)⁻¹JᵀF written in its minimum-norm form (the two are
 * equal by the push-through identity), so no n × n system is ever formed; as μ → 0 it becomes
 * the minimum-norm Gauss–Newton step −J⁺F, which converges quadratically to a zero where J has
 * full row rank. μ shrinks after a step that lowers ‖F‖ and grows after one that does not.
 */
import type { Case } from '../cases/types.js';
import { residuals, type Data } from '../models/loss.js';
import type { Model } from '../models/types.js';
import { EPS, cholesky, choleskySolve, gramRows, mat, matTvec, type Mat } from '../numeric/linalg.js';
import type { Json } from '../evidence.js';
import { rngFor, type Rng } from '../numeric/random.js';
import type { PointOutcome } from './types.js';

/** Options of one Levenberg–Marquardt run. */
export interface LmOptions {
  /** iterations before giving up (default 100) */
  readonly maxIterations?: number;
  /** converged when max |Fᵣ| ≤ tol (default: residualTolerance(data)) */
  readonly tol?: number;
  /** called with the fraction of the iteration budget used */
  readonly progress?: (fraction: number) => void;
}

/** Where a Levenberg–Marquardt run ended, and why. */
export interface LmResult {
  readonly w: Float64Array;
  readonly iterations: number;
  /** max |Fᵣ| at w */
  readonly residual: number;
  readonly converged: boolean;
  /** why it stopped, in words */
  readonly stopped: string;
}

/** A small positive number for a summary: 0 as 0, else 3 significant digits. */
const fmtSmall = (x: number): string => (x === 0 ? '0' : x.toExponential(2));

/** max |vᵣ|. */
export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function sumSquares(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

/**
 * The residual size counted as "on M" for a float point: 10⁻¹² relative to the targets'
 * scale, about 10⁴ ulps; what Gauss–Newton reaches near a regular zero with room to spare.
 */
export function residualTolerance(data: Data): number {
  let scale = 1;
  for (const row of data.y) scale = Math.max(scale, maxAbs(row));
  return 1e-12 * scale;
}

/** G + μI. */
function shifted(g: Mat, mu: number): Mat {
  const out = mat(g.rows, g.cols, Float64Array.from(g.data));
  for (let i = 0; i < g.rows; i++) out.data[i * g.cols + i]! += mu;
  return out;
}

/**
 * Levenberg–Marquardt from w0 towards a zero of F. Returns the last accepted point, however far
 * it got; `converged` says whether max |Fᵣ| ≤ tol. After reaching tol it takes at most two more
 * Gauss–Newton steps while they still lower ‖F‖, to land at rounding level.
 */
export function levenbergMarquardt(model: Model, data: Data, w0: Float64Array, opts: LmOptions = {}): LmResult {
  const maxIterations = opts.maxIterations ?? 100;
  const tol = opts.tol ?? residualTolerance(data);
  const { n } = model;
  let w = Float64Array.from(w0);
  let F = residuals(model, w, data);
  let cost = sumSquares(F);
  if (!Number.isFinite(cost)) {
    return { w, iterations: 0, residual: Infinity, converged: false, stopped: 'the start gives a non-finite residual' };
  }
  let mu = -1;
  let polish = 0;
  let iterations = 0;
  const rows = F.length;
  while (iterations < maxIterations) {
    if (maxAbs(F) <= tol) {
      if (polish >= 2) break;
      polish++;
    }
    iterations++;
    opts.progress?.(iterations / maxIterations);
    const J = model.jacobian(w, data.x);
    const G = gramRows(mat(rows, n, J));
    let trace = 0;
    for (let i = 0; i < rows; i++) trace += G.data[i * rows + i]!;
    const scale = trace / Math.max(1, rows);
    if (!(scale > 0) || !Number.isFinite(scale)) {
      return { w, iterations, residual: maxAbs(F), converged: maxAbs(F) <= tol, stopped: 'the Jacobian vanishes here (a critical point): no direction lowers ‖F‖ to first order' };
    }
    if (mu < 0) mu = 1e-3 * scale;
    let accepted = false;
    // Raise μ until a step lowers ‖F‖² (or μ is so large that the step is negligible).
    while (mu <= 1e16 * scale) {
      const ch = cholesky(shifted(G, Math.max(mu, EPS * scale)));
      if (!ch.ok) {
        mu = Math.max(mu * 4, EPS * scale * 4);
        continue;
      }
      const u = choleskySolve(ch.l, F);
      const step = matTvec(mat(u.length, n, J), u);
      const trial = new Float64Array(n);
      for (let p = 0; p < n; p++) trial[p] = w[p]! - step[p]!;
      const Ft = residuals(model, trial, data);
      const costT = sumSquares(Ft);
      if (Number.isFinite(costT) && costT < cost) {
        w = trial;
        F = Ft;
        cost = costT;
        mu = mu / 3;
        accepted = true;
        break;
      }
      mu = Math.max(mu * 4, EPS * scale * 4);
    }
    if (!accepted) {
      const residual = maxAbs(F);
      return {
        w,
        iterations,
        residual,
        converged: residual <= tol,
        stopped: residual <= tol ? 'converged (no further decrease at rounding level)' : 'no step lowers ‖F‖ (stalled)',
      };
    }
  }
  const residual = maxAbs(F);
  return {
    w,
    iterations,
    residual,
    converged: residual <= tol,
    stopped: residual <= tol ? 'converged' : `iteration budget of ${maxIterations} used up`,
  };
}

/** One attempted start, as reported. */
export interface SearchTry {
  readonly start: number;
  /**
   * 'random' (seeded normal), 'given' (the case's point), 'near-given' (seeded jitter around it),
   * 'near-point' (seeded jitter around a known point of M)
   */
  readonly from: 'random' | 'given' | 'near-given' | 'near-point';
  readonly iterations: number;
  readonly residual: number;
  readonly converged: boolean;
  readonly stopped: string;
}

/** Options of a search from several seeded starts. */
export interface SearchOptions extends LmOptions {
  /** how many starts to try at most (default 6) */
  readonly starts?: number;
  /** standard deviation of the random starts (default 1) */
  readonly scale?: number;
  /** a point to start from first, then seeded jitter around it, then random starts */
  readonly from?: Float64Array;
  /** every start is center + scale·N(0, I) (seeded): points of M near a known one */
  readonly near?: { readonly center: Float64Array; readonly scale: number };
  /** stop at the first start that converges (default true); false runs every start */
  readonly firstOnly?: boolean;
  /** names the random stream, so different uses of one seed draw different starts */
  readonly stream?: string;
}

/** What a search tried and found. */
export interface SearchResult {
  readonly tries: readonly SearchTry[];
  /** the converged points, in the order found */
  readonly found: readonly Float64Array[];
  /** the point with the smallest residual (converged or not) */
  readonly best: { readonly w: Float64Array; readonly residual: number; readonly start: number } | undefined;
  readonly tol: number;
}

function startPoint(i: number, n: number, rng: Rng, opts: SearchOptions): { w: Float64Array; from: SearchTry['from'] } {
  const scale = opts.scale ?? 1;
  const from = opts.from;
  if (opts.near !== undefined) {
    const { center, scale: s } = opts.near;
    return { w: Float64Array.from(center, (v) => v + s * rng.normal()), from: 'near-point' };
  }
  if (from !== undefined && i === 0) return { w: Float64Array.from(from), from: 'given' };
  // Half the remaining starts jitter the given point (a critical point has J = 0 there, so LM
  // cannot leave it by itself); the rest are fresh.
  if (from !== undefined && i % 2 === 1) {
    return { w: Float64Array.from(from, (v) => v + 0.1 * scale * rng.normal()), from: 'near-given' };
  }
  return { w: Float64Array.from({ length: n }, () => scale * rng.normal()), from: 'random' };
}

/** Levenberg–Marquardt from several seeded starts. */
export function searchZeros(model: Model, data: Data, seed: number, opts: SearchOptions = {}): SearchResult {
  const starts = opts.starts ?? 6;
  const tol = opts.tol ?? residualTolerance(data);
  const rng = rngFor(seed, opts.stream ?? 'search');
  const tries: SearchTry[] = [];
  const found: Float64Array[] = [];
  let best: SearchResult['best'];
  for (let i = 0; i < starts; i++) {
    const { w, from } = startPoint(i, model.n, rng, opts);
    const r = levenbergMarquardt(model, data, w, {
      maxIterations: opts.maxIterations,
      tol,
      progress: opts.progress ? (f) => opts.progress!((i + f) / starts) : undefined,
    });
    tries.push({ start: i, from, iterations: r.iterations, residual: r.residual, converged: r.converged, stopped: r.stopped });
    if (best === undefined || r.residual < best.residual) best = { w: r.w, residual: r.residual, start: i };
    if (r.converged) {
      found.push(r.w);
      if (opts.firstOnly ?? true) break;
    }
  }
  return { tries, found, best, tol };
}

/** The tries as JSON for a step's or a point's data. */
export function triesJson(tries: readonly SearchTry[]): Json {
  return tries.map((t) => ({
    start: t.start,
    from: t.from,
    iterations: t.iterations,
    residual: t.residual,
    converged: t.converged,
    stopped: t.stopped,
  }));
}

/** The case's data in the loss helpers' shape. */
export const dataOf = (c: Case): Data => ({ x: c.data.x, y: c.data.y });

/**
 * `point: search` for a case: Levenberg–Marquardt from seeded starts (the case's seed), the
 * first that reaches max |Fᵣ| ≤ tol is the point. With `from`, that point is tried first (the
 * given point of a perturbed case, which sits on the old M).
 */
export function searchPoint(
  c: Case,
  model: Model,
  opts: { readonly from?: Float64Array; readonly progress?: (fraction: number) => void } = {},
): PointOutcome {
  const data = dataOf(c);
  const result = searchZeros(model, data, c.seed, { from: opts.from, progress: opts.progress, stream: 'search' });
  const data_: { [key: string]: Json } = { tol: result.tol, tries: triesJson(result.tries) };
  const hit = result.tries.find((t) => t.converged);
  if (hit !== undefined && result.found.length > 0) {
    const origin = hit.from === 'given' ? 'from the given point' : hit.from === 'near-given' ? 'from near the given point' : 'from a seeded random start';
    return {
      found: true,
      method: 'search',
      values: result.found[0]!,
      summary:
        `Levenberg–Marquardt ${origin} (try ${hit.start + 1} of ${result.tries.length}): ` +
        `${hit.iterations} iteration(s), max |Fᵣ| = ${fmtSmall(hit.residual)} ≤ ${fmtSmall(result.tol)}`,
      data: data_,
    };
  }
  const bestText = result.best ? `; the best reached max |Fᵣ| = ${fmtSmall(result.best.residual)}` : '';
  return {
    found: false,
    method: 'search',
    reason: `no start reached M (max |Fᵣ| ≤ ${fmtSmall(result.tol)}) in ${result.tries.length} tries${bestText}`,
    data: data_,
  };
}
