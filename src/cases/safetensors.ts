/**
 * A PyTorch `state_dict` of an `nn.Sequential` of `Linear` layers, in the safetensors format:
 * an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
 * byte range, then the bytes. Tensors `0.weight`, `0.bias`, `2.weight`, … (the indices of the
 * Linear modules; activations hold no weights) become the mlp's layers in index order.
 */
import type { ActivationSpec } from './types.js';
import { fmtInt } from './errors.js';
import { LIMITS } from './limits.js';
import { ArrayFileError } from './ndarray.js';
import { networkOf, type AffineLayer, type TrainedNetwork } from './onnx.js';

const MAX_HEADER = 100_000_000;
const SIZES: Record<string, number> = { F32: 4, F64: 8 };

interface Entry {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function entryOf(name: string, v: unknown, dataLen: number): Entry {
  const at = `tensor "${name}"`;
  if (!isRecord(v)) throw new ArrayFileError(at, 'expected {dtype, shape, data_offsets}');
  const { dtype, shape, data_offsets: off } = v;
  if (typeof dtype !== 'string' || SIZES[dtype] === undefined) throw new ArrayFileError(`${at} dtype`, `expected F32 or F64, got ${JSON.stringify(dtype)?.slice(0, 20)}`);
  if (!Array.isArray(shape) || shape.length > 2 || !shape.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) {
    throw new ArrayFileError(`${at} shape`, 'expected a list of at most 2 non-negative integers');
  }
  if (!Array.isArray(off) || off.length !== 2 || !off.every((s) => Number.isSafeInteger(s) && (s as number) >= 0)) {
    throw new ArrayFileError(`${at} data_offsets`, 'expected [begin, end], two non-negative integers');
  }
  const [begin, end] = off as [number, number];
  const count = (shape as number[]).reduce((p, s) => p * s, 1);
  if (count > LIMITS.mlpParams) throw new ArrayFileError(`${at} shape`, `more than ${fmtInt(LIMITS.mlpParams)} numbers, the limit`);
  if (end < begin || end > dataLen) throw new ArrayFileError(`${at} data_offsets`, `[${begin}, ${end}] lies outside the ${fmtInt(dataLen)} bytes of data`);
  if (end - begin !== count * SIZES[dtype]!) throw new ArrayFileError(`${at} data_offsets`, `shape (${shape.join(', ')}) of ${dtype} needs ${fmtInt(count * SIZES[dtype]!)} bytes, the range has ${fmtInt(end - begin)}`);
  return { dtype, shape: shape as number[], begin, end };
}

function values(e: Entry, data: DataView, name: string): Float64Array {
  const size = SIZES[e.dtype]!;
  const out = new Float64Array((e.end - e.begin) / size);
  for (let i = 0; i < out.length; i++) out[i] = size === 4 ? data.getFloat32(e.begin + 4 * i, true) : data.getFloat64(e.begin + 8 * i, true);
  const bad = out.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new ArrayFileError(`tensor "${name}"`, `entry ${fmtInt(bad)} is ${out[bad]}, not a finite number`);
  return out;
}

/**
 * Parses a safetensors state_dict into the network with hidden widths `hidden` and activation
 * `activation` (the case's model section). Throws ArrayFileError naming the tensor at fault.
 */
export function parseSafetensors(bytes: Uint8Array, hidden: readonly number[], activation: ActivationSpec): TrainedNetwork {
  if (bytes.length < 8) throw new ArrayFileError('header', 'the file ends inside the header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getBigUint64(0, true);
  if (len > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) throw new ArrayFileError('header', `a header of ${len} bytes; the file has ${fmtInt(bytes.length - 8)} after the length`);
  const hl = Number(len);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + hl)));
  } catch {
    throw new ArrayFileError('header', 'expected a JSON object (damaged file?)');
  }
  if (!isRecord(header)) throw new ArrayFileError('header', 'expected a JSON object of tensors');
  const dataStart = 8 + hl;
  const data = new DataView(bytes.buffer, bytes.byteOffset + dataStart, bytes.byteLength - dataStart);
  const byIndex = new Map<number, { weight?: string; bias?: string }>();
  for (const name of Object.keys(header)) {
    if (name === '__metadata__') continue;
    const m = /^(?:.*\.)?(\d+)\.(weight|bias)$/.exec(name);
    if (m === null) throw new ArrayFileError(`tensor "${name}"`, 'expected the state_dict of an nn.Sequential of Linear layers (0.weight, 0.bias, 2.weight, …)');
    const idx = Number(m[1]);
    const slot = byIndex.get(idx) ?? {};
    slot[m[2] as 'weight' | 'bias'] = name;
    byIndex.set(idx, slot);
  }
  const order = [...byIndex.keys()].sort((a, b) => a - b);
  if (order.length !== hidden.length + 1) {
    throw new ArrayFileError('tensors', `${order.length} Linear layer(s) (${order.join(', ')}); model.hidden has ${hidden.length} hidden layer(s), so ${hidden.length + 1} are expected`);
  }
  const layers: AffineLayer[] = order.map((idx, l) => {
    const slot = byIndex.get(idx)!;
    if (slot.weight === undefined) throw new ArrayFileError(`layer ${idx}`, `a bias without ${idx}.weight`);
    const we = entryOf(slot.weight, header[slot.weight], data.byteLength);
    if (we.shape.length !== 2) throw new ArrayFileError(`tensor "${slot.weight}" shape`, `expected (out, in), got (${we.shape.join(', ')})`);
    const [width, fanIn] = we.shape as [number, number];
    if (l < hidden.length && width !== hidden[l]) throw new ArrayFileError(`tensor "${slot.weight}" shape`, `${width} outputs, but model.hidden[${l}] is ${hidden[l]}`);
    const W = values(we, data, slot.weight);
    const b = new Float64Array(width);
    if (slot.bias !== undefined) {
      const be = entryOf(slot.bias, header[slot.bias], data.byteLength);
      if (be.shape.length !== 1 || be.shape[0] !== width) throw new ArrayFileError(`tensor "${slot.bias}" shape`, `expected (${width}), got (${be.shape.join(', ')})`);
      b.set(values(be, data, slot.bias));
    }
    const wn = slot.weight;
    const bn = slot.bias;
    return { fanIn, width, W, b, wName: (i, j) => `${wn}[${i},${j}]`, bName: (i) => (bn === undefined ? `(no bias)[${i}]` : `${bn}[${i}]`) };
  });
  layers.forEach((L, l) => {
    if (l > 0 && L.fanIn !== layers[l - 1]!.width) {
      throw new ArrayFileError(`layer ${order[l]}`, `takes ${L.fanIn} inputs, but layer ${order[l - 1]} has ${layers[l - 1]!.width} outputs`);
    }
  });
  return networkOf(layers, activation);
}
