/**
 * Exact values and first derivatives of the functions a formula or an activation may apply, at
 * rational arguments where both are rational (see exact-eval.ts for where this is used).
 */
import type { Activation } from './activation.js';
import {
  ONE,
  ZERO,
  add,
  cmp,
  div,
  isZero,
  mul,
  neg,
  rat,
  sign,
  sub,
  type Rational,
} from '../kernel/rational.js';
import { diffExpr, type Expr, type UnaryFn } from '../expr/index.js';

/** An exact evaluation that could not be done, with the reason in words. */
export class Inexact extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Inexact';
  }
}

/** A value and its derivative, both exact. */
export interface Jet {
  readonly value: Rational;
  readonly d1: Rational;
}

const HALF = rat(1n, 2n);
const QUARTER = rat(1n, 4n);

/** The exact square root of a rational that is a perfect square, else undefined. */
function exactSqrt(a: Rational): Rational | undefined {
  if (a.num < 0n) return undefined;
  const r = (x: bigint): bigint | undefined => {
    if (x < 2n) return x;
    let y = BigInt(Math.floor(Math.sqrt(Number(x))));
    // Newton's correction on BigInt, since the float guess may be off for large x
    for (;;) {
      const z = (y + x / y) >> 1n;
      if (z >= y) break;
      y = z;
    }
    while (y * y > x) y--;
    while ((y + 1n) * (y + 1n) <= x) y++;
    return y * y === x ? y : undefined;
  };
  const p = r(a.num);
  const q = r(a.den);
  return p === undefined || q === undefined ? undefined : rat(p, q);
}

/** Integer power of a rational (negative exponents allowed away from 0). */
export function powInt(a: Rational, e: bigint): Rational {
  if (e < 0n) {
    if (isZero(a)) throw new Inexact('0 raised to a negative power');
    return powInt(div(ONE, a), -e);
  }
  let result = ONE;
  let base = a;
  let k = e;
  if (k > 4096n) throw new Inexact(`exponent ${k} too large for exact evaluation`);
  while (k > 0n) {
    if (k & 1n) result = mul(result, base);
    base = mul(base, base);
    k >>= 1n;
  }
  return result;
}

export const isInteger = (a: Rational): boolean => a.den === 1n;

/** f(a) and f′(a) for a whitelisted function, where both are exactly known. */
export function unaryJet(fn: UnaryFn, a: Rational): Jet {
  const zero = isZero(a);
  switch (fn) {
    case 'abs':
      if (zero) throw new Inexact('abs is not differentiable at 0');
      return { value: sign(a) < 0 ? neg(a) : a, d1: sign(a) < 0 ? neg(ONE) : ONE };
    case 'sqrt': {
      const r = exactSqrt(a);
      if (r === undefined || isZero(r)) throw new Inexact('sqrt of a number that is not a nonzero perfect square');
      return { value: r, d1: div(ONE, mul(rat(2n), r)) };
    }
    case 'log':
      if (cmp(a, ONE) === 0) return { value: ZERO, d1: ONE };
      throw new Inexact('log away from 1');
    case 'exp':
      if (zero) return { value: ONE, d1: ONE };
      break;
    case 'expm1':
    case 'log1p':
    case 'sin':
    case 'tan':
    case 'tanh':
    case 'sinh':
    case 'atan':
      if (zero) return { value: ZERO, d1: ONE };
      break;
    case 'cos':
    case 'cosh':
      if (zero) return { value: ONE, d1: ZERO };
      break;
    case 'sigmoid':
      if (zero) return { value: HALF, d1: QUARTER };
      break;
  }
  throw new Inexact(`${fn} at a nonzero argument is not a rational number`);
}

/** Exact value of an expression at rational values of its symbols. */
export function evalExact(e: Expr, env: ReadonlyMap<string, Rational>): Rational {
  switch (e.kind) {
    case 'num':
      return e.exact;
    case 'const':
      throw new Inexact(`the constant ${e.name} is irrational`);
    case 'sym': {
      const v = env.get(e.name);
      if (v === undefined) throw new Inexact(`no value for ${e.name}`);
      return v;
    }
    case 'neg':
      return neg(evalExact(e.arg, env));
    case 'add':
      return add(evalExact(e.left, env), evalExact(e.right, env));
    case 'sub':
      return sub(evalExact(e.left, env), evalExact(e.right, env));
    case 'mul':
      return mul(evalExact(e.left, env), evalExact(e.right, env));
    case 'div': {
      const den = evalExact(e.right, env);
      if (isZero(den)) throw new Inexact('division by zero');
      return div(evalExact(e.left, env), den);
    }
    case 'pow': {
      const ex = evalExact(e.right, env);
      if (!isInteger(ex)) throw new Inexact('a power with a non-integer exponent');
      return powInt(evalExact(e.left, env), ex.num);
    }
    case 'call':
      return unaryJet(e.fn, evalExact(e.arg, env)).value;
  }
}

/**
 * σ(t) and σ′(t) exactly. A form that is 0 for t ≤ 0 (`formula.piecewise`) is 0 with derivative
 * 0 for t < 0; at t = 0 its value is 0, and its derivative is 0 when σ is C¹ (the left
 * derivative is 0), which `c1AtZero` must vouch for; for t > 0, and for plain forms everywhere,
 * the formula and its derivative are evaluated exactly.
 */
export function activationJet(act: Activation, t: Rational, c1AtZero: () => boolean): Jet {
  const { expr, piecewise } = act.formula;
  if (piecewise && sign(t) < 0) return { value: ZERO, d1: ZERO };
  if (piecewise && sign(t) === 0) {
    if (c1AtZero()) return { value: ZERO, d1: ZERO };
    throw new Inexact(`${act.name} is not known to be differentiable at 0`);
  }
  const env = new Map([['t', t]]);
  return { value: evalExact(expr, env), d1: evalExact(diffExpr(expr, 't'), env) };
}

/** Work limits: beyond them exact evaluation declines (it is a certificate path for small cases). */
