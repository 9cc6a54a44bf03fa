/**
 * The `model` section: its structure on its own (readModel), then how it fits the data's m and
 * k (fitModel). A dag is checked as a graph here so that a bad one is a case error, named by
 * field, before any model is built.
 */
import type { ActivationSpec, ModelSpec } from './types.js';
import { BUILTIN_ACTIVATIONS } from './types.js';
import { describe, fail, fmtInt, plural, type Path } from './errors.js';
import { LIMITS } from './limits.js';
import { CustomActivationSchema, DagSchema, ExpressionSchema, MlpSchema, check } from './schema.js';

const KIND_WORDS = 'mlp, dag or expression';
const ACTIVATION_FORMS = `${BUILTIN_ACTIVATIONS.join(', ')}, {name, positive} or {name, expr}`;

/** Edit distance (insertions, deletions, substitutions) of two short words. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/** The built-in a misspelt name most likely meant, if one is close (at most 2 edits). */
function closestBuiltin(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const b of BUILTIN_ACTIVATIONS) {
    const dist = editDistance(lower, b);
    if (dist < bestDistance) {
      best = b;
      bestDistance = dist;
    }
  }
  return best;
}

/**
 * `activation`: a built-in name (in any case: the paper writes smooLU) or a user's
 * `{name, positive}` / `{name, expr}`; default smoolu.
 */
export function readActivation(raw: unknown, path: Path): ActivationSpec {
  if (raw === undefined) return 'smoolu';
  if (typeof raw === 'string') {
    const builtin = BUILTIN_ACTIVATIONS.find((b) => b === raw.trim().toLowerCase());
    if (builtin !== undefined) return builtin;
    const near = raw.length <= 40 ? closestBuiltin(raw.trim()) : undefined;
    fail(path, `expected one of ${ACTIVATION_FORMS}, got ${describe(raw)}${near !== undefined ? ` (did you mean ${near}?)` : ''}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(path, `expected one of ${ACTIVATION_FORMS}, got ${describe(raw)}`);
  }
  const a = check(CustomActivationSchema, raw, path);
  if (a.positive !== undefined && a.expr !== undefined) fail(path, 'expected exactly one of positive or expr, got both');
  if (a.positive !== undefined) return { name: a.name, positive: a.positive };
  if (a.expr !== undefined) return { name: a.name, expr: a.expr };
  fail(path, 'expected exactly one of positive or expr, got neither');
}

/** Reads `model` (at `path`), checking everything that does not depend on the data. */
export function readModel(raw: unknown, path: Path): ModelSpec {
  if (raw === undefined) fail(path, `missing: expected a mapping with kind ${KIND_WORDS}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(path, `expected a mapping with a kind, got ${describe(raw)}`);
  const kind = (raw as Record<string, unknown>)['kind'];
  switch (kind) {
    case 'mlp': {
      const s = check(MlpSchema, raw, path);
      s.hidden.forEach((w, i) => {
        if (w > LIMITS.width) fail([...path, 'hidden', i], `width ${fmtInt(w)}; the limit is ${fmtInt(LIMITS.width)}`);
      });
      return { kind: 'mlp', hidden: s.hidden, activation: readActivation(s.activation, [...path, 'activation']) };
    }
    case 'dag': {
      const s = check(DagSchema, raw, path);
      const edges = readEdges(s.edges, [...path, 'edges']);
      const spec = { kind: 'dag' as const, nodes: s.nodes, inputs: s.inputs, outputs: s.outputs, edges, activation: readActivation(s.activation, [...path, 'activation']) };
      checkDag(spec, path);
      return spec;
    }
    case 'expression': {
      const s = check(ExpressionSchema, raw, path);
      const taken = new Map<string, string>();
      const names = (list: readonly string[], field: string): void =>
        list.forEach((name, i) => {
          const where = taken.get(name);
          if (where !== undefined) fail([...path, field, i], `"${name}" is already used in ${where}`);
          taken.set(name, `model.${field}`);
        });
      names(s.params, 'params');
      names(s.inputs, 'inputs');
      return { kind: 'expression', params: s.params, inputs: s.inputs, output: typeof s.output === 'string' ? [s.output] : s.output };
    }
    default:
      if (kind === undefined) fail([...path, 'kind'], `missing: expected ${KIND_WORDS}`);
      fail([...path, 'kind'], `expected ${KIND_WORDS}, got ${describe(kind)}`);
  }
}

function readEdges(raw: readonly unknown[], path: Path): [string, string][] {
  return raw.map((e, i) => {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'string') {
      fail([...path, i], `expected a pair of node names [from, to], got ${describe(e)}`);
    }
    return [e[0], e[1]];
  });
}

type DagSpec = Extract<ModelSpec, { kind: 'dag' }>;

/**
 * Names known and distinct, inputs without incoming and outputs without outgoing edges, no
 * repeated edge, no cycle, and a path from some input to every output.
 */
function checkDag(g: DagSpec, path: Path): void {
  const known = new Set<string>();
  g.nodes.forEach((v, i) => {
    if (known.has(v)) fail([...path, 'nodes', i], `node "${v}" is listed twice`);
    known.add(v);
  });
  const role = (list: readonly string[], field: string, other?: ReadonlySet<string>): Set<string> => {
    const set = new Set<string>();
    list.forEach((v, i) => {
      if (!known.has(v)) fail([...path, field, i], `"${v}" is not one of model.nodes`);
      if (set.has(v)) fail([...path, field, i], `node "${v}" is listed twice`);
      if (other?.has(v) === true) fail([...path, field, i], `node "${v}" is also an input`);
      set.add(v);
    });
    return set;
  };
  const inputs = role(g.inputs, 'inputs');
  const outputs = role(g.outputs, 'outputs', inputs);

  const succ = new Map<string, string[]>(g.nodes.map((v) => [v, []]));
  const pred = new Map<string, string[]>(g.nodes.map((v) => [v, []]));
  const seen = new Set<string>();
  g.edges.forEach(([from, to], i) => {
    const at = [...path, 'edges', i];
    if (!known.has(from)) fail(at, `"${from}" is not one of model.nodes`);
    if (!known.has(to)) fail(at, `"${to}" is not one of model.nodes`);
    if (inputs.has(to)) fail(at, `edge ${from} -> ${to} goes into input "${to}"; inputs have no incoming edges`);
    if (outputs.has(from)) fail(at, `edge ${from} -> ${to} leaves output "${from}"; outputs have no outgoing edges`);
    if (from === to) fail(at, `edge ${from} -> ${to} is a loop; the graph must be acyclic`);
    const key = JSON.stringify([from, to]);
    if (seen.has(key)) fail(at, `edge ${from} -> ${to} is listed twice`);
    seen.add(key);
    succ.get(from)!.push(to);
    pred.get(to)!.push(from);
  });

  // Kahn's algorithm; nodes left over lie on or after a cycle.
  const indeg = new Map<string, number>(g.nodes.map((v) => [v, pred.get(v)!.length]));
  const queue = g.nodes.filter((v) => indeg.get(v) === 0);
  for (let q = 0; q < queue.length; q++) {
    for (const w of succ.get(queue[q]!)!) {
      const left = indeg.get(w)! - 1;
      indeg.set(w, left);
      if (left === 0) queue.push(w);
    }
  }
  if (queue.length < g.nodes.length) fail([...path, 'edges'], `the graph has a cycle: ${cycle(g.nodes, indeg, pred).join(' -> ')}`);

  // Forward reachability from the inputs.
  const reached = new Set<string>(g.inputs);
  const stack = [...g.inputs];
  while (stack.length > 0) {
    for (const w of succ.get(stack.pop()!)!) {
      if (!reached.has(w)) {
        reached.add(w);
        stack.push(w);
      }
    }
  }
  g.outputs.forEach((v, i) => {
    if (!reached.has(v)) fail([...path, 'outputs', i], `output "${v}" has no path from any input, so it does not depend on x`);
  });
}

/**
 * A cycle among the nodes Kahn's algorithm left (indegree > 0): each such node has a leftover
 * predecessor, so walking predecessors must revisit a node, and that stretch is a cycle.
 */
function cycle(nodes: readonly string[], indeg: ReadonlyMap<string, number>, pred: ReadonlyMap<string, readonly string[]>): string[] {
  let v = nodes.find((u) => indeg.get(u)! > 0)!;
  const walk: string[] = [];
  const index = new Map<string, number>();
  while (!index.has(v)) {
    index.set(v, walk.length);
    walk.push(v);
    v = pred.get(v)!.find((u) => indeg.get(u)! > 0)!;
  }
  // walk[index(v)..] followed predecessors; reverse it to read along the edges, and start it
  // at the node listed first in `nodes`, so the message does not depend on where the walk began.
  const loop = walk.slice(index.get(v)!).reverse();
  const order = new Map(nodes.map((u, i) => [u, i]));
  let start = 0;
  loop.forEach((u, i) => {
    if (order.get(u)! < order.get(loop[start]!)!) start = i;
  });
  const rotated = [...loop.slice(start), ...loop.slice(0, start)];
  return [...rotated, rotated[0]!];
}

/** The parameter count of an mlp with widths m, hidden…, k: Σ (in·out + out). */
export function mlpParamCount(m: number, hidden: readonly number[], k: number): bigint {
  const widths = [m, ...hidden, k].map(BigInt);
  let n = 0n;
  for (let l = 1; l < widths.length; l++) n += widths[l - 1]! * widths[l]! + widths[l]!;
  return n;
}

/** Checks the model against the data's m inputs and k outputs. */
export function fitModel(model: ModelSpec, m: number, k: number, path: Path): void {
  switch (model.kind) {
    case 'mlp': {
      const n = mlpParamCount(m, model.hidden, k);
      if (n > BigInt(LIMITS.mlpParams)) {
        fail([...path, 'hidden'], `the network would have ${fmtInt(n)} parameters; the limit is ${fmtInt(LIMITS.mlpParams)}`);
      }
      return;
    }
    case 'dag':
      if (model.inputs.length !== m) fail([...path, 'inputs'], `${plural(model.inputs.length, 'input node')}, but the data have m = ${fmtInt(m)}`);
      if (model.outputs.length !== k) fail([...path, 'outputs'], `${plural(model.outputs.length, 'output node')}, but the data have k = ${fmtInt(k)}`);
      return;
    case 'expression':
      if (model.inputs.length !== m) fail([...path, 'inputs'], `${plural(model.inputs.length, 'input name')}, but the data have m = ${fmtInt(m)}`);
      if (model.output.length !== k) fail([...path, 'output'], `${plural(model.output.length, 'output expression')}, but the data have k = ${fmtInt(k)}`);
      return;
  }
}
