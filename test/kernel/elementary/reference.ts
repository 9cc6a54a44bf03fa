/**
 * High-precision references for the elementary-function tests: decimal.js at 62 significant
 * digits (206 bits) and more where needed, exact conversion of binary64 numbers to decimals, and
 * a membership test that is exact about the reference's own error.
 *
 * A reference value r at p digits is within 10^(4−p)·|r| of the truth (decimal.js rounds its
 * functions correctly; the series and identities below lose at most a few digits). `judge` says
 * whether [lo, hi] holds every number in that ball, misses all of it, or cannot tell (an endpoint
 * inside the ball); then the test asks again at twice the digits, up to MAX_DIGITS. Near 0 the
 * truth can be closer to a float than 62 digits resolve (tanh x = x − x³/3 for x = 2⁻¹⁰⁷⁴), so
 * one fixed precision would either accept a wrong endpoint or refuse a right one; where the
 * truth is closer to a float than any practical precision resolves, the reference states on which
 * side it lies instead (a `Bound`).
 */
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 62, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
export type Dec = InstanceType<typeof Dec>;

export const BASE_DIGITS = 62;
/** decimal.js holds ln 10 and π to 1025 digits: its ln, exp and sin refuse more. */
export const MAX_DIGITS = 992;

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal value of a finite double (not its shortest decimal string). */
export function exact(x: number): Dec {
  if (x === 0) return new Dec(0);
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const ex = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (ex === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = ex - 1075;
  }
  // m·2ᵉ as a decimal string, exactly: m·5⁻ᵉ·10ᵉ for e < 0 (the constructor does not round)
  const digits = e >= 0 ? (m << BigInt(e)).toString() : `${(m * 5n ** BigInt(-e)).toString()}e${e}`;
  const v = new Dec(digits);
  return hi >>> 31 ? v.neg() : v;
}

export type Judgement = 'in' | 'out' | 'unsure';

/**
 * What a reference knows where decimal.js would be slow or out of its range, each an elementary
 * inequality stated where it is returned: the truth T lies beyond ±MAX_VALUE, strictly between 0
 * and ±MIN_VALUE, strictly between b and its float neighbour below or above, or in [lo, hi]; or
 * T is the float v exactly (e⁰ = 1).
 */
export type Bound =
  | { readonly kind: 'beyond'; readonly sign: 1 | -1 }
  | { readonly kind: 'tiny'; readonly sign: 1 | -1 }
  | { readonly kind: 'below' | 'above'; readonly b: number }
  | { readonly kind: 'bounded'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'exact'; readonly v: number };
export type Ref = Dec | Bound;

const MAX = Number.MAX_VALUE;
const MIN = Number.MIN_VALUE;
export const beyond = (sign: 1 | -1): Bound => ({ kind: 'beyond', sign });
export const tinyOf = (sign: 1 | -1): Bound => ({ kind: 'tiny', sign });
export const below = (b: number): Bound => ({ kind: 'below', b });
export const above = (b: number): Bound => ({ kind: 'above', b });

function judgeBound(lo: number, hi: number, r: Bound): Judgement {
  switch (r.kind) {
    case 'beyond':
      return (r.sign > 0 ? hi === Infinity && lo <= MAX : lo === -Infinity && hi >= -MAX) ? 'in' : 'out';
    case 'tiny':
      return (r.sign > 0 ? lo <= 0 && hi >= MIN : lo <= -MIN && hi >= 0) ? 'in' : 'out';
    case 'below':
      return lo < r.b && hi >= r.b ? 'in' : 'out';
    case 'above':
      return lo <= r.b && hi > r.b ? 'in' : 'out';
    case 'bounded':
      return lo <= r.lo && hi >= r.hi ? 'in' : 'out';
    case 'exact':
      return lo <= r.v && r.v <= hi ? 'in' : 'out';
  }
}

/** Whether [lo, hi] holds the whole error ball of ref (computed at `digits`), misses it, or touches it. */
export function judge(lo: number, hi: number, ref: Ref, digits: number): Judgement {
  if (!(lo <= hi)) return 'out';
  if (!(ref instanceof Dec)) return judgeBound(lo, hi, ref);
  if (!ref.isFinite()) return (ref.isNeg() ? lo === -Infinity : hi === Infinity) ? 'in' : 'out';
  if (ref.isZero()) return lo <= 0 && 0 <= hi ? 'in' : 'out'; // the references are 0 only where the truth is
  const r = ref.toNumber();
  const err = ref.abs().times(new Dec(10).pow(4 - digits));
  const ballLo = ref.minus(err);
  const ballHi = ref.plus(err);
  // a cheap decision first: far inside, by more than a float gap
  if (Number.isFinite(r) && lo < r && r < hi && lo !== 0 && hi !== 0) {
    const below = exact(lo);
    const above = exact(hi);
    if (below.lt(ballLo) && ballHi.lt(above)) return 'in';
  }
  const loIn = lo === -Infinity || (Number.isFinite(lo) && exact(lo).lt(ballLo));
  const hiIn = hi === Infinity || (Number.isFinite(hi) && ballHi.lt(exact(hi)));
  if (loIn && hiIn) return 'in';
  const loOut = Number.isFinite(lo) ? ballHi.lt(exact(lo)) : lo === Infinity;
  const hiOut = Number.isFinite(hi) ? exact(hi).lt(ballLo) : hi === -Infinity;
  if (loOut || hiOut) return 'out';
  return 'unsure';
}

/**
 * Whether [lo, hi] holds the truth, asking `ref` at more digits while the answer is unsure; past
 * MAX_DIGITS the truth lies within 10^−988 of an endpoint, and the closed interval is taken to hold
 * it (only exact values, such as 0.5^1074 = 2⁻¹⁰⁷⁴ computed as e^(1074·ln 0.5), get there).
 */
export function holds(lo: number, hi: number, ref: () => Ref): boolean {
  let digits = BASE_DIGITS;
  for (;;) {
    Dec.set({ precision: digits });
    let j: Judgement;
    try {
      j = judge(lo, hi, ref(), digits);
    } finally {
      Dec.set({ precision: BASE_DIGITS });
    }
    if (j !== 'unsure') return j === 'in';
    if (digits >= MAX_DIGITS) return true;
    digits = Math.min(MAX_DIGITS, digits * 2);
  }
}

const d = (x: number): Dec => exact(x);

/** Σ of a power series with terms term(k) until they fall below the working precision. */
function series(first: Dec, next: (term: Dec, k: number) => Dec): Dec {
  const tiny = new Dec(10).pow(-Dec.precision - 6);
  let sum = first;
  let term = first;
  for (let k = 1; k < 4000; k++) {
    term = next(term, k);
    sum = sum.plus(term);
    if (term.abs().lte(sum.abs().times(tiny))) break;
  }
  return sum;
}

const small = (X: Dec): boolean => X.abs().lt('1e-3');

/** eˣ − 1 by its series (|x| < 10⁻³). */
const expm1Series = (X: Dec): Dec => series(X, (t, k) => t.times(X).div(k + 1));
/** sinh by its series (|x| < 10⁻³). */
const sinhSeries = (X: Dec): Dec => series(X, (t, k) => t.times(X).times(X).div(2 * k * (2 * k + 1)));
/** sin by its series (|x| < 10⁻³). */
const sinSeries = (X: Dec): Dec => series(X, (t, k) => t.times(X).times(X).neg().div(2 * k * (2 * k + 1)));

// Far out, each function is within far less than a float gap of a float or beyond the range:
// e^709.8 > MAX_VALUE (ln MAX_VALUE < 709.79), e^−745.2 < 2⁻¹⁰⁷⁵ (1075·ln 2 > 745.13). For
// 0 < |x| < 2⁻⁶⁰ (TINY) each function differs from its first Taylor term c by less than the gap
// between c and its float neighbour on the side named (the Taylor inequality is stated at each use):
// there the truth is that side of c, which no number of digits would otherwise settle quickly.
const TINY = 2 ** -60;
const isTiny = (x: number): boolean => x !== 0 && Math.abs(x) < TINY;

/** eˣ. */
export function refExp(x: number): Ref {
  if (x === 0) return { kind: 'exact', v: 1 };
  if (x > 709.8) return beyond(1);
  if (x < -745.2) return tinyOf(1);
  if (isTiny(x)) return x > 0 ? above(1) : below(1); // 1 + x < eˣ < 1 + 2x for 0 < |x| < 1/2
  const X = d(x);
  return small(X) ? expm1Series(X).plus(1) : X.exp();
}
/** eˣ − 1: −1 < eˣ − 1 < −1 + e⁻¹⁰⁰ below −100 (e⁻¹⁰⁰ is below the gap above −1). */
export function refExpm1(x: number): Ref {
  if (x > 709.8) return beyond(1);
  if (x < -100) return above(-1);
  if (isTiny(x)) return above(x); // x < eˣ − 1 < x + x² for 0 < |x| < 1/2
  const X = d(x);
  return small(X) ? expm1Series(X) : X.exp().minus(1);
}
/** ln x for x > 0. */
export const refLog = (x: number): Ref => d(x).ln();
/** ln(1 + x), with a series near 0. */
export function refLog1p(x: number): Ref {
  if (isTiny(x)) return below(x); // x − x² < ln(1 + x) < x for 0 < |x| < 1/2
  const X = d(x);
  if (small(X)) return series(X, (t, k) => t.times(X).neg().times(k).div(k + 1));
  return X.plus(1).ln();
}
/** sinh x; |sinh x| > e^(|x| − ln 2) > MAX_VALUE for |x| > 711. */
export function refSinh(x: number): Ref {
  if (Math.abs(x) > 711) return beyond(x > 0 ? 1 : -1);
  if (isTiny(x)) return x > 0 ? above(x) : below(x); // x < sinh x < x + x³/5 for 0 < x < 1, odd
  const X = d(x);
  return small(X) ? sinhSeries(X) : X.sinh();
}
/** cosh x = 1 + 2 sinh²(x/2) near 0 (no loss where cosh x − 1 is far below 1). */
export function refCosh(x: number): Ref {
  if (x === 0) return { kind: 'exact', v: 1 };
  if (Math.abs(x) > 711) return beyond(1);
  if (isTiny(x)) return above(1); // 1 < cosh x < 1 + x² for 0 < |x| < 1
  const X = d(x);
  return small(X) ? sinhSeries(X.div(2)).pow(2).times(2).plus(1) : X.cosh();
}
/** tanh x: 1 − tanh|x| < 2e^(−2|x|) < e⁻¹⁰⁰, far below the gap under 1, for |x| > 50. */
export function refTanh(x: number): Ref {
  if (x > 50) return below(1);
  if (x < -50) return above(-1);
  if (isTiny(x)) return x > 0 ? below(x) : above(x); // x − x³/3 < tanh x < x for 0 < x < 1, odd
  const X = d(x);
  if (small(X)) return sinhSeries(X).div(sinhSeries(X.div(2)).pow(2).times(2).plus(1));
  const e = X.times(2).exp();
  return e.minus(1).div(e.plus(1));
}
/** sin, cos, tan: |x| up to 10²⁰⁰ by decimal.js (π to 1025 digits); beyond, only the range. */
const HUGE_TRIG = 1e200;
export function refSin(x: number): Ref {
  if (Math.abs(x) > HUGE_TRIG) return { kind: 'bounded', lo: -1, hi: 1 };
  if (isTiny(x)) return x > 0 ? below(x) : above(x); // x − x³/6 < sin x < x for 0 < x < 1, odd
  const X = d(x);
  return small(X) ? sinSeries(X) : X.sin();
}
export function refCos(x: number): Ref {
  if (x === 0) return { kind: 'exact', v: 1 };
  if (Math.abs(x) > HUGE_TRIG) return { kind: 'bounded', lo: -1, hi: 1 };
  if (isTiny(x)) return below(1); // 1 − x²/2 < cos x < 1 for 0 < |x| < 1
  const X = d(x);
  return small(X) ? new Dec(1).minus(sinSeries(X.div(2)).pow(2).times(2)) : X.cos();
}
export function refTan(x: number): Ref {
  if (Math.abs(x) > HUGE_TRIG) return { kind: 'bounded', lo: -Infinity, hi: Infinity };
  if (isTiny(x)) return x > 0 ? above(x) : below(x); // x < tan x < x + x³/2 for 0 < x < 0.1, odd
  const X = d(x);
  if (small(X)) return sinSeries(X).div(new Dec(1).minus(sinSeries(X.div(2)).pow(2).times(2)));
  return X.tan();
}

/**
 * atan x by its own route (decimal.js's atan is slow): π/2 − atan(1/x) above 1, then four
 * halvings atan u = 2 atan(u/(1 + √(1 + u²))) down to |u| ≤ tan(π/64) < 0.05, then the series.
 */
export function refAtan(x: number): Ref {
  if (isTiny(x)) return x > 0 ? below(x) : above(x); // x − x³/3 < atan x < x for 0 < x < 1, odd
  const X = d(x);
  if (X.abs().gt(1)) {
    const halfPi = Dec.acos(0);
    return (X.isNeg() ? halfPi.neg() : halfPi).minus(atanSmall(new Dec(1).div(X)));
  }
  return atanSmall(X);
}
function atanSmall(u: Dec): Dec {
  const v2u = u.times(u);
  if (v2u.lt('1e-6')) return series(u, (t, k) => t.times(v2u).neg().times(2 * k - 1).div(2 * k + 1));
  let v = u;
  for (let i = 0; i < 4; i++) v = v.div(v.times(v).plus(1).sqrt().plus(1));
  const v2 = v.times(v);
  return series(v, (t, k) => t.times(v2).neg().times(2 * k - 1).div(2 * k + 1)).times(16);
}
/** decimal.js's own atan, to check refAtan against. */
export const refAtanDecimal = (x: number): Dec => d(x).atan();

/** σ(x) = 1/(1 + e⁻ˣ) = 1/2 + tanh(x/2)/2; 1 − σ(x) < e⁻ˣ < e⁻¹⁰⁰ for x > 100; σ(x) < eˣ. */
export function refSigmoid(x: number): Ref {
  if (x === 0) return { kind: 'exact', v: 0.5 };
  if (x > 100) return below(1);
  if (x < -745.2) return tinyOf(1);
  if (isTiny(x)) return x > 0 ? above(0.5) : below(0.5); // σ(x) − 1/2 has x's sign and |·| < |x|/4
  return sigmoidDec(d(x));
}
function sigmoidDec(X: Dec): Dec {
  if (small(X)) {
    const h = X.div(2);
    return sinhSeries(h).div(sinhSeries(h.div(2)).pow(2).times(2).plus(1)).div(2).plus(0.5);
  }
  return new Dec(1).div(X.neg().exp().plus(1));
}
/** ln(1 + eˣ): x < softplus x < x + e⁻ˣ for x > 100 (e⁻ˣ below the gap above x); softplus x < eˣ. */
export function refSoftplus(x: number): Ref {
  if (x > 100) return above(x);
  if (x < -745.2) return tinyOf(1);
  if (x > 0) return d(x).plus(d(-x).exp().plus(1).ln());
  const e = d(x).exp();
  if (small(e)) return series(e, (t, k) => t.times(e).neg().times(k).div(k + 1));
  return e.plus(1).ln();
}
/** e^(−1/t) for t > 0, else 0; 1 − e^(−1/t) < 1/t ≤ 10⁻⁶⁰ for t ≥ 10⁶⁰. */
export function refExpNegInv(t: number): Ref {
  if (!(t > 0)) return new Dec(0);
  if (t >= 1e60) return below(1);
  return new Dec(-1).div(d(t)).exp();
}
/** t·e^(−1/t) for t > 0, else 0; t − 1 < t·e^(−1/t) < t, and the gap below t ≥ 10⁶⁰ exceeds 1. */
export function refSmoolu(t: number): Ref {
  if (!(t > 0)) return new Dec(0);
  if (t >= 1e60) return below(t);
  return d(t).times(new Dec(-1).div(d(t)).exp());
}
/** t·σ(t): t − t·e⁻ᵗ < swish t < t for t > 100; |swish t| < |t|·eᵗ < 2⁻¹⁰⁷⁵ for t < −800. */
export function refSwish(t: number): Ref {
  if (t > 100) return below(t);
  if (t < -800) return tinyOf(-1);
  const T = d(t);
  return T.times(sigmoidDec(T));
}
/** xʸ = e^(y ln x) for x > 0, with the range ends of refExp. */
export function refPow(x: number, y: number): Ref {
  if (y === 0 || x === 1) return { kind: 'exact', v: 1 };
  const t = d(y).times(d(x).ln());
  // 0 < |t| < 2⁻⁶⁰: e^t lies between 1 and 1 + 2t, on t's side of 1 (t's sign is exact: y·ln x)
  if (t.abs().lt(TINY)) return t.isPos() ? above(1) : below(1);
  if (t.gt(709.8)) return beyond(1);
  if (t.lt(-745.2)) return tinyOf(1);
  return small(t) ? expm1Series(t).plus(1) : t.exp();
}
