/**
 * 200-bit references for the elementary-function tests: decimal.js at 65 significant digits,
 * exact conversion of binary64 numbers to decimals, and an exact membership test.
 */
import { Decimal } from 'decimal.js';

export const Dec = Decimal.clone({ precision: 65, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
export type Dec = InstanceType<typeof Dec>;

const view = new DataView(new ArrayBuffer(8));
const TWO = new Dec(2);

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
  const v = new Dec(m.toString()).times(TWO.pow(e));
  return hi >>> 31 ? v.neg() : v;
}

/** Whether lo ≤ ref ≤ hi exactly (±∞ endpoints unbounded); a cheap float test first. */
export function encloses(lo: number, hi: number, ref: Dec): boolean {
  if (!(lo <= hi)) return false;
  if (!ref.isFinite()) return ref.isNeg() ? lo === -Infinity : hi === Infinity;
  const r = ref.toNumber(); // correctly rounded
  if (lo < r && r < hi) return true; // then ref lies within half a gap of r, inside [lo, hi]
  const loOk = lo === -Infinity || (Number.isFinite(lo) && exact(lo).lte(ref));
  const hiOk = hi === Infinity || (Number.isFinite(hi) && ref.lte(exact(hi)));
  return loOk && hiOk;
}

const d = (x: number): Dec => exact(x);

/** Σ of a power series in x with terms term(k) until they fall below 10⁻⁷⁰ relative. */
function series(first: Dec, next: (term: Dec, k: number) => Dec): Dec {
  let sum = first;
  let term = first;
  for (let k = 1; k < 400; k++) {
    term = next(term, k);
    sum = sum.plus(term);
    if (term.abs().lte(sum.abs().times('1e-70'))) break;
  }
  return sum;
}

/** eˣ − 1, with a series near 0 where subtracting 1 would cancel. */
export function refExpm1(x: number): Dec {
  const X = d(x);
  if (Math.abs(x) < 1e-3) return series(X, (t, k) => t.times(X).div(k + 1));
  return X.exp().minus(1);
}
/** ln(1 + x), with a series near 0. */
export function refLog1p(x: number): Dec {
  const X = d(x);
  if (Math.abs(x) < 1e-3) return series(X, (t, k) => t.times(X).neg().times(k).div(k + 1));
  return X.plus(1).ln();
}
/** sinh x, with a series near 0. */
export function refSinh(x: number): Dec {
  const X = d(x);
  if (Math.abs(x) < 1e-3) return series(X, (t, k) => t.times(X).times(X).div((2 * k) * (2 * k + 1)));
  return X.sinh();
}
/** tanh x = sinh x / cosh x. */
export function refTanh(x: number): Dec {
  if (Math.abs(x) > 200) return new Dec(Math.sign(x)).minus(new Dec(Math.sign(x)).times(d(-2 * Math.abs(x)).exp().times(2)));
  return refSinh(x).div(d(x).cosh());
}
export const refExp = (x: number): Dec => d(x).exp();
export const refLog = (x: number): Dec => d(x).ln();
export const refCosh = (x: number): Dec => d(x).cosh();
export const refSin = (x: number): Dec => d(x).sin();
export const refCos = (x: number): Dec => d(x).cos();
export const refTan = (x: number): Dec => d(x).tan();
export const refAtan = (x: number): Dec => d(x).atan();
/** 1/(1 + e⁻ˣ). */
export const refSigmoid = (x: number): Dec => new Dec(1).div(d(-x).exp().plus(1));
/** ln(1 + eˣ), as x + ln(1 + e⁻ˣ) for x > 0. */
export function refSoftplus(x: number): Dec {
  if (x > 0) return d(x).plus(d(-x).exp().plus(1).ln());
  const e = d(x).exp();
  if (e.lt('1e-3')) return series(e, (t, k) => t.times(e).neg().times(k).div(k + 1));
  return e.plus(1).ln();
}
/** t·e^(−1/t) for t > 0, else 0. */
export const refSmoolu = (t: number): Dec => (t > 0 ? d(t).times(new Dec(-1).div(d(t)).exp()) : new Dec(0));
/** e^(−1/t) for t > 0, else 0. */
export const refExpNegInv = (t: number): Dec => (t > 0 ? new Dec(-1).div(d(t)).exp() : new Dec(0));
/** t·σ(t). */
export const refSwish = (t: number): Dec => d(t).times(refSigmoid(t));
/** xʸ = e^(y ln x) for x > 0. */
export const refPow = (x: number, y: number): Dec => d(y).times(d(x).ln()).exp();
