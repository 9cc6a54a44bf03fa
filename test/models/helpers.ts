/**
 * Random tiny models for the property tests, and independent references: finite differences
 * and the model written out as one formula per output (for mathjs `derivative`).
 */
import fc from 'fast-check';
import { derivative, type MathNode } from 'mathjs';
import type { ActivationSpec, ModelSpec } from '../../src/cases/types.js';
import { compileActivation } from '../../src/models/activation.js';
import { dagLayout, type DagSpec } from '../../src/models/dag.js';
import { mlpBiasIndex, mlpLayout, mlpWeightIndex } from '../../src/models/mlp.js';
import type { Model } from '../../src/models/types.js';
import {
  add,
  binRaw,
  exprToString,
  num,
  parseExpr,
  substitute,
  sym,
  toMathNode,
  type Expr,
} from '../../src/expr/index.js';
import { safeExpr } from '../expr/arbitrary.js';

export const SMOOTH_ACTIVATIONS = ['smoolu', 'softplus', 'tanh', 'sigmoid', 'swish'] as const;
/** smooth and given by one formula everywhere: what mathjs can differentiate as written */
export const GLOBAL_FORMULA_ACTIVATIONS = ['softplus', 'tanh', 'sigmoid', 'swish'] as const;

/** A model spec with data and a point. */
export interface Case {
  readonly spec: ModelSpec;
  readonly m: number;
  readonly k: number;
  readonly w: Float64Array;
  readonly xs: readonly Float64Array[];
  readonly ys: readonly Float64Array[];
}

const coord = fc.double({ min: -1.5, max: 1.5, noNaN: true, noDefaultInfinity: true });
const vec = (len: number): fc.Arbitrary<Float64Array> => fc.array(coord, { minLength: len, maxLength: len }).map((a) => Float64Array.from(a));
const rows = (d: number, len: number): fc.Arbitrary<Float64Array[]> => fc.array(vec(len), { minLength: d, maxLength: d });

/** Data and a point for a model with n params, m inputs, k outputs. */
function withData(spec: ModelSpec, n: number, m: number, k: number, maxD = 3): fc.Arbitrary<Case> {
  return fc
    .integer({ min: 1, max: maxD })
    .chain((d) => fc.tuple(vec(n), rows(d, m), rows(d, k)))
    .map(([w, xs, ys]) => ({ spec, m, k, w, xs, ys }));
}

/** mlp: 1–3 hidden layers of width 1–4, m 1–3, k 1–2. */
export function mlpCase(
  activations: readonly ActivationSpec[] = SMOOTH_ACTIVATIONS,
  opts: { maxLayers?: number; maxWidth?: number; maxM?: number } = {},
): fc.Arbitrary<Case> {
  const { maxLayers = 3, maxWidth = 4, maxM = 3 } = opts;
  return fc
    .record({
      m: fc.integer({ min: 1, max: maxM }),
      k: fc.integer({ min: 1, max: 2 }),
      hidden: fc.array(fc.integer({ min: 1, max: maxWidth }), { minLength: 1, maxLength: maxLayers }),
      activation: fc.constantFrom(...activations),
    })
    .chain(({ m, k, hidden, activation }) =>
      withData({ kind: 'mlp', hidden, activation }, mlpLayout(m, hidden, k).n, m, k),
    );
}

/** A random dag: 1–2 inputs, 0–4 internal nodes, 1–2 outputs, random forward edges (skips too), shuffled. */
export function dagCase(activations: readonly ActivationSpec[] = SMOOTH_ACTIVATIONS, maxInternal = 4): fc.Arbitrary<Case> {
  return fc
    .record({
      nIn: fc.integer({ min: 1, max: 2 }),
      nHid: fc.integer({ min: 0, max: maxInternal }),
      nOut: fc.integer({ min: 1, max: 2 }),
      activation: fc.constantFrom(...activations),
    })
    .chain(({ nIn, nHid, nOut, activation }) => {
      const inputs = Array.from({ length: nIn }, (_, i) => `x${i}`);
      const hidden = Array.from({ length: nHid }, (_, i) => `h${i}`);
      const outputs = Array.from({ length: nOut }, (_, i) => `y${i}`);
      const ordered = [...inputs, ...hidden, ...outputs];
      const candidates: [string, string][] = [];
      for (let i = 0; i < ordered.length; i++) {
        for (let j = i + 1; j < ordered.length; j++) {
          const from = ordered[i]!;
          const to = ordered[j]!;
          if (from.startsWith('y') || to.startsWith('x')) continue;
          candidates.push([from, to]);
        }
      }
      return fc
        .tuple(
          fc.shuffledSubarray(ordered, { minLength: ordered.length, maxLength: ordered.length }),
          fc.shuffledSubarray(candidates, { minLength: 1 }),
        )
        .chain(([nodes, edges]) => {
          const spec: DagSpec = { kind: 'dag', nodes, inputs, outputs, edges, activation };
          return withData(spec, dagLayout(spec).n, nIn, nOut);
        });
    });
}

/** A random expression model: 1–3 params, 1–2 inputs, 1–2 outputs, safe formulas. */
export function expressionCase(): fc.Arbitrary<Case & { readonly formulas: readonly Expr[] }> {
  return fc
    .record({ np: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 2 }), k: fc.integer({ min: 1, max: 2 }) })
    .chain(({ np, m, k }) => {
      const params = Array.from({ length: np }, (_, i) => `w${i}`);
      const inputs = Array.from({ length: m }, (_, i) => `x${i}`);
      // params listed twice: formulas where two param-dependent factors meet are what test the
      // second-order partials
      const symbols = [...params, ...params, ...inputs];
      return fc.array(safeExpr(symbols, 4), { minLength: k, maxLength: k }).chain((formulas) => {
        const spec: ModelSpec = { kind: 'expression', params, inputs, output: formulas.map(exprToString) };
        return withData(spec, np, m, k).map((c) => ({ ...c, formulas }));
      });
    });
}

/** Parameter symbols used by the formula builders. */
export const P = (i: number): string => `p${i}`;

function act(spec: ActivationSpec): (u: Expr) => Expr {
  const { expr } = compileActivation(spec).formula;
  return (u) => substitute(expr, new Map([['t', u]]));
}

const lit = (v: number): Expr => num(v);
const pmul = (p: number, e: Expr): Expr => binRaw('mul', sym(P(p)), e);

/** The mlp as formulas in p0..p(n−1), one per output, for input x (the t > 0 piece for smoolu). */
export function mlpFormulas(hidden: readonly number[], activation: ActivationSpec, m: number, k: number, x: Float64Array): Expr[] {
  const layout = mlpLayout(m, hidden, k);
  const s = act(activation);
  let prev: Expr[] = Array.from(x, lit);
  layout.layers.forEach((L, idx) => {
    const next: Expr[] = [];
    for (let i = 0; i < L.width; i++) {
      let z: Expr = sym(P(mlpBiasIndex(L, i)));
      for (let j = 0; j < L.fanIn; j++) z = binRaw('add', z, pmul(mlpWeightIndex(L, i, j), prev[j]!));
      next.push(idx === layout.layers.length - 1 ? z : s(z));
    }
    prev = next;
  });
  return prev;
}

/** The dag as formulas in p0..p(n−1), one per output. */
export function dagFormulas(spec: DagSpec, x: Float64Array): Expr[] {
  const layout = dagLayout(spec);
  const s = act(spec.activation);
  const value = new Map<string, Expr>();
  spec.inputs.forEach((v, j) => value.set(v, lit(x[j]!)));
  const outs = new Set(spec.outputs);
  for (const v of layout.order) {
    if (value.has(v)) continue;
    let z: Expr = sym(P(layout.biasIndex.get(v)!));
    for (const e of layout.incoming.get(v)!) z = binRaw('add', z, pmul(e, value.get(spec.edges[e]![0])!));
    value.set(v, outs.has(v) ? z : s(z));
  }
  return spec.outputs.map((v) => value.get(v)!);
}

/** Expression-model formulas with params renamed p0.. and inputs replaced by x's numbers. */
export function expressionFormulas(spec: Extract<ModelSpec, { kind: 'expression' }>, x: Float64Array): Expr[] {
  const map = new Map<string, Expr>();
  spec.params.forEach((p, i) => map.set(p, sym(P(i))));
  spec.inputs.forEach((v, j) => map.set(v, lit(x[j]!)));
  return spec.output.map((text) => substitute(parseExpr(text, [...spec.params, ...spec.inputs]), map));
}

/** The formulas of any case's model at input x. */
export function formulasOf(c: Case, x: Float64Array): Expr[] {
  switch (c.spec.kind) {
    case 'mlp':
      return mlpFormulas(c.spec.hidden, c.spec.activation, c.m, c.k, x);
    case 'dag':
      return dagFormulas(c.spec, x);
    case 'expression':
      return expressionFormulas(c.spec, x);
  }
}

/** L = Σ (f − y)² as one formula. */
export function lossFormula(c: Case): Expr {
  let L: Expr = num(0);
  c.xs.forEach((x, i) => {
    formulasOf(c, x).forEach((f, o) => {
      const r = binRaw('sub', f, lit(c.ys[i]![o]!));
      L = add(L, binRaw('pow', r, num(2)));
    });
  });
  return L;
}

/** scope {p0: w0, …} for mathjs evaluation */
export function scopeOf(w: Float64Array): Record<string, number> {
  const s: Record<string, number> = {};
  w.forEach((v, i) => (s[P(i)] = v));
  return s;
}

/** ∂ node / ∂ p_j evaluated at w, by mathjs. */
export function mathjsPartial(node: MathNode, j: number, w: Float64Array): number {
  return derivative(node, P(j), { simplify: false }).compile().evaluate(scopeOf(w)) as number;
}

export { toMathNode };

/** Jacobian by 5-point differences of model.outputs. */
export function fdJacobian(model: Model, w: Float64Array, xs: readonly Float64Array[], h = 1e-3): Float64Array {
  const rowsN = xs.length * model.k;
  const J = new Float64Array(rowsN * model.n);
  const wp = Float64Array.from(w);
  const at = (p: number, delta: number): Float64Array => {
    wp[p] = w[p]! + delta;
    const out = model.outputs(wp, xs);
    wp[p] = w[p]!;
    return out;
  };
  for (let p = 0; p < model.n; p++) {
    const [a, b, c, d] = [at(p, 2 * h), at(p, h), at(p, -h), at(p, -2 * h)];
    for (let r = 0; r < rowsN; r++) J[r * model.n + p] = (-a[r]! + 8 * b[r]! - 8 * c[r]! + d[r]!) / (12 * h);
  }
  return J;
}

/** Largest |a − b| / (1 + max(|a|, |b|)) over entries. */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let e = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const r = Math.abs(x - y) / (1 + Math.max(Math.abs(x), Math.abs(y)));
    e = Number.isNaN(r) ? Infinity : Math.max(e, r);
  }
  return e;
}

/** Dense matrix–vector product (rows × cols, row-major). */
export function matVec(A: Float64Array, v: Float64Array, rowsN: number, cols: number): Float64Array {
  const out = new Float64Array(rowsN);
  for (let r = 0; r < rowsN; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += A[r * cols + c]! * v[c]!;
    out[r] = s;
  }
  return out;
}
