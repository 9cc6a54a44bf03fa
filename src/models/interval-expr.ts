/**
 * Interval forward-mode differentiation of an Expr over a box: every node carries an enclosure
 * of its value and of its partial derivatives along a few chosen directions (dual numbers whose
 * parts are intervals, outward rounded by src/numeric/interval.ts). The result encloses
 * {e(w), ∂e/∂wⱼ(w) : w in the box} wherever e is differentiable on the whole box.
 *
 * Soundness at the edges of a domain: a function whose argument interval leaves its open domain
 * of differentiability (log, sqrt at or below 0, log1p at or below −1, abs across 0, a real power
 * of a base that may be ≤ 0) returns ENTIRE for its value and derivative, and division by an
 * interval holding 0 gives ENTIRE (interval.ts). A proof reads ENTIRE as "no information", so a
 * box that touches a singularity can never pass a test; nothing is silently restricted to the
 * part of the box where the formula is defined.
 *
 * Formulas are evaluated by the kernel (src/kernel/expr-interval.ts): literals enter as the
 * enclosures of their exact rationals, e and π as proven enclosures, and a piece that may leave
 * its domain anywhere on the box makes the whole value ENTIRE. The one-function enclosures below
 * serve the programs of networks (interval-program.ts).
 */
import {
  ENTIRE,
  add,
  div,
  exp,
  fromNumber,
  isEmpty,
  log,
  mul,
  neg,
  pow,
  sqr,
  sub,
  type Interval,
} from '../kernel/interval.js';
import { evalInterval } from '../expr/interval-eval.js';
import { call, sym, type Expr, type UnaryFn } from '../expr/index.js';
import { encloseExprJet } from '../kernel/expr-interval-jets.js';

/** A value enclosure and enclosures of its partials along `nd` directions (undefined: all 0). */
export interface IntervalDual {
  readonly v: Interval;
  readonly d: readonly Interval[] | undefined;
}

const ZERO: Interval = { lo: 0, hi: 0 };
const ONE: Interval = { lo: 1, hi: 1 };
const HALF: Interval = { lo: 0.5, hi: 0.5 };
const UNBOUNDED: IntervalDual = { v: ENTIRE, d: undefined };

/** A constant: no derivative. */
export const constantDual = (v: Interval): IntervalDual => ({ v, d: undefined });

/** The j-th of `nd` coordinates, with value enclosure v: derivative e_j. */
export function variableDual(v: Interval, j: number, nd: number): IntervalDual {
  const d = new Array<Interval>(nd).fill(ZERO);
  d[j] = ONE;
  return { v, d };
}

const unbounded = (nd: number): IntervalDual => ({ v: ENTIRE, d: new Array<Interval>(nd).fill(ENTIRE) });

function mapD(a: readonly Interval[] | undefined, f: (x: Interval) => Interval): Interval[] | undefined {
  return a === undefined ? undefined : a.map(f);
}

/** a·a' + b·b' for derivative lists (either may be structurally 0). */
function combine(
  da: readonly Interval[] | undefined,
  ca: Interval,
  db: readonly Interval[] | undefined,
  cb: Interval,
): Interval[] | undefined {
  if (da === undefined && db === undefined) return undefined;
  const n = (da ?? db)!.length;
  const out = new Array<Interval>(n);
  for (let j = 0; j < n; j++) {
    const x = da === undefined ? ZERO : mul(ca, da[j]!);
    const y = db === undefined ? ZERO : mul(cb, db[j]!);
    out[j] = add(x, y);
  }
  return out;
}

const MINUS_ONE: Interval = { lo: -1, hi: -1 };

export function dualAdd(a: IntervalDual, b: IntervalDual): IntervalDual {
  return { v: add(a.v, b.v), d: combine(a.d, ONE, b.d, ONE) };
}
export function dualSub(a: IntervalDual, b: IntervalDual): IntervalDual {
  return { v: sub(a.v, b.v), d: combine(a.d, ONE, b.d, MINUS_ONE) };
}
export function dualNeg(a: IntervalDual): IntervalDual {
  return { v: neg(a.v), d: mapD(a.d, neg) };
}
export function dualMul(a: IntervalDual, b: IntervalDual): IntervalDual {
  return { v: mul(a.v, b.v), d: combine(a.d, b.v, b.d, a.v) };
}
/** (a/b)' = (a' − (a/b)·b')/b: the quotient's own enclosure stands in for a/b, pointwise true. */
export function dualDiv(a: IntervalDual, b: IntervalDual): IntervalDual {
  const v = div(a.v, b.v);
  if (a.d === undefined && b.d === undefined) return { v, d: undefined };
  const num = combine(a.d, ONE, b.d, neg(v))!;
  return { v, d: num.map((x) => div(x, b.v)) };
}

/** f(a) with f′ enclosed over a.v: the chain rule in intervals. */
function chain(a: IntervalDual, v: Interval, d1: Interval): IntervalDual {
  return { v, d: mapD(a.d, (x) => mul(d1, x)) };
}

/** An interval enclosure of fn over a (the symbolic layer's enclosures, reused). */
function fnValue(fn: UnaryFn, a: Interval): Interval {
  return evalInterval(call(fn, sym('t')), a);
}

/**
 * The value and derivative enclosures of a whitelisted function over a, or undefined where a
 * leaves the function's open domain of differentiability.
 */
export function unaryEnclosure(fn: UnaryFn, a: Interval): { readonly v: Interval; readonly d1: Interval } | undefined {
  if (isEmpty(a)) return undefined;
  switch (fn) {
    case 'exp': {
      const v = exp(a);
      return { v, d1: v };
    }
    case 'expm1':
      return { v: fnValue('expm1', a), d1: exp(a) };
    case 'log':
      return a.lo > 0 ? { v: log(a), d1: div(ONE, a) } : undefined;
    case 'log1p':
      return a.lo > -1 ? { v: fnValue('log1p', a), d1: div(ONE, add(ONE, a)) } : undefined;
    case 'sqrt': {
      if (!(a.lo > 0)) return undefined;
      const v = fnValue('sqrt', a);
      return { v, d1: div(HALF, v) };
    }
    case 'sin':
      return { v: fnValue('sin', a), d1: fnValue('cos', a) };
    case 'cos':
      return { v: fnValue('cos', a), d1: neg(fnValue('sin', a)) };
    case 'tan': {
      const v = fnValue('tan', a);
      return { v, d1: add(ONE, sqr(v)) };
    }
    case 'tanh': {
      const v = fnValue('tanh', a);
      return { v, d1: clampUnit(sub(ONE, sqr(v))) };
    }
    case 'sinh':
      return { v: fnValue('sinh', a), d1: fnValue('cosh', a) };
    case 'cosh':
      return { v: fnValue('cosh', a), d1: fnValue('sinh', a) };
    case 'atan':
      return { v: fnValue('atan', a), d1: div(ONE, add(ONE, sqr(a))) };
    case 'abs':
      if (a.lo > 0) return { v: a, d1: ONE };
      if (a.hi < 0) return { v: neg(a), d1: MINUS_ONE };
      return undefined;
    case 'sigmoid': {
      const v = fnValue('sigmoid', a);
      return { v, d1: clampQuarter(mul(v, sub(ONE, v))) };
    }
  }
}

/** tanh′ = 1 − tanh² lies in [0, 1]. */
function clampUnit(x: Interval): Interval {
  return { lo: Math.max(0, x.lo), hi: Math.min(1, x.hi) };
}
/** σ′ = σ(1 − σ) lies in [0, 1/4]. */
function clampQuarter(x: Interval): Interval {
  return { lo: Math.max(0, x.lo), hi: Math.min(0.25, x.hi) };
}

export function dualCall(fn: UnaryFn, a: IntervalDual, nd: number): IntervalDual {
  const r = unaryEnclosure(fn, a.v);
  if (r === undefined) return a.d === undefined ? UNBOUNDED : unbounded(nd);
  return chain(a, r.v, r.d1);
}

/**
 * a^b. An integer literal exponent uses exact integer powers (any base; a negative power
 * divides, so a base interval holding 0 gives ENTIRE); anything else is exp(b·log a) and needs
 * a > 0 on the whole box.
 */
export function dualPow(a: IntervalDual, b: IntervalDual, literal: number | undefined, nd: number): IntervalDual {
  if (literal !== undefined && Number.isInteger(literal) && Math.abs(literal) <= 1024) {
    const n = literal;
    if (n === 0) return constantDual(ONE);
    const v = n === 2 ? sqr(a.v) : pow(a.v, n);
    if (a.d === undefined) return { v, d: undefined };
    const d1 = n === 1 ? ONE : mul(fromNumber(n), n === 2 ? a.v : pow(a.v, n - 1));
    return chain(a, v, d1);
  }
  if (!(a.v.lo > 0)) return a.d === undefined && b.d === undefined ? UNBOUNDED : unbounded(nd);
  return dualCall('exp', dualMul(b, dualCall('log', a, nd)), nd);
}

/**
 * Encloses e and its partials along `nd` directions over the box given by `env` (symbol →
 * dual), by the kernel's domain-tracked evaluation: where any piece of e may be undefined or
 * not differentiable somewhere on the box (0·sqrt(u) included), the result is ENTIRE, so that
 * no proof can read anything into it. Every symbol of e must be in env (a RangeError otherwise).
 */
export function evalExprDual(e: Expr, env: ReadonlyMap<string, IntervalDual>, nd: number): IntervalDual {
  const r = encloseExprJet(e, env, nd);
  if (r.ok) return { v: r.v, d: r.d };
  let anyD = false;
  for (const v of env.values()) anyD ||= v.d !== undefined;
  return anyD ? unbounded(nd) : UNBOUNDED;
}

/** Encloses e over a box of symbol values (no derivatives). */
export function evalExprBox(e: Expr, env: ReadonlyMap<string, Interval>): Interval {
  const duals = new Map<string, IntervalDual>();
  for (const [k, v] of env) duals.set(k, constantDual(v));
  return evalExprDual(e, duals, 0).v;
}
