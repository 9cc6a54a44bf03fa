/**
 * The construction of Lemma 3.3 and Corollary 3.4, independent of how the network stores its
 * parameters (layout.ts maps a plan into an mlp or a dag).
 *
 * A scalar travels through the network: the exact projection t = a·x (projection.ts); then,
 * for a deeper network, one carrier unit per hidden layer but the last, u ← σ(c·u + b), each
 * layer's scale c and bias b chosen so the scalars stay positive, distinct and inside a range
 * where σ neither underflows nor flattens (rescaling between layers, MATH.md's gap (3)); then
 * the d units of the last hidden layer compute σ(p − βⱼ) with p the scalar scaled so that the
 * smallest gap between sorted values is G, and the biases βⱼ between consecutive values.
 *
 * Stability (MATH.md, "Numerical stability"): with βⱼ at the previous value, A ≈ E·G·E for
 * σ ≈ t − 1 (E all-ones lower triangular), whose inverse D·G⁻¹·D has entries of size 1/gap; the
 * paper's midpoints give A_{j,j−1}/A_jj ≈ 1.5 and growth 1.5ᵈ. So relu and smooLU take
 * βⱼ = p_{j−1} (smooLU with G = 10, where it is within 0.1 of t − 1), and a user's σ is tried
 * with a few scales and placements, keeping the one with the least amplification Σⱼ|Aᵢⱼvⱼ|/|y|
 * times the spread of the diagonal (a bump far out on its tail makes the diagonal tiny).
 *
 * What is proven and how. Depth 1: the scalars are exact rationals, enclosed by their
 * neighbouring floats (checked exactly), so "p_{j−1} ≤ βⱼ < pⱼ" is an exact statement. Deeper:
 * the scalars are interval enclosures, and the same comparisons on their bounds are interval
 * proofs; distinctness after every layer is the disjointness of the sorted enclosures, never
 * assumed from monotonicity.
 */
import { fromRational } from '../../kernel/interval.js';
import { rat, type Rational } from '../../kernel/rational.js';
import { findProjection, integerRows, type Projection } from './projection.js';
import * as rounding from './rounding.js';
import { chooseCarrier, floatGap, gapCandidates, sortedCopy, type CarrierLayer, type Placement, type Scalars } from './carriers.js';
import type { ConstructionSigma } from './sigma.js';
import {
  encloseSolutions,
  forwardSubstitute,
  TRANSFORMS,
  transformName,
  type Transform,
  type TriangularBlock,
} from './triangular.js';

// Bound once here: a transpiler's live-binding getters (tsx) would keep V8 from inlining these
// in the O(d²) loops, a tenfold slowdown.
const { down, up } = rounding;

export type { CarrierLayer, Placement, Scalars } from './carriers.js';

export interface PlanInput {
  readonly xExact: readonly (readonly Rational[])[];
  readonly x: readonly Float64Array[];
  readonly yExact: readonly (readonly Rational[])[];
  readonly k: number;
  /** the input coordinates the projection uses */
  readonly coords: readonly number[];
  /** hidden layers the scalar passes: 1 for Lemma 3.3, L for Corollary 3.4 */
  readonly depth: number;
  readonly sigma: ConstructionSigma;
  readonly seed: number;
}

export interface Plan {
  readonly d: number;
  readonly k: number;
  readonly projection: Projection;
  /** 2^e: the weights of the first layer are 2^e·a */
  readonly firstScale: number;
  readonly firstWeights: Float64Array;
  readonly carriers: readonly CarrierLayer[];
  /** the weight from the last carrier to each of the d units (depth ≥ 2); 1 at depth 1 */
  readonly lastWeight: number;
  /** the scalars p the last layer sees, by data row */
  readonly scalars: Scalars;
  /** βⱼ for the units j = 0..d−1 in rank order (unit j's bias is −βⱼ) */
  readonly biases: Float64Array;
  readonly placement: Placement;
  /** the smallest gap G between sorted scalars, in σ's units */
  readonly gap: number;
  /** rigor of the sign argument: exact at depth 1, interval deeper */
  readonly signRigor: 'exact' | 'interval';
  readonly block: TriangularBlock;
  /** output weights in float: V[o][j] from unit j to output o */
  readonly V: readonly Float64Array[];
  readonly Vlo: readonly Float64Array[];
  readonly Vhi: readonly Float64Array[];
  /** the targets in rank order, enclosed (neighbouring floats of the exact values) */
  readonly yLo: readonly Float64Array[];
  readonly yHi: readonly Float64Array[];
  readonly enclosure: {
    readonly transform: string;
    readonly relativeWidth: number;
    readonly tried: readonly { readonly transform: string; readonly relativeWidth: number }[];
    /** the preconditioning used (again for the bounds on ‖A⁻¹‖) */
    readonly using: Transform;
    /** an upper bound on ‖⟨B⟩⁻¹‖∞ for it, from the same solve */
    readonly comparisonInf: number;
  };
  readonly maxAbsV: number;
  readonly amplification: number;
  readonly lastTried: readonly { readonly choice: string; readonly ok: boolean; readonly why: string; readonly amplification?: number }[];
}

export type PlanOutcome =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly stage: 'projection' | 'carriers' | 'last-layer'; readonly reason: string; readonly data: Readonly<Record<string, unknown>> };

// ---------------------------------------------------------------------------------------------
// The last hidden layer

interface LastLayer {
  readonly scalars: Scalars;
  readonly biases: Float64Array;
  readonly block: TriangularBlock;
  readonly V: Float64Array[];
  readonly amplification: number;
  readonly maxAbsV: number;
  /** largest over smallest diagonal entry (float): a spread of σ's values that the solve pays for */
  readonly diagonalSpread: number;
}

/**
 * Biases between consecutive scalars and the block A, for scalars p already scaled. Float only
 * (for ranking candidates) or with the enclosure of every entry.
 */
function lastLayer(
  p: Scalars,
  G: number,
  placement: Placement,
  sigma: ConstructionSigma,
  yF: readonly Float64Array[],
  withEnclosure: boolean,
): { ok: true; layer: LastLayer } | { ok: false; why: string } {
  const d = p.order.length;
  const s = sortedCopy(p);
  const beta = new Float64Array(d);
  // any float below the smallest scalar works; the plain difference when it is below
  const b0 = s.lo[0]! - (placement === 'previous' ? G : G / 2);
  beta[0] = b0 < s.lo[0]! ? b0 : down(b0);
  for (let j = 1; j < d; j++) {
    const b = placement === 'previous' ? s.hi[j - 1]! : 0.5 * s.hi[j - 1]! + 0.5 * s.lo[j]!;
    // p_{j−1} ≤ hi_{j−1} ≤ βⱼ < lo_j ≤ p_j: the sign pattern of A rests on these comparisons
    if (!(s.hi[j - 1]! <= b && b < s.lo[j]!)) {
      return { ok: false, why: `no float bias fits between the scalars of rank ${j} and ${j + 1}` };
    }
    beta[j] = b;
  }
  if (!(beta[0]! < s.lo[0]!)) return { ok: false, why: 'no float bias fits below the smallest scalar' };

  const size = (d * (d + 1)) / 2;
  const f = new Float64Array(size);
  const lo = withEnclosure ? new Float64Array(size) : f;
  const hi = withEnclosure ? new Float64Array(size) : f;
  const sigmaF = sigma.f;
  for (let r = 0; r < d; r++) {
    const base = (r * (r + 1)) / 2;
    const pr = s.f[r]!;
    const pl = s.lo[r]!;
    const ph = s.hi[r]!;
    if (withEnclosure) {
      for (let j = 0; j <= r; j++) {
        const bj = beta[j]!;
        sigma.fill(pr - bj, down(pl - bj), up(ph - bj), f, lo, hi, base + j);
      }
    } else {
      for (let j = 0; j <= r; j++) f[base + j] = sigmaF(pr - beta[j]!);
    }
    const diag = base + r;
    if (!(f[diag]! > 0)) return { ok: false, why: `the float diagonal entry ${r + 1} is ${f[diag]} (σ underflows at ${pr - beta[r]!})` };
    if (withEnclosure && !(lo[diag]! > 0)) return { ok: false, why: `the enclosure of diagonal entry ${r + 1} does not exclude 0` };
  }
  const block: TriangularBlock = { d, f, lo, hi };
  let minDiag = Infinity;
  let maxDiag = 0;
  for (let r = 0; r < d; r++) {
    const v = f[(r * (r + 1)) / 2 + r]!;
    minDiag = Math.min(minDiag, v);
    maxDiag = Math.max(maxDiag, v);
  }
  const V: Float64Array[] = [];
  let amplification = 0;
  let maxAbsV = 0;
  for (const y of yF) {
    const r = forwardSubstitute(block, y);
    V.push(r.v);
    amplification = Math.max(amplification, r.amplification);
    for (const v of r.v) maxAbsV = Math.max(maxAbsV, Math.abs(v));
  }
  if (!Number.isFinite(maxAbsV) || !Number.isFinite(amplification)) {
    return { ok: false, why: `the float solve overflows (max |v| = ${maxAbsV})` };
  }
  return { ok: true, layer: { scalars: p, biases: beta, block, V, amplification, maxAbsV, diagonalSpread: maxDiag / minDiag } };
}

/** The scalars p of the last layer for a gap G: depth 1 scales the exact t by 2^e, deeper by c. */
function scaleScalars(q: Scalars, G: number, powerOfTwo: boolean): { scale: number; p: Scalars } | undefined {
  const { gap } = floatGap(q);
  let c = gap > 0 ? G / gap : G;
  if (powerOfTwo) c = 2 ** Math.ceil(Math.log2(c));
  if (!(c > 0 && Number.isFinite(c))) return undefined;
  const d = q.order.length;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const f = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    // a power of two scales exactly (barring over- and underflow, which the checks below catch)
    lo[i] = powerOfTwo ? c * q.lo[i]! : down(c * q.lo[i]!);
    hi[i] = powerOfTwo ? c * q.hi[i]! : up(c * q.hi[i]!);
    f[i] = c * q.f[i]!;
    if (!Number.isFinite(lo[i]!) || !Number.isFinite(hi[i]!)) return undefined;
  }
  return { scale: c, p: { lo, hi, f, order: q.order, exact: q.exact } };
}

/** Float-nearest values and tightest float enclosures of the exact projections. */
function exactScalars(projection: Projection): Scalars {
  const d = projection.num.length;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const f = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const t = rat(projection.num[i]!, projection.den[i]!);
    const e = fromRational(t);
    lo[i] = e.lo;
    hi[i] = e.hi;
    // the nearer end: both are floats around t, and the enclosure is [t, t] when t is a float
    f[i] = e.lo === e.hi ? e.lo : 0.5 * e.lo + 0.5 * e.hi;
  }
  return { lo, hi, f, order: projection.order, exact: true };
}

/** Runs the construction. */
export function buildPlan(input: PlanInput): PlanOutcome {
  const { sigma, k } = input;
  const d = input.xExact.length;
  const rows = integerRows(input.xExact, input.coords);
  const found = findProjection(rows, input.x, input.coords, { seed: input.seed });
  if (!found.found) {
    return { ok: false, stage: 'projection', reason: found.reason, data: { rejected: found.rejected, equalRows: found.equalRows ?? null } };
  }
  const projection = found.projection;
  const t = exactScalars(projection);

  // Carriers: depth − 1 layers, each choosing its own scale.
  const carriers: CarrierLayer[] = [];
  let q = t;
  for (let l = 1; l < input.depth; l++) {
    const layer = chooseCarrier(q, sigma, l === 1);
    if ('fail' in layer) {
      return { ok: false, stage: 'carriers', reason: `hidden layer ${l}: ${layer.fail}`, data: { layer: l, tried: layer.tried } };
    }
    carriers.push(layer);
    q = layer.values;
  }

  // Targets in rank order, enclosed.
  const order = q.order;
  const yLo: Float64Array[] = [];
  const yHi: Float64Array[] = [];
  const yF: Float64Array[] = [];
  for (let o = 0; o < k; o++) {
    const l = new Float64Array(d);
    const h = new Float64Array(d);
    const f = new Float64Array(d);
    for (let r = 0; r < d; r++) {
      const e = fromRational(input.yExact[order[r]!]![o]!);
      l[r] = e.lo;
      h[r] = e.hi;
      f[r] = e.lo === e.hi ? e.lo : 0.5 * e.lo + 0.5 * e.hi;
    }
    yLo.push(l);
    yHi.push(h);
    yF.push(f);
  }

  // The last layer: a user's σ ranks its candidates in float, then encloses the chosen one;
  // relu and smooLU take the first candidate that works, enclosed at once.
  const cands = gapCandidates(sigma);
  const rankInFloat = sigma.shape === 'user';
  const lastTried: { choice: string; ok: boolean; why: string; amplification?: number }[] = [];
  // (a user's σ: the candidate with the least amplification × diagonal spread)
  let chosen: { G: number; placement: Placement; scale: number; p: Scalars; layer: LastLayer; enclosed: boolean } | undefined;
  for (const { gap: G, placement } of cands) {
    const choice = `smallest gap ${G}, biases at the ${placement === 'previous' ? 'previous value' : 'midpoints'}`;
    const scaled = scaleScalars(q, G, input.depth === 1);
    if (!scaled) {
      lastTried.push({ choice, ok: false, why: 'the scale over- or underflows' });
      continue;
    }
    const r = lastLayer(scaled.p, G, placement, sigma, yF, !rankInFloat);
    if (!r.ok) {
      lastTried.push({ choice, ok: false, why: r.why });
      continue;
    }
    // amplification measures the cancellation in one evaluation; the spread of the diagonal
    // how far σ's values range (a bump far out on its tail makes A nearly singular in scale)
    const amp = r.layer.amplification;
    const score = amp * r.layer.diagonalSpread;
    lastTried.push({
      choice,
      ok: true,
      why: `amplification ${amp.toPrecision(3)}, diagonal spread ${r.layer.diagonalSpread.toPrecision(3)}`,
      amplification: amp,
    });
    if (!chosen || score < chosen.layer.amplification * chosen.layer.diagonalSpread) {
      chosen = { G, placement, scale: scaled.scale, p: scaled.p, layer: r.layer, enclosed: !rankInFloat };
    }
    if (!rankInFloat) break;
  }
  if (!chosen) {
    return { ok: false, stage: 'last-layer', reason: lastTried.map((c) => `${c.choice}: ${c.why}`).join('; '), data: { tried: lastTried } };
  }
  let last = chosen.layer;
  if (!chosen.enclosed) {
    const built = lastLayer(chosen.p, chosen.G, chosen.placement, sigma, yF, true);
    if (!built.ok) return { ok: false, stage: 'last-layer', reason: built.why, data: { tried: lastTried } };
    last = built.layer;
  }

  // The exact solution, enclosed for every output at once.
  const order0 = sigma.shape === 'user' ? [TRANSFORMS[1]!, TRANSFORMS[0]!, TRANSFORMS[2]!, TRANSFORMS[3]!] : TRANSFORMS;
  const enc = encloseSolutions(last.block, yLo, yHi, order0);

  const firstScale = input.depth === 1 ? chosen.scale : carriers[0]!.weight;
  const firstWeights = Float64Array.from(projection.a, (a) => a * firstScale);
  return {
    ok: true,
    plan: {
      d,
      k,
      projection,
      firstScale,
      firstWeights,
      carriers,
      lastWeight: input.depth === 1 ? 1 : chosen.scale,
      scalars: chosen.p,
      biases: last.biases,
      placement: chosen.placement,
      gap: chosen.G,
      signRigor: chosen.p.exact ? 'exact' : 'interval',
      block: last.block,
      V: last.V,
      Vlo: enc.lo,
      Vhi: enc.hi,
      yLo,
      yHi,
      enclosure: {
        transform: transformName(enc.transform),
        relativeWidth: enc.relativeWidth,
        tried: enc.tried,
        using: enc.transform,
        comparisonInf: enc.comparisonInf,
      },
      maxAbsV: last.maxAbsV,
      amplification: last.amplification,
      lastTried,
    },
  };
}
