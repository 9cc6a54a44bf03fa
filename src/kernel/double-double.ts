/**
 * Double-double ("double-word") arithmetic: a real number carried as an unevaluated sum h + l of
 * two binary64 numbers with |l| ≤ ½ ulp(h), about 106 significant bits. Everything here uses only
 * IEEE 754's correctly rounded + − × ÷ in round-to-nearest, which JavaScript guarantees.
 *
 * Results are written to the scratch array `DD` (DD[0] = h, DD[1] = l) instead of being returned
 * as objects, so that the elementary functions built on top allocate nothing. Read both entries
 * before the next call.
 *
 * Error bounds (u = 2⁻⁵³; Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic
 * building blocks of double-word arithmetic", ACM TOMS 44, 2017), valid when no intermediate
 * result overflows or underflows (all callers keep magnitudes within [2⁻⁹⁰⁰, 2⁹⁰⁰]):
 *
 *   twoSum, fastTwoSum, twoProd   exact: h + l equals the real sum or product
 *   ddAdd  (AccurateDWPlusDW)     relative error ≤ 3u² + 13u³, even under cancellation
 *   ddAddD (DWPlusFP)             relative error ≤ 2u²
 *   ddMulD (DWTimesFP)            relative error ≤ 2u² (their 1.5u² + 4u³)
 *   ddMul  (DWTimesDW)            relative error ≤ 5u²
 *   ddDiv  (one Newton correction) relative error ≤ 10u²
 *
 * The elementary functions only use the uniform, generous bound 2⁻¹⁰⁰ (> 15u²) per operation.
 */

/** Scratch output of every operation below: [h, l]. */
export const DD = new Float64Array(2);

/** 2²⁷ + 1: Veltkamp's splitting constant for binary64. */
const SPLIT = 134217729;

/** (h, l) = the exact a + b (Knuth's TwoSum; no precondition). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  DD[0] = s;
  DD[1] = a - (s - bb) + (b - bb);
}

/** (h, l) = the exact a + b when |a| ≥ |b| or a = 0 (Dekker's Fast2Sum). */
export function fastTwoSum(a: number, b: number): void {
  const s = a + b;
  DD[0] = s;
  DD[1] = b - (s - a);
}

/**
 * (h, l) = the exact a·b (Dekker's TwoProduct with Veltkamp splitting), for |a|, |b| < 2⁹⁹⁶ and
 * |a·b| > 2⁻⁹⁶⁹ (so that the split cannot overflow and the error term does not underflow).
 */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  DD[0] = p;
  DD[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah + al) + (bh + bl). */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let bb = s - ah;
  let e = ah - (s - bb) + (bh - bb);
  const t = al + bl;
  bb = t - al;
  const f = al - (t - bb) + (bl - bb);
  e += t;
  let h = s + e;
  e = e - (h - s);
  s = h;
  e += f;
  h = s + e;
  DD[0] = h;
  DD[1] = e - (h - s);
}

/** (ah + al) + b. */
export function ddAddD(ah: number, al: number, b: number): void {
  const s = ah + b;
  const bb = s - ah;
  const e = ah - (s - bb) + (b - bb) + al;
  const h = s + e;
  DD[0] = h;
  DD[1] = e - (h - s);
}

/** (ah + al)·b. */
export function ddMulD(ah: number, al: number, b: number): void {
  twoProd(ah, b);
  const p = DD[0]!;
  const e = DD[1]! + al * b;
  const h = p + e;
  DD[0] = h;
  DD[1] = e - (h - p);
}

/** (ah + al)·(bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = DD[0]!;
  const e = DD[1]! + (ah * bl + al * bh);
  const h = p + e;
  DD[0] = h;
  DD[1] = e - (h - p);
}

/**
 * (ah + al)/(bh + bl), b ≠ 0: q₁ = ah/bh, then one correction from the remainder a − q₁·b
 * (computed in double-double, where it is nearly exact).
 */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMulD(bh, bl, q1);
  ddAdd(ah, al, -DD[0]!, -DD[1]!);
  const q2 = (DD[0]! + DD[1]!) / bh;
  const h = q1 + q2;
  DD[0] = h;
  DD[1] = q2 - (h - q1);
}

/**
 * Σ cᵢ·zⁱ by Horner's rule in double-double, coefficients given as two arrays (high and low
 * words), highest degree last. Each step is one ddMul and one ddAdd: relative error ≤ 2⁻¹⁰⁰ per
 * step when no step cancels (the callers' series have |z·pᵢ₊₁| ≤ |cᵢ|/2).
 */
export function ddHorner(ch: Float64Array, cl: Float64Array, zh: number, zl: number): void {
  let n = ch.length - 1;
  let ph = ch[n]!;
  let pl = cl[n]!;
  while (n-- > 0) {
    ddMul(ph, pl, zh, zl);
    ddAdd(ch[n]!, cl[n]!, DD[0]!, DD[1]!);
    ph = DD[0]!;
    pl = DD[1]!;
  }
  DD[0] = ph;
  DD[1] = pl;
}

/**
 * Double-double coefficients c_k = s_k / d_k for k = 0…n−1, where d_k is an exactly representable
 * integer: h = fl(s/d), l = fl((s − h·d)/d) with s − h·d exact (TwoProduct), so each coefficient is
 * within 2⁻¹⁰⁵·|c_k| of its value.
 */
export function ddRationalTable(num: readonly number[], den: readonly number[]): [Float64Array, Float64Array] {
  const h = new Float64Array(num.length);
  const l = new Float64Array(num.length);
  for (let k = 0; k < num.length; k++) {
    const s = num[k]!;
    const d = den[k]!;
    const q = s / d;
    twoProd(q, d);
    h[k] = q;
    l[k] = (s - DD[0]! - DD[1]!) / d;
  }
  return [h, l];
}

/**
 * Coefficients ±1/k! for k in `ks` as double-double: 1/k! by repeated double-double division by
 * exact small integers (each step ≤ 2⁻¹⁰⁰ relative, so ≤ 25·2⁻¹⁰⁰ < 2⁻⁹⁵ after 25 steps).
 */
export function ddInverseFactorials(ks: readonly number[], sign: (k: number) => number): [Float64Array, Float64Array] {
  const h = new Float64Array(ks.length);
  const l = new Float64Array(ks.length);
  let fh = 1;
  let fl = 0;
  let at = 0;
  for (let i = 0; i < ks.length; i++) {
    while (at < ks[i]!) {
      at++;
      ddDiv(fh, fl, at, 0);
      fh = DD[0]!;
      fl = DD[1]!;
    }
    const s = sign(ks[i]!);
    h[i] = s * fh;
    l[i] = s * fl;
  }
  return [h, l];
}
