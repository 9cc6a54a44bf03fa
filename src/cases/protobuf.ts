/**
 * The protobuf wire format, decoded by hand for the few ONNX messages a feedforward export
 * uses: varints, 64- and 32-bit fixed fields, length-delimited fields (messages, strings,
 * bytes, packed repeated numbers). Every length is checked against the bytes left, so a
 * damaged or hostile file ends in an error, never a read past the buffer.
 */
import { ArrayFileError } from './ndarray.js';

/** One field as read: its number, wire type and payload. */
export type Field =
  | { readonly no: number; readonly wire: 0; readonly value: bigint }
  | { readonly no: number; readonly wire: 1; readonly bytes: Uint8Array }
  | { readonly no: number; readonly wire: 2; readonly bytes: Uint8Array }
  | { readonly no: number; readonly wire: 5; readonly bytes: Uint8Array };

/** Nesting deeper than this is not an ONNX export (a graph's messages are a few levels deep). */
const MAX_DEPTH = 32;

function varint(buf: Uint8Array, at: number, where: string): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (at >= buf.length) throw new ArrayFileError(where, 'the message ends inside a number (truncated?)');
    const b = buf[at++]!;
    v |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [v, at];
    shift += 7n;
  }
  throw new ArrayFileError(where, 'a number longer than 10 bytes (damaged file)');
}

/** The fields of one message, in order. `where` names the message for errors. */
export function fields(buf: Uint8Array, where: string, depth = 0): Field[] {
  if (depth > MAX_DEPTH) throw new ArrayFileError(where, `messages nested more than ${MAX_DEPTH} deep`);
  const out: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const [key, next] = varint(buf, at, where);
    at = next;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    switch (wire) {
      case 0: {
        const [value, n2] = varint(buf, at, where);
        at = n2;
        out.push({ no, wire, value });
        break;
      }
      case 1:
      case 5: {
        const len = wire === 1 ? 8 : 4;
        if (at + len > buf.length) throw new ArrayFileError(where, 'the message ends inside a fixed-size field (truncated?)');
        out.push({ no, wire, bytes: buf.subarray(at, at + len) });
        at += len;
        break;
      }
      case 2: {
        const [len, n2] = varint(buf, at, where);
        at = n2;
        if (len > BigInt(buf.length - at)) throw new ArrayFileError(where, `a field of ${len} bytes runs past the end of its message (truncated?)`);
        const l = Number(len);
        out.push({ no, wire, bytes: buf.subarray(at, at + l) });
        at += l;
        break;
      }
      default:
        throw new ArrayFileError(where, `wire type ${wire} (field ${no}) is not protobuf data (damaged file?)`);
    }
  }
  return out;
}

const utf8 = new TextDecoder('utf-8');

/** A string field's text. */
export const text = (f: Field): string => (f.wire === 2 ? utf8.decode(f.bytes) : '');

/** An integer field's value (plain varint), as a number; int64 two's complement is folded to negative. */
export function int(f: Field): number {
  if (f.wire !== 0) return NaN;
  const v = f.value >= 1n << 63n ? f.value - (1n << 64n) : f.value;
  return Number(v);
}

/** The integers of a repeated int field, packed (wire 2) or not (wire 0). */
export function ints(list: readonly Field[], where: string): number[] {
  const out: number[] = [];
  for (const f of list) {
    if (f.wire === 0) out.push(int(f));
    else if (f.wire === 2) {
      let at = 0;
      while (at < f.bytes.length) {
        const [v, n] = varint(f.bytes, at, where);
        at = n;
        out.push(Number(v >= 1n << 63n ? v - (1n << 64n) : v));
      }
    }
  }
  return out;
}

/** A float (fixed32) field's value. */
export const float32 = (f: Field): number =>
  f.wire === 5 ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true) : NaN;
