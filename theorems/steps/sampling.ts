/**
 * Evidence about M beyond the one point a theorem works at: Levenberg–Marquardt from further
 * seeded starts, and at every point of M reached, the smallest singular value of J. Sard says 0
 * is a regular value for generic targets, so every point of M should be regular; a sampled
 * critical point says these targets are not generic. Graded float: samples, not a proof.
 *
 * The number of starts scales down with the size of J (d·k × n) so a check stays quick; it is a
 * function of the case alone, so the certificate is reproducible.
 */
import { formatNumber as fmt, singularValuesOf } from '../../src/proof/at-point.js';
import { modelOf } from '../../src/proof/model-of.js';
import type { Json } from '../../src/proof/types.js';
import type { Workspace } from '../../src/proof/workspace.js';
import { mat } from '../../src/numeric/linalg.js';
import { dataOf, searchZeros } from '../../src/points/search.js';

export interface SampledPoint {
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  readonly rank: number;
  readonly tol: number;
}

export interface Sampling {
  readonly starts: number;
  readonly reached: number;
  readonly points: readonly SampledPoint[];
  readonly dk: number;
  /** why no sampling was done, if none was */
  readonly skipped?: string;
}

/** How many further starts a case of this size gets. */
export function samplingStarts(dk: number, n: number): number {
  const work = dk * n;
  if (work <= 1e4) return 5;
  if (work <= 2e5) return 3;
  if (work <= 2e6) return 2;
  return 0;
}

export function sampledPoints(ws: Workspace, progress?: (fraction: number, message?: string) => void): Sampling {
  return ws.memo('sampled-points-of-M', (): Sampling => {
    const c = ws.case_;
    const model = modelOf(ws);
    const dk = c.data.d * c.data.k;
    const starts = samplingStarts(dk, model.n);
    if (starts === 0) {
      return { starts, reached: 0, points: [], dk, skipped: `J is ${dk} × ${model.n}: too large to sample further points within a check` };
    }
    const data = dataOf(c);
    const result = searchZeros(model, data, c.seed, {
      starts,
      firstOnly: false,
      maxIterations: 50,
      stream: 'sample-M',
      progress: progress ? (f) => progress(f, 'sampling further points of M') : undefined,
    });
    const points = result.found.map((w): SampledPoint => {
      const sv = singularValuesOf(mat(dk, model.n, model.jacobian(w, data.x)));
      return { sigmaMin: sv.values[sv.values.length - 1] ?? 0, sigmaMax: sv.values[0] ?? 0, rank: sv.rank, tol: sv.tol };
    });
    return { starts, reached: points.length, points, dk };
  });
}

/** One clause for a summary line. */
export function samplingSentence(s: Sampling): string {
  if (s.skipped !== undefined) return `no further points sampled (${s.skipped})`;
  if (s.reached === 0) return `none of ${s.starts} further seeded starts reached M (float)`;
  const critical = s.points.filter((p) => p.rank < s.dk).length;
  const minSigma = Math.min(...s.points.map((p) => p.sigmaMin));
  const regular = critical === 0 ? 'all regular' : `${critical} critical (rank < ${s.dk})`;
  return `beyond it, ${s.reached} of ${s.starts} seeded starts reached M, ${regular}, smallest σ_min met ${fmt(minSigma)} (float evidence)`;
}

export function samplingJson(s: Sampling): Json {
  return {
    rigor: 'float',
    starts: s.starts,
    reached: s.reached,
    ...(s.skipped === undefined ? {} : { skipped: s.skipped }),
    points: s.points.map((p) => ({ sigmaMin: p.sigmaMin, sigmaMax: p.sigmaMax, rank: p.rank, tol: p.tol })),
  };
}
