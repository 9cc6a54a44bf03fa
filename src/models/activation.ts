/**
 * Activations σ with their first two derivatives, numerically careful for the built-ins and
 * derived symbolically (diffExpr, then compiled) for the user's own formulas.
 */
import type { ActivationSpec } from '../cases/types.js';
import {
  ExprError,
  call,
  compileExpr,
  diffExpr,
  div,
  exprToString,
  mul,
  neg,
  num,
  parseExpr,
  sigmoid,
  sigmoidD1,
  sigmoidD2,
  sym,
  type Expr,
} from '../expr/index.js';
import { ModelError } from './errors.js';

/** An activation ready for the kernels: σ, σ', σ'' as plain functions of t. */
export interface Activation {
  readonly name: string;
  readonly spec: ActivationSpec;
  /** a built-in, a user's rectified form (0 for t ≤ 0), or a user's plain expression */
  readonly form: 'builtin' | 'positive' | 'expr';
  f(t: number): number;
  d1(t: number): number;
  d2(t: number): number;
  /** the formula in words and infix, e.g. "t*exp(-1/t) for t > 0, 0 for t <= 0" */
  readonly text: string;
  /**
   * σ as an expression in `t`: when `piecewise`, σ(t) = 0 for t ≤ 0 and `expr` for t > 0;
   * otherwise σ = `expr` everywhere. For the symbolic layer (limits, signs, printing).
   */
  readonly formula: { readonly expr: Expr; readonly piecewise: boolean };
}

const T = sym('t');

interface Kernel {
  f(t: number): number;
  d1(t: number): number;
  d2(t: number): number;
}

/** smooLU (Definition 3.2): t·e^(−1/t) for t > 0, 0 for t ≤ 0. */
const smoolu: Kernel = {
  f: (t) => (t > 0 ? t * Math.exp(-1 / t) : Number.isNaN(t) ? NaN : 0),
  // σ' = e^(−1/t)(1 + 1/t). Once e^(−1/t) underflows (t ≲ 1/745) the true value is below
  // the smallest double, and 0·(1 + 1/t) could be 0·∞ = NaN for subnormal t: return 0.
  d1: (t) => {
    if (!(t > 0)) return Number.isNaN(t) ? NaN : 0;
    const e = Math.exp(-1 / t);
    return e === 0 ? 0 : e * (1 + 1 / t);
  },
  // σ'' = e^(−1/t)/t³; same guard (t³ underflows to 0 long before e^(−1/t) is nonzero).
  d2: (t) => {
    if (!(t > 0)) return Number.isNaN(t) ? NaN : 0;
    const e = Math.exp(-1 / t);
    return e === 0 ? 0 : e / (t * t * t);
  },
};

/** log(1 + e^t) = max(t, 0) + log1p(e^(−|t|)): no overflow, no loss for t ≪ 0. */
const softplus: Kernel = {
  f: (t) => Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))),
  d1: sigmoid,
  d2: sigmoidD1,
};

const relu: Kernel = {
  f: (t) => (t > 0 ? t : t <= 0 ? 0 : NaN),
  d1: (t) => (t > 0 ? 1 : t <= 0 ? 0 : NaN),
  d2: (t) => (Number.isNaN(t) ? NaN : 0),
};

const tanh: Kernel = {
  f: Math.tanh,
  // sech² = 1/cosh²: exact to the last bit where 1 − tanh² would cancel
  d1: (t) => {
    const c = Math.cosh(t);
    return 1 / (c * c);
  },
  d2: (t) => {
    const c = Math.cosh(t);
    return (-2 * Math.tanh(t)) / (c * c);
  },
};

const sigmoidKernel: Kernel = { f: sigmoid, d1: sigmoidD1, d2: sigmoidD2 };

/** swish t·σ(t): (tσ)' = σ + tσ', (tσ)'' = 2σ' + tσ''. */
const swish: Kernel = {
  // t = ±∞ would give ∞·0; use the limits
  f: (t) => (t === -Infinity ? 0 : t * sigmoid(t)),
  d1: (t) => (Math.abs(t) === Infinity ? (t > 0 ? 1 : 0) : sigmoid(t) + t * sigmoidD1(t)),
  d2: (t) => (Math.abs(t) === Infinity ? 0 : 2 * sigmoidD1(t) + t * sigmoidD2(t)),
};

const BUILTINS = {
  smoolu: { kernel: smoolu, expr: mul(T, call('exp', div(neg(num(1)), T))), piecewise: true },
  softplus: { kernel: softplus, expr: call('log1p', call('exp', T)), piecewise: false },
  relu: { kernel: relu, expr: T, piecewise: true },
  tanh: { kernel: tanh, expr: call('tanh', T), piecewise: false },
  sigmoid: { kernel: sigmoidKernel, expr: call('sigmoid', T), piecewise: false },
  swish: { kernel: swish, expr: mul(T, call('sigmoid', T)), piecewise: false },
} as const satisfies Record<string, { kernel: Kernel; expr: Expr; piecewise: boolean }>;

function describe(expr: Expr, piecewise: boolean): string {
  const s = exprToString(expr);
  return piecewise ? `${s} for t > 0, 0 for t <= 0` : s;
}

/** σ, σ', σ'' of an expression in t, compiled from diffExpr. */
function exprKernel(expr: Expr, piecewise: boolean): Kernel {
  const syms = ['t'];
  const f0 = compileExpr(expr, syms);
  const e1 = diffExpr(expr, 't');
  const f1 = compileExpr(e1, syms);
  const f2 = compileExpr(diffExpr(e1, 't'), syms);
  const buf = new Float64Array(1);
  const at = (g: (v: Float64Array) => number) => (t: number): number => {
    if (piecewise && !(t > 0)) return Number.isNaN(t) ? NaN : 0;
    buf[0] = t;
    return g(buf);
  };
  return { f: at(f0), d1: at(f1), d2: at(f2) };
}

/**
 * Compiles an activation spec. Throws ModelError at `model.activation.positive` (or `.expr`)
 * when a user formula is refused by the expression whitelist.
 */
export function compileActivation(spec: ActivationSpec): Activation {
  if (typeof spec === 'string') {
    const b = BUILTINS[spec];
    if (b === undefined) throw new ModelError('model.activation', `unknown activation "${String(spec)}"`);
    const { kernel, expr, piecewise } = b;
    return Object.freeze({
      name: spec,
      spec,
      form: 'builtin',
      f: kernel.f,
      d1: kernel.d1,
      d2: kernel.d2,
      text: describe(expr, piecewise),
      formula: { expr, piecewise },
    });
  }
  const piecewise = 'positive' in spec;
  const text = piecewise ? spec.positive : (spec as { readonly expr: string }).expr;
  const path = piecewise ? 'model.activation.positive' : 'model.activation.expr';
  let expr: Expr;
  try {
    expr = parseExpr(text, ['t']);
  } catch (err) {
    if (err instanceof ExprError) throw new ModelError(path, err.message);
    throw err;
  }
  const kernel = exprKernel(expr, piecewise);
  return Object.freeze({
    name: spec.name,
    spec,
    form: piecewise ? 'positive' : 'expr',
    f: kernel.f,
    d1: kernel.d1,
    d2: kernel.d2,
    text: describe(expr, piecewise),
    formula: { expr, piecewise },
  });
}
