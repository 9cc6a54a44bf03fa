/**
 * The facts the walkthrough's header shows about a case: name, sizes, model and activation.
 */
import type { ActivationSpec, Case, LossSpec, ModelSpec } from '../cases/types.js';
import { modelOf } from '../workspace/model-of.js';
import type { Workspace } from '../workspace/workspace.js';

export interface CaseFacts {
  readonly name: string;
  readonly description?: string;
  readonly d: number;
  readonly m: number;
  readonly k: number;
  /** the parameter count, or undefined when the model could not be built */
  readonly n?: number;
  /** e.g. "mlp 2→4→1" */
  readonly model: string;
  /** e.g. "smoolu"; undefined for expression models */
  readonly activation?: string;
  readonly loss: string;
  readonly point: string;
  readonly perturb: number;
  readonly notes: readonly string[];
}

export function activationName(a: ActivationSpec): string {
  return typeof a === 'string' ? a : a.name;
}

export function modelText(spec: ModelSpec, m: number, k: number): string {
  switch (spec.kind) {
    case 'mlp':
      return `mlp ${[m, ...spec.hidden, k].join('→')}`;
    case 'dag':
      return `dag (${spec.nodes.length} nodes, ${spec.edges.length} edges)`;
    case 'expression':
      return `expression ${spec.output.join(', ')}`;
  }
}

export function lossText(l: LossSpec): string {
  return l.kind === 'power' ? `Σ|fᵢ|^${l.a}` : l.kind;
}

export function caseFacts(c: Case, ws: Workspace): CaseFacts {
  let n: number | undefined;
  try {
    n = modelOf(ws).n;
  } catch {
    // A model that does not build is reported by the theorem's steps; the header just omits n.
    n = undefined;
  }
  return {
    name: c.name,
    ...(c.description !== undefined ? { description: c.description } : {}),
    d: c.data.d,
    m: c.data.m,
    k: c.data.k,
    ...(n !== undefined ? { n } : {}),
    model: modelText(c.model, c.data.m, c.data.k),
    ...(c.model.kind !== 'expression' ? { activation: activationName(c.model.activation) } : {}),
    loss: lossText(c.loss),
    // the default point: the construction where it applies, else a search
    point: c.point.kind === 'construct' && c.point.fallback === 'search' ? 'construct, else search' : c.point.kind,
    perturb: c.perturb,
    notes: c.data.notes,
  };
}

/** "xor  d=4 m=2 k=1 n=17  mlp 2→4→1  smoolu  loss sum" */
export function factsLine(f: CaseFacts): string {
  return [
    f.name,
    `d=${f.d} m=${f.m} k=${f.k} n=${f.n ?? '?'}`,
    f.model,
    ...(f.activation !== undefined ? [f.activation] : []),
    `loss ${f.loss}`,
    `point ${f.point}`,
  ].join('  ');
}
