/**
 * The `data` section written inline: `x` as d rows of m numbers (or d numbers when m = 1), `y` as d numbers (k = 1) or d
 * rows of k numbers. Every datum is read with its exact value (see numbers.ts).
 */
import type { Rational } from '../kernel/rational.js';
import type { CaseData } from './types.js';
import { describe, fail, fmtInt, plural, type Path } from './errors.js';
import { LIMITS } from './limits.js';
import { DatumReader, exactFloat, isDatumError } from './numbers.js';

/** Rows of floats and exact values, as CaseData holds them. */
interface Matrix {
  readonly rows: Float64Array[];
  readonly exact: Rational[][];
}

/** d ≥ 1 and within the limit, for the list at `path`. */
function checkRowCount(d: number, path: Path): void {
  if (d === 0) fail(path, 'expected at least one row, got none (d = 0)');
  if (d > LIMITS.rows) fail(path, `${fmtInt(d)} rows; the limit is ${fmtInt(LIMITS.rows)}`);
}

/** Checks m, k and d·m against the limits. */
export function checkShape(d: number, m: number, k: number, pathX: Path, pathY: Path): void {
  if (m > LIMITS.inputs) fail(pathX, `${fmtInt(m)} inputs per row; the limit is ${fmtInt(LIMITS.inputs)}`);
  if (d * m > LIMITS.cells) fail(pathX, `d·m = ${fmtInt(d * m)} numbers; the limit is ${fmtInt(LIMITS.cells)}`);
  if (k > LIMITS.outputs) fail(pathY, `${fmtInt(k)} outputs per row; the limit is ${fmtInt(LIMITS.outputs)}`);
}

/** Reads `list` (already known to hold rows of `width` entries) into floats and exact values. */
function readRows(list: readonly (readonly unknown[])[], width: number, path: Path, reader: DatumReader): Matrix {
  const rows: Float64Array[] = [];
  const exact: Rational[][] = [];
  list.forEach((row, i) => {
    const f = new Float64Array(width);
    const e: Rational[] = new Array<Rational>(width);
    for (let j = 0; j < width; j++) {
      const v = row[j];
      // A finite non-integer number (most data) is its own float and its exact binary64 value:
      // readFloat without the intermediate record (the memo holds integers and strings only).
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) {
        f[j] = v;
        e[j] = exactFloat(v);
        continue;
      }
      const r = reader.read(v);
      if (isDatumError(r)) fail([...path, i, j], r.error);
      f[j] = r.float;
      e[j] = r.exact;
    }
    rows.push(f);
    exact.push(e);
  });
  return { rows, exact };
}

/**
 * `x`: a non-empty list of rows, all as long as row 0, or (m = 1) a flat list of numbers.
 * Returns d and m, and whether it was flat.
 */
function shapeOfX(x: unknown, path: Path): { d: number; m: number; rows: readonly (readonly unknown[])[]; flat: boolean } {
  if (x === undefined) fail(path, 'missing: expected a list of rows (d rows of m numbers)');
  if (!Array.isArray(x)) fail(path, `expected a list of rows (d rows of m numbers), got ${describe(x)}`);
  checkRowCount(x.length, path);
  const first: unknown = x[0];
  if (!Array.isArray(first)) {
    // one input per point, written [0, 1, 2] for [[0], [1], [2]]
    x.forEach((v: unknown, i) => {
      if (Array.isArray(v)) fail([...path, i], `expected a number: data.x is a flat list (m = 1) like its entry 0, got ${describe(v)}`);
    });
    return { d: x.length, m: 1, rows: [], flat: true };
  }
  const m = first.length;
  if (m === 0) fail([...path, 0], 'expected at least one number (m ≥ 1), got an empty list');
  x.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) fail([...path, i], `expected a row of ${plural(m, 'number')} (like row 0), got ${describe(row)}`);
    if (row.length !== m) fail([...path, i], `expected ${plural(m, 'number')} (like row 0), got ${fmtInt(row.length)}`);
  });
  return { d: x.length, m, rows: x as unknown[][], flat: false };
}

/** `y`: d numbers, or d rows of k numbers, never a mix. Returns k and which of the two it is. */
function shapeOfY(y: unknown, d: number, path: Path): { k: number; nested: boolean } {
  if (y === undefined) fail(path, 'missing: expected d numbers, or d rows of k numbers');
  if (!Array.isArray(y)) fail(path, `expected a list (d numbers, or d rows of k numbers), got ${describe(y)}`);
  if (y.length !== d) fail(path, `expected ${plural(d, 'entry', 'entries')} (one per row of data.x), got ${fmtInt(y.length)}`);
  const first: unknown = y[0];
  if (!Array.isArray(first)) {
    y.forEach((v: unknown, i) => {
      if (Array.isArray(v)) fail([...path, i], `expected a number (like row 0), got ${describe(v)}`);
    });
    return { k: 1, nested: false };
  }
  const k = first.length;
  if (k === 0) fail([...path, 0], 'expected at least one number (k ≥ 1), got an empty list');
  y.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) fail([...path, i], `expected a row of ${plural(k, 'number')} (like row 0), got ${describe(row)}`);
    if (row.length !== k) fail([...path, i], `expected ${plural(k, 'number')} (like row 0), got ${fmtInt(row.length)}`);
  });
  return { k, nested: true };
}

/** Reads inline `x` and `y` (the fields of `data`, at `path`). */
export function readInlineData(x: unknown, y: unknown, path: Path): CaseData {
  const px = [...path, 'x'];
  const py = [...path, 'y'];
  const sx = shapeOfX(x, px);
  const sy = shapeOfY(y, sx.d, py);
  checkShape(sx.d, sx.m, sy.k, px, py);
  const reader = new DatumReader();
  const mx = sx.flat ? readScalars(x as unknown[], px, reader) : readRows(sx.rows, sx.m, px, reader);
  // k = 1 data are written as plain numbers: their path is y[i], not y[i][0].
  const my = sy.nested ? readRows(y as unknown[][], sy.k, py, reader) : readScalars(y as unknown[], py, reader);
  return { d: sx.d, m: sx.m, k: sy.k, x: mx.rows, y: my.rows, xExact: mx.exact, yExact: my.exact, notes: [] };
}

function readScalars(list: readonly unknown[], path: Path, reader: DatumReader): Matrix {
  const rows: Float64Array[] = [];
  const exact: Rational[][] = [];
  list.forEach((v, i) => {
    const r = reader.read(v);
    if (isDatumError(r)) fail([...path, i], r.error);
    rows.push(Float64Array.of(r.float));
    exact.push([r.exact]);
  });
  return { rows, exact };
}
