/**
 * Exact rationals on BigInt. A binary64 number is an exact dyadic rational, so every datum of
 * a case has an exact value here; exact proof steps compare and combine these, never floats.
 */

export interface Rational {
  /** numerator; the sign lives here */
  readonly num: bigint;
  /** denominator, always > 0, and gcd(num, den) = 1 */
  readonly den: bigint;
}

const abs = (a: bigint): bigint => (a < 0n ? -a : a);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den in lowest terms; throws on a zero denominator (a programming error, not bad input). */
export function rat(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational with zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (den === 1n) return { num, den };
  // a power-of-two denominator (every binary64 datum, and their sums and products):
  // gcd(num, 2^k) is the lowest set bit of num, or 2^k itself, without Euclid's divisions
  if ((den & (den - 1n)) === 0n) {
    if (num === 0n) return { num, den: 1n };
    const low = num & -num;
    const g = low < den ? low : den;
    return g > 1n ? { num: num / g, den: den / g } : { num, den };
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

/** 2^e as BigInt, built once per exponent (a case's data share a few dozen denominators). */
const POW2: bigint[] = [];

/**
 * The exact value of a finite binary64 number. Doubling a double is exact, and the first x·2^e
 * that is an integer is odd (or e = 0), so x = (x·2^e)/2^e is already in lowest terms: no gcd.
 * The exponent is counted as a number and the power of two shared, not built per datum in
 * BigInt arithmetic (this runs once per datum: 128,000 times for d = 2,000, m = 64).
 */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return { num: BigInt(m), den: (POW2[e] ??= 1n << BigInt(e)) };
}

/**
 * a as a binary64 number when a = p/2^e with |p|, 2^e < 2^53 (what fromNumber gives for data
 * in moderate ranges), else undefined. Number() of a BigInt is a safe integer only when it is
 * that integer exactly, so p and 2^e are exact doubles, p/2^e rounds once, and multiplying back
 * by a power of two is exact: the quotient is a itself iff it gives p back.
 */
function smallDyadic(a: Rational): number | undefined {
  const p = Number(a.num);
  const q = Number(a.den);
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || q !== 2 ** Math.round(Math.log2(q))) return undefined;
  const x = p / q;
  return x * q === p ? x : undefined;
}

const DECIMAL = /^([+-])?(\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** True when `s` is a decimal numeral this module reads exactly ("0.1", "-3", "2.5e-3"). */
export function isDecimal(s: string): boolean {
  const m = DECIMAL.exec(s.trim());
  return m !== null && (m[2] !== undefined || (m[3] !== undefined && m[3] !== ''));
}

/** The exact value of a decimal numeral; undefined when `s` is not one. */
export function fromDecimal(s: string): Rational | undefined {
  const t = s.trim();
  if (!isDecimal(t)) return undefined;
  const m = DECIMAL.exec(t)!;
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const e = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(e) || Math.abs(e) > 10_000) return undefined;
  let num = BigInt((intPart + frac) || '0');
  if (m[1] === '-') num = -num;
  const scale = e - frac.length;
  return scale >= 0 ? rat(num * 10n ** BigInt(scale)) : rat(num, 10n ** BigInt(-scale));
}

export const add = (a: Rational, b: Rational): Rational => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rat(a.num * b.num, a.den * b.den);
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('rational division by zero');
  return rat(a.num * b.den, a.den * b.num);
}
/** −1, 0 or 1 as a < b, a = b, a > b. */
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
export const eq = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const sign = (a: Rational): -1 | 0 | 1 => (a.num < 0n ? -1 : a.num > 0n ? 1 : 0);
export const isZero = (a: Rational): boolean => a.num === 0n;

/** The binary64 number nearest to a (correctly rounded for moderate sizes; used for display and float steps). */
export function toNumber(a: Rational): number {
  if (a.den === 1n) return Number(a.num);
  // Scale so the quotient carries ~64 significant bits, then let Number() round once more.
  const nb = abs(a.num).toString(2).length;
  const db = a.den.toString(2).length;
  const shift = 64 - (nb - db);
  const q = shift >= 0 ? (a.num << BigInt(shift)) / a.den : a.num / (a.den << BigInt(-shift));
  // Scale in pieces so that neither factor under- or overflows before the product does.
  let r = Number(q);
  let s = -shift;
  while (s < -1000) [r, s] = [r * 2 ** -1000, s + 1000];
  while (s > 1000) [r, s] = [r * 2 ** 1000, s - 1000];
  return r * 2 ** s;
}

/** "p/q" or "p": exact text for certificates and messages. */
export function toString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** Parses the output of toString. */
export function parse(s: string): Rational | undefined {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(s.trim());
  if (!m) return undefined;
  const den = m[2] === undefined ? 1n : BigInt(m[2]);
  return den === 0n ? undefined : rat(BigInt(m[1]!), den);
}

/**
 * The exact decimal numeral of a rational whose denominator is 2^a·5^b (every datum a case can
 * give); undefined for other rationals.
 */
export function toDecimal(a: Rational): string | undefined {
  let den = a.den;
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) [den, twos] = [den / 2n, twos + 1];
  while (den % 5n === 0n) [den, fives] = [den / 5n, fives + 1];
  if (den !== 1n) return undefined;
  const digits = Math.max(twos, fives);
  const scaled = abs(a.num) * 10n ** BigInt(digits) / a.den;
  let s = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/\.?0+$/, '');
  return (a.num < 0n ? '-' : '') + s;
}

/**
 * JSON form of an exact value, as case files write it: a number when the value is exactly a
 * binary64 number, else its exact decimal string (else "p/q").
 */
export function toJson(a: Rational): number | string {
  const fast = smallDyadic(a);
  if (fast !== undefined) return fast;
  const x = toNumber(a);
  if (Number.isFinite(x) && eq(fromNumber(x), a)) return x;
  return toDecimal(a) ?? toString(a);
}
