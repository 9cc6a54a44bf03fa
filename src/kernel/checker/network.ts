/**
 * The verifier's own forward pass: the model of a certificate rebuilt from its spec alone
 * (SPEC.md's parameter names and order), evaluated in HNums (exact where rational, intervals
 * otherwise), with a reverse sweep for rows of the Jacobian. Independent of src/models.
 *
 * mlp and dag become one graph of units: input nodes 0..m−1, then units in topological order,
 * each with a bias parameter and incoming (parameter, source) edges; hidden units apply σ,
 * output units do not. Expression models evaluate their parsed formulas (expression.ts).
 */
import { ENTIRE } from '../interval.js';
import type { Expr } from '../expr-ast.js';
import { parseExpr } from '../expr-parse.js';
import { evalDual, hConst, type HDual } from './expression.js';
import { enclosed, hAdd, hMul, H_ONE, H_ZERO, isExactZero, type HNum } from './hnum.js';
import { NotACertificate, type ModelJson } from './read.js';
import { sigmaOf, type Sigma } from './sigma.js';
import { fromRationalP, pAdd, pMul, pPositive, type PInterval } from './precise.js';
import { add as radd, mul as rmul, rat, type Rational } from '../rational.js';

interface Unit {
  readonly node: number;
  readonly bias: number;
  readonly edges: readonly { readonly param: number; readonly src: number }[];
  readonly hidden: boolean;
}

/** A model rebuilt by the verifier. */
export interface Net {
  readonly kind: ModelJson['kind'];
  readonly n: number;
  readonly m: number;
  readonly k: number;
  readonly names: readonly string[];
  readonly sigma?: Sigma;
  /** f(w, x): k values */
  outputs(w: readonly HNum[], x: readonly HNum[]): HNum[];
  /** ∂f_o/∂w_j for j in cols: k rows of cols.length entries (ENTIRE where σ′ is undefined) */
  jacobian(w: readonly HNum[], x: readonly HNum[], cols: readonly number[]): HNum[][];
  /**
   * (mlp, dag) the parameters read by output units, with the output and the source node: the
   * columns of J that are hidden values (or inputs), in which the construction's block lives
   */
  readonly outputEdges?: readonly { readonly param: number; readonly output: number; readonly src: number }[];
  /** (mlp, dag) every node's value at x (inputs, then σ(z) of hidden units, z of outputs), and every unit's z */
  nodes?(w: readonly HNum[], x: readonly HNum[]): { readonly h: HNum[]; readonly z: HNum[] };
  /**
   * (mlp, dag) f(w, x) at an exact point, enclosed to about PREC bits (precise.ts), or
   * undefined where σ has no precise enclosure
   */
  precise?(w: readonly Rational[], x: readonly Rational[]): { readonly outputs: PInterval[]; readonly h: PInterval[] } | undefined;
}

/** Rebuilds the model of a certificate (m inputs, k outputs from the data). */
export function netOf(spec: ModelJson, m: number, k: number): Net {
  switch (spec.kind) {
    case 'mlp':
      return mlpNet(spec, m, k);
    case 'dag':
      return dagNet(spec, m, k);
    case 'expression':
      return expressionNet(spec, m, k);
  }
}

function mlpNet(spec: Extract<ModelJson, { kind: 'mlp' }>, m: number, k: number): Net {
  const widths = [...spec.hidden, k];
  const names: string[] = [];
  const units: Unit[] = [];
  let prev = Array.from({ length: m }, (_, j) => j);
  let node = m;
  widths.forEach((width, idx) => {
    const layer = idx + 1;
    const fanIn = prev.length;
    const wOffset = names.length;
    for (let i = 0; i < width; i++) for (let j = 0; j < fanIn; j++) names.push(`W${layer}[${i},${j}]`);
    const bOffset = names.length;
    for (let i = 0; i < width; i++) names.push(`b${layer}[${i}]`);
    const next: number[] = [];
    for (let i = 0; i < width; i++) {
      units.push({
        node,
        bias: bOffset + i,
        edges: prev.map((src, j) => ({ param: wOffset + i * fanIn + j, src })),
        hidden: idx < widths.length - 1,
      });
      next.push(node++);
    }
    prev = next;
  });
  return graphNet('mlp', names, units, prev, m, k, sigmaOf(spec.activation));
}

function dagNet(spec: Extract<ModelJson, { kind: 'dag' }>, m: number, k: number): Net {
  const field = 'input.model';
  if (spec.inputs.length !== m) throw new NotACertificate(`${field}.inputs`, `has ${spec.inputs.length} nodes but the data have m = ${m}`);
  if (spec.outputs.length !== k) throw new NotACertificate(`${field}.outputs`, `has ${spec.outputs.length} nodes but the data have k = ${k}`);
  const isInput = new Set(spec.inputs);
  const isOutput = new Set(spec.outputs);
  const names = spec.edges.map(([a, b]) => `w[${a}->${b}]`);
  const biasOf = new Map<string, number>();
  for (const v of spec.nodes) {
    if (isInput.has(v)) continue;
    biasOf.set(v, names.length);
    names.push(`b[${v}]`);
  }
  // The same rules as a case file's dag: distinct names, inputs without incoming and outputs
  // without outgoing edges, no repeated edge, no cycle. Kahn's algorithm over adjacency lists keeps
  // the work linear in the certificate's size.
  const known = new Set<string>();
  spec.nodes.forEach((v, i) => {
    if (known.has(v)) throw new NotACertificate(`${field}.nodes[${i}]`, `node "${v}" is listed twice`);
    known.add(v);
  });
  for (const [list, what] of [[spec.inputs, 'inputs'], [spec.outputs, 'outputs']] as const) {
    const seenRole = new Set<string>();
    list.forEach((v, i) => {
      if (!known.has(v)) throw new NotACertificate(`${field}.${what}[${i}]`, `"${v}" is not one of the nodes`);
      if (seenRole.has(v)) throw new NotACertificate(`${field}.${what}[${i}]`, `node "${v}" is listed twice`);
      seenRole.add(v);
    });
  }
  if (spec.outputs.some((v) => isInput.has(v))) throw new NotACertificate(`${field}.outputs`, 'an output is also an input');
  const indeg = new Map<string, number>(spec.nodes.map((v) => [v, 0]));
  const succ = new Map<string, string[]>(spec.nodes.map((v) => [v, []]));
  const seenEdge = new Set<string>();
  spec.edges.forEach(([a, b], e) => {
    const at = `${field}.edges[${e}]`;
    if (!indeg.has(a) || !indeg.has(b)) throw new NotACertificate(at, `edge ${a}->${b} names an unknown node`);
    if (isInput.has(b)) throw new NotACertificate(at, `edge ${a}->${b} goes into input "${b}"`);
    if (isOutput.has(a)) throw new NotACertificate(at, `edge ${a}->${b} leaves output "${a}"; outputs have no outgoing edges`);
    const key = JSON.stringify([a, b]);
    if (seenEdge.has(key)) throw new NotACertificate(at, `edge ${a}->${b} is listed twice`);
    seenEdge.add(key);
    indeg.set(b, (indeg.get(b) ?? 0) + 1);
    succ.get(a)?.push(b);
  });
  const order: string[] = [];
  const ready = spec.nodes.filter((v) => indeg.get(v) === 0);
  for (let q = 0; q < ready.length; q++) {
    const v = ready[q]!;
    order.push(v);
    for (const b of succ.get(v) ?? []) {
      const left = (indeg.get(b) ?? 0) - 1;
      indeg.set(b, left);
      if (left === 0) ready.push(b);
    }
  }
  if (order.length !== spec.nodes.length) throw new NotACertificate(`${field}.edges`, 'the graph has a cycle');
  const nodeId = new Map<string, number>();
  spec.inputs.forEach((v, j) => nodeId.set(v, j));
  let next = m;
  for (const v of order) if (!isInput.has(v)) nodeId.set(v, next++);
  const incoming = new Map<string, { param: number; src: number }[]>();
  spec.edges.forEach(([a, b], e) => {
    const list = incoming.get(b) ?? [];
    list.push({ param: e, src: nodeId.get(a)! });
    incoming.set(b, list);
  });
  const units: Unit[] = order
    .filter((v) => !isInput.has(v))
    .map((v) => ({
      node: nodeId.get(v)!,
      bias: biasOf.get(v)!,
      edges: incoming.get(v) ?? [],
      hidden: !isOutput.has(v),
    }));
  return graphNet('dag', names, units, spec.outputs.map((v) => nodeId.get(v)!), m, k, sigmaOf(spec.activation));
}

function graphNet(kind: 'mlp' | 'dag', names: readonly string[], units: readonly Unit[], outputNodes: readonly number[], m: number, k: number, sigma: Sigma): Net {
  const size = m + units.length;
  const unitOf = new Map(units.map((u) => [u.node, u]));
  const outputIndex = new Map(outputNodes.map((v, o) => [v, o]));
  const forward = (w: readonly HNum[], x: readonly HNum[]) => {
    const h = new Array<HNum>(size);
    const z = new Array<HNum>(size).fill(H_ZERO);
    for (let j = 0; j < m; j++) h[j] = x[j]!;
    for (const u of units) {
      let s = w[u.bias]!;
      for (const e of u.edges) s = hAdd(s, hMul(w[e.param]!, h[e.src]!));
      z[u.node] = s;
      h[u.node] = u.hidden ? sigma.value(s) : s;
    }
    return { h, z };
  };
  return {
    kind,
    n: names.length,
    m,
    k,
    names,
    sigma,
    outputEdges: units.flatMap((u) => (outputIndex.has(u.node) ? u.edges.map((e) => ({ param: e.param, output: outputIndex.get(u.node)!, src: e.src })) : [])),
    nodes: forward,
    precise(w, x) {
      const precise = sigma.precise;
      if (precise === undefined) return undefined;
      // values known exactly stay rationals (so z = 0 is seen as 0), the rest are tight intervals
      const exactH = new Array<Rational | undefined>(size);
      const h = new Array<PInterval>(size);
      for (let j = 0; j < m; j++) {
        exactH[j] = x[j]!;
        h[j] = fromRationalP(x[j]!);
      }
      const wp = new Map<number, PInterval>();
      const param = (j: number): PInterval => {
        let v = wp.get(j);
        if (v === undefined) wp.set(j, (v = fromRationalP(w[j]!)));
        return v;
      };
      for (const u of units) {
        let z = param(u.bias);
        for (const e of u.edges) z = pAdd(z, pMul(param(e.param), h[e.src]!));
        // where the sign is not decided and every source is exact, z exactly (z = 0 happens)
        let ez: Rational | undefined;
        if (!pPositive(z) && u.edges.every((e) => exactH[e.src] !== undefined)) {
          ez = w[u.bias]!;
          for (const e of u.edges) ez = radd(ez, rmul(w[e.param]!, exactH[e.src]!));
          z = fromRationalP(ez);
        }
        if (!u.hidden) {
          exactH[u.node] = ez;
          h[u.node] = z;
          continue;
        }
        // a rectified σ is exactly 0 at an exact z ≤ 0
        if (sigma.rectified && ez !== undefined && ez.num <= 0n) {
          exactH[u.node] = rat(0n);
          h[u.node] = fromRationalP(rat(0n));
          continue;
        }
        const v = precise(z);
        if (v === undefined) return undefined;
        h[u.node] = v;
      }
      return { outputs: outputNodes.map((v) => h[v]!), h };
    },
    outputs: (w, x) => {
      const { h } = forward(w, x);
      return outputNodes.map((v) => h[v]!);
    },
    jacobian(w, x, cols) {
      const { h, z } = forward(w, x);
      const wanted = new Set(cols);
      // needed[v]: some wanted parameter is read at or before unit v (adjoints flow only there)
      const needed = new Uint8Array(size);
      for (const u of units) {
        let any = wanted.has(u.bias);
        for (const e of u.edges) if (wanted.has(e.param) || needed[e.src] === 1) any = true;
        needed[u.node] = any ? 1 : 0;
      }
      const slot = new Map(cols.map((j, s) => [j, s]));
      return outputNodes.map((out) => {
        const row = new Array<HNum>(cols.length).fill(H_ZERO);
        const adj = new Array<HNum>(size).fill(H_ZERO);
        adj[out] = H_ONE;
        for (let i = units.length - 1; i >= 0; i--) {
          const u = units[i]!;
          const a = adj[u.node]!;
          if (isExactZero(a) || needed[u.node] === 0) continue;
          let gz = a;
          if (u.hidden) gz = hMul(a, sigma.d1(z[u.node]!) ?? enclosed(ENTIRE));
          if (isExactZero(gz)) continue;
          const sb = slot.get(u.bias);
          if (sb !== undefined) row[sb] = hAdd(row[sb]!, gz);
          for (const e of u.edges) {
            const se = slot.get(e.param);
            if (se !== undefined) row[se] = hAdd(row[se]!, hMul(gz, h[e.src]!));
            if (e.src >= m && needed[e.src] === 1 && unitOf.get(e.src)!.hidden) adj[e.src] = hAdd(adj[e.src]!, hMul(gz, w[e.param]!));
          }
        }
        return row;
      });
    },
  };
}

function expressionNet(spec: Extract<ModelJson, { kind: 'expression' }>, m: number, k: number): Net {
  if (spec.inputs.length !== m) throw new NotACertificate('input.model.inputs', `has ${spec.inputs.length} names but the data have m = ${m}`);
  if (spec.output.length !== k) throw new NotACertificate('input.model.output', `has ${spec.output.length} formulas but the data have k = ${k}`);
  const symbols = [...spec.params, ...spec.inputs];
  const formulas: Expr[] = spec.output.map((text, o) => {
    try {
      return parseExpr(text, symbols);
    } catch (e) {
      throw new NotACertificate(`input.model.output[${o}]`, e instanceof Error ? e.message : String(e));
    }
  });
  const run = (w: readonly HNum[], x: readonly HNum[], cols: readonly number[]): (HDual | undefined)[] => {
    const env = new Map<string, HDual>();
    const slot = new Map(cols.map((j, s) => [j, s]));
    spec.params.forEach((p, j) => {
      const s = slot.get(j);
      if (s === undefined) env.set(p, hConst(w[j]!));
      else {
        const d = new Array<HNum>(cols.length).fill(H_ZERO);
        d[s] = H_ONE;
        env.set(p, { v: w[j]!, d });
      }
    });
    spec.inputs.forEach((v, j) => env.set(v, hConst(x[j]!)));
    return formulas.map((f) => evalDual(f, env));
  };
  return {
    kind: 'expression',
    n: spec.params.length,
    m,
    k,
    names: spec.params,
    outputs: (w, x) => run(w, x, []).map((r) => r?.v ?? enclosed(ENTIRE)),
    jacobian: (w, x, cols) => run(w, x, cols).map((r) => cols.map((_, s) => (r === undefined ? enclosed(ENTIRE) : (r.d?.[s] ?? H_ZERO)))),
  };
}
