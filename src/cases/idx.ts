/**
 * The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type code, the number of
 * dimensions, each dimension as a big-endian uint32, then the values big-endian. A file that
 * starts with the gzip magic is inflated first, capped at the case's file limit.
 */
import { gunzipSync } from 'node:zlib';
import { fromNumber as exactFloat } from '../kernel/rational.js';
import { fmtInt } from './errors.js';
import { LIMITS } from './limits.js';
import { ArrayFileError, checkCells, type NdArray } from './ndarray.js';

const TYPES: Record<number, { readonly name: string; readonly size: number }> = {
  0x08: { name: 'ubyte', size: 1 },
  0x09: { name: 'byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
};

/** Inflates gzip data (magic 1f 8b); other bytes are returned as they are. */
export function maybeGunzip(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: LIMITS.fileBytes });
  } catch (e) {
    const big = e instanceof RangeError || (e instanceof Error && 'code' in e && e.code === 'ERR_BUFFER_TOO_LARGE');
    throw new ArrayFileError('gzip', big ? `inflates past ${fmtInt(LIMITS.fileBytes)} bytes, the limit` : 'the gzip data are damaged or truncated');
  }
}

/** Parses an IDX file (gzip or not). */
export function parseIdx(input: Uint8Array): NdArray {
  const bytes = maybeGunzip(input);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new ArrayFileError('magic', 'expected an IDX file (two zero bytes, a type code, a dimension count)');
  const type = TYPES[bytes[2]!];
  if (type === undefined) throw new ArrayFileError('type code', `expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E, got 0x${bytes[2]!.toString(16).padStart(2, '0')}`);
  const dims = bytes[3]!;
  if (dims === 0) throw new ArrayFileError('dimensions', 'expected at least one dimension, got 0');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = 4 + 4 * dims;
  if (bytes.length < start) throw new ArrayFileError('dimensions', `the file ends inside the ${dims} dimension sizes`);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = checkCells(shape, 'dimensions');
  const need = count * type.size;
  if (bytes.length - start < need) {
    throw new ArrayFileError('data', `dimensions ${shape.join(' × ')} of ${type.name} need ${fmtInt(need)} bytes, the file has ${fmtInt(bytes.length - start)}`);
  }
  const floats = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = start + i * type.size;
    let v: number;
    switch (type.size === 1 ? bytes[2] : type.name) {
      case 0x08:
        v = bytes[at]!;
        break;
      case 0x09:
        v = view.getInt8(at);
        break;
      case 'short':
        v = view.getInt16(at, false);
        break;
      case 'int':
        v = view.getInt32(at, false);
        break;
      case 'float':
        v = view.getFloat32(at, false);
        break;
      default:
        v = view.getFloat64(at, false);
    }
    if (!Number.isFinite(v)) throw new ArrayFileError(`element ${fmtInt(i)}`, `expected a finite number, got ${v}`);
    floats[i] = v;
  }
  return { shape, fortran: false, dtype: type.name, floats, exactAt: (i) => exactFloat(floats[i]!) };
}

/**
 * An IDX file of unsigned bytes (MNIST's pixels and labels) as its shape and its bytes, without
 * a float copy: 47 MB for Fashion-MNIST's training images instead of 376 MB.
 */
export function parseIdxBytes(input: Uint8Array): { readonly shape: readonly number[]; readonly bytes: Uint8Array } {
  const bytes = maybeGunzip(input);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new ArrayFileError('magic', 'expected an IDX file (two zero bytes, a type code, a dimension count)');
  if (bytes[2] !== 0x08) throw new ArrayFileError('type code', `expected 0x08 (unsigned bytes), got 0x${bytes[2]!.toString(16).padStart(2, '0')}`);
  const dims = bytes[3]!;
  if (dims === 0) throw new ArrayFileError('dimensions', 'expected at least one dimension, got 0');
  const start = 4 + 4 * dims;
  if (bytes.length < start) throw new ArrayFileError('dimensions', `the file ends inside the ${dims} dimension sizes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = checkCells(shape, 'dimensions');
  if (bytes.length - start < count) {
    throw new ArrayFileError('data', `dimensions ${shape.join(' × ')} of ubyte need ${fmtInt(count)} bytes, the file has ${fmtInt(bytes.length - start)}`);
  }
  // a plain Uint8Array view (a Buffer's slice() would share memory where a typed array's copies)
  return { shape, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset + start, count) };
}
