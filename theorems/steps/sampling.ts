/**
 * Evidence about M beyond the one point a theorem works at: Levenberg–Marquardt from further
 * seeded starts, and at every point of M reached, the smallest singular value of J. Sard says 0
 * is a regular value for generic targets, so every point of M should be regular; a sampled
 * critical point says these targets are not generic. Graded float: samples, not a proof.
 *
 * How many starts, and where, scales with the size of J (d·k × n) so a check stays quick; it is a
 * function of the case alone, so the certificate is reproducible.
 */
import { floatAtPoint, formatNumber as fmt, singularValuesOf } from '../../src/workspace/jacobian.js';
import { modelOf } from '../../src/workspace/model-of.js';
import type { Json } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { mat } from '../../src/numeric/linalg.js';
import { dataOf, searchZeros } from '../../src/points/search.js';

/** One further point of M reached, by its singular values. */
export interface SampledPoint {
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  readonly rank: number;
  readonly tol: number;
}

/** What the sampling of further points of M found. */
export interface Sampling {
  readonly starts: number;
  readonly reached: number;
  readonly points: readonly SampledPoint[];
  readonly dk: number;
  /** whether the starts were jitter around the point rather than anywhere */
  readonly near: boolean;
  /** why no sampling was done, if none was */
  readonly skipped?: string;
}

/**
 * How a case of this size is sampled: small cases from fresh random starts anywhere; larger ones
 * from seeded jitter around the point (a few Levenberg–Marquardt steps each), since random
 * starts in a wide network rarely converge within a check; the largest not at all.
 */
export function samplingPlan(dk: number, n: number): { readonly starts: number; readonly near: boolean } {
  const work = dk * n;
  if (work <= 2e4) return { starts: 5, near: false };
  if (work <= 2e5) return { starts: 2, near: true };
  return { starts: 0, near: true };
}

/** Further points of M from seeded starts, once per case. */
export function sampledPoints(ws: Workspace, progress?: (fraction: number, message?: string) => void): Sampling {
  return ws.memo('sampled-points-of-M', (): Sampling => {
    const c = ws.case_;
    const model = modelOf(ws);
    const dk = c.data.d * c.data.k;
    const plan = samplingPlan(dk, model.n);
    const center = floatAtPoint(ws)?.w;
    if (plan.starts === 0 || (plan.near && center === undefined)) {
      return { starts: 0, reached: 0, points: [], dk, near: plan.near, skipped: `J is ${dk} × ${model.n}: too large to sample further points within a check` };
    }
    const data = dataOf(c);
    const result = searchZeros(model, data, c.seed, {
      starts: plan.starts,
      firstOnly: false,
      maxIterations: plan.near ? 30 : 50,
      stream: 'sample-M',
      // a fixed absolute jitter: constructed points mix weights of very different sizes (2^e·a
      // and O(1) output weights), so a relative one would throw the big ones far off M
      ...(plan.near && center !== undefined ? { near: { center, scale: 0.01 } } : {}),
      progress: progress ? (f) => progress(f, 'sampling further points of M') : undefined,
    });
    const points = result.found.map((w): SampledPoint => {
      const sv = singularValuesOf(mat(dk, model.n, model.jacobian(w, data.x)));
      return { sigmaMin: sv.values[sv.values.length - 1] ?? 0, sigmaMax: sv.values[0] ?? 0, rank: sv.rank, tol: sv.tol };
    });
    return { starts: plan.starts, reached: points.length, points, dk, near: plan.near };
  });
}

/** One clause for a summary line. */
export function samplingSentence(s: Sampling): string {
  if (s.skipped !== undefined) return `no further points sampled (${s.skipped})`;
  if (s.reached === 0) return `none of ${s.starts} further seeded starts${s.near ? ' near the point' : ''} reached M (float)`;
  const critical = s.points.filter((p) => p.rank < s.dk).length;
  const minSigma = Math.min(...s.points.map((p) => p.sigmaMin));
  const regular = critical === 0 ? 'all regular' : `${critical} critical (rank < ${s.dk})`;
  const where = s.near ? ' near it' : '';
  return `beyond it, ${s.reached} of ${s.starts} seeded starts${where} reached M, ${regular}, smallest σ_min met ${fmt(minSigma)} (float evidence)`;
}

/** The sampling as step data, labelled float. */
export function samplingJson(s: Sampling): Json {
  return {
    rigor: 'float',
    starts: s.starts,
    near: s.near,
    reached: s.reached,
    ...(s.skipped === undefined ? {} : { skipped: s.skipped }),
    points: s.points.map((p) => ({ sigmaMin: p.sigmaMin, sigmaMax: p.sigmaMax, rank: p.rank, tol: p.tol })),
  };
}
