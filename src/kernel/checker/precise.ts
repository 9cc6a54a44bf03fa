/**
 * Tight enclosures for the verifier: intervals whose ends are dyadic numbers m·2^e with PREC
 * significant bits, rounded outward at every operation, and e^q to that precision. Used to
 * evaluate the residual at the centre of an enclosure box far more tightly than binary64
 * intervals can (two ulps per exponential), so that the Krawczyk test can confirm boxes a few
 * ulps wide.
 *
 * e^q: halve q until |q|/2^s ≤ 1/4, sum the Taylor series with directed rounding plus the
 * remainder bound e^x − Σ_{n<N} xⁿ/n! ≤ 2·x^N/N! (0 ≤ x ≤ 1/4), square s times rounding
 * outward, and take reciprocals for q < 0.
 */
import { fromRational, type Interval } from '../interval.js';
import { rat, type Rational } from '../rational.js';

/** Significant bits kept at each rounding (see withPrecision). */
let PREC = 120;

/** Runs f with `bits` significant bits kept at each rounding, then restores the default. */
export function withPrecision<T>(bits: number, f: () => T): T {
  const saved = PREC;
  PREC = bits;
  try {
    return f();
  } finally {
    PREC = saved;
  }
}

/** m·2^e. */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

/** [lo, hi] with dyadic ends. */
export interface PInterval {
  readonly lo: Dyadic;
  readonly hi: Dyadic;
}

const ZERO: Dyadic = { m: 0n, e: 0 };
const ONE: Dyadic = { m: 1n, e: 0 };

/** The binary64 number's bits, read through one shared buffer (no allocation per call). */
const BITS = new DataView(new ArrayBuffer(8));

/**
 * The number of bits of |m|. Number() rounds to nearest, and rounding never carries a value
 * across a power of two unless it lands on it: when the double is not a power of two, its
 * exponent field is floor(log2 |m|) exactly; when it is 2^E, |m| is 2^E or just below it, and
 * one BigInt comparison decides. No logarithm, and BigInt work only in that rare case (this
 * runs several times per operation of the tight enclosures, millions of times per certificate).
 */
export function bitLength(m: bigint): number {
  if (m === 0n) return 0;
  const x = Math.abs(Number(m));
  // below 2^32 the double is |m| itself
  if (x < 4294967296) return 32 - Math.clz32(x);
  if (x === Infinity) {
    let n = 0;
    let r = m < 0n ? -m : m;
    while (r > 0xffffffffn) {
      r >>= 32n;
      n += 32;
    }
    return n + 32 - Math.clz32(Number(r));
  }
  BITS.setFloat64(0, x);
  const hi = BITS.getUint32(0);
  const E = ((hi >>> 20) & 0x7ff) - 1023;
  if ((hi & 0xfffff) === 0 && BITS.getUint32(4) === 0) return (m < 0n ? -m : m) < 1n << BigInt(E) ? E : E + 1;
  return E + 1;
}

/** Keeps PREC significant bits, rounding down or up. */
function round(d: Dyadic, up: boolean): Dyadic {
  const L = bitLength(d.m);
  if (L <= PREC) return d;
  const shift = BigInt(L - PREC);
  let m = d.m >> shift; // floor, also for negative m
  if (up && m << shift !== d.m) m += 1n;
  return { m, e: d.e + (L - PREC) };
}

/** The exponent just above the leading bit: |d| < 2^top(d). */
const top = (d: Dyadic): number => bitLength(d.m) + d.e;

const cmpD = (a: Dyadic, b: Dyadic): number => {
  const sa = a.m > 0n ? 1 : a.m < 0n ? -1 : 0;
  const sb = b.m > 0n ? 1 : b.m < 0n ? -1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const ta = top(a);
  const tb = top(b);
  if (Math.abs(ta - tb) > 1) return (ta > tb ? 1 : -1) * sa;
  const e = Math.min(a.e, b.e);
  const x = a.m << BigInt(a.e - e);
  const y = b.m << BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * a + b rounded down or up. When one term lies far below the other's last kept bit, aligning
 * them would take as many bits as the gap (e^(−1/z) for tiny z has exponents of millions):
 * the small term is replaced by a nudge of one unit below the rounding window, on its side.
 */
function addRound(a: Dyadic, b: Dyadic, up: boolean): Dyadic {
  if (a.m === 0n) return round(b, up);
  if (b.m === 0n) return round(a, up);
  let big = a;
  let small = b;
  if (top(small) > top(big)) [big, small] = [a, b].reverse() as [Dyadic, Dyadic];
  const floor = top(big) - PREC - 4;
  if (top(small) < floor) {
    const smallPositive = small.m > 0n;
    if (up !== smallPositive) return round(big, up);
    // |small| < 2^floor: move big by 2^floor towards small's side
    const nudge: Dyadic = { m: smallPositive ? 1n : -1n, e: floor };
    const e = Math.min(big.e, floor);
    return round({ m: (big.m << BigInt(big.e - e)) + (nudge.m << BigInt(nudge.e - e)), e }, up);
  }
  const e = Math.min(a.e, b.e);
  return round({ m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e }, up);
}

const mulD = (a: Dyadic, b: Dyadic): Dyadic => ({ m: a.m * b.m, e: a.e + b.e });
const negD = (a: Dyadic): Dyadic => ({ m: -a.m, e: a.e });

/** n/d as a dyadic, rounded down or up (d > 0). */
function quotient(n: bigint, d: bigint, e: number, up: boolean): Dyadic {
  if (n === 0n) return ZERO;
  const k = PREC + 2 + Math.max(0, bitLength(d) - bitLength(n));
  const num = n << BigInt(k);
  let q = num / d;
  if (num % d !== 0n && num < 0n) q -= 1n; // floor
  if (up && q * d !== num) q += 1n;
  return round({ m: q, e: e - k }, up);
}

/** A rational, enclosed. */
export function fromRationalP(r: Rational): PInterval {
  // a power-of-two denominator is exact
  if ((r.den & (r.den - 1n)) === 0n) {
    const d: Dyadic = { m: r.num, e: -(bitLength(r.den) - 1) };
    return { lo: round(d, false), hi: round(d, true) };
  }
  return { lo: quotient(r.num, r.den, 0, false), hi: quotient(r.num, r.den, 0, true) };
}

export const pointP = (d: Dyadic): PInterval => ({ lo: d, hi: d });
const isZeroP = (a: PInterval): boolean => a.lo.m === 0n && a.hi.m === 0n;
export const PZERO: PInterval = pointP(ZERO);

export function pAdd(a: PInterval, b: PInterval): PInterval {
  if (isZeroP(a)) return b;
  if (isZeroP(b)) return a;
  // two exact values within reach of each other: their exact sum once, rounded each way (what
  // addRound gives for each end, without aligning twice)
  if (a.lo === a.hi && b.lo === b.hi && a.lo.m !== 0n && b.lo.m !== 0n) {
    const ta = top(a.lo);
    const tb = top(b.lo);
    if (Math.min(ta, tb) >= Math.max(ta, tb) - PREC - 4) {
      const e = Math.min(a.lo.e, b.lo.e);
      const s: Dyadic = { m: (a.lo.m << BigInt(a.lo.e - e)) + (b.lo.m << BigInt(b.lo.e - e)), e };
      return { lo: round(s, false), hi: round(s, true) };
    }
  }
  return { lo: addRound(a.lo, b.lo, false), hi: addRound(a.hi, b.hi, true) };
}

export const pNeg = (a: PInterval): PInterval => ({ lo: negD(a.hi), hi: negD(a.lo) });
export const pSub = (a: PInterval, b: PInterval): PInterval => pAdd(a, pNeg(b));

export function pMul(a: PInterval, b: PInterval): PInterval {
  if (isZeroP(a) || isZeroP(b)) return PZERO;
  // two exact values (data times weights): one product, rounded each way
  if (a.lo === a.hi && b.lo === b.hi) {
    const p = mulD(a.lo, b.lo);
    return { lo: round(p, false), hi: round(p, true) };
  }
  const ps = [mulD(a.lo, b.lo), mulD(a.lo, b.hi), mulD(a.hi, b.lo), mulD(a.hi, b.hi)];
  let lo = ps[0]!;
  let hi = ps[0]!;
  for (const p of ps) {
    if (cmpD(p, lo) < 0) lo = p;
    if (cmpD(p, hi) > 0) hi = p;
  }
  return { lo: round(lo, false), hi: round(hi, true) };
}

/** 1/a, undefined when a may be 0. */
function pRecip(a: PInterval): PInterval | undefined {
  if (a.lo.m <= 0n && a.hi.m >= 0n) return undefined;
  // 1/(m·2^e) = 2^−e / m; for m < 0 the quotient's rounding direction follows the sign
  const inv = (d: Dyadic, up: boolean): Dyadic => (d.m > 0n ? quotient(1n, d.m, -d.e, up) : negD(quotient(1n, -d.m, -d.e, !up)));
  return { lo: inv(a.hi, false), hi: inv(a.lo, true) };
}

/** a / b, undefined when b may be 0. */
export function pDiv(a: PInterval, b: PInterval): PInterval | undefined {
  const r = pRecip(b);
  return r === undefined ? undefined : pMul(a, r);
}

/** aⁿ for an integer n ≥ 0. */
export function pPowInt(a: PInterval, n: number): PInterval {
  let base = a;
  if (n % 2 === 0 && a.lo.m < 0n && a.hi.m > 0n) base = { lo: ZERO, hi: cmpD(negD(a.lo), a.hi) > 0 ? negD(a.lo) : a.hi };
  let acc = pointP(ONE);
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) acc = pMul(acc, base);
    if (e > 1) base = pMul(base, base);
  }
  return acc;
}

/** e^x for a dyadic 0 ≤ x ≤ 1/4: a lower bound (up = false) or an upper bound (up = true). */
function expSmall(x: Dyadic, up: boolean): Dyadic {
  if (x.m === 0n) return ONE;
  let term = ONE;
  let sum = ONE;
  const tiny = -(PREC + 8);
  for (let n = 1; ; n++) {
    term = quotient(mulD(term, x).m, BigInt(n), term.e + x.e, up);
    sum = addRound(sum, term, up);
    if (bitLength(term.m) + term.e < tiny) {
      if (!up) return sum;
      // remainder ≤ 2·term·x/(n+1) ≤ term
      return addRound(sum, term, true);
    }
  }
}

/** Encloses e^d for a dyadic d. */
function expD(d: Dyadic): PInterval {
  if (d.m === 0n) return pointP(ONE);
  const negative = d.m < 0n;
  const a = negative ? negD(d) : d;
  // s with a/2^s ≤ 1/4: the exponent of a is bitLength + e
  const s = Math.max(0, bitLength(a.m) + a.e + 2);
  const x: Dyadic = { m: a.m, e: a.e - s };
  let lo = expSmall(x, false);
  let hi = expSmall(x, true);
  for (let i = 0; i < s; i++) {
    lo = round(mulD(lo, lo), false);
    hi = round(mulD(hi, hi), true);
  }
  const r: PInterval = { lo, hi };
  return negative ? pRecip(r)! : r;
}

/**
 * e^a over an interval a (exp is increasing). A narrow a costs one exponential:
 * e^hi = e^lo·e^δ ≤ e^lo·(1 + 2δ) for δ = hi − lo ≤ 1.
 */
export function pExp(a: PInterval): PInterval {
  if (cmpD(a.lo, a.hi) === 0) return expD(a.lo);
  const lo = expD(a.lo);
  const delta = addRound(a.hi, negD(a.lo), true);
  if (top(delta) > 0) return { lo: lo.lo, hi: expD(a.hi).hi };
  const factor = addRound(ONE, { m: delta.m * 2n, e: delta.e }, true);
  return { lo: lo.lo, hi: round(mulD(lo.hi, factor), true) };
}

/** The tightest float interval holding a. */
export function toFloatInterval(a: PInterval): Interval {
  const r = (d: Dyadic): Rational => (d.e >= 0 ? rat(d.m << BigInt(d.e)) : rat(d.m, 1n << BigInt(-d.e)));
  return { lo: fromRational(r(a.lo)).lo, hi: fromRational(r(a.hi)).hi };
}

/** Whether a ≤ 0 (hi ≤ 0) or a > 0 (lo > 0) is proven. */
export const pNonpositive = (a: PInterval): boolean => a.hi.m <= 0n;
export const pPositive = (a: PInterval): boolean => a.lo.m > 0n;
