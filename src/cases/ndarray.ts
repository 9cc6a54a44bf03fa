/**
 * An n-dimensional array read from a data file (npy, npz, IDX), and how it becomes rows of
 * data. Values are binary64 floats with their exact values beside them: a float32 or float64
 * is an exact dyadic rational, an integer is itself.
 */
import type { Rational } from '../kernel/rational.js';
import { fmtInt } from './errors.js';
import { LIMITS } from './limits.js';

/** A malformed data file: `field` is where in the file (a header field, an entry), `expected` what should be there. */
export class ArrayFileError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
    this.name = 'ArrayFileError';
  }
}

export interface NdArray {
  readonly shape: readonly number[];
  /** Fortran (column-major) order; else C (row-major) */
  readonly fortran: boolean;
  /** the dtype as the file wrote it */
  readonly dtype: string;
  /** every element in file order */
  readonly floats: Float64Array;
  /** the exact value of the element at file position i */
  exactAt(i: number): Rational;
}

/** The element count of `shape`, refused past the case's cell limit (before any allocation). */
export function checkCells(shape: readonly number[], field: string): number {
  let count = 1;
  for (const s of shape) {
    count *= s;
    if (count > LIMITS.cells) throw new ArrayFileError(field, `shape (${shape.join(', ')}) holds more than ${fmtInt(LIMITS.cells)} numbers, the limit`);
  }
  return count;
}

/** Rows of floats and exact values, as a data section holds them. */
export interface Rows {
  readonly rows: Float64Array[];
  readonly exact: Rational[][];
}

/**
 * The array as `rows` rows of `cols` numbers (a 1-D array is one number per row; more
 * dimensions than two are flattened per row, in C order, as an image becomes its pixels).
 * Only the first `take` rows are converted.
 */
export function toRows(a: NdArray, take: number): Rows {
  const cols = a.shape.slice(1).reduce((p, s) => p * s, 1);
  const rows: Float64Array[] = [];
  const exact: Rational[][] = [];
  const memo = new Map<number, Rational>();
  for (let r = 0; r < take; r++) {
    const f = new Float64Array(cols);
    const e = new Array<Rational>(cols);
    for (let c = 0; c < cols; c++) {
      const at = a.fortran ? fortranIndex(a.shape, r, c) : r * cols + c;
      const v = a.floats[at]!;
      f[c] = v;
      // Pixels and labels repeat: share one Rational per small integer.
      if (Number.isInteger(v) && Math.abs(v) <= 65536 && !Object.is(v, -0)) {
        let q = memo.get(v);
        if (q === undefined) memo.set(v, (q = a.exactAt(at)));
        e[c] = q;
      } else e[c] = a.exactAt(at);
    }
    rows.push(f);
    exact.push(e);
  }
  return { rows, exact };
}

/** File position of row r, C-order column c (the trailing indices flattened) in a Fortran-order array. */
function fortranIndex(shape: readonly number[], r: number, c: number): number {
  // Unflatten c over shape[1..] in C order, then lay out with the first index fastest.
  let at = 0;
  let stride = 1;
  const idx = new Array<number>(shape.length);
  idx[0] = r;
  let rest = c;
  for (let k = shape.length - 1; k >= 1; k--) {
    idx[k] = rest % shape[k]!;
    rest = Math.floor(rest / shape[k]!);
  }
  for (let k = 0; k < shape.length; k++) {
    at += idx[k]! * stride;
    stride *= shape[k]!;
  }
  return at;
}
