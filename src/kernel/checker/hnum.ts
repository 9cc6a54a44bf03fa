/**
 * The verifier's numbers: a value known exactly (a BigInt rational) where every operation that
 * led to it was rational, and an outward-rounded interval otherwise. An exact value also says
 * how it is known: 'exact' by arithmetic alone, or 'cited' when a fact about σ was used (σ′(0) = 0
 * because σ vanishes on t ≤ 0 and is smooth). Exact zeros absorb anything they multiply: the
 * true value behind an interval is a real number, and 0 times a real is 0.
 */
import { ENTIRE, add as iadd, div as idiv, fromRational, isEmpty, mul as imul, neg as ineg, type Interval } from '../interval.js';
import { add, div, isZero, mul, neg, sign, ZERO, ONE, type Rational } from '../rational.js';

/**
 * How an exact value is known: by arithmetic alone, through an interval sign test (σ(t) = 0
 * because t ≤ 0 was shown in intervals), or through a cited fact about σ.
 */
export type Known = 'exact' | 'interval' | 'cited';

export type HNum =
  | { readonly kind: 'exact'; readonly r: Rational; readonly known: Known }
  | { readonly kind: 'interval'; readonly iv: Interval };

export const exact = (r: Rational, known: Known = 'exact'): HNum => ({ kind: 'exact', r, known });
export const enclosed = (iv: Interval): HNum => ({ kind: 'interval', iv: isEmpty(iv) ? ENTIRE : iv });
export const H_ZERO: HNum = exact(ZERO);
export const H_ONE: HNum = exact(ONE);

const ORDER: readonly Known[] = ['exact', 'interval', 'cited'];
/** The weaker of two ways of knowing (exact > interval > cited, as in SPEC's rigor order). */
export const weaker = (a: Known, b: Known): Known => ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))]!;

/** The enclosure of any HNum. */
export function toInterval(a: HNum): Interval {
  return a.kind === 'exact' ? fromRational(a.r) : a.iv;
}

export const isExactZero = (a: HNum): boolean => a.kind === 'exact' && isZero(a.r);

export function hAdd(a: HNum, b: HNum): HNum {
  if (a.kind === 'exact' && b.kind === 'exact') return exact(add(a.r, b.r), weaker(a.known, b.known));
  if (isExactZero(a)) return b;
  if (isExactZero(b)) return a;
  return enclosed(iadd(toInterval(a), toInterval(b)));
}

export function hSub(a: HNum, b: HNum): HNum {
  return hAdd(a, hNeg(b));
}

export function hNeg(a: HNum): HNum {
  return a.kind === 'exact' ? exact(neg(a.r), a.known) : enclosed(ineg(a.iv));
}

export function hMul(a: HNum, b: HNum): HNum {
  if (isExactZero(a)) return a;
  if (isExactZero(b)) return b;
  if (a.kind === 'exact' && b.kind === 'exact') return exact(mul(a.r, b.r), weaker(a.known, b.known));
  return enclosed(imul(toInterval(a), toInterval(b)));
}

/** a / b; undefined (no value) for an exact zero divisor. */
export function hDiv(a: HNum, b: HNum): HNum | undefined {
  if (isExactZero(b)) return undefined;
  if (isExactZero(a)) return a;
  if (a.kind === 'exact' && b.kind === 'exact') return exact(div(a.r, b.r), weaker(a.known, b.known));
  return enclosed(idiv(toInterval(a), toInterval(b)));
}

/** Whether a ≤ 0 is proven (and how). */
export function provenNonpositive(a: HNum): Known | undefined {
  if (a.kind === 'exact') return sign(a.r) <= 0 ? a.known : undefined;
  return a.iv.hi <= 0 ? 'interval' : undefined;
}

/** Whether a > 0 is proven (and how). */
export function provenPositive(a: HNum): Known | undefined {
  if (a.kind === 'exact') return sign(a.r) > 0 ? a.known : undefined;
  return a.iv.lo > 0 ? 'interval' : undefined;
}

/** The midpoint-ish float of a, for float work (C matrices, estimates). */
export function toFloat(a: HNum): number {
  const iv = toInterval(a);
  return iv.lo === iv.hi ? iv.lo : 0.5 * iv.lo + 0.5 * iv.hi;
}

