/**
 * A walk along M on a case: certify the case's point (Theorems 2.1 and 2.3), walk from it
 * (src/explore/walk.ts), and certify the point where the walk ends the same way, through the
 * runner, so both ends carry real certificates.
 */
import { perturbTargets } from '../cases/perturb.js';
import type { Theorem } from '../proof/types.js';
import type { Case } from '../cases/types.js';
import type { Certificate } from '../proof/certificate.js';
import { modelOf } from '../workspace/model-of.js';
import type { Json } from '../proof/types.js';
import { Workspace } from '../workspace/workspace.js';
import { pointOf } from '../workspace/point.js';
import { dataOf, residualTolerance } from '../points/search.js';
import { caseAtPoint, certify, lossFormula, lossFunction } from './at-point.js';
import { walkAlongM, type Heading, type WalkPoint, type WalkResult } from './walk.js';

/** A heading as asked for: by kind, or along a parameter named as the model names it. */
export type HeadingSpec = 'steady' | 'random' | { readonly along: string };

export interface ExploreWalkOptions {
  /** the theorem registry, from the command line: the point theorems 2.1 and 2.3 are taken from it */
  readonly theorems: readonly Theorem[];
  /** accepted steps (default 50) */
  readonly steps?: number;
  readonly heading?: HeadingSpec;
  /** first step length (default: from the size of the start point) */
  readonly stepSize?: number;
  /** seeds the directions (default: the case's seed) */
  readonly seed?: number;
  /** after each accepted step */
  readonly onPoint?: (p: WalkPoint, total: number) => void;
  /** when a certification starts, for progress lines */
  readonly onPhase?: (phase: 'certify-start' | 'walk' | 'certify-end') => void;
}

export interface WalkReport {
  /** the case walked on (targets perturbed if the case asks for it) */
  readonly case: Case;
  readonly names: readonly string[];
  readonly n: number;
  readonly dk: number;
  readonly seed: number;
  readonly heading: Heading;
  /** 'L = Σ Fᵣ²' etc. */
  readonly loss: string;
  /** the start's certificate (Theorems 2.1 and 2.3 on the case as given) */
  readonly start: Certificate;
  /** how the start point was found, in words */
  readonly startSummary: string;
  /** the walk, when there was a point to start from */
  readonly walk?: WalkResult;
  /** why there was no walk at all */
  readonly reason?: string;
  /** the end point's certificate, when the walk took at least one step */
  readonly end: Certificate | null;
}

/** The heading for a model, or a message naming what is wrong. */
export function resolveHeading(names: readonly string[], spec: HeadingSpec): Heading | { readonly error: string } {
  if (spec === 'steady' || spec === 'random') return { kind: spec };
  const index = names.indexOf(spec.along);
  if (index < 0) {
    const shown = names.slice(0, 8).join(', ');
    return { error: `the model has no parameter "${spec.along}" (its parameters: ${shown}${names.length > 8 ? ', …' : ''})` };
  }
  return { kind: 'along', index, name: spec.along };
}

/** Walks along M on a case. Throws RangeError for a heading along a parameter the model lacks. */
export async function exploreWalk(c0: Case, opts: ExploreWalkOptions): Promise<WalkReport> {
  const c = perturbTargets(c0);
  const ws = new Workspace(c);
  const model = modelOf(ws);
  const heading = resolveHeading(model.names, opts.heading ?? 'steady');
  if ('error' in heading) throw new RangeError(heading.error);
  const seed = opts.seed ?? c.seed;
  const base = {
    case: c,
    names: model.names,
    n: model.n,
    dk: c.data.d * c.data.k,
    seed,
    heading,
    loss: lossFormula(c.loss),
  };
  opts.onPhase?.('certify-start');
  const { certificate: start } = await certify(c, opts.theorems, { workspace: ws });
  const p = pointOf(ws);
  if (!p.found) return { ...base, start, startSummary: p.reason, reason: `no point of M to start from: ${p.reason}`, end: null };
  opts.onPhase?.('walk');
  const data = dataOf(c);
  const walk = walkAlongM(model, data, p.values, {
    steps: opts.steps ?? 50,
    seed,
    heading,
    tol: residualTolerance(data),
    lossOf: lossFunction(c.loss, c.data.d),
    ...(opts.stepSize !== undefined && { stepSize: opts.stepSize }),
    ...(opts.onPoint !== undefined && { onPoint: opts.onPoint }),
  });
  const last = walk.points[walk.points.length - 1]!;
  if (last.step === 0) return { ...base, start, startSummary: p.summary, walk, reason: walk.stopped, end: null };
  opts.onPhase?.('certify-end');
  const { certificate: end } = await certify(caseAtPoint(c, model.names, last.w, 'walk-end'), opts.theorems);
  return { ...base, start, startSummary: p.summary, walk, end };
}

/** The largest loss and the smallest σ_min along the path, and whether the rank stayed d·k. */
export function pathSummary(r: WalkReport): { maxLoss: number; minSigma: number; fullRank: boolean; maxRankTol: number; steps: number; distance: number; displacement: number } {
  const pts = r.walk?.points ?? [];
  const last = pts[pts.length - 1];
  return {
    maxLoss: Math.max(0, ...pts.map((p) => p.loss)),
    minSigma: pts.length > 0 ? Math.min(...pts.map((p) => p.sigmaMin)) : 0,
    fullRank: pts.length > 0 && pts.every((p) => p.rank === r.dk),
    maxRankTol: Math.max(0, ...pts.map((p) => p.rankTol)),
    steps: last?.step ?? 0,
    distance: last?.distance ?? 0,
    displacement: last?.displacement ?? 0,
  };
}

function headingJson(h: Heading): Json {
  return h.kind === 'along' ? { kind: 'along', parameter: h.name } : { kind: h.kind };
}

/**
 * The `--json` form: `{"path": [{step, loss, rank, sigmaMin, distance}, …], "end": CERTIFICATE}`,
 * plus `walk` (what was asked, the tolerances, why it stopped) and `start` (the start's certificate).
 */
export function walkJson(r: WalkReport): { readonly [key: string]: Json } {
  const s = pathSummary(r);
  const path: Json[] = (r.walk?.points ?? []).map((p) => ({ step: p.step, loss: p.loss, rank: p.rank, sigmaMin: p.sigmaMin, distance: p.distance }));
  return {
    path,
    end: r.end as unknown as Json,
    walk: {
      case: r.case.name,
      n: r.n,
      dk: r.dk,
      dimension: r.n - r.dk,
      seed: r.seed,
      heading: headingJson(r.heading),
      loss: r.loss,
      rigor: 'float',
      residualTol: r.walk?.tol ?? null,
      baseResidualTol: r.walk?.baseTol ?? null,
      settledStart: r.walk?.settled ? { ...r.walk.settled } : null,
      rankTol: s.maxRankTol,
      stepsTaken: s.steps,
      completed: r.walk?.completed ?? false,
      stopped: r.reason ?? r.walk?.stopped ?? null,
      rejectedSteps: r.walk?.rejected ?? 0,
      maxLoss: s.maxLoss,
      minSigma: s.minSigma,
      rankFull: s.fullRank,
      displacement: s.displacement,
    },
    start: r.start as unknown as Json,
  };
}
