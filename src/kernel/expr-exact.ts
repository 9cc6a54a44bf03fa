/**
 * Exact evaluation of a formula over the rationals: + − × ÷ and integer powers of rationals,
 * literals as the rationals their text denotes, and the few function values that are rational
 * at rational points (abs everywhere, sqrt of a perfect square, exp, sin, tanh, … at 0, cos and
 * cosh at 0, log at 1, sigmoid at 0). Nothing throws on the formula's account: the result says
 * `rational`, `not-rational` (e.g. exp(1), the constant π), `domain` (division by zero, sqrt of
 * a negative number, log of a nonpositive one, a non-integer power of a negative base) or
 * `too-large` (an integer power past the work limit).
 */
import type { Expr, UnaryFn } from './expr-ast.js';
import { ONE, ZERO, add, cmp, div, isZero, mul, neg, rat, sign, sub, type Rational } from './rational.js';

/** The outcome of an exact evaluation; `piece` is the subformula that decided a non-rational outcome. */
export type ExactValue =
  | { readonly kind: 'rational'; readonly value: Rational }
  | { readonly kind: 'not-rational'; readonly piece: Expr; readonly reason: string }
  | { readonly kind: 'domain'; readonly piece: Expr; readonly reason: string }
  | { readonly kind: 'too-large'; readonly piece: Expr; readonly reason: string };

/** Largest |exponent| of an exact integer power. */
export const MAX_EXACT_EXPONENT = 4096;
/** Largest bit length of a numerator or denominator an exact power may produce. */
export const MAX_EXACT_BITS = 1 << 20;

const HALF = rat(1n, 2n);

/**
 * ⌊√x⌋ for x ≥ 0, by Newton's method on BigInt. The seed 2^⌈L/2⌉ (L the bit length) is above √x,
 * and from above the iteration decreases to ⌊√x⌋ in O(log L) steps. (A float seed may lie below
 * √x by 2⁻⁵³√x, which the stepping loops below then walk one by one, and is ∞ past 2¹⁰²⁴.)
 */
function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let y = 1n << BigInt((x.toString(2).length + 1) >> 1);
  for (;;) {
    const z = (y + x / y) >> 1n;
    if (z >= y) break;
    y = z;
  }
  while (y * y > x) y--;
  while ((y + 1n) * (y + 1n) <= x) y++;
  return y;
}

/** The exact square root of a nonnegative rational when it is rational, else undefined. */
export function exactSqrt(a: Rational): Rational | undefined {
  if (a.num < 0n) return undefined;
  const p = isqrt(a.num);
  const q = isqrt(a.den);
  return p * p === a.num && q * q === a.den ? rat(p, q) : undefined;
}

const bits = (x: bigint): number => (x < 0n ? -x : x).toString(2).length;

/** a^k for an integer k, or why not (0 to a negative power, or past the work limits). */
export function exactIntPower(a: Rational, k: bigint): Rational | 'domain' | 'too-large' {
  if (k < 0n && isZero(a)) return 'domain';
  const m = k < 0n ? -k : k;
  if (m > BigInt(MAX_EXACT_EXPONENT)) return isZero(a) || (a.den === 1n && (a.num === 1n || a.num === -1n)) ? smallPower(a, k) : 'too-large';
  if (Number(m) * Math.max(bits(a.num), bits(a.den)) > MAX_EXACT_BITS) return 'too-large';
  return smallPower(a, k);
}

function smallPower(a: Rational, k: bigint): Rational {
  const m = k < 0n ? -k : k;
  // 0, 1 and −1 have every power at once
  if (isZero(a)) return m === 0n ? ONE : ZERO;
  if (a.den === 1n && (a.num === 1n || a.num === -1n)) return a.num === 1n || m % 2n === 0n ? ONE : a;
  let result = ONE;
  let base = a;
  let e = m;
  while (e > 0n) {
    if (e & 1n) result = mul(result, base);
    e >>= 1n;
    if (e > 0n) base = mul(base, base);
  }
  return k < 0n ? div(ONE, result) : result;
}

/** f(a) exactly where it is rational, or why not. */
export function exactUnary(fn: UnaryFn, a: Rational): Rational | 'not-rational' | 'domain' {
  const zero = isZero(a);
  switch (fn) {
    case 'abs':
      return sign(a) < 0 ? neg(a) : a;
    case 'sqrt':
      if (sign(a) < 0) return 'domain';
      return exactSqrt(a) ?? 'not-rational';
    case 'log':
      if (sign(a) <= 0) return 'domain';
      return cmp(a, ONE) === 0 ? ZERO : 'not-rational';
    case 'log1p':
      if (cmp(a, neg(ONE)) <= 0) return 'domain';
      return zero ? ZERO : 'not-rational';
    case 'exp':
    case 'cos':
    case 'cosh':
      return zero ? ONE : 'not-rational';
    case 'sigmoid':
      return zero ? HALF : 'not-rational';
    case 'expm1':
    case 'sin':
    case 'tan':
    case 'tanh':
    case 'sinh':
    case 'atan':
      return zero ? ZERO : 'not-rational';
  }
}

/**
 * The exact value of `e` with each symbol bound to a rational in `env`. A symbol missing from
 * env is a programming error (RangeError). An undefined piece anywhere makes the whole
 * formula undefined (`domain`), even beside a factor 0: 0·sqrt(−1) is not 0.
 */
export function evalExactExpr(e: Expr, env: ReadonlyMap<string, Rational>): ExactValue {
  // Outcomes of the operands, worst first: domain beats too-large beats not-rational.
  const rank = (v: ExactValue): number => (v.kind === 'domain' ? 3 : v.kind === 'too-large' ? 2 : v.kind === 'not-rational' ? 1 : 0);
  const worst = (a: ExactValue, b: ExactValue): ExactValue => (rank(b) > rank(a) ? b : a);
  const ok = (value: Rational): ExactValue => ({ kind: 'rational', value });
  const go = (x: Expr): ExactValue => {
    switch (x.kind) {
      case 'num':
        return ok(x.exact);
      case 'const':
        return { kind: 'not-rational', piece: x, reason: `the constant ${x.name} is irrational` };
      case 'sym': {
        const v = env.get(x.name);
        if (v === undefined) throw new RangeError(`evalExactExpr: no value for symbol "${x.name}"`);
        return ok(v);
      }
      case 'neg': {
        const a = go(x.arg);
        return a.kind === 'rational' ? ok(neg(a.value)) : a;
      }
      case 'call': {
        const a = go(x.arg);
        if (a.kind !== 'rational') return a;
        const r = exactUnary(x.fn, a.value);
        if (r === 'domain') return { kind: 'domain', piece: x, reason: `${x.fn} is undefined at its argument` };
        if (r === 'not-rational') return { kind: 'not-rational', piece: x, reason: `${x.fn} at this argument is not a rational number` };
        return ok(r);
      }
      default: {
        const a = go(x.left);
        const b = go(x.right);
        if (x.kind === 'div' && b.kind === 'rational' && isZero(b.value)) {
          return worst({ kind: 'domain', piece: x, reason: 'the denominator is 0' }, a);
        }
        if (x.kind === 'pow') return power(x, a, b);
        if (a.kind !== 'rational' || b.kind !== 'rational') return worst(a, b);
        switch (x.kind) {
          case 'add':
            return ok(add(a.value, b.value));
          case 'sub':
            return ok(sub(a.value, b.value));
          case 'mul':
            return ok(mul(a.value, b.value));
          default:
            return ok(div(a.value, b.value));
        }
      }
    }
  };
  const power = (x: Expr, a: ExactValue, b: ExactValue): ExactValue => {
    if (a.kind !== 'rational' || b.kind !== 'rational') return worst(a, b);
    const base = a.value;
    const ex = b.value;
    if (ex.den === 1n) {
      const r = exactIntPower(base, ex.num);
      if (r === 'domain') return { kind: 'domain', piece: x, reason: '0 raised to a negative power' };
      if (r === 'too-large') return { kind: 'too-large', piece: x, reason: 'the power is too large to evaluate exactly' };
      return ok(r);
    }
    // a real power: defined for a base > 0, and for base 0 with a positive exponent
    if (sign(base) < 0) return { kind: 'domain', piece: x, reason: 'a non-integer power of a negative base' };
    if (isZero(base)) return sign(ex) > 0 ? ok(ZERO) : { kind: 'domain', piece: x, reason: '0 raised to a nonpositive power' };
    if (cmp(base, ONE) === 0) return ok(ONE);
    return { kind: 'not-rational', piece: x, reason: 'a non-integer power is not evaluated exactly' };
  };
  return go(e);
}
