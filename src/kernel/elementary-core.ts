/**
 * Double-double kernels of the elementary functions on reduced ranges, each with a proven bound
 * on its error. They return h + l in `DD` (and a binary exponent in `EXPONENT` where the value
 * is scaled); elementary.ts turns them into float enclosures with encloseDD.
 *
 * Every bound below is an upper bound of: the truncation of a Taylor series (its Lagrange
 * remainder, or the tail of an alternating or geometric series), the dropped tail of a constant
 * split into floats, and the rounding of each operation (2⁻¹⁰⁰ relative per double-double step,
 * see double-double.ts; a few units of 2⁻⁵³ for the plain-double tail of a polynomial). The
 * callers allow 2⁻⁵⁸ relative, at least 2⁵ times each bound proven here.
 *
 * Constants given as literals (the table 2^(j/64), atan(j/8), the splits of ln 2/64, ln 2 and
 * π/2) are checked against 200-bit references in test/kernel/elementary.test.ts; the bounds
 * used below for their representation errors are the ones that test asserts.
 */
import { DD, ddAdd, ddAddD, ddDiv, ddHorner, ddInverseFactorials, ddMul, ddMulD, ddRationalTable, fastTwoSum, twoProd, twoSum } from './double-double.js';
import { pow2 } from './float.js';

/** Binary exponent of the last scaled result: the value is (DD[0] + DD[1])·2^EXPONENT[0]. */
export const EXPONENT = new Float64Array(1);

// ---------------------------------------------------------------------------------------------
// exp

/**
 * ln 2 / 64 = C1 + C2 + c₃ with C1 of 32 significant bits (so n·C1 is exact for |n| < 2²¹) and
 * |c₃| ≤ 2⁻⁹⁴ (tested).
 */
export const LN2_64_HI = 0.010830424696905538;
export const LN2_64_LO = -6.563929801064195e-13;
/** 64/ln 2, rounded: only used to choose n, which need not be the nearest integer. */
const INV_LN2_64 = 92.33248261689366;

/** 2^(j/64) = EXP2_TABLE_HI[j] + EXP2_TABLE_LO[j] within 2⁻¹⁰⁵ relative (tested). */
export const EXP2_TABLE_HI = Float64Array.from([
  1, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775,
  1.1763969916502812, 1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691,
  1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303, 1.3542555469368927,
  1.3690024229745905, 1.383909881963832, 1.3989796725383112, 1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837, 1.5759808451078865,
  1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364, 1.681792830507429, 1.7001063537185235,
  1.718619298122478, 1.7373338352737062, 1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424,
  1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);
export const EXP2_TABLE_LO = Float64Array.from([
  0, -1.5234778603368577e-17, 5.109225028973444e-17, 7.600838874027088e-18, 8.551889705537965e-17, 1.759325738772092e-18, -7.899853966841582e-17,
  -6.656660436056593e-17, -3.046782079812471e-17, 5.2660368715706944e-17, 1.0410278456845571e-16, 5.165856758795457e-17, 8.912812676025408e-17,
  3.250710218863827e-17, 3.8292048369240935e-17, 5.554203254218079e-17, 3.982015231465646e-17, 6.644981499252301e-17, -7.712630692681488e-17,
  -1.89878163130253e-17, 4.658027591836937e-17, -6.7113898212968784e-18, 2.667932131342186e-18, 1.713594918243561e-17, 2.5382502794888315e-17,
  -7.181536135519454e-17, -2.8587312100388614e-17, 8.927282594831732e-17, 7.70094837980299e-17, 9.593797919118849e-17, -6.770511658794786e-17,
  -9.614213209051323e-17, -9.667293313452913e-17, -1.2031642489053655e-17, -3.0237581349939873e-17, -5.600377186075216e-17, -3.483994556892796e-17,
  1.4192920154284036e-17, -1.016455327754295e-16, -1.1024941712342561e-16, 7.949834809697621e-17, 3.7812070533575275e-17, -1.0136916471278304e-17,
  -1.0094406542311964e-16, 2.4707192569797888e-17, -6.712955084707084e-17, -1.0125679913674773e-16, 5.8909926967131e-17, 8.199010020581497e-17,
  -8.0237193703977e-18, -1.851380418263111e-17, 3.164389299292957e-17, 2.960140695448873e-17, 6.429731796556572e-17, 1.8227458427912087e-17,
  -9.969531538920349e-17, 3.283107224245627e-17, 9.761887490727594e-17, -6.122763413004143e-17, 3.4034035352165297e-17, -1.0619946056195963e-16,
  1.0332385960676326e-16, 8.960767791036668e-17, 4.0388753109278167e-17,
]);

// 1/k! for k = 3…9, rounded to double: the tail q(r) = Σ_{k≥3} r^(k−3)/k! is evaluated in plain
// floating point, since r³·q(r) is below 2⁻²² of the result.
const Q3 = 1 / 6;
const Q4 = 1 / 24;
const Q5 = 1 / 120;
const Q6 = 1 / 720;
const Q7 = 1 / 5040;
const Q8 = 1 / 40320;
const Q9 = 1 / 362880;

/**
 * e^r − 1 for |rh| ≤ 0.00542, r = rh + rl with |rl| ≤ 2⁻⁵³|rh|, written to DD; absolute error
 * ≤ 2⁻⁷²·|r| + 2⁻⁹⁷.
 *
 * e^r − 1 = r + r²/2 + r³·q(r) with q's Taylor series cut after r⁶/9!: the remainder is at most
 * |r|¹⁰/10!·(1 − |r|)⁻¹ ≤ 2⁻⁹⁷. r + r²/2 is formed in double-double (r² by TwoProduct plus the
 * cross term 2·rh·rl); q is evaluated in floats from rh alone, within 2⁻⁵⁰ of q(r) (a Horner sum
 * of decreasing positive terms), and r³ within 6·2⁻⁵³ relative, so |error of r³·q| ≤
 * |r|³·(2⁻⁵⁰ + 0.17·6·2⁻⁵³) ≤ 2⁻⁴⁹·|r|³ ≤ 2⁻⁴⁹·0.00542²·|r| < 2⁻⁶⁴·|r|... and as an absolute
 * bound against the e^r ≈ 1 it is added to, ≤ 2⁻⁷²·(|r|/0.00542)³.
 */
export function expm1Small(rh: number, rl: number): void {
  const q = Q3 + rh * (Q4 + rh * (Q5 + rh * (Q6 + rh * (Q7 + rh * (Q8 + rh * Q9)))));
  const r3q = rh * rh * rh * q;
  twoProd(rh, rh);
  // r²/2 + r³q: halving is exact; the cross term rh·rl enters the low word
  ddAddD(0.5 * DD[0]!, 0.5 * DD[1]! + rh * rl, r3q);
  ddAdd(rh, rl, DD[0]!, DD[1]!);
}

/**
 * e^x for x = xh + xl with |xh| ≤ 760 and |xl| ≤ 2⁻⁴³: DD·2^EXPONENT, relative error ≤ 2⁻⁷¹.
 *
 * Reduction: x = (64k + j)·ln2/64 + r with n = 64k + j = round(x·64/ln 2) (any integer near it
 * will do), 0 ≤ j < 64, r = x − n·C1 − n·C2 in double-double (n·C1 exact, x − n·C1 and n·C2 by
 * TwoSum and TwoProduct: exact; the final sum rounds at 2⁻¹⁰⁵·|r| + 2⁻¹⁰⁶). Then
 * |r| ≤ (½ + 2⁻³⁵)·ln2/64 + |xl| ≤ 0.00542, and the dropped |n·c₃| ≤ 2¹⁷·2⁻⁹⁴ = 2⁻⁷⁷ (|n| <
 * 760·93 < 2¹⁷), an absolute error in r and so a relative one in e^x. e^x = 2ᵏ·2^(j/64)·(1 + (e^r − 1)):
 * the table entry (2⁻¹⁰⁵), expm1Small (2⁻⁷² absolute against 1), the sum with 1 and the product
 * (2⁻¹⁰⁰ each). Total ≤ 2⁻⁷⁷ + 2⁻⁷² + 2⁻⁹⁷ + 3·2⁻¹⁰⁰ < 2⁻⁷¹.
 */
export function expCore(xh: number, xl: number): void {
  const n = Math.round(xh * INV_LN2_64);
  twoSum(xh, -n * LN2_64_HI);
  const s1 = DD[0]!;
  const e1 = DD[1]!;
  twoProd(n, LN2_64_LO);
  const p = DD[0]!;
  const pe = DD[1]!;
  twoSum(s1, -p);
  const s2 = DD[0]!;
  const low = e1 + DD[1]! + xl - pe;
  twoSum(s2, low);
  expm1Small(DD[0]!, DD[1]!);
  ddAddD(DD[0]!, DD[1]!, 1);
  const j = n & 63;
  ddMul(EXP2_TABLE_HI[j]!, EXP2_TABLE_LO[j]!, DD[0]!, DD[1]!);
  EXPONENT[0] = (n - j) / 64;
}

/**
 * e^x − 1 for |x| ≤ 41, unscaled in DD, relative error ≤ 2⁻⁶³.
 *
 * |x| ≤ 0.00542: expm1Small with x exact (rl = 0): the error is ≤ 2⁻⁶⁴·|x| plus the double-double
 * steps, relative to |e^x − 1| ≥ |x|·(1 − 0.003). Otherwise e^x from expCore (2⁻⁷¹, scaled
 * exactly: 2ᵏ ≤ 2⁶⁰) minus 1: the subtraction multiplies the relative error by
 * e^x/|e^x − 1| ≤ 1/(1 − e^−0.00542) < 186 < 2^7.6, giving ≤ 2⁻⁶³·⁴ plus 2⁻¹⁰⁰.
 */
export function expm1Core(x: number): void {
  if (x <= 0.00542 && x >= -0.00542) {
    expm1Small(x, 0);
    return;
  }
  expCore(x, 0);
  const s = pow2(EXPONENT[0]!);
  ddAddD(DD[0]! * s, DD[1]! * s, -1);
}

// ---------------------------------------------------------------------------------------------
// log

/** ln 2 = L1 + L2 + ℓ₃ with L1 of 42 significant bits (k·L1 exact for |k| < 2¹¹) and |ℓ₃| ≤ 2⁻⁹⁶ (tested). */
export const LN2_HI = 0.6931471805598903;
export const LN2_LO = 5.497923018708371e-14;

// 2/3 and 2/5 in double-double; the series tail 2/7 + 2z/9 + … + 2z¹⁰/27 in floats.
const [TWO_THIRDS, TWO_FIFTHS] = ((): [[number, number], [number, number]] => {
  const [h, l] = ddRationalTable([2, 2], [3, 5]);
  return [
    [h[0]!, l[0]!],
    [h[1]!, l[1]!],
  ];
})();
const W = Float64Array.from({ length: 11 }, (_, i) => 2 / (2 * i + 7));
const SQRT2_UP = 1.4142135623730951;
const MIN_NORMAL = pow2(-1022);
const TWO54 = pow2(54);
const BITS = new DataView(new ArrayBuffer(8));

/**
 * ln(yh + yl) for yh a positive normal float and |yl| ≤ 2⁻⁵²·yh, in DD; error ≤ 2⁻⁶⁶·|ln y| +
 * 2⁻¹⁰⁷⁴ (the last only when yl·2⁻ᵏ underflows, for huge y).
 *
 * y = 2ᵏ·m with m = mh + ml, mh ∈ [0.7071, 1.4143) (k from the exponent bits, the scaling
 * exact; a subnormal yh is first scaled by 2⁵⁴). f = m − 1 exactly in double-double (mh − 1 is exact by
 * Sterbenz), s = f/(2 + f) (ddDiv: 2⁻¹⁰⁰), |s| ≤ 0.1716, and ln m = 2·atanh s = Σ 2s^(2i+1)/(2i+1).
 * The series is cut after s²⁷: the tail is ≤ 2|s|²⁹/29/(1 − s²) ≤ 2⁻⁷⁶·|2s|. Terms 2s, 2s³/3 and
 * 2s⁵/5 in double-double; s⁷·w(s²) in floats, within 2⁻⁴⁹·⁵ of its value and at most 2⁻¹⁸·|2s|,
 * so 2⁻⁶⁷·⁵·|ln m| (|ln m| ≥ |2s|). ln y = k·(L1 + L2) + ln m: k·L1 exact, k·L2 by TwoProduct,
 * the dropped |k·ℓ₃| ≤ 2¹¹·2⁻⁹⁶ = 2⁻⁸⁵, against |ln y| ≥ ln2 − 0.347 ≥ 0.346 when k ≠ 0; and the
 * sum k·ln2 + ln m at most triples relative errors (|ln m| ≤ 0.347 ≤ |k ln 2|/2). Total < 2⁻⁶⁶.
 */
export function logCore(yh: number, yl: number): void {
  let kOffset = 0;
  if (yh < MIN_NORMAL) {
    // a subnormal: scale into the normal range first (exact)
    yh *= TWO54;
    yl *= TWO54;
    kOffset = -54;
  }
  // the binary exponent, read from the bits (exact)
  BITS.setFloat64(0, yh);
  let k = ((BITS.getUint32(0) >>> 20) & 0x7ff) - 1023;
  let mh = yh * pow2(-k);
  if (mh >= SQRT2_UP) {
    mh *= 0.5;
    k++;
  }
  const ml = yl === 0 ? 0 : yl * pow2(-k);
  k += kOffset;
  twoSum(mh - 1, ml);
  const fh = DD[0]!;
  const fl = DD[1]!;
  ddAddD(fh, fl, 2);
  ddDiv(fh, fl, DD[0]!, DD[1]!);
  const sh = DD[0]!;
  const sl = DD[1]!;
  ddMul(sh, sl, sh, sl);
  const zh = DD[0]!;
  const zl = DD[1]!;
  let w = W[10]!;
  for (let i = 9; i >= 0; i--) w = W[i]! + zh * w;
  // ((2/5 + z·w)·z + 2/3)·z·s + 2s
  ddMulD(zh, zl, w);
  ddAdd(TWO_FIFTHS[0], TWO_FIFTHS[1], DD[0]!, DD[1]!);
  ddMul(DD[0]!, DD[1]!, zh, zl);
  ddAdd(TWO_THIRDS[0], TWO_THIRDS[1], DD[0]!, DD[1]!);
  ddMul(DD[0]!, DD[1]!, zh, zl);
  ddMul(DD[0]!, DD[1]!, sh, sl);
  ddAdd(2 * sh, 2 * sl, DD[0]!, DD[1]!);
  if (k === 0) return;
  const lh = DD[0]!;
  const ll = DD[1]!;
  twoProd(k, LN2_LO);
  ddAddD(DD[0]!, DD[1]!, k * LN2_HI);
  ddAdd(DD[0]!, DD[1]!, lh, ll);
}

// ---------------------------------------------------------------------------------------------
// sin, cos

/**
 * π/2 = P1 + P2 + P3 + p₄ with P1, P2 of 33 significant bits (q·P1, q·P2 exact for |q| ≤ 2²⁰)
 * and |p₄| ≤ 2⁻¹²¹ (tested).
 */
export const PIO2_1 = 1.5707963267341256;
export const PIO2_2 = 6.077100506303966e-11;
export const PIO2_3 = 2.0222662487959506e-21;
/** π/2 in double-double, within 2⁻¹⁰⁷ (tested). */
export const PIO2_HI = 1.5707963267948966;
export const PIO2_LO = 6.123233995736766e-17;
const TWO_OVER_PI = 0.6366197723675814;
/** |x| above which trigReduce is not used (the quotient would pass 2²⁰). */
export const TRIG_REDUCE_MAX = 1.6e6;

/** Quadrant q (x ≈ q·π/2 + r) of the last trigReduce. */
export const QUADRANT = new Float64Array(1);

/**
 * x = q·π/2 + r for |x| ≤ 1.6·10⁶: q = round(x·2/π) (any nearby integer would do) in QUADRANT,
 * r in DD with |r| ≤ 0.7854 and |r − (DD[0] + DD[1])| ≤ 2⁻¹⁰⁰: the dropped |q·p₄| ≤ 2⁻¹⁰¹,
 * every other step exact except the final low-word sum (≤ 2⁻¹⁰⁴).
 */
export function trigReduce(x: number): void {
  const q = Math.round(x * TWO_OVER_PI);
  QUADRANT[0] = q;
  if (q === 0) {
    DD[0] = x;
    DD[1] = 0;
    return;
  }
  twoSum(x, -q * PIO2_1);
  const s1 = DD[0]!;
  const e1 = DD[1]!;
  twoSum(s1, -q * PIO2_2);
  const s2 = DD[0]!;
  const e2 = DD[1]!;
  twoProd(q, PIO2_3);
  const p = DD[0]!;
  const pe = DD[1]!;
  twoSum(s2, -p);
  const s3 = DD[0]!;
  twoSum(s3, e1 + e2 + DD[1]! - pe);
}

// sin r = r·(1 + z·S(z)), S(z) = Σ_{i≥0} (−1)^(i+1) zⁱ/(2i+3)!, cut after r²¹ (tail ≤ r²³/23! ≤ 2⁻⁸²·|r|);
// cos r = 1 + z·C(z), C(z) = Σ (−1)^(i+1) zⁱ/(2i+2)!, cut after r²² (tail ≤ r²⁴/24! ≤ 2⁻⁸⁷).
// Every Horner step shrinks by at least z/20 ≤ 0.031: no cancellation, ≤ 2⁻¹⁰⁰ per step.
const [SIN_H, SIN_L] = ddInverseFactorials([3, 5, 7, 9, 11, 13, 15, 17, 19, 21], (k) => ((k - 1) / 2) % 2 === 1 ? -1 : 1);
const [COS_H, COS_L] = ddInverseFactorials([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22], (k) => (k / 2) % 2 === 1 ? -1 : 1);

/** sin r for the reduced r = rh + rl (|r| ≤ 0.7854), in DD; relative error ≤ 2⁻⁹⁵. */
export function sinReduced(rh: number, rl: number): void {
  twoProd(rh, rh);
  const zh = DD[0]!;
  const zl = DD[1]! + 2 * rh * rl;
  ddHorner(SIN_H, SIN_L, zh, zl);
  ddMul(DD[0]!, DD[1]!, zh, zl);
  ddAddD(DD[0]!, DD[1]!, 1);
  ddMul(DD[0]!, DD[1]!, rh, rl);
}

/** cos r for the reduced r = rh + rl (|r| ≤ 0.7854), in DD; relative error ≤ 2⁻⁹⁵. */
export function cosReduced(rh: number, rl: number): void {
  twoProd(rh, rh);
  const zh = DD[0]!;
  const zl = DD[1]! + 2 * rh * rl;
  ddHorner(COS_H, COS_L, zh, zl);
  ddMul(DD[0]!, DD[1]!, zh, zl);
  ddAddD(DD[0]!, DD[1]!, 1);
}

// ---------------------------------------------------------------------------------------------
// atan

/** atan(j/8) = ATAN_TABLE_HI[j] + ATAN_TABLE_LO[j] within 2⁻¹⁰⁶ relative (tested). */
export const ATAN_TABLE_HI = Float64Array.from([
  0, 0.12435499454676144, 0.24497866312686414, 0.35877067027057225, 0.4636476090008061, 0.5585993153435624, 0.6435011087932844,
  0.7188299996216245, 0.7853981633974483,
]);
export const ATAN_TABLE_LO = Float64Array.from([
  0, -3.1253241424539383e-18, 1.0698755618734451e-17, -2.4623815582638635e-17, 2.2698777452961687e-17, -5.4556305485916264e-18,
  1.5834785051444286e-17, -2.1478388444456983e-17, 3.061616997868383e-17,
]);
// atan t = t·(1 + z·A(z)), A(z) = Σ_{i≥0} (−1)^(i+1) zⁱ/(2i+3), cut after t²³: the tail is
// ≤ t²⁵/25 ≤ 2⁻⁹⁶·|t| for |t| ≤ 0.0626.
const [ATAN_H, ATAN_L] = ddRationalTable(
  Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? -1 : 1)),
  Array.from({ length: 11 }, (_, i) => 2 * i + 3),
);

/**
 * atan y for y = yh + yl ∈ [0, 1] (|yl| ≤ 2⁻⁵²·yh), in DD; relative error ≤ 2⁻⁹⁰.
 *
 * c = j/8 with j = round(8·yh), t = (y − c)/(1 + y·c), |t| ≤ 1/16 + 2⁻⁵⁰, atan y = atan c + atan t.
 * yh − c is exact (Sterbenz for j ≥ 1), the rest is double-double (≤ 4·2⁻¹⁰⁰ in t), the series
 * ≤ 2⁻⁹⁶ and its Horner steps 11·2⁻¹⁰⁰; for j ≥ 1, atan c ≥ 0.124 ≥ 2|atan t|, so the final sum
 * at most triples relative errors.
 */
export function atanUnit(yh: number, yl: number): void {
  const j = Math.round(8 * yh);
  const c = j * 0.125;
  let th: number;
  let tl: number;
  if (j === 0) {
    th = yh;
    tl = yl;
  } else {
    twoSum(yh - c, yl);
    const nh = DD[0]!;
    const nl = DD[1]!;
    ddMulD(yh, yl, c);
    ddAddD(DD[0]!, DD[1]!, 1);
    ddDiv(nh, nl, DD[0]!, DD[1]!);
    th = DD[0]!;
    tl = DD[1]!;
  }
  if (th === 0) {
    DD[0] = ATAN_TABLE_HI[j]!;
    DD[1] = ATAN_TABLE_LO[j]!;
    return;
  }
  ddMul(th, tl, th, tl);
  const zh = DD[0]!;
  const zl = DD[1]!;
  ddHorner(ATAN_H, ATAN_L, zh, zl);
  ddMul(DD[0]!, DD[1]!, zh, zl);
  ddAddD(DD[0]!, DD[1]!, 1);
  ddMul(DD[0]!, DD[1]!, th, tl);
  if (j !== 0) ddAdd(ATAN_TABLE_HI[j]!, ATAN_TABLE_LO[j]!, DD[0]!, DD[1]!);
}

/** Renormalise (h, l) so that h = fl(h + l): encloseDD's precondition. */
export function normalise(h: number, l: number): void {
  fastTwoSum(h, l);
}
