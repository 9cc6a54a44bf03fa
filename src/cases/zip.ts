/**
 * The few parts of the ZIP format an `.npz` file uses: the end-of-central-directory record, the
 * central directory (with its ZIP64 extra field, which numpy writes), local headers, and stored
 * or deflated members. Every offset and size is checked against the file before it is used, and
 * inflation is capped at the size the directory claims (itself checked against the case limit).
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { fmtInt } from './errors.js';
import { LIMITS } from './limits.js';
import { ArrayFileError } from './ndarray.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** Entries an npz of data needs (x, y and a few more). */
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localOffset: number;
}

function u64(view: DataView, at: number, field: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ArrayFileError(field, `a 64-bit size of ${v} is past any file`);
  return Number(v);
}

/** The central directory's entries. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ArrayFileError('zip', 'expected a zip archive (no end-of-central-directory record found)');
  let count = view.getUint16(eocd + 10, true);
  let dirSize = view.getUint32(eocd + 12, true);
  let dirOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR) throw new ArrayFileError('zip', 'a ZIP64 archive without its locator record');
    const z = u64(view, loc + 8, 'zip64 locator');
    if (z + 56 > bytes.length || view.getUint32(z, true) !== ZIP64_EOCD) throw new ArrayFileError('zip', 'the ZIP64 end record is not where its locator says');
    count = u64(view, z + 32, 'zip64 entry count');
    dirSize = u64(view, z + 40, 'zip64 directory size');
    dirOffset = u64(view, z + 48, 'zip64 directory offset');
  }
  if (count > MAX_ENTRIES) throw new ArrayFileError('zip', `${fmtInt(count)} entries; the limit is ${fmtInt(MAX_ENTRIES)}`);
  if (dirOffset + dirSize > bytes.length) throw new ArrayFileError('zip', 'the central directory lies past the end of the file (truncated?)');
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let e = 0; e < count; e++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ArrayFileError('zip', `central directory entry ${e} is damaged`);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    let localOffset = view.getUint32(at + 42, true);
    const end = at + 46 + nameLen + extraLen + commentLen;
    if (end > bytes.length) throw new ArrayFileError('zip', `central directory entry ${e} runs past the end of the file`);
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // ZIP64 extra field: the 64-bit values of exactly those fields saturated at 0xffffffff.
    let x = at + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = view.getUint16(x, true);
      const len = view.getUint16(x + 2, true);
      if (x + 4 + len > xEnd) break;
      if (id === 0x0001) {
        let p = x + 4;
        const take = (field: string): number => {
          if (p + 8 > x + 4 + len) throw new ArrayFileError('zip', `entry "${name}": the ZIP64 field lacks ${field}`);
          const v = u64(view, p, `entry "${name}" ${field}`);
          p += 8;
          return v;
        };
        if (size === 0xffffffff) size = take('the size');
        if (compressedSize === 0xffffffff) compressedSize = take('the compressed size');
        if (localOffset === 0xffffffff) localOffset = take('the offset');
      }
      x += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, crc, localOffset });
    at = end;
  }
  return entries;
}

/** The uncompressed bytes of one entry, its CRC checked. */
export function zipExtract(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const where = `entry "${e.name}"`;
  if (e.size > LIMITS.fileBytes) throw new ArrayFileError(where, `${fmtInt(e.size)} bytes uncompressed; the limit is ${fmtInt(LIMITS.fileBytes)}`);
  const at = e.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw new ArrayFileError(where, 'its local header is not where the directory says (truncated?)');
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.length) throw new ArrayFileError(where, `its ${fmtInt(e.compressedSize)} bytes run past the end of the file (truncated?)`);
  const raw = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw new ArrayFileError(where, 'stored, but its two sizes differ');
    out = raw;
  } else if (e.method === 8) {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    } catch {
      throw new ArrayFileError(where, 'its deflated data are damaged or larger than the directory says');
    }
    if (out.length !== e.size) throw new ArrayFileError(where, `inflates to ${fmtInt(out.length)} bytes, the directory says ${fmtInt(e.size)}`);
  } else {
    throw new ArrayFileError(where, `compression method ${e.method}; expected stored (0) or deflate (8)`);
  }
  if ((crc32(out) >>> 0) !== e.crc) throw new ArrayFileError(where, 'its CRC-32 does not match (the file is damaged)');
  return out;
}
