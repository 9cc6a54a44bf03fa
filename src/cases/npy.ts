/**
 * NumPy's `.npy` format, read by hand: the magic `\x93NUMPY`, a version, a header that is a
 * Python dict literal (`descr`, `fortran_order`, `shape`), then the raw array. Little- and
 * big-endian float32/float64, signed and unsigned integers of 1 to 8 bytes and booleans; C or
 * Fortran order. Every size is checked against the bytes present (and the case limits) before
 * anything is allocated, so a header that claims a huge shape costs nothing.
 */
import { fromNumber as exactFloat, rat, type Rational } from '../kernel/rational.js';
import { fmtInt } from './errors.js';
import { ArrayFileError, checkCells, type NdArray } from './ndarray.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy pads headers to 64 bytes; anything past this is not a header numpy wrote. */
const MAX_HEADER = 1 << 20;

interface Dtype {
  readonly kind: 'f' | 'i' | 'u' | 'b';
  readonly size: number;
  readonly little: boolean;
  readonly text: string;
}

const SIZES: Record<string, readonly number[]> = { f: [4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };

function readDtype(descr: string): Dtype {
  const m = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const expected = "a float32/float64, integer or boolean dtype ('<f8', '>f4', '<i8', '|u1', …)";
  if (m === null) throw new ArrayFileError("header 'descr'", `expected ${expected}, got '${descr.slice(0, 40)}'`);
  const kind = m[2] as Dtype['kind'];
  const size = Number(m[3]);
  if (!SIZES[kind]!.includes(size)) throw new ArrayFileError("header 'descr'", `expected ${expected}, got '${descr}'`);
  // '|' (not applicable) and '=' (native: every platform numpy runs on here is little-endian).
  return { kind, size, little: m[1] !== '>', text: descr };
}

interface Header {
  readonly dtype: Dtype;
  readonly fortran: boolean;
  readonly shape: readonly number[];
}

/** The dict literal numpy writes; keys in any order, a trailing comma, padding spaces. */
function parseHeader(text: string): Header {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) throw new ArrayFileError('header', 'expected a Python dict literal {…}');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(t);
  if (descr === null) throw new ArrayFileError("header 'descr'", "missing: expected a dtype string such as '<f8' (structured dtypes are not data)");
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(t);
  if (fortran === null) throw new ArrayFileError("header 'fortran_order'", 'missing: expected True or False');
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(t);
  if (shape === null) throw new ArrayFileError("header 'shape'", 'missing: expected a tuple of integers');
  const dims = shape[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out = dims.map((s) => {
    if (!/^\d{1,15}$/.test(s)) throw new ArrayFileError("header 'shape'", `expected non-negative integers, got '${s.slice(0, 20)}'`);
    return Number(s);
  });
  return { dtype: readDtype(descr[1]!), fortran: fortran[1] === 'True', shape: out };
}

/** Parses the bytes of a `.npy` file. Throws ArrayFileError naming the header field at fault. */
export function parseNpy(bytes: Uint8Array): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new ArrayFileError('magic', 'expected a .npy file (starting with \\x93NUMPY)');
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new ArrayFileError('version', `expected format version 1, 2 or 3, got ${major}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new ArrayFileError('header', 'the file ends inside the header length');
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (headerLen > MAX_HEADER) throw new ArrayFileError('header', `a header of ${fmtInt(headerLen)} bytes; the limit is ${fmtInt(MAX_HEADER)}`);
  if (start + headerLen > bytes.length) throw new ArrayFileError('header', `the file ends inside the header (${fmtInt(headerLen)} bytes claimed)`);
  const decoder = new TextDecoder(major === 3 ? 'utf-8' : 'latin1');
  const header = parseHeader(decoder.decode(bytes.subarray(start, start + headerLen)));
  const count = checkCells(header.shape, "header 'shape'");
  const dataStart = start + headerLen;
  const need = count * header.dtype.size;
  const have = bytes.length - dataStart;
  if (have < need) {
    throw new ArrayFileError('data', `shape (${header.shape.join(', ')}) of ${header.dtype.text} needs ${fmtInt(need)} bytes, the file has ${fmtInt(have)}`);
  }
  return decode(view, dataStart, count, header);
}

function decode(view: DataView, offset: number, count: number, h: Header): NdArray {
  const { dtype } = h;
  const floats = new Float64Array(count);
  let big: bigint[] | undefined;
  const { size, little } = dtype;
  for (let i = 0; i < count; i++) {
    const at = offset + i * size;
    let v: number;
    switch (dtype.kind) {
      case 'f':
        v = size === 4 ? view.getFloat32(at, little) : view.getFloat64(at, little);
        if (!Number.isFinite(v)) throw new ArrayFileError(`element ${fmtInt(i)}`, `expected a finite number, got ${v}`);
        break;
      case 'b':
        v = view.getUint8(at) === 0 ? 0 : 1;
        break;
      case 'i':
      case 'u': {
        if (size === 8) {
          const b = dtype.kind === 'i' ? view.getBigInt64(at, little) : view.getBigUint64(at, little);
          v = Number(b);
          // Past 2^53 the double is rounded: keep the integer itself for the exact value.
          if (!Number.isSafeInteger(v)) (big ??= [])[i] = b;
        } else if (size === 4) v = dtype.kind === 'i' ? view.getInt32(at, little) : view.getUint32(at, little);
        else if (size === 2) v = dtype.kind === 'i' ? view.getInt16(at, little) : view.getUint16(at, little);
        else v = dtype.kind === 'i' ? view.getInt8(at) : view.getUint8(at);
        break;
      }
    }
    floats[i] = v;
  }
  const exactAt = (i: number): Rational => {
    const b = big?.[i];
    return b !== undefined ? rat(b) : exactFloat(floats[i]!);
  };
  return { shape: h.shape, fortran: h.fortran, dtype: dtype.text, floats, exactAt };
}
