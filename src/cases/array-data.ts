/**
 * The `data` section read from array files: `npy: {x, y}`, `npz: FILE` (arrays `x` and `y`) or
 * `idx: {images, labels}` (MNIST's format), each with an optional `limit: N` (the first N rows).
 * Every file is opened through `readDataFile`, the one place a data path is resolved.
 */
import type { CaseData } from './types.js';
import { fail, fmtInt, plural, type Path } from './errors.js';
import { checkShape } from './data.js';
import { LIMITS } from './limits.js';
import { ArrayFileError, toRows, type NdArray } from './ndarray.js';
import { parseNpy } from './npy.js';
import { parseIdx } from './idx.js';
import { zipEntries, zipExtract } from './zip.js';
import { readDataFile, type ReadRoots } from './confine.js';


/** Runs a parser, turning its ArrayFileError into a field error that names the file and the place in it. */
export function parsed<T>(shown: string, path: Path, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ArrayFileError) fail(path, `${shown}: ${e.field}: ${e.expected}`);
    throw e;
  }
}

/** `data` in one of its array-file forms, as the schema admits it. */
export type ArrayDataSpec =
  | { readonly npy: { readonly x: string; readonly y: string }; readonly limit?: number | undefined }
  | { readonly npz: string; readonly limit?: number | undefined }
  | { readonly idx: { readonly images: string; readonly labels: string }; readonly limit?: number | undefined };

/** One array with where it came from, for messages. */
interface Named {
  readonly a: NdArray;
  readonly shown: string;
  readonly path: Path;
}

/** Reads an array-file data section at `path`; returns the data and every file's bytes (they count in the sha256). */
export function readArrayData(spec: ArrayDataSpec, path: Path, roots: ReadRoots): { data: CaseData; bytes: Buffer[] } {
  if ('npy' in spec) {
    const px = [...path, 'npy', 'x'];
    const py = [...path, 'npy', 'y'];
    const bx = readDataFile(roots, spec.npy.x, px);
    const by = readDataFile(roots, spec.npy.y, py);
    const x = { a: parsed(spec.npy.x, px, () => parseNpy(bx)), shown: spec.npy.x, path: px };
    const y = { a: parsed(spec.npy.y, py, () => parseNpy(by)), shown: spec.npy.y, path: py };
    return { data: assemble(x, y, spec.limit, path), bytes: [bx, by] };
  }
  if ('npz' in spec) {
    const pz = [...path, 'npz'];
    const bytes = readDataFile(roots, spec.npz, pz);
    const arrays = parsed(spec.npz, pz, () => {
      const entries = zipEntries(bytes);
      const member = (name: string): NdArray => {
        const e = entries.find((en) => en.name === `${name}.npy`);
        if (e === undefined) {
          const have = entries.map((en) => en.name.replace(/\.npy$/, '')).slice(0, 10).join(', ');
          throw new ArrayFileError(`array "${name}"`, `missing: expected arrays x and y (the archive has: ${have === '' ? 'nothing' : have})`);
        }
        try {
          return parseNpy(zipExtract(bytes, e));
        } catch (err) {
          if (err instanceof ArrayFileError) throw new ArrayFileError(`${name}.npy ${err.field}`, err.expected);
          throw err;
        }
      };
      return { x: member('x'), y: member('y') };
    });
    return {
      data: assemble({ a: arrays.x, shown: `${spec.npz} array x`, path: pz }, { a: arrays.y, shown: `${spec.npz} array y`, path: pz }, spec.limit, path),
      bytes: [bytes],
    };
  }
  const pi = [...path, 'idx', 'images'];
  const pl = [...path, 'idx', 'labels'];
  const bi = readDataFile(roots, spec.idx.images, pi);
  const bl = readDataFile(roots, spec.idx.labels, pl);
  const images = { a: parsed(spec.idx.images, pi, () => parseIdx(bi)), shown: spec.idx.images, path: pi };
  const labels = { a: parsed(spec.idx.labels, pl, () => parseIdx(bl)), shown: spec.idx.labels, path: pl };
  return { data: assemble(images, labels, spec.limit, path), bytes: [bi, bl] };
}

/** x and y arrays into CaseData: d rows each (the first `limit`), x rows of m, y rows of k. */
function assemble(x: Named, y: Named, limit: number | undefined, path: Path): CaseData {
  const dims = (n: Named, what: string): { d: number; w: number } => {
    if (n.a.shape.length === 0) fail(n.path, `${n.shown}: expected ${what}, got a single number (shape ())`);
    return { d: n.a.shape[0]!, w: n.a.shape.slice(1).reduce((p, s) => p * s, 1) };
  };
  const sx = dims(x, 'd rows of inputs');
  const sy = dims(y, 'd targets');
  if (y.a.shape.length > 2) fail(y.path, `${y.shown}: expected d targets or d rows of k targets, got shape (${y.a.shape.join(', ')})`);
  if (sy.d !== sx.d) fail(y.path, `${y.shown}: expected ${plural(sx.d, 'row')} (one per row of ${x.shown}), got ${fmtInt(sy.d)}`);
  if (sx.d === 0) fail(x.path, `${x.shown}: expected at least one row, got none (d = 0)`);
  if (sx.w === 0) fail(x.path, `${x.shown}: expected at least one input per row, got shape (${x.a.shape.join(', ')})`);
  if (sy.w === 0) fail(y.path, `${y.shown}: expected at least one target per row, got shape (${y.a.shape.join(', ')})`);
  const d = limit === undefined ? sx.d : Math.min(limit, sx.d);
  if (d > LIMITS.rows) fail(x.path, `${x.shown} has ${fmtInt(d)} rows; the limit is ${fmtInt(LIMITS.rows)}`);
  checkShape(d, sx.w, sy.w, x.path, y.path);
  const rx = toRows(x.a, d);
  const ry = toRows(y.a, d);
  const notes = limit !== undefined && limit < sx.d ? [`limit: the first ${plural(d, 'row')} of ${fmtInt(sx.d)}`] : [];
  return { d, m: sx.w, k: sy.w, x: rx.rows, y: ry.rows, xExact: rx.exact, yExact: ry.exact, notes };
}
