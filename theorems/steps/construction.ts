/**
 * The steps of the construction of Lemma 3.3 and Corollary 3.4, shared by Theorems 3.3, 3.4,
 * 4.1 and Remark 4.2. Every step reads the one construction of the case (constructionOf, memoized)
 * and reports one part of it, with the rigor of that part:
 *
 *   width-at-least-d             exact    integer comparison (or the dag's wiring search)
 *   projection-separates         exact    BigInt rationals: sorted projections, strict neighbours
 *   scalars-stay-distinct        interval deeper nets: positive, disjoint enclosures per layer
 *   biases-interleave            exact    p_{j−1} ≤ βⱼ < pⱼ (interval when the p are enclosures)
 *   triangular-block-invertible  exact    signs alone: zeros above, positive diagonal
 *   output-weights-enclosed      interval forward substitution, preconditioned, outward rounded
 *   residual-zero                interval F = 0 on the box; the float point checked by the model
 *   parameter-count              exact    the family's count (2d + m) and the network's n
 */
import { pointOf } from '../../src/workspace/point.js';
import {
  activationOf,
  constructionOf,
  constructionResidualOf,
  hiddenDepth,
  MODEL_CHECK_BUDGET,
  wiringOf,
  type Construction,
} from '../../src/workspace/construction.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fromNumber, mul, rat, toJson, type Rational } from '../../src/kernel/rational.js';
import { fails, holds, unknown, type Claims, type Evidence, type Json, type Rigor, type Step, type StepContext, type StepResult } from '../../src/proof/types.js';
import { activationPositive, activationVanishes } from './activation.js';
import { distinctInputs } from './data.js';
import { activationReport } from '../../src/symbolic/activation-props.js';
import { weakest } from '../../src/evidence.js';

/** The hypotheses every construction step needs. */
export const CONSTRUCTION_NEEDS = [
  'distinct-inputs',
  'activation-vanishes-nonpositive',
  'activation-positive',
  'width-at-least-d',
] as const;

/** At most `max` entries of a long list, first and last halves, for step data. */
export function sample<T>(xs: ArrayLike<T>, max = 12): T[] {
  const all = Array.from(xs);
  if (all.length <= max) return all;
  return [...all.slice(0, max / 2), ...all.slice(all.length - max / 2)];
}

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : String(v));

/** The construction, or the evidence that it could not be made (graded by why). */
export function withConstruction(ctx: StepContext, use: (con: Construction) => Evidence): Evidence {
  const con = constructionOf(ctx.ws);
  if (con.applicable) return use(con);
  // A hypothesis that failed would have skipped this step; what is left is a numeric stage
  // that did not succeed, which proves nothing either way.
  return unknown('float', `the construction did not succeed: ${con.reason}`, { stage: con.stage, ...con.data });
}

/** Register the constructed point as the case's point when the case asks for the construction. */
function registerPoint(ctx: StepContext): void {
  if (ctx.case.point.kind === 'construct') pointOf(ctx.ws);
}

// ---------------------------------------------------------------------------------------------
// Width

/** 'lemma': one hidden layer of width ≥ d; 'corollary': the last hidden layer of width ≥ d. */
export function widthStep(kind: 'lemma' | 'corollary'): Step {
  return {
    id: 'width-at-least-d',
    title: kind === 'lemma' ? 'one hidden layer of width at least d' : 'the last hidden layer has width at least d',
    explain:
      'The construction needs d units of the last hidden layer, one per data point, each with its own ' +
      'bias between consecutive projections (the paper states width > d; its proof uses ≥ d). Other ' +
      'units, if any, get zero weights and output σ(0) = 0. For a dag, the same shape is searched for ' +
      'in the graph: d internal nodes feeding every output that read the same inputs, or one carrier ' +
      'node reached from the inputs by a chain. An integer comparison, or a search on the graph: exact.',
    run(ctx) {
      const c = ctx.case;
      const { d } = c.data;
      const depth = hiddenDepth(c);
      if (c.model.kind === 'expression') return fails('exact', 'an expression model has no hidden layer: the construction is for feedforward networks');
      if (kind === 'lemma' && depth !== 1) {
        return fails('exact', `Lemma 3.3 is about one hidden layer; this network has ${depth} (Corollary 3.4 covers it)`, { depth });
      }
      const w = wiringOf(ctx.ws);
      if (!w.ok) return fails('exact', `${w.reason}: the construction needs one unit per data point, so it does not apply`, { ...w.data, depth });
      const width = w.wiring.last.length;
      return holds('exact', `${w.wiring.describeLast}: ${width} ≥ d = ${d}`, { width, d, depth });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Projection

export const projectionSeparates: Step = {
  id: 'projection-separates',
  title: 'a projection separates the inputs',
  explain:
    'Find a ∈ ℝᵐ with the projections tᵢ = a·xᵢ pairwise distinct. Candidates: the moment curve ' +
    'a = (1, s, s², …) of the proof (each pair of rows rules out at most m − 1 values of s) and seeded ' +
    'random integer directions, ranked by how well floating point will resolve the smallest gap. The ' +
    'chosen a has integer entries; each row is brought to integers over its own denominator, so every ' +
    'tᵢ is an exact rational; the rows are sorted and each neighbour pair compared by BigInt ' +
    'cross-multiplication: d − 1 strict inequalities prove all d projections distinct. Exact.',
  needs: CONSTRUCTION_NEEDS,
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const p = con.plan;
      const pr = p.projection;
      const { d } = con;
      const scale = fromNumber(p.firstScale);
      const sorted = (r: number): Rational => mul(rat(pr.num[pr.order[r]!]!, pr.den[pr.order[r]!]!), scale);
      const show = d <= 64;
      const how = pr.strategy === 'moment' ? `the moment curve a = (1, s, s², …) with s = ${pr.s}` : `random integer direction no. ${pr.s} (seed ${ctx.case.seed})`;
      const a = Array.from(p.firstWeights);
      return holds(
        'exact',
        `${how}, scaled by 2^${Math.log2(p.firstScale)}: the ${d} projections are pairwise distinct ` +
          `(${Math.max(0, d - 1)} strict exact comparisons of sorted neighbours)`,
        {
          strategy: pr.strategy,
          s: pr.s,
          // whole, not sampled: the kernel re-derives the projections from a (m numbers, while
          // the data carry d·m)
          a,
          aLength: a.length,
          scale: p.firstScale,
          coordinates: [...con.wiring.coords],
          order: sample(Array.from(pr.order, (i) => i + 1), 24),
          orderNote: 'data rows (1-based) in increasing order of t',
          tSorted: show ? Array.from({ length: d }, (_, r) => toJson(sorted(r))) : [toJson(sorted(0)), '…', toJson(sorted(d - 1))],
          rejected: pr.rejected.map((r) => ({ strategy: r.strategy, s: r.s, rows: [r.rows[0] + 1, r.rows[1] + 1] })),
          gapRatio: pr.gapRatio,
        },
      );
    }),
};

// ---------------------------------------------------------------------------------------------
// Deeper networks: the carried scalars

export const scalarsStayDistinct: Step = {
  id: 'scalars-stay-distinct',
  title: 'carried scalars stay positive and distinct',
  explain:
    'Corollary 3.4 carries one scalar per data point through the first L − 1 hidden layers, one carrier ' +
    'unit each: u ← σ(c·u + b). The paper says the values stay positive and distinct "because σ is ' +
    'rectified"; distinct needs σ injective on the values met, which strict monotonicity gives. So after ' +
    'every layer the values are enclosed in intervals, and the sorted enclosures are checked positive ' +
    'and pairwise disjoint: a proof on this case that does not assume monotonicity. Each layer rescales ' +
    '(c, b) so the values neither underflow (composing σ shrinks them fast) nor collide; where σ is not ' +
    'monotone, scales and windows are tried until the check passes, and the step says what was done.',
  needs: CONSTRUCTION_NEEDS,
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const layers = con.plan.carriers;
      if (layers.length === 0) {
        return holds('exact', 'one hidden layer: no scalar is carried, the exact projections feed the last layer', { layers: 0 });
      }
      const act = activationOf(ctx.ws)!;
      const inc = activationReport(act).increasing;
      const monotone = inc.verdict === 'holds';
      const data = layers.map((l, i) => ({
        layer: i + 1,
        weight: l.weight,
        bias: l.bias,
        choice: l.choice,
        argumentRange: [...l.argRange],
        separation: l.separation,
        tried: l.tried.map((t) => ({ ...t })),
      }));
      const retried = layers.filter((l) => l.tried.length > 1 || l.tried.some((t) => !t.ok));
      const paper = monotone
        ? `σ is increasing on t > 0 (${inc.rigor}), so distinctness is expected; it is checked anyway`
        : `σ is not monotone on t > 0 (${inc.summary}): the paper's "rectified" is replaced by the weaker ` +
          'condition checked here, that σ is injective on the values met';
      const did = retried.length > 0 ? `; scales re-chosen at ${retried.length} layer(s): ${retried.map((l) => l.choice).join('; ')}` : '';
      const minSep = Math.min(...layers.map((l) => l.separation));
      return holds(
        'interval',
        `after each of the ${layers.length} carrier layer(s) the ${con.d} values are enclosed in positive, pairwise disjoint ` +
          `intervals (smallest separation ${fmt(minSep, 3)} of their span); ${paper}${did}`,
        { layers: data as unknown as Json, paperHypothesis: monotone, increasing: { verdict: inc.verdict, rigor: inc.rigor, summary: inc.summary } },
      );
    }),
};

// ---------------------------------------------------------------------------------------------
// Biases and the triangular block

export const biasesInterleave: Step = {
  id: 'biases-interleave',
  title: 'biases between consecutive projections',
  explain:
    'Sort the scalars p₁ < … < p_d the last layer sees and give unit j the bias −βⱼ with β₁ < p₁ and ' +
    'p_{j−1} ≤ βⱼ < pⱼ. The paper takes midpoints; βⱼ = p_{j−1} is allowed too (σ(0) = 0 keeps A ' +
    'triangular) and is what keeps the solve stable: with midpoints and smooLU the output weights grow ' +
    'like 1.5ᵈ. The scalars are scaled first so the smallest gap is G in σ\'s units (G = 10 for smooLU, ' +
    'where σ(t) is within 0.1 of t − 1). Each βⱼ is a float compared with the exact scalars through their ' +
    'tightest float enclosures, themselves checked exactly: exact for one hidden layer; for deeper ' +
    'nets the scalars are interval enclosures and the comparisons interval proofs.',
  needs: CONSTRUCTION_NEEDS,
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const p = con.plan;
      const d = con.d;
      const beta = Array.from(p.biases);
      const placement = p.placement === 'previous' ? 'βⱼ at the previous scalar (rounded up to a float)' : 'βⱼ at midpoints';
      return holds(
        p.signRigor,
        `β₁ < p₁ and p_{j−1} ≤ βⱼ < pⱼ for j = 2..${d} (${2 * d - 1} ${p.signRigor} comparisons); ${placement}, smallest gap G = ${p.gap}`,
        {
          placement: p.placement,
          gap: p.gap,
          lastWeight: p.lastWeight,
          biases: sample(beta, 24),
          biasesNote: 'βⱼ by unit j (its bias is −βⱼ), units in increasing order of p',
          // The sorted scalars beside the biases draw the number line of Lemma 3.3; only whole lists.
          ...(d <= 24 && { projections: Array.from(p.scalars.order, (row) => p.scalars.f[row]!) }),
          candidates: p.lastTried.map((t) => ({ ...t })) as unknown as Json,
        },
      );
    }),
};

export const triangularBlockInvertible: Step = {
  id: 'triangular-block-invertible',
  title: 'A is lower triangular, its diagonal positive',
  explain:
    'Aᵢⱼ = σ(pᵢ − βⱼ), rows and units in increasing order. For j > i: pᵢ ≤ p_{j−1} ≤ βⱼ, so the argument ' +
    'is ≤ 0 and Aᵢⱼ = 0 because σ vanishes on t ≤ 0. For j = i: pᵢ − βᵢ > 0, so Aᵢᵢ > 0 because σ is ' +
    'positive on t > 0. A lower triangular matrix with a nonzero diagonal is invertible: no determinant, ' +
    'no entry above the diagonal is ever computed, only the 2d − 1 comparisons of the previous step and ' +
    'the two properties of σ. The diagonal enclosures are reported too, an interval check of the same fact.',
  needs: [...CONSTRUCTION_NEEDS, 'biases-interleave'],
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const p = con.plan;
      const { d } = con;
      const act = activationOf(ctx.ws)!;
      const rep = activationReport(act);
      const signs: Rigor = weakest(p.signRigor, rep.vanishes.rigor, rep.positive.rigor);
      let minDiagLo = Infinity;
      let maxDiag = 0;
      for (let j = 0; j < d; j++) {
        const at = (j * (j + 1)) / 2 + j;
        minDiagLo = Math.min(minDiagLo, p.block.lo[at]!);
        maxDiag = Math.max(maxDiag, p.block.f[at]!);
      }
      const diagOk = minDiagLo > 0;
      // The sign argument stands on σ's two properties; where the report grades them weaker than
      // the interval check of the diagonal, that check carries the positivity instead.
      const rigor: Rigor = signs === 'float' && diagOk ? 'interval' : signs;
      return holds(
        rigor,
        `A (${d} × ${d}) is lower triangular by signs (${d * (d - 1) / 2} zeros above the diagonal, none computed) ` +
          `with diagonal in [${fmt(minDiagLo)}, ${fmt(maxDiag)}] > 0, so A is invertible`,
        {
          d,
          zerosAboveDiagonal: (d * (d - 1)) / 2,
          diagonalLowerBound: minDiagLo,
          diagonalMax: maxDiag,
          diagonal: sample(Array.from({ length: d }, (_, j) => p.block.f[(j * (j + 1)) / 2 + j]!), 12),
          signArgument: p.signRigor,
          vanishes: rep.vanishes.rigor,
          positive: rep.positive.rigor,
        },
      );
    }),
};

// ---------------------------------------------------------------------------------------------
// Output weights, residual, counts

export const outputWeightsEnclosed: Step = {
  id: 'output-weights-enclosed',
  title: 'the output weights solve A v = y, enclosed',
  explain:
    'With the hidden layer fixed, F is affine in the output weights: F(v) = A v − y (output bias 0). ' +
    'Forward substitution gives v in float; the exact solution A⁻¹y is enclosed by interval forward ' +
    'substitution on B = D·A·D (D the difference matrix), equivalent to A v = y but without the ' +
    'exponential widening of plain interval substitution, every operation rounded outward. The box is a ' +
    'proof that a true zero of F lies in it. The growth is reported: max |v| and the amplification ' +
    'Σⱼ|Aᵢⱼvⱼ|/|y|, by which the rounding of one network evaluation is magnified.',
  needs: [...CONSTRUCTION_NEEDS, 'triangular-block-invertible'],
  run(ctx) {
    registerPoint(ctx);
    return withConstruction(ctx, (con) => {
      const p = con.plan;
      const { k, d } = con;
      const widths: number[] = [];
      let finite = true;
      for (let o = 0; o < k; o++) {
        for (let j = 0; j < d; j++) {
          const w = p.Vhi[o]![j]! - p.Vlo[o]![j]!;
          if (!Number.isFinite(w)) finite = false;
          widths.push(w);
        }
      }
      const data = {
        k,
        maxAbsV: p.maxAbsV,
        amplification: p.amplification,
        relativeWidth: p.enclosure.relativeWidth,
        maxWidth: Math.max(...widths),
        transform: p.enclosure.transform,
        transformsTried: p.enclosure.tried.map((t) => ({ ...t })),
        v: sample(Array.from(p.V[0]!), 12),
        vEnclosure: sample(Array.from(p.Vlo[0]!, (lo, j) => [lo, p.Vhi[0]![j]!]), 12),
      };
      if (!finite) {
        return unknown('float', `the interval solve lost the enclosure (max |v| = ${fmt(p.maxAbsV)}): the float v is not proven`, data);
      }
      const vs = k === 1 ? 'v' : `V = Y·A⁻ᵀ (${k} columns)`;
      // any finite box is a proof; a wide one locates the zero poorly, and says so
      const loose = p.enclosure.relativeWidth > 1e-6 ? ' — a loose box: A is ill-conditioned at this scale' : '';
      return holds(
        'interval',
        `${vs} enclosed with relative width ${p.enclosure.relativeWidth.toExponential(1)} (${p.enclosure.transform}); ` +
          `max |v| = ${fmt(p.maxAbsV)}, amplification ${fmt(p.amplification, 3)}${loose}`,
        data,
      );
    });
  },
};

/** Relative residual of the float point (by the model's forward pass) accepted as a sanity check. */
export const RESIDUAL_TOLERANCE = 1e-6;

export const residualZero: Step = {
  id: 'residual-zero',
  title: 'the constructed point fits the data: L = 0',
  explain:
    'Every point of the box has F = 0 for some v in it: that is what the enclosure proves, and L = 0 is ' +
    'then the global minimum since L ≥ 0. Three checks of the float point: the model\'s own forward pass ' +
    `(every row while d·n ≤ ${MODEL_CHECK_BUDGET.toExponential(0)}, else the worst rows and a seeded sample), a ` +
    'plain float evaluation of every row through the structure (all units share a·xᵢ), and an interval ' +
    'enclosure of F at the float point (A·ṽ − y with A enclosed and the exact targets). The forward pass ' +
    'must agree with that enclosure up to its own rounding (amplification × 2⁻⁵¹); otherwise the float ' +
    'point and the construction disagree and nothing is claimed. Relative residuals of the float point ' +
    `below ${RESIDUAL_TOLERANCE} are expected; above it the float point is only approximate (an ill-conditioned ` +
    'block) and the summary says so, while the box still holds the exact zero.',
  needs: [...CONSTRUCTION_NEEDS, 'output-weights-enclosed'],
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const r = constructionResidualOf(ctx.ws)!;
      const d = ctx.case.data.d;
      // what one float evaluation may add to the exact residual of the float point
      const slack = (RESIDUAL_TOLERANCE + con.plan.amplification * 2 ** -51) * r.scale;
      const agrees = r.model.maxAbs <= r.enclosedMaxAbs + slack && r.structured.maxAbs <= r.enclosedMaxAbs + slack;
      const data = {
        modelMaxAbs: r.model.maxAbs,
        modelRelative: r.model.relative,
        modelRows: r.model.rows,
        worstRow: r.model.worstRow + 1,
        structuredMaxAbs: r.structured.maxAbs,
        structuredRelative: r.structured.relative,
        enclosedMaxAbs: r.enclosedMaxAbs,
        scale: r.scale,
        tolerance: RESIDUAL_TOLERANCE,
        agrees,
      };
      const rows = r.model.rows === d ? `all ${d} rows` : `${r.model.rows} of ${d} rows (the worst by the structure and a seeded sample)`;
      const text =
        `F = 0 inside the box (interval); at the float point the model's forward pass on ${rows} gives relative residual ` +
        `${r.model.relative.toExponential(2)}, the structured evaluation of every row ${r.structured.relative.toExponential(2)}, ` +
        `and the enclosure bounds |F| by ${r.enclosedMaxAbs.toExponential(2)}`;
      if (!agrees) {
        return unknown('float', `${text}: the forward pass does not agree with the construction, so nothing is claimed`, data);
      }
      const approximate = !(r.model.relative <= RESIDUAL_TOLERANCE && r.structured.relative <= RESIDUAL_TOLERANCE);
      const note = approximate
        ? `; the float point is only approximate (A is ill-conditioned: amplification ${con.plan.amplification.toPrecision(3)}), the exact zero is the one in the box`
        : '';
      return holds('interval', text + note, { ...data, approximate });
    }),
};

export const parameterCount: Step = {
  id: 'parameter-count',
  title: 'parameter counts',
  explain:
    'The paper counts the construction\'s own family: a ∈ ℝᵐ, d biases and d output weights, 2d + m ' +
    'numbers (m + d + k·d with k outputs; a deeper net adds the carriers\' weights and biases). The ' +
    'network it lives in has n parameters: dm + 2d + 1 for one hidden layer of width d and one output. ' +
    'Integer arithmetic.',
  needs: CONSTRUCTION_NEEDS,
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const { d, k } = con;
      const m = con.wiring.coords.length;
      const n = modelOf(ctx.ws).n;
      const paper = k === 1 && con.depth === 1 ? ` = 2d + m = 2·${d} + ${m}` : '';
      return holds('exact', `the construction's family has ${con.familyCount} parameters${paper}; the network has n = ${n}`, {
        family: con.familyCount,
        network: n,
        d,
        m,
        k,
        depth: con.depth,
      });
    }),
};

/**
 * The hypotheses of Lemma 3.3 as steps, shared by every theorem built on its construction:
 * distinct inputs, σ = 0 on t ≤ 0, σ > 0 on t > 0, then `extra` (Theorem 4.1 adds smoothness),
 * then the width of the layer the Lemma runs on.
 */
export function lemmaHypotheses(width: 'lemma' | 'corollary', extra: readonly Step[] = []): Step[] {
  return [distinctInputs, activationVanishes, activationPositive, ...extra, widthStep(width)];
}

/**
 * The construction itself, from the projection to the fit: Lemma 3.3's proof, with the carried
 * scalars of Corollary 3.4 checked in between when the network is deeper (`carried`).
 */
export function constructionSteps(carried: boolean): Step[] {
  return [projectionSeparates, ...(carried ? [scalarsStayDistinct] : []), biasesInterleave, triangularBlockInvertible, outputWeightsEnclosed, residualZero];
}

/** What Lemma 3.3 and Corollary 3.4 conclude: once the fit is proven, the global minimum is 0. */
export function fitClaims(results: ReadonlyMap<string, StepResult>): Claims {
  return results.get('residual-zero')?.verdict === 'holds' ? { globalMinimum: 0 } : {};
}
