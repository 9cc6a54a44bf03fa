/**
 * Interval arithmetic with outward rounding. Every operation returns an interval that contains
 * the exact real result for every choice of real numbers inside its arguments, given that the
 * float operations behave as IEEE 754 binary64 with round-to-nearest (true of JavaScript).
 *
 * Rounding: compute the float result, then step outward to the neighbouring float. `+ − × ÷ √`
 * are correctly rounded (error ≤ ½ ulp), so one step encloses the true result. `Math.exp`,
 * `Math.log`, `Math.expm1`, `Math.log1p`, `Math.tanh` are not specified to be correctly rounded;
 * we assume they are within 1 ulp (true of V8's fdlibm ports) and step TWO ulps outward.
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
import { cmp, fromNumber as ratFromNumber, toNumber as ratToNumber, sign as ratSign, type Rational } from './rational.js';

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

/** The gap from |x| to the next float above it (the ulp of x as used in the tests and docs). */
export function ulp(x: number): number {
  const a = Math.abs(x);
  return a === Infinity ? Infinity : nextUp(a) - a;
}

const up2 = (x: number): number => nextUp(nextUp(x));
const down2 = (x: number): number => nextDown(nextDown(x));

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
  // Walk to the float just below r (at most a few steps: x is within an ulp or so).
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
  return err < 0 ? nextDown(s) : s;
}
function addUp(a: number, b: number): number {
  const s = a + b;
  if (a === Infinity || a === -Infinity || b === Infinity || b === -Infinity) return s;
  if (s === -Infinity) return -Number.MAX_VALUE;
  if (s === Infinity) return s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err > 0 ? nextUp(s) : s;
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

// Endpoint products: a zero factor makes the product exactly 0, even against ∞ (the endpoint
// stands for arbitrarily large reals, each of which times 0 is 0).
function mulRaw(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : a * b;
}
function mulDown(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : nextDown(a * b);
}
function mulUp(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : nextUp(a * b);
}

/** a × b. */
export function mul(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  // Sign cases keep it to two products in the common all-positive case and are exact about
  // which endpoint pairs can be extreme.
  if (a.lo >= 0 && b.lo >= 0) return { lo: mulDown(a.lo, b.lo), hi: mulUp(a.hi, b.hi) };
  const p1 = mulRaw(a.lo, b.lo);
  const p2 = mulRaw(a.lo, b.hi);
  const p3 = mulRaw(a.hi, b.lo);
  const p4 = mulRaw(a.hi, b.hi);
  const lo = Math.min(p1, p2, p3, p4);
  const hi = Math.max(p1, p2, p3, p4);
  // A 0 bound needs no rounding when it comes from a zero factor, not from underflow.
  return { lo: lo === 0 && !productUnderflows(a, b) ? 0 : nextDown(lo), hi: hi === 0 && !productUnderflows(a, b) ? 0 : nextUp(hi) };
}

/** True when some endpoint product of nonzero factors rounds to 0. */
function productUnderflows(a: Interval, b: Interval): boolean {
  const under = (x: number, y: number): boolean => x !== 0 && y !== 0 && x * y === 0;
  return under(a.lo, b.lo) || under(a.lo, b.hi) || under(a.hi, b.lo) || under(a.hi, b.hi);
}

function divRaw(a: number, b: number): number {
  return a === 0 ? 0 : a / b;
}

/**
 * a ÷ b. When b contains 0 (including b = [0, 0]) the result is the whole line: division is
 * undefined or unbounded there, and a proof must not read anything into it.
 */
export function div(a: Interval, b: Interval): Interval {
  if (isEmpty(a) || isEmpty(b)) return EMPTY;
  if (b.lo <= 0 && b.hi >= 0) return ENTIRE;
  const q1 = divRaw(a.lo, b.lo);
  const q2 = divRaw(a.lo, b.hi);
  const q3 = divRaw(a.hi, b.lo);
  const q4 = divRaw(a.hi, b.hi);
  // ∞/∞ arises only for unbounded a and b; the quotient set is then unbounded on that side.
  if (q1 !== q1 || q2 !== q2 || q3 !== q3 || q4 !== q4) return ENTIRE;
  const lo = Math.min(q1, q2, q3, q4);
  const hi = Math.max(q1, q2, q3, q4);
  return {
    lo: lo === 0 && !underflowQuot(a, b) ? 0 : nextDown(lo),
    hi: hi === 0 && !underflowQuot(a, b) ? 0 : nextUp(hi),
  };
}

function underflowQuot(a: Interval, b: Interval): boolean {
  const under = (x: number, y: number): boolean => x !== 0 && x / y === 0;
  return under(a.lo, b.lo) || under(a.lo, b.hi) || under(a.hi, b.lo) || under(a.hi, b.hi);
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

/** √a over a ∩ [0, ∞]; EMPTY when a < 0. √ is correctly rounded (IEEE 754), so one ulp. */
export function sqrt(a: Interval): Interval {
  if (isEmpty(a) || a.hi < 0) return EMPTY;
  const lo = Math.max(a.lo, 0);
  const r = Math.sqrt(lo);
  const s = Math.sqrt(a.hi);
  return { lo: isExactSquare(r, lo) ? r : Math.max(0, nextDown(r)), hi: isExactSquare(s, a.hi) ? s : nextUp(s) };
}

/**
 * True when r·r = x exactly, so √x = r needs no widening (√4 = 2). Dekker's product error is
 * exact away from overflow and underflow; outside that range we simply do not claim exactness.
 */
function isExactSquare(r: number, x: number): boolean {
  if (r * r !== x) return false;
  if (r === 0 || r === Infinity) return true;
  if (r > 2 ** 500 || r < 2 ** -450) return false;
  const c = 134217729 * r; // 2^27 + 1: Veltkamp's split into two 26-bit halves
  const h = c - (c - r);
  const l = r - h;
  return h * h - x + 2 * h * l + l * l === 0;
}

// ---------------------------------------------------------------------------------------------
// Elementary functions (Math.* assumed within 1 ulp: two-ulp widening)

/** eᵃ. */
export function exp(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  return { lo: a.lo === 0 ? 1 : Math.max(0, down2(Math.exp(a.lo))), hi: a.hi === 0 ? 1 : up2(Math.exp(a.hi)) };
}

/** eᵃ − 1 (accurate near 0). */
export function expm1(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  return { lo: a.lo === 0 ? 0 : Math.max(-1, down2(Math.expm1(a.lo))), hi: a.hi === 0 ? 0 : up2(Math.expm1(a.hi)) };
}

/** ln a over a ∩ [0, ∞] (ln 0 = −∞); EMPTY when a < 0. */
export function log(a: Interval): Interval {
  if (isEmpty(a) || a.hi < 0) return EMPTY;
  const lo = Math.max(a.lo, 0);
  return { lo: lo === 1 ? 0 : down2(Math.log(lo)), hi: a.hi === 1 ? 0 : up2(Math.log(a.hi)) };
}

/** ln(1 + a) over a ∩ [−1, ∞] (accurate near 0); EMPTY when a < −1. */
export function log1p(a: Interval): Interval {
  if (isEmpty(a) || a.hi < -1) return EMPTY;
  const lo = Math.max(a.lo, -1);
  return { lo: lo === 0 ? 0 : down2(Math.log1p(lo)), hi: a.hi === 0 ? 0 : up2(Math.log1p(a.hi)) };
}

/** tanh a, clamped to [−1, 1] (its range). */
export function tanh(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  return { lo: a.lo === 0 ? 0 : Math.max(-1, down2(Math.tanh(a.lo))), hi: a.hi === 0 ? 0 : Math.min(1, up2(Math.tanh(a.hi))) };
}

/**
 * The logistic sigmoid 1/(1 + e⁻ᵃ), increasing, so each end is an enclosure of the function at
 * that endpoint, evaluated in interval arithmetic in the form that cannot overflow:
 * 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0. Clamped to [0, 1].
 */
export function sigmoid(a: Interval): Interval {
  if (isEmpty(a)) return EMPTY;
  return { lo: Math.max(0, sigmoidPoint(a.lo).lo), hi: Math.min(1, sigmoidPoint(a.hi).hi) };
}

const ONE: Interval = { lo: 1, hi: 1 };

function sigmoidPoint(x: number): Interval {
  if (x === Infinity) return ONE;
  if (x === -Infinity) return { lo: 0, hi: 0 };
  if (x >= 0) return div(ONE, add(ONE, exp({ lo: -x, hi: -x })));
  const e = exp({ lo: x, hi: x });
  return div(e, add(ONE, e));
}

// ---------------------------------------------------------------------------------------------
// Vectors and triangular systems

/** Σ aᵢbᵢ, enclosed (throws when the lengths differ). */
export function intervalDot(a: readonly Interval[], b: readonly Interval[]): Interval {
  if (a.length !== b.length) throw new RangeError(`intervalDot: lengths ${a.length} and ${b.length}`);
  let s: Interval = { lo: 0, hi: 0 };
  for (let i = 0; i < a.length; i++) s = add(s, mul(a[i]!, b[i]!));
  return s;
}

/**
 * Interval forward substitution for L x = b, L lower triangular (entries above the diagonal are
 * ignored). The result encloses the exact solution of every point system L̃ x = b̃ with
 * L̃ ∈ L, b̃ ∈ b, since each xᵢ = (bᵢ − Σ_{j<i} Lᵢⱼ xⱼ) / Lᵢᵢ is evaluated in interval
 * arithmetic. A diagonal interval containing 0 makes that xᵢ, and every later one that depends
 * on it, the whole line: check `contains(L[i][i], 0)` for the reason.
 */
export function solveLowerTriangularInterval(l: readonly (readonly Interval[])[], b: readonly Interval[]): Interval[] {
  const n = b.length;
  if (l.length !== n) throw new RangeError(`solveLowerTriangularInterval: ${l.length} rows, ${n} right-hand sides`);
  const x: Interval[] = new Array<Interval>(n);
  for (let i = 0; i < n; i++) {
    const row = l[i]!;
    if (row.length < i + 1) throw new RangeError(`solveLowerTriangularInterval: row ${i} has ${row.length} entries`);
    let s = b[i]!;
    for (let j = 0; j < i; j++) {
      const lij = row[j]!;
      if (lij.lo === 0 && lij.hi === 0) continue; // exact zeros are common (Lemma 3.3's A)
      s = sub(s, mul(lij, x[j]!));
    }
    x[i] = div(s, row[i]!);
  }
  return x;
}
