/**
 * The constructed global minimum of Lemma 3.3 / Corollary 3.4, once per case: `constructionOf(ws)`.
 *
 * Everything the theorem steps report comes from this record: the exact projection and its
 * sorted order, the biases, the triangular block A with its sign argument, the output weights
 * in float and enclosed, the point in the model's parameter order with a box that provably holds
 * a true zero of F, and the residual (lazily, `constructionResidualOf`). The pieces live in
 * construct/: projection.ts (exact), plan.ts (scales, biases, solves), triangular.ts (the block),
 * layout.ts (where the numbers go), sigma.ts (σ and its enclosure).
 *
 * Why the box holds a zero: the hidden parameters are the floats written in the point, so A is
 * a fixed matrix whose entries are enclosed; F is affine in the output weights V and the output
 * bias (0); A is invertible by signs; the interval solve encloses A⁻¹y for the exact targets.
 * Every point of the box has the same hidden parameters, so the rank argument holds on all of it.
 */
import type { Case } from '../cases/types.js';
import { compileActivation, type Activation } from '../models/activation.js';
import { dagLayout, type DagSpec } from '../models/dag.js';
import { mlpLayout } from '../models/mlp.js';
import type { Interval } from '../kernel/interval.js';
import { modelOf } from './model-of.js';
import type { Json } from '../evidence.js';
import type { Workspace } from './workspace.js';
import { activationReport } from '../symbolic/activation-props.js';
import { dagWiring, mlpWiring, type Wiring } from '../points/construct/layout.js';
import { buildPlan, type Plan } from '../points/construct/plan.js';
import { constructionSigma, type ConstructionSigma } from '../points/construct/sigma.js';
import { seededUniform } from '../points/construct/random.js';
import { encloseResidual } from '../points/construct/triangular.js';
import type { PointOutcome } from '../points/types.js';

export type { Plan } from '../points/construct/plan.js';
export type { Wiring } from '../points/construct/layout.js';

/** Why there is no construction on this case. */
export interface NotApplicable {
  readonly applicable: false;
  /** where it stopped: the model kind, σ, the width, the data, or a stage of the construction */
  readonly stage: 'model' | 'activation' | 'width' | 'projection' | 'carriers' | 'last-layer';
  readonly reason: string;
  readonly data: { readonly [key: string]: Json };
}

export interface Construction {
  readonly applicable: true;
  readonly kind: 'mlp' | 'dag';
  readonly d: number;
  readonly k: number;
  readonly n: number;
  /** hidden layers the scalar passes (1: Lemma 3.3; L ≥ 2: Corollary 3.4) */
  readonly depth: number;
  readonly sigma: ConstructionSigma;
  readonly plan: Plan;
  readonly wiring: Wiring;
  /** the point, in the model's parameter order */
  readonly values: Float64Array;
  /** a box holding a true zero of F: [v, v] for every parameter but the output weights */
  readonly enclosure: readonly Interval[];
  /** parameter index of the weight from unit j (rank j) to output o: outputWeights[o·d + j] */
  readonly outputWeights: Int32Array;
  /** the numbers the construction's family is parameterized by (2d + m for Lemma 3.3, k = 1) */
  readonly familyCount: number;
}

export type ConstructionOutcome = Construction | NotApplicable;

/**
 * How many hidden layers a dag's longest chain of internal nodes has (0 without internal nodes).
 * Iterative (Kahn's order), so a chain of 300,000 nodes does not exhaust the call stack.
 */
export function dagDepth(spec: DagSpec): number {
  const inputs = new Set(spec.inputs);
  const outputs = new Set(spec.outputs);
  const internal = spec.nodes.filter((v) => !inputs.has(v) && !outputs.has(v));
  const isInternal = new Set(internal);
  const succ = new Map<string, string[]>(internal.map((v) => [v, []]));
  const indeg = new Map<string, number>(internal.map((v) => [v, 0]));
  for (const [a, b] of spec.edges) {
    if (!isInternal.has(a) || !isInternal.has(b)) continue;
    succ.get(a)!.push(b);
    indeg.set(b, indeg.get(b)! + 1);
  }
  const depth = new Map<string, number>(internal.map((v) => [v, 1]));
  const queue = internal.filter((v) => indeg.get(v) === 0);
  let longest = 0;
  // A cycle (which the loader refuses) leaves its nodes unvisited; the result stays total anyway.
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    const dv = depth.get(v)!;
    if (dv > longest) longest = dv;
    for (const w of succ.get(v)!) {
      if (dv + 1 > depth.get(w)!) depth.set(w, dv + 1);
      const left = indeg.get(w)! - 1;
      indeg.set(w, left);
      if (left === 0) queue.push(w);
    }
  }
  return longest;
}

/** The number of hidden layers of the case's network (mlp or dag), 0 for other models. */
export function hiddenDepth(c: Case): number {
  if (c.model.kind === 'mlp') return c.model.hidden.length;
  if (c.model.kind === 'dag') return dagDepth(c.model);
  return 0;
}

/** The case's σ, the model's own when it has one (so its activation report is shared). */
export function activationOf(ws: Workspace): Activation | undefined {
  const spec = ws.case_.model;
  if (spec.kind === 'expression') return undefined;
  return ws.memo('construct:activation', () => modelOf(ws).activation ?? compileActivation(spec.activation));
}

/**
 * Where the construction would put its numbers, or why the network has no room for it (the
 * last hidden layer narrower than d, a dag without d units that share a source). Exact.
 */
export type WiringOutcome =
  | { readonly ok: true; readonly wiring: Wiring }
  | { readonly ok: false; readonly reason: string; readonly data: { readonly [key: string]: Json } };

export function wiringOf(ws: Workspace): WiringOutcome {
  return ws.memo('construct:wiring', (): WiringOutcome => {
    const c = ws.case_;
    const spec = c.model;
    const { d, k } = c.data;
    if (spec.kind === 'expression') return { ok: false, reason: 'an expression model has no hidden layer', data: {} };
    if (spec.kind === 'mlp') {
      const last = spec.hidden[spec.hidden.length - 1];
      if (last === undefined) return { ok: false, reason: 'the network has no hidden layer', data: { d } };
      if (last < d) {
        return {
          ok: false,
          reason: `the last hidden layer has width ${last} < d = ${d}`,
          data: { width: last, d },
        };
      }
      return { ok: true, wiring: mlpWiring(mlpLayout(c.data.m, spec.hidden, k)) };
    }
    const w = dagWiring(spec, dagLayout(spec), d, c.data.xExact);
    return w.ok ? w : { ok: false, reason: w.reason, data: { d } };
  });
}

/** The construction for the case, computed once. */
export function constructionOf(ws: Workspace): ConstructionOutcome {
  return ws.memo('construct', () => construct(ws));
}

function construct(ws: Workspace): ConstructionOutcome {
  const c = ws.case_;
  const spec = c.model;
  const { d, k } = c.data;
  const no = (stage: NotApplicable['stage'], reason: string, data: NotApplicable['data'] = {}): NotApplicable => ({
    applicable: false,
    stage,
    reason,
    data,
  });
  if (spec.kind === 'expression') return no('model', 'the construction is for feedforward networks (mlp, dag), not an expression model');

  const act = activationOf(ws)!;
  const s = constructionSigma(act, {
    vanishes: () => {
      const v = activationReport(act).vanishes;
      return v.verdict === 'holds' && (v.rigor === 'exact' || v.rigor === 'symbolic');
    },
  });
  if (!s.ok) return no('activation', s.reason);

  const wired = wiringOf(ws);
  if (!wired.ok) return no('width', wired.reason, wired.data);
  const wiring = wired.wiring;
  const depth = wiring.carriers.length + 1;

  const out = buildPlan({
    xExact: c.data.xExact,
    x: c.data.x,
    yExact: c.data.yExact,
    k,
    coords: wiring.coords,
    depth,
    sigma: s.sigma,
    seed: c.seed,
  });
  if (!out.ok) return no(out.stage, out.reason, out.data as NotApplicable['data']);
  const plan = out.plan;

  // The point: everything 0 but what the construction sets.
  const values = new Float64Array(wiring.n);
  const writeUnit = (weights: Int32Array, w: ArrayLike<number>, bias: number, b: number): void => {
    for (let j = 0; j < weights.length; j++) values[weights[j]!] = w[j]!;
    values[bias] = b;
  };
  plan.carriers.forEach((layer, l) =>
    writeUnit(wiring.carriers[l]!.weights, l === 0 ? plan.firstWeights : [layer.weight], wiring.carriers[l]!.bias, layer.bias),
  );
  const lastWeights = depth === 1 ? plan.firstWeights : [plan.lastWeight];
  for (let j = 0; j < d; j++) writeUnit(wiring.last[j]!.weights, lastWeights, wiring.last[j]!.bias, -plan.biases[j]!);
  const outputWeights = new Int32Array(k * d);
  const width = wiring.last.length;
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < d; j++) {
      const idx = wiring.outWeights[o * width + j]!;
      outputWeights[o * d + j] = idx;
      values[idx] = plan.V[o]![j]!;
    }
    values[wiring.outBiases[o]!] = 0;
  }
  const enclosure: Interval[] = Array.from(values, (v) => ({ lo: v, hi: v }));
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < d; j++) enclosure[outputWeights[o * d + j]!] = { lo: plan.Vlo[o]![j]!, hi: plan.Vhi[o]![j]! };
  }

  const S = wiring.coords.length;
  const familyCount = depth === 1 ? S + d + k * d : S + 1 + 2 * (depth - 2) + 1 + d + k * d;
  return {
    applicable: true,
    kind: spec.kind,
    d,
    k,
    n: wiring.n,
    depth,
    sigma: s.sigma,
    plan,
    wiring,
    values,
    enclosure,
    outputWeights,
    familyCount,
  };
}

/**
 * Multiply-adds the model's own forward pass may spend on the residual check (rows × n): all rows
 * up to it, a sample beyond (the structured evaluation covers every row at O(d² + d·m)).
 */
export const MODEL_CHECK_BUDGET = 5e6;

/** The residual of the constructed point, measured three ways. */
export interface ConstructionResidual {
  /**
   * by the model's own forward pass in float: max |f(w̃, xᵢ) − yᵢ| over the rows checked, and that
   * over max |yᵢ|; `rows` is how many rows it evaluated (all of them when d·n ≤ MODEL_CHECK_BUDGET)
   */
  readonly model: { readonly maxAbs: number; readonly relative: number; readonly worstRow: number; readonly rows: number };
  /**
   * by a plain float evaluation through the structure, every row: all units of the first layer
   * share the weights a, so a·xᵢ is computed once per row (the same float operations as a plain
   * forward pass in that order), then σ(a·xᵢ − βⱼ) for the d units and the output sums
   */
  readonly structured: { readonly maxAbs: number; readonly relative: number; readonly worstRow: number };
  /**
   * rigorous: every |F(w̃)ᵢ| at the float point, for the exact data, is at most this (from the
   * enclosure of A and the exact targets: F(w̃) = A·ṽ − y since every other term is exactly 0)
   */
  readonly enclosedMaxAbs: number;
  /** max |yᵢ| (1 when every target is 0), the scale of `relative` */
  readonly scale: number;
}

/** The network's outputs at the constructed float point, through the structure (d × k, sample-major). */
export function structuredOutputs(con: Construction, xs: readonly Float64Array[]): Float64Array {
  const p = con.plan;
  const { d, k } = con;
  const coords = con.wiring.coords;
  const f = con.sigma.f;
  const out = new Float64Array(xs.length * k);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    let s = 0;
    for (let j = 0; j < coords.length; j++) s += p.firstWeights[j]! * x[coords[j]!]!;
    if (p.carriers.length > 0) {
      let u = f(s + p.carriers[0]!.bias);
      for (let l = 1; l < p.carriers.length; l++) u = f(p.carriers[l]!.weight * u + p.carriers[l]!.bias);
      s = p.lastWeight * u;
    }
    for (let o = 0; o < k; o++) {
      const v = p.V[o]!;
      let acc = 0;
      for (let j = 0; j < d; j++) acc += v[j]! * f(s + -p.biases[j]!);
      out[i * k + o] = acc;
    }
  }
  return out;
}

/** The residual at the constructed float point, computed once. */
export function constructionResidualOf(ws: Workspace): ConstructionResidual | undefined {
  const con = constructionOf(ws);
  if (!con.applicable) return undefined;
  return ws.memo('construct:residual', () => {
    const c = ws.case_;
    const { d, k } = c.data;
    let scale = 0;
    for (const row of c.data.y) for (const y of row) scale = Math.max(scale, Math.abs(y));
    if (scale === 0) scale = 1;
    const worst = (outputs: Float64Array, rows: readonly number[]): { maxAbs: number; worstRow: number; byRow: Float64Array } => {
      let maxAbs = 0;
      let worstRow = rows[0] ?? 0;
      const byRow = new Float64Array(rows.length);
      rows.forEach((i, r) => {
        for (let o = 0; o < k; o++) {
          const e = Math.abs(outputs[r * k + o]! - c.data.y[i]![o]!);
          byRow[r] = Math.max(byRow[r]!, e);
          if (!(e <= maxAbs)) {
            maxAbs = e;
            worstRow = i;
          }
        }
      });
      return { maxAbs, worstRow, byRow };
    };
    const all = Array.from({ length: d }, (_, i) => i);
    const st = worst(structuredOutputs(con, c.data.x), all);

    // The model's forward pass: every row within the budget, else the rows the structure finds
    // worst and a seeded sample of the others.
    const model = modelOf(ws);
    let rows = all;
    if (d * model.n > MODEL_CHECK_BUDGET) {
      const take = Math.max(32, Math.floor(MODEL_CHECK_BUDGET / model.n));
      const byWorst = [...all].sort((a, b) => st.byRow[b]! - st.byRow[a]! || a - b).slice(0, 16);
      const chosen = new Set(byWorst);
      const rnd = seededUniform(c.seed);
      while (chosen.size < Math.min(d, take)) chosen.add(Math.floor(rnd() * d));
      rows = [...chosen].sort((a, b) => a - b);
    }
    const md = worst(model.outputs(con.values, rows.map((i) => c.data.x[i]!)), rows);

    const p = con.plan;
    let enclosedMaxAbs = 0;
    for (let o = 0; o < k; o++) {
      const r = encloseResidual(p.block, p.V[o]!, p.yLo[o]!, p.yHi[o]!);
      for (let i = 0; i < d; i++) enclosedMaxAbs = Math.max(enclosedMaxAbs, -r.lo[i]!, r.hi[i]!);
    }
    return {
      model: { maxAbs: md.maxAbs, relative: md.maxAbs / scale, worstRow: md.worstRow, rows: rows.length },
      structured: { maxAbs: st.maxAbs, relative: st.maxAbs / scale, worstRow: st.worstRow },
      enclosedMaxAbs,
      scale,
    };
  });
}

/** The construction as a point of M for `pointOf` (point: construct). */
export function constructedPoint(ws: Workspace): PointOutcome {
  const con = constructionOf(ws);
  if (!con.applicable) return { found: false, method: 'construct', reason: con.reason, data: { stage: con.stage } };
  const p = con.plan;
  return {
    found: true,
    method: 'construct',
    values: con.values,
    enclosure: con.enclosure,
    summary:
      `the construction of ${con.depth === 1 ? 'Lemma 3.3' : 'Corollary 3.4'}: ${con.d} units of the last hidden layer, ` +
      `output weights enclosed (relative width ${p.enclosure.relativeWidth.toExponential(1)})`,
    data: { depth: con.depth, maxAbsV: p.maxAbsV, relativeWidth: p.enclosure.relativeWidth },
  };
}

/**
 * An exact (or interval) certificate that rank J(w) = k·d at the constructed point, or
 * undefined when the case has no construction.
 *
 * What it proves: at every w whose hidden parameters are the constructed ones (so at the float
 * point and at every point of its enclosure box, since the box varies only the output weights),
 * the Jacobian J = ∂F/∂w, (k·d) × n with sample-major rows, has rank k·d. The columns of the
 * output weights `columns` (k·d of them, listed by output then unit) restricted to the rows give
 * ∂f_o(xᵢ)/∂V[o', j] = δ_{oo'}·σ(pᵢ − βⱼ), i.e. I_k ⊗ A up to a permutation of the rows, and A
 * is lower triangular with a positive diagonal by the sign argument: exact for one hidden layer
 * (exact comparisons of rationals), interval for deeper nets (comparisons of enclosures).
 */
export function exactRankFromConstruction(ws: Workspace):
  | {
      readonly rank: number;
      readonly rigor: 'exact' | 'interval';
      /** parameter indices of the k·d columns forming I_k ⊗ A */
      readonly columns: Int32Array;
      /** data rows in the order of A's rows (rank order) */
      readonly rowOrder: Int32Array;
      readonly summary: string;
    }
  | undefined {
  const con = constructionOf(ws);
  if (!con.applicable) return undefined;
  const { d, k } = con;
  return {
    rank: k * d,
    rigor: con.plan.signRigor,
    columns: con.outputWeights,
    rowOrder: con.plan.scalars.order,
    summary:
      `the ${k * d} output-weight columns of J form ${k > 1 ? `I_${k} ⊗ A` : 'A'}, with A lower triangular and a positive ` +
      `diagonal (${con.plan.signRigor === 'exact' ? 'exact sign argument' : 'sign argument on interval enclosures'}), so rank J = ${k * d}`,
  };
}
