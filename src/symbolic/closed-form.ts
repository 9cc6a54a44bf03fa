/**
 * A tiny network in closed form: each residual fᵣ(w) = f(w, xᵢ)ₒ − yᵢₒ (r = i·k + o) as an
 * expression in the parameter identifiers (param-ids.ts), with the case's data written in as
 * numbers. Built from the model spec, the same layout the numeric models use (SPEC.md order).
 *
 * An activation that is 0 for t ≤ 0 has no single formula; the closed form takes, per hidden
 * unit and sample, the branch active at the given point w (the formula where z > 0, the number 0
 * where z < 0), which equals the network on a neighbourhood of w, so every derivative at w is
 * right. A unit exactly at z = 0 is fine when σ is C² there (both branches then have the same
 * value and first two derivatives, 0); otherwise the closed form is flagged as invalid at w.
 */
import type { Case } from '../cases/types.js';
import { compileActivation, type Activation } from '../models/activation.js';
import { dagLayout } from '../models/dag.js';
import { mlpBiasIndex, mlpLayout, mlpNames, mlpWeightIndex } from '../models/mlp.js';
import { activationReport } from './activation-props.js';
import { add, call, div, exprSize, mul, neg, num, parseExpr, pow, sub, substitute, sym, type Expr } from '../expr/index.js';
import { paramId } from './param-ids.js';

/** Largest n for which closed forms are built (their Hessian has n(n+1)/2 entries). */
export const MAX_CLOSED_FORM_N = 40;

export interface ClosedForm {
  readonly kind: 'mlp' | 'dag' | 'expression';
  /** parameter names (SPEC.md) and their identifiers, in the model's order */
  readonly names: readonly string[];
  readonly ids: readonly string[];
  /** fᵣ(w) = f(w, xᵢ)ₒ − yᵢₒ, sample-major */
  readonly residuals: readonly Expr[];
  /**
   * hidden units on the 0 branch at w (z < 0; z = 0 with σ C² there; or z > 0 so small that σ,
   * σ′, σ″ underflow to 0), in words
   */
  readonly inactive: readonly string[];
  /** why the closed form does not represent the net near w (a unit at a kink), if so */
  readonly invalidAt?: string;
  /** total nodes over the residual trees */
  readonly size: number;
}

/** σ(z) as an expression, for the branch active at the numeric value zv. */
interface Branching {
  readonly act: Activation;
  /** whether σ is C² at 0 (then z = 0 may take the 0 branch); asked only when some z is 0 */
  c2AtZero(): boolean;
}

function sigmaOf(b: Branching, z: Expr, zv: number, label: string, inactive: string[], problems: string[]): { e: Expr; v: number } {
  const { expr, piecewise } = b.act.formula;
  const T = new Map([['t', z]]);
  // Deep in a flat region (smooLU at z ≈ 1e-300) σ, σ′ and σ″ are all below the smallest double:
  // the formula would evaluate to 0/0 there, while the 0 branch gives the same numbers exactly.
  const underflow = piecewise && zv > 0 && b.act.f(zv) === 0 && b.act.d1(zv) === 0 && b.act.d2(zv) === 0;
  if (!piecewise || (zv > 0 && !underflow)) return { e: substitute(expr, T), v: b.act.f(zv) };
  if (underflow) {
    inactive.push(`${label} (σ, σ′, σ″ underflow at z = ${zv})`);
    return { e: num(0), v: 0 };
  }
  if (zv === 0 && !b.c2AtZero()) problems.push(`${label} has pre-activation exactly 0, where σ is not C²`);
  inactive.push(label);
  return { e: num(0), v: 0 };
}

function branching(act: Activation): Branching {
  return {
    act,
    c2AtZero: () => {
      if (!act.formula.piecewise) return true;
      const order = activationReport(act).smooth.data['order'];
      return order === 'infinity' || (typeof order === 'number' && order >= 2);
    },
  };
}

/** Σⱼ W[j]·a[j] + b, with the numeric value alongside. */
function affine(ws: { e: Expr; v: number }[], as: { e: Expr; v: number }[], b: { e: Expr; v: number }): { e: Expr; v: number } {
  let e: Expr = num(0);
  let v = 0;
  ws.forEach((w, j) => {
    e = add(e, mul(w.e, as[j]!.e));
    v += w.v * as[j]!.v;
  });
  return { e: add(e, b.e), v: v + b.v };
}

/**
 * The closed form of the case's model at the point w (w only chooses branches of a piecewise σ).
 * Throws RangeError when n > MAX_CLOSED_FORM_N.
 */
export function closedForm(c: Case, w: Float64Array): ClosedForm {
  const spec = c.model;
  const { d, m, k } = c.data;
  const residuals: Expr[] = [];
  const inactive: string[] = [];
  const problems: string[] = [];
  let names: readonly string[];
  const dataNum = (v: number): Expr => num(v);

  switch (spec.kind) {
    case 'mlp': {
      const layout = mlpLayout(m, spec.hidden, k);
      names = mlpNames(layout);
      guard(layout.n);
      const ids = names.map((nm) => paramId(nm, 'mlp'));
      const P = (i: number): { e: Expr; v: number } => ({ e: sym(ids[i]!), v: w[i]! });
      const br = branching(compileActivation(spec.activation));
      const last = layout.layers.length - 1;
      for (let i = 0; i < d; i++) {
        let prev = Array.from(c.data.x[i]!, (v) => ({ e: dataNum(v), v }));
        layout.layers.forEach((L, idx) => {
          const next: { e: Expr; v: number }[] = [];
          for (let u = 0; u < L.width; u++) {
            const ws = Array.from({ length: L.fanIn }, (_, j) => P(mlpWeightIndex(L, u, j)));
            const z = affine(ws, prev, P(mlpBiasIndex(L, u)));
            next.push(idx === last ? z : sigmaOf(br, z.e, z.v, `unit ${u} of layer ${L.layer} at sample ${i}`, inactive, problems));
          }
          prev = next;
        });
        for (let o = 0; o < k; o++) residuals.push(sub(prev[o]!.e, dataNum(c.data.y[i]![o]!)));
      }
      return finish('mlp', names, ids, residuals, inactive, problems);
    }
    case 'dag': {
      const layout = dagLayout(spec);
      names = layout.names;
      guard(layout.n);
      const ids = names.map((nm) => paramId(nm, 'dag'));
      const P = (i: number): { e: Expr; v: number } => ({ e: sym(ids[i]!), v: w[i]! });
      const br = branching(compileActivation(spec.activation));
      const isOutput = new Set(spec.outputs);
      for (let i = 0; i < d; i++) {
        const reg = new Map<string, { e: Expr; v: number }>();
        spec.inputs.forEach((v, j) => reg.set(v, { e: dataNum(c.data.x[i]![j]!), v: c.data.x[i]![j]! }));
        for (const v of layout.order) {
          if (reg.has(v)) continue;
          const edges = layout.incoming.get(v)!;
          const z = affine(
            edges.map((e) => P(e)),
            edges.map((e) => reg.get(spec.edges[e]![0])!),
            P(layout.biasIndex.get(v)!),
          );
          reg.set(v, isOutput.has(v) ? z : sigmaOf(br, z.e, z.v, `node ${v} at sample ${i}`, inactive, problems));
        }
        spec.outputs.forEach((v, o) => residuals.push(sub(reg.get(v)!.e, dataNum(c.data.y[i]![o]!))));
      }
      return finish('dag', names, ids, residuals, inactive, problems);
    }
    case 'expression': {
      names = spec.params;
      guard(names.length);
      const formulas = spec.output.map((text) => parseExpr(text, [...spec.params, ...spec.inputs]));
      for (let i = 0; i < d; i++) {
        const subs = new Map<string, Expr>(spec.inputs.map((nm, j) => [nm, dataNum(c.data.x[i]![j]!)]));
        formulas.forEach((f, o) => residuals.push(sub(fold(substitute(f, subs)), dataNum(c.data.y[i]![o]!))));
      }
      return finish('expression', names, [...names], residuals, inactive, problems);
    }
  }
}

/** Rebuilds e through the smart constructors, folding the 0s and 1s the data brought in. */
export function fold(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
      return e;
    case 'neg':
      return neg(fold(e.arg));
    case 'call':
      return call(e.fn, fold(e.arg));
    case 'add':
      return add(fold(e.left), fold(e.right));
    case 'sub':
      return sub(fold(e.left), fold(e.right));
    case 'mul':
      return mul(fold(e.left), fold(e.right));
    case 'div':
      return div(fold(e.left), fold(e.right));
    case 'pow':
      return pow(fold(e.left), fold(e.right));
  }
}

function guard(n: number): void {
  if (n > MAX_CLOSED_FORM_N) throw new RangeError(`n = ${n} parameters exceeds ${MAX_CLOSED_FORM_N} for closed forms`);
}

function finish(
  kind: ClosedForm['kind'],
  names: readonly string[],
  ids: readonly string[],
  residuals: Expr[],
  inactive: string[],
  problems: string[],
): ClosedForm {
  const size = residuals.reduce((s, r) => s + exprSize(r), 0);
  const base = { kind, names, ids, residuals, inactive, size };
  return problems.length > 0 ? { ...base, invalidAt: problems.join('; ') } : base;
}

/** The number of parameters of the case's model without building it. */
export function parameterCount(c: Case): number {
  const spec = c.model;
  switch (spec.kind) {
    case 'mlp':
      return mlpLayout(c.data.m, spec.hidden, c.data.k).n;
    case 'dag':
      return dagLayout(spec).n;
    case 'expression':
      return spec.params.length;
  }
}
