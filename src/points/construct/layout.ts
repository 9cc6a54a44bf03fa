/**
 * Where the construction's numbers go in the network's parameter vector.
 *
 * The construction needs a chain of carrier units (one per hidden layer but the last; none for
 * one hidden layer) whose first member reads the inputs, and d units of the last hidden layer
 * that read the last carrier (or the inputs) and feed every output. Every parameter it does not
 * set is 0, so every unit it does not use outputs σ(0) = 0 and every edge it does not use
 * carries weight 0: the used units see exactly the scalar they are meant to.
 *
 * mlp: the carriers are unit 0 of hidden layers 1..L−1, the last units are units 0..h_L−1 of
 * layer L (MATH.md's mended Corollary 3.4: the carrier feeds d units of the last layer). dag: a
 * search on the graph for the same shape (dagWiring).
 */
import type { Rational } from '../../kernel/rational.js';
import { mlpBiasIndex, mlpWeightIndex, type MlpLayout } from '../../models/mlp.js';
import type { DagLayout, DagSpec } from '../../models/dag.js';

/** The parameters of one unit that the construction sets. */
export interface UnitWiring {
  /** a label for messages: "W1 row 0" or a node name */
  readonly name: string;
  /** incoming weights: one per input coordinate used (a unit reading x), else one from the previous carrier */
  readonly weights: Int32Array;
  readonly bias: number;
}

export interface Wiring {
  readonly n: number;
  /** the input coordinates the projection reads */
  readonly coords: readonly number[];
  /** carrier units, the first reading the inputs; empty for one hidden layer */
  readonly carriers: readonly UnitWiring[];
  /** candidate units of the last hidden layer (the construction uses the first d) */
  readonly last: readonly UnitWiring[];
  /** index of the weight from last unit u to output o: outWeights[o·last.length + u] */
  readonly outWeights: Int32Array;
  readonly outBiases: Int32Array;
  /** the width of the last hidden layer in words, for messages */
  readonly describeLast: string;
}

/** The mlp's wiring (any widths; the caller checks h_L ≥ d). */
export function mlpWiring(layout: MlpLayout): Wiring {
  const { m, k, hidden } = layout;
  const L = hidden.length;
  const layers = layout.layers;
  const coords = Array.from({ length: m }, (_, j) => j);
  const first = layers[0]!;
  // W1[u, j] for every input j: a contiguous row (plain loop: Int32Array.from with a map is slow)
  const readInputs = (u: number): Int32Array => {
    const row = new Int32Array(m);
    const at = mlpWeightIndex(first, u, 0);
    for (let j = 0; j < m; j++) row[j] = at + j;
    return row;
  };
  const carriers: UnitWiring[] = [];
  for (let l = 0; l < L - 1; l++) {
    carriers.push({
      name: `W${l + 1} row 0`,
      weights: l === 0 ? readInputs(0) : Int32Array.of(mlpWeightIndex(layers[l]!, 0, 0)),
      bias: mlpBiasIndex(layers[l]!, 0),
    });
  }
  const lastLayer = layers[L - 1]!;
  const last: UnitWiring[] = [];
  for (let u = 0; u < hidden[L - 1]!; u++) {
    last.push({
      name: `W${L} row ${u}`,
      weights: L === 1 ? readInputs(u) : Int32Array.of(mlpWeightIndex(lastLayer, u, 0)),
      bias: mlpBiasIndex(lastLayer, u),
    });
  }
  const out = layers[L]!;
  const outWeights = new Int32Array(k * last.length);
  for (let o = 0; o < k; o++) for (let u = 0; u < last.length; u++) outWeights[o * last.length + u] = mlpWeightIndex(out, o, u);
  return {
    n: layout.n,
    coords,
    carriers,
    last,
    outWeights,
    outBiases: Int32Array.from({ length: k }, (_, o) => mlpBiasIndex(out, o)),
    describeLast: `hidden layer ${L} has width ${hidden[L - 1]}`,
  };
}

/** Whether the rows are pairwise distinct on the coordinates `coords` (exact). */
function distinctOn(xExact: readonly (readonly Rational[])[], coords: readonly number[]): boolean {
  const seen = new Set<string>();
  for (const row of xExact) {
    const key = coords.map((c) => `${row[c]!.num}/${row[c]!.den}`).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * The dag's wiring, or why the graph has none. Last-layer candidates are internal nodes with an
 * edge to every output. Preferred: a set S of input coordinates on which the rows are distinct,
 * read by at least d such nodes (one internal layer, exact). Otherwise an internal carrier c
 * read by at least d of them, reached from the inputs by the shortest chain of internal nodes
 * whose first member reads coordinates on which the rows are distinct.
 */
export function dagWiring(
  spec: DagSpec,
  layout: DagLayout,
  d: number,
  xExact: readonly (readonly Rational[])[],
): { readonly ok: true; readonly wiring: Wiring } | { readonly ok: false; readonly reason: string } {
  const inputIndex = new Map<string, number>();
  spec.inputs.forEach((v, j) => inputIndex.set(v, j));
  const outputs = spec.outputs;
  const isOutput = new Set(outputs);
  const internal = layout.order.filter((v) => !inputIndex.has(v) && !isOutput.has(v));
  const edgeIndex = new Map<string, number>();
  spec.edges.forEach(([a, b], e) => edgeIndex.set(`${a}->${b}`, e));
  const preds = new Map<string, string[]>();
  for (const v of internal) preds.set(v, (layout.incoming.get(v) ?? []).map((e) => spec.edges[e]![0]));
  const inputsOf = (v: string): number[] =>
    preds.get(v)!.filter((u) => inputIndex.has(u)).map((u) => inputIndex.get(u)!).sort((a, b) => a - b);
  const feedsAll = internal.filter((v) => outputs.every((o) => edgeIndex.has(`${v}->${o}`)));
  if (feedsAll.length < d) {
    return { ok: false, reason: `only ${feedsAll.length} internal node(s) have an edge to every output, fewer than d = ${d}` };
  }
  const weightOf = (from: string, to: string): number => edgeIndex.get(`${from}->${to}`)!;
  const biasOf = (v: string): number => layout.biasIndex.get(v)!;
  const outWiring = (units: readonly string[]): { outWeights: Int32Array; outBiases: Int32Array } => {
    const outWeights = new Int32Array(outputs.length * units.length);
    outputs.forEach((o, oi) => units.forEach((u, ui) => (outWeights[oi * units.length + ui] = weightOf(u, o))));
    return { outWeights, outBiases: Int32Array.from(outputs, biasOf) };
  };
  const distinctCache = new Map<string, boolean>();
  const distinct = (coords: readonly number[]): boolean => {
    const key = coords.join(',');
    if (!distinctCache.has(key)) distinctCache.set(key, coords.length > 0 && distinctOn(xExact, coords));
    return distinctCache.get(key)!;
  };

  // One internal layer: units reading a common set S of inputs.
  const sets = [...new Map(feedsAll.map((v) => [inputsOf(v).join(','), inputsOf(v)])).values()].sort((a, b) => b.length - a.length);
  for (const S of sets) {
    if (S.length === 0) continue;
    const units = feedsAll.filter((v) => S.every((j) => inputsOf(v).includes(j)));
    if (units.length < d || !distinct(S)) continue;
    const read = (v: string): Int32Array => Int32Array.from(S, (j) => weightOf(spec.inputs[j]!, v));
    return {
      ok: true,
      wiring: {
        n: layout.n,
        coords: S,
        carriers: [],
        last: units.map((v) => ({ name: v, weights: read(v), bias: biasOf(v) })),
        ...outWiring(units),
        describeLast: `${units.length} internal node(s) read the inputs ${S.map((j) => spec.inputs[j]).join(', ')} and feed every output`,
      },
    };
  }

  // A chain of carriers: the shortest chain to each internal node, in topological order.
  const chainTo = new Map<string, { chain: string[]; coords: number[] }>();
  for (const v of internal) {
    const S = inputsOf(v);
    let best: { chain: string[]; coords: number[] } | undefined = S.length > 0 && distinct(S) ? { chain: [v], coords: S } : undefined;
    for (const u of preds.get(v)!) {
      const c = chainTo.get(u);
      if (c && (!best || c.chain.length + 1 < best.chain.length)) best = { chain: [...c.chain, v], coords: c.coords };
    }
    if (best) chainTo.set(v, best);
  }
  let choice: { carrier: string; units: string[]; chain: string[]; coords: number[] } | undefined;
  for (const c of internal) {
    const route = chainTo.get(c);
    if (!route) continue;
    const units = feedsAll.filter((v) => v !== c && preds.get(v)!.includes(c));
    if (units.length < d) continue;
    if (!choice || route.chain.length < choice.chain.length) choice = { carrier: c, units, ...route };
  }
  if (!choice) {
    return {
      ok: false,
      reason: `no d = ${d} internal nodes feeding every output share a source (the inputs, or one carrier node reached from them)`,
    };
  }
  const { chain, coords, units, carrier } = choice;
  const carriers: UnitWiring[] = chain.map((v, i) => ({
    name: v,
    weights: i === 0 ? Int32Array.from(coords, (j) => weightOf(spec.inputs[j]!, v)) : Int32Array.of(weightOf(chain[i - 1]!, v)),
    bias: biasOf(v),
  }));
  return {
    ok: true,
    wiring: {
      n: layout.n,
      coords,
      carriers,
      last: units.map((v) => ({ name: v, weights: Int32Array.of(weightOf(carrier, v)), bias: biasOf(v) })),
      ...outWiring(units),
      describeLast: `${units.length} internal node(s) read the carrier ${carrier} and feed every output`,
    },
  };
}
