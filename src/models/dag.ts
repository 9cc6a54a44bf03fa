/**
 * The paper's Section 3 network on a directed acyclic graph: input nodes give the coordinates of
 * x, an internal node computes σ(Σ_{u→v} w_uv z_u + b_v), an output node Σ_{u→v} w_uv z_u + b_v.
 * Parameters: `w[from->to]` per edge in the order listed, then `b[node]` per non-input node in
 * the order of `nodes`.
 */
import type { ModelSpec } from '../cases/types.js';
import { compileActivation } from './activation.js';
import { ModelError } from './errors.js';
import { ProgramBuilder } from './program-builder.js';
import { programModel, type ProgramModel } from './program-model.js';

export type DagSpec = Extract<ModelSpec, { kind: 'dag' }>;

/** A validated dag with its parameter layout. */
export interface DagLayout {
  readonly names: readonly string[];
  readonly n: number;
  /** parameter index of edge e is e (edges come first) */
  readonly edgeCount: number;
  /** parameter index of b[node], for non-input nodes */
  readonly biasIndex: ReadonlyMap<string, number>;
  /** nodes in a topological order (inputs first, then by `nodes` order where free) */
  readonly order: readonly string[];
  /** for each non-input node, the indices of its incoming edges, in listed order */
  readonly incoming: ReadonlyMap<string, readonly number[]>;
}

/**
 * Validates the graph (names, edges, acyclicity) and lays out its parameters. Throws
 * ModelError with the field path (`model.edges[3]`) of the first problem.
 */
export function dagLayout(spec: DagSpec): DagLayout {
  const pos = new Map<string, number>();
  spec.nodes.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') throw new ModelError(`model.nodes[${i}]`, 'a node name must be a non-empty string');
    if (pos.has(v)) throw new ModelError(`model.nodes[${i}]`, `duplicate node "${v}"`);
    pos.set(v, i);
  });
  const isInput = new Set<string>();
  spec.inputs.forEach((v, j) => {
    if (!pos.has(v)) throw new ModelError(`model.inputs[${j}]`, `unknown node "${v}"`);
    if (isInput.has(v)) throw new ModelError(`model.inputs[${j}]`, `node "${v}" is listed twice`);
    isInput.add(v);
  });
  const isOutput = new Set<string>();
  spec.outputs.forEach((v, o) => {
    if (!pos.has(v)) throw new ModelError(`model.outputs[${o}]`, `unknown node "${v}"`);
    if (isOutput.has(v)) throw new ModelError(`model.outputs[${o}]`, `node "${v}" is listed twice`);
    if (isInput.has(v)) throw new ModelError(`model.outputs[${o}]`, `node "${v}" is also an input`);
    isOutput.add(v);
  });
  const incoming = new Map<string, number[]>();
  const outgoing = new Map<string, string[]>();
  for (const v of spec.nodes) {
    incoming.set(v, []);
    outgoing.set(v, []);
  }
  const seen = new Set<string>();
  spec.edges.forEach(([from, to], e) => {
    const path = `model.edges[${e}]`;
    if (!pos.has(from)) throw new ModelError(path, `unknown node "${from}"`);
    if (!pos.has(to)) throw new ModelError(path, `unknown node "${to}"`);
    if (isInput.has(to)) throw new ModelError(path, `edge into input node "${to}"`);
    if (isOutput.has(from)) throw new ModelError(path, `edge out of output node "${from}"`);
    const key = `${from}->${to}`;
    if (seen.has(key)) throw new ModelError(path, `duplicate edge ${key}`);
    seen.add(key);
    incoming.get(to)!.push(e);
    outgoing.get(from)!.push(to);
  });

  // Kahn's algorithm, always taking the earliest ready node in `nodes` order: deterministic.
  const indeg = new Map<string, number>();
  for (const v of spec.nodes) indeg.set(v, incoming.get(v)!.length);
  const ready = spec.nodes.filter((v) => indeg.get(v) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    let best = 0;
    for (let r = 1; r < ready.length; r++) if (pos.get(ready[r]!)! < pos.get(ready[best]!)!) best = r;
    const v = ready.splice(best, 1)[0]!;
    order.push(v);
    for (const u of outgoing.get(v)!) {
      const d = indeg.get(u)! - 1;
      indeg.set(u, d);
      if (d === 0) ready.push(u);
    }
  }
  if (order.length < spec.nodes.length) {
    const stuck = spec.nodes.find((v) => indeg.get(v)! > 0)!;
    throw new ModelError('model.edges', `the graph has a cycle through node "${stuck}"`);
  }

  const names = spec.edges.map(([from, to]) => `w[${from}->${to}]`);
  const biasIndex = new Map<string, number>();
  for (const v of spec.nodes) {
    if (isInput.has(v)) continue;
    biasIndex.set(v, names.length);
    names.push(`b[${v}]`);
  }
  const inc = new Map<string, readonly number[]>();
  for (const v of spec.nodes) if (!isInput.has(v)) inc.set(v, incoming.get(v)!);
  return Object.freeze({
    names: Object.freeze(names),
    n: names.length,
    edgeCount: spec.edges.length,
    biasIndex,
    order: Object.freeze(order),
    incoming: inc,
  });
}

/** The dag as a program: per non-input node one AFFINE, plus ACT on internal nodes. */
export function buildDag(spec: DagSpec, m: number, k: number): ProgramModel {
  const layout = dagLayout(spec);
  if (spec.inputs.length !== m) {
    throw new ModelError('model.inputs', `has ${spec.inputs.length} nodes but the data have m = ${m} inputs`);
  }
  if (spec.outputs.length !== k) {
    throw new ModelError('model.outputs', `has ${spec.outputs.length} nodes but the data have k = ${k} outputs`);
  }
  const act = compileActivation(spec.activation);
  const pb = new ProgramBuilder(layout.n, m, act);
  const reg = new Map<string, number>();
  spec.inputs.forEach((v, j) => reg.set(v, pb.input(j)));
  const isOutput = new Set(spec.outputs);
  for (const v of layout.order) {
    if (reg.has(v)) continue; // an input
    const edges = layout.incoming.get(v)!;
    const z = pb.affine(
      layout.biasIndex.get(v)!,
      edges,
      edges.map((e) => reg.get(spec.edges[e]![0])!),
    );
    reg.set(v, isOutput.has(v) ? z : pb.act(z));
  }
  for (const v of spec.outputs) pb.output(reg.get(v)!);
  return programModel({ kind: 'dag', names: layout.names, m, k, program: pb.build(), activation: act });
}
