/**
 * Data values with their exact meaning: a decimal string is that decimal, a number its exact
 * binary64 value. Each datum carries both, the float for float steps and the rational for exact
 * ones, and the two always agree on being zero and on sign.
 */
import { fromDecimal, fromNumber, isDecimal, type Rational } from '../kernel/rational.js';
import { describe, describe as describeValue, fmtInt } from './errors.js';
import { LIMITS } from './limits.js';

/** One datum: its binary64 value and its exact value. */
export interface Datum {
  readonly float: number;
  readonly exact: Rational;
}

/** Either a datum or what was expected instead (the caller adds the path). */
export type DatumResult = Datum | { readonly error: string };

const isError = (r: DatumResult): r is { readonly error: string } => 'error' in r;
export { isError as isDatumError };

/**
 * A decimal numeral read exactly. `what` names what was expected in the message ("a number or
 * a decimal string", "a decimal number"); `shown`, when given, stands for the text in messages
 * instead of quoting it.
 */
export function readDecimal(s: string, what: string, shown?: string): DatumResult {
  const describe = (v: string): string => shown ?? describeValue(v);
  const t = s.trim();
  if (t === '') return { error: `expected ${what}, got ${s === '' ? 'an empty string' : describe(s)}` };
  if (t.length > LIMITS.decimalChars) {
    return { error: `a decimal string of ${fmtInt(t.length)} characters; the limit is ${fmtInt(LIMITS.decimalChars)}` };
  }
  if (!isDecimal(t)) return { error: `expected ${what}, got ${describe(s)}` };
  const float = Number(t);
  // Refuse what binary64 cannot hold, so float and exact steps see the same data.
  if (!Number.isFinite(float)) {
    return { error: `expected a finite number, got ${shown === undefined ? `${describeValue(s)}, which overflows` : 'a decimal that overflows'} binary64` };
  }
  const mantissa = t.split(/[eE]/)[0]!;
  if (float === 0 && /[1-9]/.test(mantissa)) {
    return { error: `expected a number binary64 can hold, got ${shown === undefined ? `${describeValue(s)}, which underflows` : 'a decimal that underflows'} to 0` };
  }
  const exact = fromDecimal(t);
  if (exact === undefined) return { error: `expected ${what}, got ${describe(s)}` };
  return { float, exact };
}


/** The exact value of a finite double (see fromNumber). */
export const exactFloat = fromNumber;

/** A plain finite number, exactly. */
export function readFloat(x: number): DatumResult {
  if (!Number.isFinite(x)) return { error: `expected a finite number, got ${describe(x)}` };
  return { float: x, exact: exactFloat(x) };
}

/**
 * A datum of `x` or `y`: a finite number or a decimal string. Booleans, null, NaN, ±Infinity
 * and non-numeric strings are refused.
 */
export function readDatum(v: unknown): DatumResult {
  if (typeof v === 'number') return readFloat(v);
  if (typeof v === 'string') return readDecimal(v, 'a number or a decimal string');
  return { error: `expected a number or a decimal string, got ${describe(v)}` };
}

/**
 * readDatum with a bounded memo: data repeat values (0, 1, class codes), and a shared immutable
 * Rational costs nothing where millions of fresh ones would not fit in memory.
 */
export class DatumReader {
  private readonly memo = new Map<unknown, Datum>();
  constructor(private readonly capacity = 100_000) {}

  read(v: unknown, parse: (v: unknown) => DatumResult = readDatum): DatumResult {
    // Integers and short strings repeat (0, 1, class codes, "0.5"); other floats rarely do and
    // convert fast. -0 and 0 are one Map key, and -0 keeps its own float: not memoised.
    const memoable = (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) || (typeof v === 'string' && v.length <= 40);
    if (memoable) {
      const hit = this.memo.get(v);
      if (hit !== undefined) return hit;
    }
    const r = parse(v);
    if (memoable && !isError(r) && this.memo.size < this.capacity) this.memo.set(v, r);
    return r;
  }
}
