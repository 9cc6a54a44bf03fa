/**
 * Binary64 bit-level helpers for directed rounding: neighbouring floats, exact powers of two,
 * and the step from a double-double value with a proven error bound to a float enclosure.
 * Only IEEE 754's correctly rounded operations and exact bit manipulation are used.
 */
import { DD, twoSum } from './double-double.js';

const view = new DataView(new ArrayBuffer(8));

/**
 * The least float greater than x (nextUp(MAX_VALUE) = ∞, nextUp(∞) = ∞, nextUp(±0) = MIN_VALUE,
 * nextUp(−MIN_VALUE) = −0, nextUp(NaN) = NaN). Bit manipulation: for x > 0 the next float has
 * the next bit pattern; for x < 0 the previous one (the magnitude shrinks).
 */
export function nextUp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (x > 0) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
  } else {
    if (lo === 0) hi = (hi - 1) >>> 0;
    lo = (lo - 1) >>> 0;
  }
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

/** The greatest float less than x; nextDown(x) = −nextUp(−x). */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** POW2[k + 1074] = 2ᵏ for k = −1074…1023, built by exact doubling from 2⁻¹⁰⁷⁴. */
const POW2 = new Float64Array(2098);
POW2[0] = Number.MIN_VALUE;
for (let i = 1; i < 2098; i++) POW2[i] = 2 * POW2[i - 1]!;

/** 2ᵏ exactly, for an integer k in [−1074, 1023]. */
export function pow2(k: number): number {
  return POW2[k + 1074]!;
}

/** The smallest positive normal number, 2⁻¹⁰²². */
const MIN_NORMAL = pow2(-1022);
const SMALL = pow2(-969);
/** 2⁻⁵³(1 + 2⁻⁵²): |x|·STEP lies strictly between half an ulp and one ulp of x (see nextUpFast). */
const STEP = pow2(-53) + pow2(-105);
const MARGIN = 1 + pow2(-50);
const TINY = pow2(-52);

/**
 * nextUp(x) for the common case without bit manipulation: for 2⁻⁹⁶⁹ ≤ |x| ≤ MAX_VALUE the
 * product |x|·STEP is normal, exceeds half the gap from x to its upper neighbour and is below the
 * whole gap, so the rounded sum x + |x|·STEP is that neighbour. Elsewhere: nextUp.
 */
export function nextUpFast(x: number): number {
  const a = x < 0 ? -x : x;
  return a >= SMALL && a <= Number.MAX_VALUE ? x + a * STEP : nextUp(x);
}

/** nextDown(x), as nextUpFast. */
export function nextDownFast(x: number): number {
  const a = x < 0 ? -x : x;
  return a >= SMALL && a <= Number.MAX_VALUE ? x - a * STEP : nextDown(x);
}

/** x·2ᵏ rounded to nearest (exact when the result is normal), for 2⁻¹⁰⁰ ≤ |x| ≤ 2¹⁰⁰ and |k| ≤ 1100 (the
 * first factor of a split scaling stays normal, so only the last can round). */
function scale(x: number, k: number): number {
  if (k >= -1022 && k <= 1023) return x * POW2[k + 1074]!;
  if (k < -1022) return x * POW2[k + 600 + 1074]! * POW2[-600 + 1074]!;
  return x * POW2[k - 600 + 1074]! * POW2[600 + 1074]!;
}

/**
 * A lower bound of x·2ᵏ for a float x with 2⁻¹⁰⁰ ≤ |x| ≤ 2¹⁰⁰ and |k| ≤ 1100: the scaled product is
 * exact unless it leaves the normal range; a subnormal result is within 2⁻¹⁰⁷⁵ of the truth, so
 * one subnormal step (exact there) bounds it; overflow to +∞ means the truth exceeds MAX_VALUE.
 */
export function scaleDown(x: number, k: number): number {
  if (k === 0) return x;
  const p = scale(x, k);
  if (p === Infinity) return Number.MAX_VALUE;
  if (p === -Infinity) return p;
  return (p < 0 ? -p : p) < MIN_NORMAL ? p - Number.MIN_VALUE : p;
}

/** An upper bound of x·2ᵏ; see scaleDown. */
export function scaleUp(x: number, k: number): number {
  if (k === 0) return x;
  const p = scale(x, k);
  if (p === -Infinity) return -Number.MAX_VALUE;
  if (p === Infinity) return p;
  return (p < 0 ? -p : p) < MIN_NORMAL ? p + Number.MIN_VALUE : p;
}

/** Output of encloseDD: [lower, upper]. */
export const BOUNDS = new Float64Array(2);

/**
 * Float bounds of every real v with |v − (h + l)·2ᵏ| ≤ rel·|h|·2ᵏ, written to BOUNDS.
 * Preconditions: (h, l) normalised (|l| ≤ ulp(h)), 2⁻⁹⁰⁰ ≤ |h| ≤ 2¹⁰⁰, 0 ≤ rel ≤ 2⁻⁴⁰.
 *
 * Why it is right: let e = rel·|h| (exact: rel is a power of two or a float, and the product is
 * normal; its rounding is covered by the margin below) and d = fl(l − e). The wanted lower
 * bound is h + l − e = h + d + δ with |δ| ≤ 2⁻⁵³|d|. TwoSum gives h + d = s + err exactly. If
 * err ≥ 2⁻⁵²|d| then s ≤ h + l − e and s is the bound; otherwise the truth is below s by at most
 * |err| + |δ|, less than the gap under s (|err| is at most half that gap, |δ| ≤ 2⁻⁹²|h| is far
 * smaller than the other half), so nextDown(s) is a bound. The upper bound is symmetric. At
 * most one step each way: the enclosure is one or two ulps wide.
 */
export function encloseDD(h: number, l: number, k: number, rel: number): void {
  const e = rel * (h < 0 ? -h : h) * MARGIN;
  const d1 = l - e;
  twoSum(h, d1);
  let s = DD[0]!;
  let lo = DD[1]! >= (d1 < 0 ? -d1 : d1) * TINY ? s : nextDownFast(s);
  const d2 = l + e;
  twoSum(h, d2);
  s = DD[0]!;
  let hi = DD[1]! <= -(d2 < 0 ? -d2 : d2) * TINY ? s : nextUpFast(s);
  if (k !== 0) {
    lo = scaleDown(lo, k);
    hi = scaleUp(hi, k);
  }
  BOUNDS[0] = lo;
  BOUNDS[1] = hi;
}
