/**
 * Interval arithmetic with outward rounding. Every operation returns an interval that contains
 * the exact real result for every choice of real numbers inside its arguments, given that the
 * float operations behave as IEEE 754 binary64 with round-to-nearest (true of JavaScript).
 *
 * Rounding: compute the float result, then step outward to the neighbouring float. `+ − × ÷ √`
 * are correctly rounded (error ≤ ½ ulp), so one step encloses the true result; for these the
 * exact rounding error is also cheap to get (TwoSum, Dekker's TwoProduct), so we step only on the
 * side where the true result lies and not at all when the float result is exact: away from
 * overflow and underflow each is the tightest float enclosure, and exact data (small integers,
 * dyadics) stay points. The elementary functions (exp, log, tanh, sin, …) live in elementary.ts
 * and are re-exported here: their enclosures follow from proven error bounds, never from
 * `Math.*`, whose accuracy ECMAScript does not specify.
 *
 * Conventions:
 * - `[lo, hi]` with lo ≤ hi; endpoints may be ±Infinity (unbounded).
 * - The empty set is `EMPTY = [NaN, NaN]`. NaN compares false, so a test such as `x.lo > 0`
 *   on an empty result fails safe. Every operation maps EMPTY to EMPTY.
 * - Functions with a restricted domain (sqrt, log, log1p) return the image of the part of the
 *   argument inside their domain, EMPTY when there is none (as IEEE 1788 does).
 * - Division by an interval containing 0 returns the whole line [−∞, ∞]: a valid, if coarse,
 *   enclosure, which a proof reads as "no information".
 */
import { nextDown, nextUp } from './float.js';
import { cmp, fromNumber as ratFromNumber, toNumber as ratToNumber, sign as ratSign, type Rational } from './rational.js';

/** Neighbouring floats (float.ts). */
export { nextDown, nextUp } from './float.js';

/** A closed interval [lo, hi] of reals (endpoints are binary64 numbers, possibly ±∞). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** The empty interval; see the module header. */
export const EMPTY: Interval = Object.freeze({ lo: NaN, hi: NaN });
/** The whole real line. */
export const ENTIRE: Interval = Object.freeze({ lo: -Infinity, hi: Infinity });

// ---------------------------------------------------------------------------------------------
// Neighbouring floats

/** The gap from |x| to the next float above it (the ulp of x as used in the tests and docs). */
export function ulp(x: number): number {
  const a = Math.abs(x);
  return a === Infinity ? Infinity : nextUp(a) - a;
}

// ---------------------------------------------------------------------------------------------
// Construction and queries

/** [lo, hi]; throws on lo > hi (a programming error). NaN endpoints give EMPTY. */
export function interval(lo: number, hi: number): Interval {
  if (lo !== lo || hi !== hi) return EMPTY;
  if (lo > hi) throw new RangeError(`interval with lo > hi: [${lo}, ${hi}]`);
  return { lo, hi };
}

/** The degenerate interval [x, x] (EMPTY for NaN). */
export function fromNumber(x: number): Interval {
  return x !== x ? EMPTY : { lo: x, hi: x };
}

/**
 * The tightest float enclosure of an exact rational: [x, x] when it is a float, otherwise the
 * two neighbouring floats around it (±∞ / ±MAX_VALUE beyond the float range). Checked with
 * exact comparisons, so it does not rely on the rounding of the conversion.
 */
export function fromRational(r: Rational): Interval {
  const s = ratSign(r);
  if (s === 0) return { lo: 0, hi: 0 };
  let x = nearFloat(r);
  if (x === Infinity) x = Number.MAX_VALUE;
  if (x === -Infinity) x = -Number.MAX_VALUE;
  // Walk to the floats on either side of r (a step or two: x is within an ulp or so of r).
  for (let c = cmp(ratFromNumber(x), r); c !== 0; c = cmp(ratFromNumber(x), r)) {
    if (c > 0) {
      const y = nextDown(x);
      if (y === -Infinity) return { lo: -Infinity, hi: x };
      if (cmp(ratFromNumber(y), r) < 0) return { lo: y, hi: x };
      x = y;
    } else {
      const y = nextUp(x);
      if (y === Infinity) return { lo: x, hi: Infinity };
      if (cmp(ratFromNumber(y), r) > 0) return { lo: x, hi: y };
      x = y;
    }
  }
  return { lo: x, hi: x };
}

/**
 * A float near r. `rational.toNumber` multiplies by 2^−shift in one go, which flushes to 0 below
 * about 2^−1010; scale in two halves so every nonzero rational in the float range lands within
 * an ulp or two of its value.
 */
function nearFloat(r: Rational): number {
  const x = ratToNumber(r);
  if (x !== 0 && Number.isFinite(x)) return x;
  const num = r.num < 0n ? -r.num : r.num;
  const nb = num.toString(2).length;
  const db = r.den.toString(2).length;
  const shift = 64 - (nb - db);
  const q = shift >= 0 ? (r.num << BigInt(shift)) / r.den : r.num / (r.den << BigInt(-shift));
  const h = Math.trunc(shift / 2);
  return Number(q) * 2 ** -h * 2 ** -(shift - h);
}

/** True for the empty interval. */
export function isEmpty(a: Interval): boolean {
  return a.lo !== a.lo;
}

/** Whether a contains the number x, or the whole interval x (EMPTY is in everything, contains nothing). */
export function contains(a: Interval, x: number | Interval): boolean {
  if (typeof x === 'number') return a.lo <= x && x <= a.hi;
  if (isEmpty(x)) return true;
  return a.lo <= x.lo && x.hi <= a.hi;
}

/** hi − lo, rounded up (so it bounds the true width; 0 for a point); NaN for EMPTY. */
export function width(a: Interval): number {
  return addUp(a.hi, -a.lo);
}

/**
 * A float inside a, near its centre: 0 for the whole line, ±MAX_VALUE for a half-line.
 * Halves before adding so that it cannot overflow.
 */
export function mid(a: Interval): number {
  if (isEmpty(a)) return NaN;
  if (a.lo === -Infinity) return a.hi === Infinity ? 0 : a.hi === -Infinity ? -Infinity : -Number.MAX_VALUE;
  if (a.hi === Infinity) return a.lo === Infinity ? Infinity : Number.MAX_VALUE;
  const m = 0.5 * a.lo + 0.5 * a.hi;
  return m < a.lo ? a.lo : m > a.hi ? a.hi : m;
}

/** The smallest interval holding both. */
export function hull(a: Interval, b: Interval): Interval {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** a ∩ b (EMPTY when disjoint). */
export function intersect(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  return lo <= hi ? { lo, hi } : EMPTY;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/**
 * Lower and upper bounds of the exact a + b. Knuth's TwoSum gives the exact rounding error of a
 * finite sum, so an exact sum stays a point and an inexact one moves one ulp, on its own side.
 * A float sum that overflows to ±∞ from finite operands means the exact sum lies beyond
 * ±MAX_VALUE on that side; an infinite operand makes the sum infinite exactly.
 */
function addDown(a: number, b: number): number {
  const s = a + b;
  if (a === Infinity || a === -Infinity || b === Infinity || b === -Infinity) return s;
  if (s === Infinity) return Number.MAX_VALUE;
  if (s === -Infinity) return s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err >= 0 ? s : nextDown(s); // a NaN error (never expected) steps, to stay safe
}
function addUp(a: number, b: number): number {
  const s = a + b;
  if (a === Infinity || a === -Infinity || b === Infinity || b === -Infinity) return s;
  if (s === -Infinity) return -Number.MAX_VALUE;
  if (s === Infinity) return s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err <= 0 ? s : nextUp(s);
}

/** a + b. */
export function add(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  return { lo: addDown(a.lo, b.lo), hi: addUp(a.hi, b.hi) };
}

/** a − b. */
export function sub(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  return { lo: addDown(a.lo, -b.hi), hi: addUp(a.hi, -b.lo) };
}

/** −a. */
export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

/**
 * The exact rounding error x·y − fl(x·y) (Dekker's TwoProduct with Veltkamp splitting), or NaN
 * outside the range where every partial product is exact: factors below 2^990 (the split must
 * not overflow) and a product in [2^−960, 2^1000] (the error term must not underflow).
 */
function productError(x: number, y: number, p: number): number {
  const ap = Math.abs(p);
  if (!(ap >= 2 ** -960 && ap <= 2 ** 1000 && Math.abs(x) <= 2 ** 990 && Math.abs(y) <= 2 ** 990)) return NaN;
  const cx = 134217729 * x; // 2^27 + 1: split into two 26-bit halves
  const xh = cx - (cx - x);
  const xl = x - xh;
  const cy = 134217729 * y;
  const yh = cy - (cy - y);
  const yl = y - yh;
  return xh * yh - p + xh * yl + xl * yh + xl * yl;
}

// Directed endpoint products. A zero factor makes the product exactly 0, even against ∞ (the
// endpoint stands for arbitrarily large reals, each of which times 0 is 0); an infinite factor
// makes it exactly ±∞; otherwise the sign of the exact error says which side the truth is on,
// so exact products stay points and inexact ones move one ulp (NaN error: step blindly).
function mulDown(x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  const p = x * y;
  if (p === Infinity) return x === Infinity || x === -Infinity || y === Infinity || y === -Infinity ? p : Number.MAX_VALUE;
  if (p === -Infinity) return p;
  const e = productError(x, y, p);
  return e >= 0 ? p : nextDown(p);
}
function mulUp(x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  const p = x * y;
  if (p === -Infinity) return x === Infinity || x === -Infinity || y === Infinity || y === -Infinity ? p : -Number.MAX_VALUE;
  if (p === Infinity) return p;
  const e = productError(x, y, p);
  return e <= 0 ? p : nextUp(p);
}

/**
 * a × b. The sign of each factor decides which endpoint products bound the result (the classic
 * nine cases), so only two directed products are needed, four when both straddle 0.
 */
export function mul(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  const { lo: a1, hi: a2 } = a;
  const { lo: b1, hi: b2 } = b;
  if (a1 >= 0) {
    if (b1 >= 0) return { lo: mulDown(a1, b1), hi: mulUp(a2, b2) };
    if (b2 <= 0) return { lo: mulDown(a2, b1), hi: mulUp(a1, b2) };
    return { lo: mulDown(a2, b1), hi: mulUp(a2, b2) };
  }
  if (a2 <= 0) {
    if (b1 >= 0) return { lo: mulDown(a1, b2), hi: mulUp(a2, b1) };
    if (b2 <= 0) return { lo: mulDown(a2, b2), hi: mulUp(a1, b1) };
    return { lo: mulDown(a1, b2), hi: mulUp(a1, b1) };
  }
  if (b1 >= 0) return { lo: mulDown(a1, b2), hi: mulUp(a2, b2) };
  if (b2 <= 0) return { lo: mulDown(a2, b1), hi: mulUp(a1, b1) };
  return { lo: Math.min(mulDown(a1, b2), mulDown(a2, b1)), hi: Math.max(mulUp(a1, b1), mulUp(a2, b2)) };
}

/**
 * The sign of x/y − fl(x/y) from the exact remainder x − q·y (representable for a correctly
 * rounded quotient, and computed exactly by TwoProduct); NaN outside TwoProduct's safe range.
 */
function quotientErrorSign(x: number, y: number, q: number): number {
  const p = q * y;
  const e = productError(q, y, p);
  if (e !== e) return NaN;
  const r = x - p - e; // x − p is exact (p is within a factor 2 of x), and so is the rest
  return Math.sign(r) * Math.sign(y);
}

// Directed endpoint quotients (y ≠ 0). 0/y = 0 exactly; with an infinite operand the quotient
// is the exact limit (±∞ or 0), a valid bound on the side it bounds.
function divDown(x: number, y: number): number {
  if (x === 0) return 0;
  const q = x / y;
  if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return q;
  if (q === Infinity) return Number.MAX_VALUE;
  if (q === -Infinity) return q;
  return quotientErrorSign(x, y, q) >= 0 ? q : nextDown(q);
}
function divUp(x: number, y: number): number {
  if (x === 0) return 0;
  const q = x / y;
  if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return q;
  if (q === -Infinity) return -Number.MAX_VALUE;
  if (q === Infinity) return q;
  return quotientErrorSign(x, y, q) <= 0 ? q : nextUp(q);
}

/**
 * a ÷ b. When b contains 0 (including b = [0, 0]) the result is the whole line: division is
 * undefined or unbounded there, and a proof must not read anything into it.
 */
export function div(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  if (b.lo <= 0 && b.hi >= 0) return ENTIRE;
  const { lo: a1, hi: a2 } = a;
  const { lo: b1, hi: b2 } = b;
  let r: Interval;
  if (b1 > 0) {
    if (a1 >= 0) r = { lo: divDown(a1, b2), hi: divUp(a2, b1) };
    else if (a2 <= 0) r = { lo: divDown(a1, b1), hi: divUp(a2, b2) };
    else r = { lo: divDown(a1, b1), hi: divUp(a2, b1) };
  } else {
    if (a1 >= 0) r = { lo: divDown(a2, b2), hi: divUp(a1, b1) };
    else if (a2 <= 0) r = { lo: divDown(a2, b1), hi: divUp(a1, b2) };
    else r = { lo: divDown(a2, b2), hi: divUp(a1, b2) };
  }
  // ∞/∞ arises only for unbounded a and b; the quotient set is then unbounded on that side.
  return r.lo !== r.lo || r.hi !== r.hi ? ENTIRE : r;
}

/** |a|. */
export function abs(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return neg(a);
  return { lo: 0, hi: Math.max(-a.lo, a.hi) };
}

/** The smallest and largest |x| over a (the "mignitude" and "magnitude"). */
function absRange(a: Interval): [number, number] {
  if (a.lo >= 0) return [a.lo, a.hi];
  if (a.hi <= 0) return [-a.hi, -a.lo];
  return [0, Math.max(-a.lo, a.hi)];
}

/** a²: tighter than mul(a, a), which cannot see that both factors are the same number. */
export function sqr(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  const [m, M] = absRange(a);
  return { lo: Math.max(0, mulDown(m, m)), hi: mulUp(M, M) };
}

/**
 * aⁿ for an integer n (throws on a non-integer n). n = 0 gives [1, 1]; n < 0 is 1 / a⁻ⁿ.
 * Each endpoint power is computed by binary powering in interval arithmetic, then the monotone
 * shape of xⁿ (odd n: increasing; even n: increasing in |x|) picks the ends.
 */
export function pow(a: Interval, n: number): Interval {
  if (!Number.isInteger(n)) throw new RangeError(`pow needs an integer exponent, got ${n}`);
  if (isEmpty(a)) return EMPTY;
  if (n === 0) return { lo: 1, hi: 1 };
  if (n < 0) return div({ lo: 1, hi: 1 }, pow(a, -n));
  if (n === 1) return a;
  if (n % 2 === 1) return { lo: powPoint(a.lo, n).lo, hi: powPoint(a.hi, n).hi };
  const [m, M] = absRange(a);
  return { lo: Math.max(0, powPoint(m, n).lo), hi: powPoint(M, n).hi };
}

function powPoint(x: number, n: number): Interval {
  let base: Interval = { lo: x, hi: x };
  let acc: Interval = { lo: 1, hi: 1 };
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) acc = mul(acc, base);
    if (e > 1) base = sqr(base);
  }
  return acc;
}

/** √a over a ∩ [0, ∞]; EMPTY when a < 0. */
export function sqrt(a: Interval): Interval {
  if (isEmpty(a) || a.hi < 0) return EMPTY;
  const lo = Math.max(a.lo, 0);
  const r = Math.sqrt(lo);
  const s = Math.sqrt(a.hi);
  return { lo: squareSign(r, lo) <= 0 ? r : Math.max(0, nextDown(r)), hi: squareSign(s, a.hi) >= 0 ? s : nextUp(s) };
}

/**
 * The sign of r² − x, exactly, for r = fl(√x): r² − x = (fl(r²) − x) + err(r²), where the first
 * difference is exact (fl(r²) is within a factor 2 of x, Sterbenz) and rounding the sum keeps
 * its sign. 0 means √x = r exactly (√4 = 2).
 * Outside TwoProduct's range, or for 0 and ∞ (exact), the answer is NaN or 0 accordingly;
 * NaN makes the callers step outward (√ is correctly rounded, so one ulp suffices).
 */
function squareSign(r: number, x: number): number {
  if (r === 0 || r === Infinity) return 0;
  const p = r * r;
  const e = productError(r, r, p);
  if (e !== e) return NaN;
  return Math.sign(p - x + e); // a rounded sum has the sign of the exact one
}

// ---------------------------------------------------------------------------------------------
// Elementary functions: proven enclosures in elementary.ts

export { EULER, PI, atan, cos, cosh, exp, expNegInv, expm1, log, log1p, powReal, sigmoid, sin, sinh, smoolu, softplus, swish, tan, tanh } from './elementary.js';
