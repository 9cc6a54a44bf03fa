/**
 * Training into M on a case, and what the trained point looks like:
 *
 * - the Hessian spectrum there, as the empirical papers the paper cites report it (most
 *   eigenvalues near 0, a few large): counted against the prediction of Proposition 2.3
 *   (d·k positive, n − d·k zero), with the tolerance and the size of the residual term
 *   R = 2ΣFᵣ∇²fᵣ that separates the true Hessian from 2JᵀJ; graded float;
 * - a comparison with the constructed point (Lemma 3.3 / Corollary 3.4) where there is one, else
 *   with a searched one: both on M, how far apart (also after relabelling hidden units, which
 *   maps M to itself, where that is cheap), and the same local dimension n − rank J;
 * - the trained point's own certificate (Theorems 2.1 and 2.3), through the runner.
 */
import { perturbTargets } from '../cases/perturb.js';
import type { Theorem } from '../proof/types.js';
import type { Case } from '../cases/types.js';
import { mlpLayout } from '../models/mlp.js';
import type { Model } from '../models/types.js';
import type { Certificate } from '../proof/certificate.js';
import { countSpectrum, trueSpectrumAt, type SpectrumCounts, type TrueSpectrum } from '../workspace/hessian.js';
import { modelOf } from '../workspace/model-of.js';
import type { Json } from '../proof/types.js';
import { Workspace } from '../workspace/workspace.js';
import { pointOf } from '../workspace/point.js';
import { dataOf, residualTolerance } from '../points/search.js';
import { caseAtPoint, certify, lossFormula, lossFunction } from './at-point.js';
import { distance, gramSpectrum, linearize, maxAbs, norm } from './linearize.js';
import { trainIntoM, type TrainTry } from './train.js';

export interface ExploreTrainOptions {
  /** the theorem registry, from the command line: the point theorems 2.1 and 2.3 are taken from it */
  readonly theorems: readonly Theorem[];
  /** gradient-descent steps per try (default: the case's `point: {train}`, else 3000) */
  readonly steps?: number;
  /** learning rate (default: the case's, else 0.05) */
  readonly rate?: number;
  /** seeds to try (default 5) */
  readonly tries?: number;
  /** the first seed (default: the case's) */
  readonly seed?: number;
  readonly onProgress?: Parameters<typeof trainIntoM>[2]['onProgress'];
  readonly onPhase?: (phase: 'train' | 'certify' | 'compare') => void;
}

/** What a point of M looks like in floating point. */
export interface PointFacts {
  readonly w: Float64Array;
  readonly loss: number;
  readonly residual: number;
  readonly rank: number;
  readonly rankTol: number;
  readonly sigmaMin: number;
  readonly sigmaMax: number;
  /** n − rank J: the dimension of M near the point when the point is regular */
  readonly localDimension: number;
  readonly norm: number;
}

export interface Comparison {
  readonly method: 'construct' | 'search';
  /** how the other point was found, in words */
  readonly summary: string;
  readonly other: PointFacts;
  readonly distance: number;
  /** distance / max(‖w_trained‖, ‖w_other‖) */
  readonly relative: number;
  /** the distance after the best relabelling of hidden units (one hidden layer of width ≤ 16) */
  readonly relabelled?: number;
}

/** The Hessian spectrum at the trained point, read against Proposition 2.3. */
export interface SpectrumReading {
  readonly spectrum: TrueSpectrum;
  /** n − d·k and d·k, what Proposition 2.3 predicts on M */
  readonly predicted: SpectrumCounts;
  /** counts with |λ| ≤ tol + ‖R‖_F as zero: beyond that, Weyl's inequality makes the signs those of 2JᵀJ */
  readonly widened: SpectrumCounts;
  readonly widenedTol: number;
  readonly matches: boolean;
}

export interface TrainReport {
  readonly case: Case;
  readonly names: readonly string[];
  readonly n: number;
  readonly dk: number;
  readonly settings: { readonly steps: number; readonly rate: number; readonly tries: number; readonly seed: number; readonly scale: number };
  readonly loss: string;
  /** on M when max |Fᵣ| ≤ tol */
  readonly tol: number;
  readonly tries: readonly TrainTry[];
  /** the run that reached M */
  readonly chosen?: TrainTry;
  readonly trained?: PointFacts;
  readonly spectrum?: SpectrumReading | { readonly skipped: string };
  readonly comparison?: Comparison | { readonly skipped: string };
  readonly end: Certificate | null;
}

function factsAt(c: Case, model: Model, w: Float64Array): PointFacts {
  const at = linearize(model, dataOf(c), w);
  const sp = gramSpectrum(at.G, model.n);
  return {
    w,
    loss: lossFunction(c.loss, c.data.d)(at.F),
    residual: maxAbs(at.F),
    rank: sp.rank,
    rankTol: sp.tol,
    sigmaMin: sp.sigmaMin,
    sigmaMax: sp.sigmaMax,
    localDimension: model.n - sp.rank,
    norm: norm(w),
  };
}

/**
 * The smallest ‖a − π(b)‖ over relabellings π of the hidden units of a one-hidden-layer mlp
 * (unit j of b carries its row of W1, its bias b1[j] and its column of W2), by dynamic
 * programming over subsets of units (an assignment problem), or undefined when the model is not
 * one of those or the layer is wider than 16.
 */
export function relabelledDistance(c: Case, a: Float64Array, b: Float64Array): number | undefined {
  if (c.model.kind !== 'mlp' || c.model.hidden.length !== 1) return undefined;
  const layout = mlpLayout(c.data.m, c.model.hidden, c.data.k);
  const [hidden, output] = [layout.layers[0]!, layout.layers[1]!];
  const h = hidden.width;
  if (h > 16) return undefined;
  const unit = (w: Float64Array, j: number): number[] => [
    ...w.subarray(hidden.wOffset + j * hidden.fanIn, hidden.wOffset + (j + 1) * hidden.fanIn),
    w[hidden.bOffset + j]!,
    ...Array.from({ length: output.width }, (_, o) => w[output.wOffset + o * output.fanIn + j]!),
  ];
  const cost = Array.from({ length: h }, (_, i) => {
    const ui = unit(a, i);
    return Array.from({ length: h }, (_, j) => unit(b, j).reduce((s, v, q) => s + (ui[q]! - v) ** 2, 0));
  });
  // best[mask] = least cost of matching units 0..popcount(mask)−1 of a to the set mask of b's units.
  const best = new Float64Array(1 << h).fill(Infinity);
  best[0] = 0;
  for (let mask = 0; mask < 1 << h; mask++) {
    if (!Number.isFinite(best[mask]!)) continue;
    let i = 0;
    for (let m = mask; m; m &= m - 1) i++;
    if (i >= h) continue;
    for (let j = 0; j < h; j++) {
      if (mask & (1 << j)) continue;
      const next = mask | (1 << j);
      best[next] = Math.min(best[next]!, best[mask]! + cost[i]![j]!);
    }
  }
  let fixed = 0;
  for (let o = 0; o < output.width; o++) fixed += (a[output.bOffset + o]! - b[output.bOffset + o]!) ** 2;
  return Math.sqrt(best[(1 << h) - 1]! + fixed);
}

function readSpectrum(spec: TrueSpectrum | { readonly skipped: string }, n: number, dk: number): SpectrumReading | { readonly skipped: string } {
  if ('skipped' in spec) return spec;
  const widenedTol = spec.tol + spec.residualTerm.frobenius;
  const widened = countSpectrum(spec.eigenvalues, widenedTol);
  const predicted = { positive: dk, zero: n - dk, negative: 0 };
  const matches = widened.positive === dk && widened.zero === n - dk && widened.negative === 0;
  return { spectrum: spec, predicted, widened, widenedTol, matches };
}

/** The point to compare with: the construction where the case's model has one, else a seeded search. */
function comparisonPoint(c: Case): { method: 'construct' | 'search'; w: Float64Array; summary: string } | { skipped: string } {
  const tried: string[] = [];
  if (c.model.kind === 'mlp' || c.model.kind === 'dag') {
    const p = pointOf(new Workspace({ ...c, point: { kind: 'construct' } }));
    if (p.found) return { method: 'construct', w: p.values, summary: p.summary };
    tried.push(`no construction (${p.reason})`);
  }
  const p = pointOf(new Workspace({ ...c, point: { kind: 'search' } }));
  if (p.found) return { method: 'search', w: p.values, summary: p.summary };
  tried.push(`no searched point (${p.reason})`);
  return { skipped: tried.join('; ') };
}

/** The training settings for a case: the options, else the case's `point: {train}`, else the defaults. */
export function trainSettings(c: Case, opts: Pick<ExploreTrainOptions, 'steps' | 'rate' | 'tries' | 'seed'> = {}): TrainReport['settings'] {
  const own = c.point.kind === 'train' ? c.point : undefined;
  return {
    steps: opts.steps ?? own?.steps ?? 3000,
    rate: opts.rate ?? own?.rate ?? 0.05,
    tries: opts.tries ?? 5,
    seed: opts.seed ?? c.seed,
    scale: 0.5,
  };
}

/** Trains into M on a case, reads the Hessian spectrum there, compares, and certifies. */
export async function exploreTrain(c0: Case, opts: ExploreTrainOptions): Promise<TrainReport> {
  const c = perturbTargets(c0);
  const model = modelOf(new Workspace(c));
  const data = dataOf(c);
  const settings = trainSettings(c, opts);
  const dk = c.data.d * c.data.k;
  const tol = residualTolerance(data);
  const base = { case: c, names: model.names, n: model.n, dk, settings, loss: lossFormula(c.loss), tol };
  opts.onPhase?.('train');
  const tries = trainIntoM(model, data, { ...settings, tol, ...(opts.onProgress !== undefined && { onProgress: opts.onProgress }) });
  const chosen = tries.find((t) => t.reached);
  if (chosen === undefined) return { ...base, tries, end: null };
  opts.onPhase?.('certify');
  const trainedCase = caseAtPoint(c, model.names, chosen.w, 'trained');
  // The reading below is of the whole n × n spectrum, so Proposition 2.3 is asked to compute it.
  const { certificate: end, workspace } = await certify({ ...trainedCase, fullSpectrum: true }, opts.theorems);
  const trained = factsAt(c, model, chosen.w);
  // Proposition 2.3's run above computed the spectrum already when it fits; this reads its memo.
  const spectrum = readSpectrum(trueSpectrumAt(workspace), model.n, dk);
  opts.onPhase?.('compare');
  const other = comparisonPoint(c);
  let comparison: Comparison | { skipped: string };
  if ('skipped' in other) comparison = other;
  else {
    const facts = factsAt(c, model, other.w);
    const dist = distance(chosen.w, other.w);
    const relabelled = relabelledDistance(c, chosen.w, other.w);
    comparison = {
      method: other.method,
      summary: other.summary,
      other: facts,
      distance: dist,
      relative: dist / Math.max(trained.norm, facts.norm, Number.MIN_VALUE),
      ...(relabelled !== undefined && { relabelled }),
    };
  }
  return { ...base, tries, chosen, trained, spectrum, comparison, end };
}

function factsJson(f: PointFacts): Json {
  return { loss: f.loss, residual: f.residual, rank: f.rank, rankTol: f.rankTol, sigmaMin: f.sigmaMin, sigmaMax: f.sigmaMax, localDimension: f.localDimension, norm: f.norm };
}

/** The `--json` form: the runs tried, the spectrum reading, the comparison, and the trained point's certificate as `end`. */
export function trainJson(r: TrainReport): { readonly [key: string]: Json } {
  const sp = r.spectrum;
  const cmp = r.comparison;
  return {
    train: {
      case: r.case.name,
      n: r.n,
      dk: r.dk,
      loss: r.loss,
      tol: r.tol,
      rigor: 'float',
      settings: r.settings,
      tries: r.tries.map((t) => ({
        seed: t.seed,
        lossStart: t.descent.lossStart,
        descentSteps: t.descent.steps,
        descentLoss: t.descent.lossEnd,
        diverged: t.descent.diverged,
        gaussNewtonIterations: t.gaussNewton.iterations,
        gaussNewtonStopped: t.gaussNewton.stopped,
        loss: t.loss,
        residual: t.residual,
        reached: t.reached,
      })),
      reached: r.chosen !== undefined,
      ...(r.trained !== undefined && { point: factsJson(r.trained) }),
    },
    spectrum:
      sp === undefined
        ? null
        : 'skipped' in sp
          ? { skipped: sp.skipped }
          : {
              rigor: 'float',
              eigenvalues: Array.from(sp.spectrum.eigenvalues.slice(0, 3000)),
              tol: sp.spectrum.tol,
              counts: { ...sp.spectrum.counts },
              predicted: { ...sp.predicted },
              residualTermFrobenius: sp.spectrum.residualTerm.frobenius,
              widenedTol: sp.widenedTol,
              widenedCounts: { ...sp.widened },
              matches: sp.matches,
            },
    comparison:
      cmp === undefined
        ? null
        : 'skipped' in cmp
          ? { skipped: cmp.skipped }
          : {
              method: cmp.method,
              summary: cmp.summary,
              other: factsJson(cmp.other),
              distance: cmp.distance,
              relative: cmp.relative,
              ...(cmp.relabelled !== undefined && { relabelled: cmp.relabelled }),
            },
    end: r.end as unknown as Json,
  };
}
