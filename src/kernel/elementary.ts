/**
 * Interval enclosures of the elementary functions, proven from IEEE 754's correctly rounded
 * + − × ÷ alone (plus exact operations: scaling by powers of two, rounding to an integer,
 * comparisons, bit reads). No `Math.exp`, `Math.sin`, … is called.
 *
 * Each function has a point enclosure f(x) ∈ [lo, hi]: a double-double kernel (elementary-core.ts)
 * with a proven relative error ε, turned into floats by encloseDD with the allowance
 * ALLOW = 2⁻⁵⁸ ≥ 2⁵·ε, so the point enclosure is one or two ulps wide. Near the ends of the
 * float range (|x| tiny, results that overflow or underflow, limits at ±∞) the enclosure comes from
 * an elementary inequality stated where it is used. Over an interval, monotone functions map
 * endpoints; sin and cos add ±1 where an extremum may lie inside, tan is ENTIRE across a pole,
 * cosh and swish take their minimum into account.
 *
 * Conventions as interval.ts: EMPTY in, EMPTY out; domains (log, log1p, powReal) are intersected
 * with the argument; a result beyond the float range is an outward bound (±MAX_VALUE to ±∞).
 */
import { DD, ddAdd, ddAddD, ddDiv, ddMul, ddMulD } from './double-double.js';
import {
  EXPONENT,
  PIO2_HI,
  PIO2_LO,
  QUADRANT,
  TRIG_REDUCE_MAX,
  atanUnit,
  cosReduced,
  expCore,
  expm1Core,
  logCore,
  sinReduced,
  trigReduce,
} from './elementary-core.js';
import { BOUNDS, encloseDD, nextDown, nextUp, pow2 } from './float.js';

/** A closed interval [lo, hi] (the same shape as interval.ts's). */
interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const MAX = Number.MAX_VALUE;
const MIN = Number.MIN_VALUE;
/** Allowance for the kernels' proven errors (each ≤ 2⁻⁶³, see elementary-core.ts). */
const ALLOW = pow2(-58);
/** Below this |x|, the first Taylor term alone is within half an ulp (see each use). */
const TINY_26 = pow2(-26);
const TINY_60 = pow2(-60);
const ONE_DOWN = nextDown(1);
const ONE_UP = nextUp(1);

const empty = (): Interval => ({ lo: NaN, hi: NaN });
function set(lo: number, hi: number): void {
  BOUNDS[0] = lo;
  BOUNDS[1] = hi;
}
/** Negate the point enclosure in BOUNDS (for odd functions). */
function negateBounds(): void {
  const lo = BOUNDS[0]!;
  BOUNDS[0] = -BOUNDS[1]!;
  BOUNDS[1] = -lo;
}

// ---------------------------------------------------------------------------------------------
// Point enclosures: each writes [lo, hi] ∋ f(x) to BOUNDS.

/** eˣ. */
export function expPoint(x: number): void {
  if (x === 0) return set(1, 1);
  if (x > 709.8) return x === Infinity ? set(Infinity, Infinity) : set(MAX, Infinity); // ln MAX < 709.79
  if (x < -745.2) return x === -Infinity ? set(0, 0) : set(0, MIN); // e^−745.2 < 2⁻¹⁰⁷⁵
  if (x < TINY_60 && x > -TINY_60) return x > 0 ? set(1, ONE_UP) : set(ONE_DOWN, 1); // 1 + x < eˣ < 1 + x + x²
  expCore(x, 0);
  encloseDD(DD[0]!, DD[1]!, EXPONENT[0]!, ALLOW);
  if (BOUNDS[0]! < 0) BOUNDS[0] = 0;
}

/** eˣ − 1. */
export function expm1Point(x: number): void {
  if (x === 0) return set(x, x);
  // x < eˣ − 1 < x + x² ≤ nextUp(x) for |x| < 2⁻⁶⁰ (x² is below an ulp of x)
  if (x < TINY_60 && x > -TINY_60) return set(x, nextUp(x));
  if (x < -38) return x === -Infinity ? set(-1, -1) : set(-1, nextUp(-1)); // e⁻³⁸ < 2⁻⁵³
  if (x > 709.8) return x === Infinity ? set(Infinity, Infinity) : set(MAX, Infinity);
  if (x > 41) {
    // (h + l)·2ᵏ − 1 = ((h + l) − 2⁻ᵏ)·2ᵏ, the subtraction in double-double
    expCore(x, 0);
    const k = EXPONENT[0]!;
    ddAddD(DD[0]!, DD[1]!, -pow2(-k));
    return encloseDD(DD[0]!, DD[1]!, k, ALLOW);
  }
  expm1Core(x);
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
  if (BOUNDS[0]! < -1) BOUNDS[0] = -1;
}

/** ln x for x ≥ 0 (ln 0 = −∞). */
export function logPoint(x: number): void {
  if (x === 1) return set(0, 0);
  if (x === 0) return set(-Infinity, -Infinity);
  if (x === Infinity) return set(Infinity, Infinity);
  logCore(x, 0);
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
}

/** ln(1 + x) for x ≥ −1. */
export function log1pPoint(x: number): void {
  if (x === 0) return set(x, x);
  if (x === -1) return set(-Infinity, -Infinity);
  if (x === Infinity) return set(Infinity, Infinity);
  // x − x² < ln(1 + x) < x for 0 < |x| < 2⁻⁶⁰, and x² is below an ulp of x
  if (x < TINY_60 && x > -TINY_60) return set(nextDown(x), x);
  // 1 + x exactly as a double-double, then its logarithm (relative error ≤ 2⁻⁶⁶)
  twoSumInto(1, x);
  logCore(SUM_H, SUM_L);
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
}

// TwoSum into locals of this module (DD is overwritten by the kernels).
let SUM_H = 0;
let SUM_L = 0;
function twoSumInto(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  SUM_H = s;
  SUM_L = a - (s - bb) + (b - bb);
}

/** tanh x = u/(u + 2) with u = e^(2x) − 1, for x > 0 (odd). */
export function tanhPoint(x: number): void {
  const a = x < 0 ? -x : x;
  if (a === 0) return set(x, x);
  if (a < TINY_26) set(nextDown(a), a); // a − a³/3 < tanh a < a
  else if (a >= 19.1) set(a === Infinity ? 1 : ONE_DOWN, 1); // 1 − tanh a < 2e^(−2a) < 2⁻⁵³
  else {
    expm1Core(2 * a);
    const uh = DD[0]!;
    const ul = DD[1]!;
    ddAddD(uh, ul, 2);
    ddDiv(uh, ul, DD[0]!, DD[1]!);
    encloseDD(DD[0]!, DD[1]!, 0, ALLOW); // 2·2⁻⁶³ + 2⁻¹⁰⁰ (u and u + 2 carry u's relative error)
    if (BOUNDS[1]! > 1) BOUNDS[1] = 1;
  }
  if (x < 0) negateBounds();
}

/** e^x unscaled into (EH, EL) for −56 ≤ x ≤ 56 (2ᵏ·h stays normal: exact). */
let EH = 0;
let EL = 0;
function expUnscaled(x: number): void {
  expCore(x, 0);
  const s = pow2(EXPONENT[0]!);
  EH = DD[0]! * s;
  EL = DD[1]! * s;
}

/** The logistic function 1/(1 + e^−x). */
export function sigmoidPoint(x: number): void {
  if (x === Infinity) return set(1, 1);
  if (x === -Infinity) return set(0, 0);
  if (x === 0) return set(0.5, 0.5);
  if (x >= 37.5) return set(ONE_DOWN, 1); // 1 − σ(x) < e^−x < 2⁻⁵³
  if (x < -745.2) return set(0, MIN); // σ(x) < eˣ < 2⁻¹⁰⁷⁵
  if (x < -37.5) {
    // σ(x) = eˣ·(1 − θ) with 0 < θ < eˣ < 2⁻⁵⁴
    expCore(x, 0);
    return encloseDD(DD[0]!, DD[1]!, EXPONENT[0]!, ALLOW + pow2(-54));
  }
  if (x > 0) {
    // 1/(1 + E), E = e^−x: the sum has E's relative error scaled by E/(1 + E) < 1
    expUnscaled(-x);
    ddAddD(EH, EL, 1);
    ddDiv(1, 0, DD[0]!, DD[1]!);
  } else {
    // E/(1 + E), E = eˣ
    expUnscaled(x);
    ddAddD(EH, EL, 1);
    ddDiv(EH, EL, DD[0]!, DD[1]!);
  }
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
  if (BOUNDS[1]! > 1) BOUNDS[1] = 1;
}

/** softplus x = ln(1 + eˣ). */
export function softplusPoint(x: number): void {
  if (x === Infinity) return set(Infinity, Infinity);
  if (x === -Infinity) return set(0, 0);
  if (x >= 37.5) return set(x, nextUp(x)); // x < softplus x < x + e^−x, and e^−x < ulp(x)
  if (x < -745.2) return set(0, MIN); // softplus x < eˣ < 2⁻¹⁰⁷⁵
  if (x < -37.5) {
    // ln(1 + E) = E·(1 − θ), 0 < θ < E/2 < 2⁻⁵⁵
    expCore(x, 0);
    return encloseDD(DD[0]!, DD[1]!, EXPONENT[0]!, ALLOW + pow2(-55));
  }
  expUnscaled(x);
  if (x < -10) {
    // E < 2⁻¹⁴·⁴: ln(1 + E) = E·(1 + E·p(E)), p = −1/2 + E/3 − E²/4 + E³/5 − E⁴/6 in floats
    // (tail ≤ E⁶/7 < 2⁻⁸⁹; the float error of E·p is 2⁻⁵⁰ of a term below 2⁻¹⁵).
    const e = EH;
    const p = -0.5 + e * (1 / 3 + e * (-0.25 + e * (0.2 + e * (-1 / 6))));
    twoSumInto(1, e * p);
    ddMul(SUM_H, SUM_L, EH, EL);
    return encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
  }
  // E ≥ 4.5·10⁻⁵: forming 1 + E in double-double (2⁻¹⁰⁵ absolute) costs ≤ 2⁻⁹⁰ relative to ln(1 + E)
  ddAddD(EH, EL, 1);
  logCore(DD[0]!, DD[1]!);
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
}

/** e^(−1/t) as (h, l)·2^EXPONENT for 0.00134 ≤ t < 2⁶⁰: −1/t in double-double, then expCore. */
function expNegInvCore(t: number): void {
  ddDiv(-1, 0, t, 0);
  expCore(DD[0]!, DD[1]!);
}

/**
 * e^(−1/t) for t > 0, 0 for t ≤ 0 (continuous, nondecreasing, all derivatives 0 at 0⁺).
 * The error of −1/t (2⁻¹⁰⁰ relative, |1/t| ≤ 747) is ≤ 2⁻⁹⁰ relative in the exponential.
 */
export function expNegInvPoint(t: number): void {
  if (!(t > 0)) return set(0, 0);
  if (t === Infinity) return set(1, 1);
  if (t < 0.00134) return set(0, MIN); // 1/t > 746.2: e^(−1/t) < 2⁻¹⁰⁷⁵
  if (t >= pow2(60)) return set(ONE_DOWN, 1); // 1 − 2⁻⁶⁰ < e^(−1/t) < 1
  expNegInvCore(t);
  encloseDD(DD[0]!, DD[1]!, EXPONENT[0]!, ALLOW);
  if (BOUNDS[1]! > 1) BOUNDS[1] = 1;
}

/** smooLU: t·e^(−1/t) for t > 0, 0 for t ≤ 0. */
export function smooluPoint(t: number): void {
  if (!(t > 0)) return set(0, 0);
  if (t === Infinity) return set(MAX, Infinity);
  if (t < 0.00134) return set(0, MIN); // t·e^(−1/t) < e^−746.2 < 2⁻¹⁰⁷⁵
  if (t >= pow2(60)) return set(nextDown(t), t); // t − 1 < t·e^(−1/t) < t, and ulp(t) ≥ 2⁸
  expNegInvCore(t);
  const k = EXPONENT[0]!;
  ddMulD(DD[0]!, DD[1]!, t);
  encloseDD(DD[0]!, DD[1]!, k, ALLOW);
}

/** swish: t·σ(t). */
export function swishPoint(t: number): void {
  if (t === Infinity) return set(MAX, Infinity);
  if (t === -Infinity || t === 0) return set(0, 0);
  if (t >= 37.5) return set(nextDown(t), t); // t(1 − 2⁻⁵⁴) < t·σ(t) < t
  if (t < -752) return set(-MIN, 0); // |t·σ(t)| < |t|·eᵗ < 2⁻¹⁰⁷⁵
  if (t < TINY_60 && t > -TINY_60) {
    // t/2 < t·σ(t) < t/2 + t²/4 (σ(t) − 1/2 lies between 0 and t/4); t/2 is exact unless subnormal
    const p = 0.5 * t;
    return set(p < pow2(-1022) && p > -pow2(-1022) ? p - MIN : p, nextUp(p));
  }
  if (t < -37.5) {
    // t·σ(t) = t·eᵗ·(1 − θ), 0 < θ < 2⁻⁵⁴
    expCore(t, 0);
    const k = EXPONENT[0]!;
    ddMulD(DD[0]!, DD[1]!, t);
    return encloseDD(DD[0]!, DD[1]!, k, ALLOW + pow2(-54));
  }
  sigmoidCore(t);
  ddMulD(DD[0]!, DD[1]!, t);
  encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
}

/** σ(t) in DD for |t| ≤ 37.5 (as in sigmoidPoint). */
function sigmoidCore(t: number): void {
  if (t > 0) {
    expUnscaled(-t);
    ddAddD(EH, EL, 1);
    ddDiv(1, 0, DD[0]!, DD[1]!);
  } else {
    expUnscaled(t);
    ddAddD(EH, EL, 1);
    ddDiv(EH, EL, DD[0]!, DD[1]!);
  }
}

/** sinh x (odd). */
export function sinhPoint(x: number): void {
  const a = x < 0 ? -x : x;
  if (a === 0) return set(x, x);
  if (a < TINY_26) set(a, nextUp(a)); // a < sinh a < a + a³/5, below an ulp
  else if (a > 710.5) set(a === Infinity ? Infinity : MAX, Infinity); // sinh 710.5 > MAX
  else if (a >= 40) {
    // sinh a = eᵃ/2·(1 − e^(−2a)), e^−80 < 2⁻¹¹⁵
    expCore(a, 0);
    encloseDD(DD[0]!, DD[1]!, EXPONENT[0]! - 1, ALLOW);
  } else {
    // (u + u/(u + 1))/2 with u = eᵃ − 1: positive terms, no cancellation
    expm1Core(a);
    const uh = DD[0]!;
    const ul = DD[1]!;
    ddAddD(uh, ul, 1);
    ddDiv(uh, ul, DD[0]!, DD[1]!);
    ddAdd(uh, ul, DD[0]!, DD[1]!);
    encloseDD(DD[0]!, DD[1]!, -1, ALLOW);
  }
  if (x < 0) negateBounds();
}

/** cosh x (even). */
export function coshPoint(x: number): void {
  const a = x < 0 ? -x : x;
  if (a < TINY_26) return set(1, a === 0 ? 1 : ONE_UP); // 1 ≤ cosh a < 1 + a²/1.99
  if (a > 710.5) return set(a === Infinity ? Infinity : MAX, Infinity);
  if (a >= 40) {
    expCore(a, 0);
    return encloseDD(DD[0]!, DD[1]!, EXPONENT[0]! - 1, ALLOW);
  }
  expUnscaled(a);
  ddDiv(1, 0, EH, EL);
  ddAdd(EH, EL, DD[0]!, DD[1]!);
  encloseDD(DD[0]!, DD[1]!, -1, ALLOW);
  if (BOUNDS[0]! < 1) BOUNDS[0] = 1;
}

/** Quadrant and reduced argument of the last trigPoint, for the interval functions. */
let TRIG_Q = 0;
let TRIG_R = 0;
/** Whether the last trigPoint had to give up (the range or the relative error was too large). */
let TRIG_COARSE = false;
/** Absolute error of trigReduce's r when q ≠ 0. */
const REDUCE_ERR = pow2(-100);
const COARSE = pow2(-40);

/**
 * sin (which = 0), cos (1) or tan (2) at x. The reduced r carries an absolute error δ (2⁻¹⁰⁰, 0
 * when q = 0), which costs at most δ/|sin r| ≤ δ/(0.9|r|) relative in sin r and δ/cos r ≤ δ/0.7 in
 * cos r (|r| ≤ 0.7854); the kernels' own error is ≤ 2⁻⁹⁵. A quotient adds the two relative errors.
 */
function trigPoint(x: number, which: 0 | 1 | 2): void {
  TRIG_COARSE = false;
  const a = x < 0 ? -x : x;
  if (!(a <= TRIG_REDUCE_MAX)) {
    TRIG_COARSE = true;
    return which === 2 ? set(-Infinity, Infinity) : set(-1, 1);
  }
  if (a < TINY_26) {
    TRIG_Q = 0;
    TRIG_R = x;
    if (which === 1) return set(a === 0 ? 1 : ONE_DOWN, 1); // 1 − a²/2 < cos a ≤ 1
    if (x === 0) return set(x, x);
    // a − a³/6 < sin a < a; a < tan a < a + a³/2.9: both corrections below an ulp of a
    if (which === 0) return x > 0 ? set(nextDown(x), x) : set(x, nextUp(x));
    return x > 0 ? set(x, nextUp(x)) : set(nextDown(x), x);
  }
  trigReduce(x);
  const q = QUADRANT[0]!;
  const rh = DD[0]!;
  const rl = DD[1]!;
  TRIG_Q = q;
  TRIG_R = rh;
  const delta = q === 0 ? 0 : REDUCE_ERR;
  const ar = rh < 0 ? -rh : rh;
  const relSin = ALLOW + (2 * delta) / ar;
  const relCos = ALLOW + 2 * delta;
  if (!(relSin <= COARSE)) {
    TRIG_COARSE = true;
    return which === 2 ? set(-Infinity, Infinity) : set(-1, 1);
  }
  const m = ((q % 4) + 4) % 4;
  if (which === 2) {
    sinReduced(rh, rl);
    const sh = DD[0]!;
    const sl = DD[1]!;
    cosReduced(rh, rl);
    if (m % 2 === 0) ddDiv(sh, sl, DD[0]!, DD[1]!);
    else ddDiv(-DD[0]!, -DD[1]!, sh, sl);
    return encloseDD(DD[0]!, DD[1]!, 0, relSin + relCos);
  }
  // sin x = sin r, cos r, −sin r, −cos r in quadrants 0…3; cos x is sin(x + π/2)
  const n = which === 0 ? m : (m + 1) % 4;
  if (n % 2 === 0) sinReduced(rh, rl);
  else cosReduced(rh, rl);
  encloseDD(DD[0]!, DD[1]!, 0, n % 2 === 0 ? relSin : relCos);
  if (n >= 2) negateBounds();
  if (BOUNDS[0]! < -1) BOUNDS[0] = -1;
  if (BOUNDS[1]! > 1) BOUNDS[1] = 1;
}

/** sin x. */
export function sinPoint(x: number): void {
  trigPoint(x, 0);
}
/** cos x. */
export function cosPoint(x: number): void {
  trigPoint(x, 1);
}
/** tan x (the whole line when the argument is too large to reduce). */
export function tanPoint(x: number): void {
  trigPoint(x, 2);
}

/** atan x (odd). */
export function atanPoint(x: number): void {
  const a = x < 0 ? -x : x;
  if (a === 0) return set(x, x);
  if (a < TINY_26) set(nextDown(a), a); // a − a³/3 < atan a < a
  else if (a >= pow2(60)) {
    // π/2 − 1/a < atan a < π/2, and fl(π/2) < π/2 − 2⁻⁶⁰ < π/2 < nextUp(fl(π/2)) (the tail is 6.1·10⁻¹⁷)
    set(PIO2_HI, nextUp(PIO2_HI));
  } else if (a <= 1) {
    atanUnit(a, 0);
    encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
  } else {
    // atan a = π/2 − atan(1/a), atan(1/a) ≤ π/4: no cancellation
    ddDiv(1, 0, a, 0);
    atanUnit(DD[0]!, DD[1]!);
    ddAdd(PIO2_HI, PIO2_LO, -DD[0]!, -DD[1]!);
    encloseDD(DD[0]!, DD[1]!, 0, ALLOW);
  }
  if (x < 0) negateBounds();
}

/**
 * x^y for x ∈ [0, ∞], y ∈ [−∞, ∞], as the limit of x'^y with x' → x inside (0, ∞) (so 0⁰ = ∞⁰ = 1
 * and 1^±∞ = 1); finite positive x, finite y: exp(y·ln x) with ln x in double-double (2⁻⁶⁶) and
 * y·ln x by ddMulD, whose relative error 2⁻⁶⁵ becomes an absolute |t|·2⁻⁶⁵ in t = y·ln x and so
 * a relative one in eᵗ: the allowance is 2⁻⁵⁸ + |t|·2⁻⁶⁴.
 */
export function powPoint(x: number, y: number): void {
  if (y === 0 || x === 1) return set(1, 1);
  if (x === 0) return y > 0 ? set(0, 0) : set(Infinity, Infinity);
  if (x === Infinity) return y > 0 ? set(Infinity, Infinity) : set(0, 0);
  if (y === Infinity || y === -Infinity) return (x > 1) === (y > 0) ? set(Infinity, Infinity) : set(0, 0);
  logCore(x, 0);
  const lh = DD[0]!;
  const ll = DD[1]!;
  const estimate = y * lh;
  if (!(estimate <= 750 && estimate >= -750)) return estimate > 0 ? set(MAX, Infinity) : set(0, MIN);
  if (estimate < TINY_60 && estimate > -TINY_60) return set(ONE_DOWN, ONE_UP); // |t| < 2⁻⁵⁹
  ddMulD(lh, ll, y);
  const th = DD[0]!;
  const tl = DD[1]!;
  if (th > 709.8) return set(MAX, Infinity);
  if (th < -745.2) return set(0, MIN);
  expCore(th, tl);
  encloseDD(DD[0]!, DD[1]!, EXPONENT[0]!, ALLOW + (th < 0 ? -th : th) * pow2(-64));
  if (BOUNDS[0]! < 0) BOUNDS[0] = 0;
}

// ---------------------------------------------------------------------------------------------
// Interval functions

/** [f(lo).lo, f(hi).hi] for a nondecreasing f given by its point enclosure. */
function increasing(a: Interval, f: (x: number) => void): Interval {
  if (a.lo !== a.lo || a.hi !== a.hi) return empty();
  f(a.lo);
  const lo = BOUNDS[0]!;
  if (a.hi !== a.lo) f(a.hi);
  return { lo, hi: BOUNDS[1]! };
}

/** eᵃ. */
export function exp(a: Interval): Interval {
  return increasing(a, expPoint);
}
/** eᵃ − 1 (accurate near 0). */
export function expm1(a: Interval): Interval {
  return increasing(a, expm1Point);
}
/** ln a over a ∩ [0, ∞] (ln 0 = −∞); EMPTY when a < 0. */
export function log(a: Interval): Interval {
  if (!(a.hi >= 0)) return empty();
  return increasing({ lo: a.lo > 0 ? a.lo : 0, hi: a.hi }, logPoint);
}
/** ln(1 + a) over a ∩ [−1, ∞] (accurate near 0); EMPTY when a < −1. */
export function log1p(a: Interval): Interval {
  if (!(a.hi >= -1)) return empty();
  return increasing({ lo: a.lo > -1 ? a.lo : -1, hi: a.hi }, log1pPoint);
}
/** tanh a, within [−1, 1]. */
export function tanh(a: Interval): Interval {
  return increasing(a, tanhPoint);
}
/** The logistic sigmoid 1/(1 + e⁻ᵃ), within [0, 1]. */
export function sigmoid(a: Interval): Interval {
  return increasing(a, sigmoidPoint);
}
/** softplus ln(1 + eᵃ). */
export function softplus(a: Interval): Interval {
  return increasing(a, softplusPoint);
}
/** e^(−1/t) for t > 0 and 0 for t ≤ 0 (nondecreasing on ℝ). */
export function expNegInv(a: Interval): Interval {
  return increasing(a, expNegInvPoint);
}
/** smooLU t·e^(−1/t) for t > 0 and 0 for t ≤ 0 (nondecreasing on ℝ: its derivative is e^(−1/t)(1 + 1/t) ≥ 0). */
export function smoolu(a: Interval): Interval {
  return increasing(a, smooluPoint);
}
/** sinh a. */
export function sinh(a: Interval): Interval {
  return increasing(a, sinhPoint);
}
/** atan a. */
export function atan(a: Interval): Interval {
  return increasing(a, atanPoint);
}

/** cosh a: decreasing on (−∞, 0], increasing on [0, ∞). */
export function cosh(a: Interval): Interval {
  if (a.lo !== a.lo || a.hi !== a.hi) return empty();
  coshPoint(a.lo);
  const l0 = BOUNDS[0]!;
  const h0 = BOUNDS[1]!;
  coshPoint(a.hi);
  const l1 = BOUNDS[0]!;
  const h1 = BOUNDS[1]!;
  if (a.lo >= 0) return { lo: l0, hi: h1 };
  if (a.hi <= 0) return { lo: l1, hi: h0 };
  return { lo: 1, hi: h0 > h1 ? h0 : h1 };
}

/**
 * A proven bracket A < t* < B of swish's only critical point. swish′ = σ·g with
 * g(t) = 1 + t·σ(−t), which is ≥ 1 for t ≥ 0 and strictly increasing on (−∞, 0) (its derivative is
 * σ(−t)(1 − t·σ(t)) > 0): one zero t*, swish decreasing before it and increasing after, and the
 * minimum is swish(t*) = t* + 1 (σ(t*) = 1 + 1/t*). The bracket is checked here with the point
 * enclosures of σ: g(A) < 0 < g(B), every operation rounded outward.
 */
const SWISH_BRACKET = ((): [number, number] => {
  const gUpper = (t: number): number => {
    sigmoidPoint(-t);
    return nextUp(1 + nextUp(t * BOUNDS[0]!)); // t < 0: t·σ(−t) ≤ t·lower(σ(−t))
  };
  const gLower = (t: number): number => {
    sigmoidPoint(-t);
    return nextDown(1 + nextDown(t * BOUNDS[1]!));
  };
  for (const [a, b] of [
    [-1.2784645427611738, -1.2784645427609738],
    [-2, -1],
  ] as const) {
    if (gUpper(a) < 0 && gLower(b) > 0) return [a, b];
  }
  throw new Error('swish: the bracket of its minimum could not be proven');
})();
/** The minimum of swish, t* + 1, is at least A + 1 (exact by Sterbenz). */
const SWISH_MIN_LOWER = SWISH_BRACKET[0] + 1;

/** swish a·σ(a): decreasing up to t* ≈ −1.2785, increasing after; the minimum is t* + 1. */
export function swish(a: Interval): Interval {
  if (a.lo !== a.lo || a.hi !== a.hi) return empty();
  swishPoint(a.lo);
  const l0 = BOUNDS[0]!;
  const h0 = BOUNDS[1]!;
  if (a.lo === a.hi) return { lo: l0, hi: h0 };
  swishPoint(a.hi);
  const l1 = BOUNDS[0]!;
  const h1 = BOUNDS[1]!;
  if (a.hi <= SWISH_BRACKET[0]) return { lo: l1, hi: h0 };
  if (a.lo >= SWISH_BRACKET[1]) return { lo: l0, hi: h1 };
  return { lo: SWISH_MIN_LOWER, hi: h0 > h1 ? h0 : h1 };
}

/** Whether q·π/2 may lie in [lo, hi], given the endpoints' quadrants and reduced arguments. */
function multipleInside(m: number, qLo: number, rLo: number, qHi: number, rHi: number): boolean {
  // lo = qLo·π/2 + rLo with |rLo| < π/2: lo ≤ m·π/2 for m > qLo, and for m = qLo iff rLo ≤ 0
  // (rLo is known within 2⁻¹⁰⁰: the test errs on the side of "inside")
  const afterLo = m > qLo || (m === qLo && rLo <= REDUCE_ERR * 2);
  const beforeHi = m < qHi || (m === qHi && rHi >= -REDUCE_ERR * 2);
  return afterLo && beforeHi;
}

/** sin (which = 0) or cos (1) over an interval: endpoint values, and ±1 at extrema inside. */
function periodic(a: Interval, which: 0 | 1): Interval {
  if (a.lo !== a.lo || a.hi !== a.hi) return empty();
  if (!(a.hi - a.lo < 6)) return { lo: -1, hi: 1 };
  trigPoint(a.lo, which);
  if (TRIG_COARSE) return { lo: -1, hi: 1 };
  let lo = BOUNDS[0]!;
  let hi = BOUNDS[1]!;
  const qLo = TRIG_Q;
  const rLo = TRIG_R;
  trigPoint(a.hi, which);
  if (TRIG_COARSE) return { lo: -1, hi: 1 };
  if (BOUNDS[0]! < lo) lo = BOUNDS[0]!;
  if (BOUNDS[1]! > hi) hi = BOUNDS[1]!;
  // sin has its maxima at m·π/2 with m ≡ 1 (mod 4) and minima at m ≡ 3; cos x = sin(x + π/2) has
  // them where m + 1 ≡ 1 and m + 1 ≡ 3 (maxima at 0, 2π, …; minima at π, 3π, …)
  for (let m = qLo; m <= TRIG_Q; m++) {
    if (!multipleInside(m, qLo, rLo, TRIG_Q, TRIG_R)) continue;
    const n = (((m + which) % 4) + 4) % 4;
    if (n === 1) hi = 1;
    if (n === 3) lo = -1;
  }
  return { lo, hi };
}

/** sin a. */
export function sin(a: Interval): Interval {
  return periodic(a, 0);
}
/** cos a. */
export function cos(a: Interval): Interval {
  return periodic(a, 1);
}

/** tan a: increasing between poles; the whole line when a pole (an odd multiple of π/2) may lie in a. */
export function tan(a: Interval): Interval {
  if (a.lo !== a.lo || a.hi !== a.hi) return empty();
  const whole = { lo: -Infinity, hi: Infinity };
  if (!(a.hi - a.lo < 3)) return whole;
  tanPoint(a.lo);
  if (TRIG_COARSE) return whole;
  const lo = BOUNDS[0]!;
  const qLo = TRIG_Q;
  const rLo = TRIG_R;
  tanPoint(a.hi);
  if (TRIG_COARSE) return whole;
  for (let m = qLo; m <= TRIG_Q; m++) {
    if (m % 2 !== 0 && multipleInside(m, qLo, rLo, TRIG_Q, TRIG_R)) return whole;
  }
  return { lo, hi: BOUNDS[1]! };
}

/**
 * x^y for x in a ∩ (0, ∞] and y in b (real exponents; EMPTY when a has no positive number). x^y is
 * monotone in each variable separately, so its extremes over the box are at the corners (with the
 * limits of powPoint where a corner is 0 or ∞).
 */
export function powReal(a: Interval, b: Interval): Interval {
  if (a.lo !== a.lo || b.lo !== b.lo || !(a.hi > 0)) return empty();
  if (a.lo === a.hi && b.lo === b.hi) {
    powPoint(a.lo, b.lo);
    return { lo: BOUNDS[0]!, hi: BOUNDS[1]! };
  }
  const x0 = a.lo > 0 ? a.lo : 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of [x0, a.hi]) {
    for (const y of [b.lo, b.hi]) {
      powPoint(x, y);
      if (BOUNDS[0]! < lo) lo = BOUNDS[0]!;
      if (BOUNDS[1]! > hi) hi = BOUNDS[1]!;
    }
  }
  return { lo, hi };
}

/** π, enclosed: the two floats around it. */
export const PI: Interval = Object.freeze(encloseConstant(3.141592653589793, 1.2246467991473532e-16));
/** Euler's number e, enclosed: the two floats around it. */
export const EULER: Interval = Object.freeze(encloseConstant(2.718281828459045, 1.4456468917292502e-16));

/** The enclosure of a constant given in double-double within 2⁻¹⁰⁴ (tested against 200 bits). */
function encloseConstant(h: number, l: number): Interval {
  encloseDD(h, l, 0, pow2(-100));
  return { lo: BOUNDS[0]!, hi: BOUNDS[1]! };
}
