/**
 * A network trained elsewhere, named in the case: `model: {onnx: FILE}` (the graph and its
 * weights), or `model: {kind: mlp, …}` with `point: {safetensors: FILE}` (the weights of a
 * PyTorch state_dict). Either way the case gets an mlp and, by default, `point: trained`.
 */
import type { ModelSpec, PointSpec } from './types.js';
import { fail, fmtInt, type Path } from './errors.js';
import { LIMITS } from './limits.js';
import { readModel } from './model.js';
import { parsed } from './array-data.js';
import { readDataFile } from './confine.js';
import type { ReadRoots } from './confine.js';
import { parseOnnx, type TrainedNetwork } from './onnx.js';
import { parseSafetensors } from './safetensors.js';
import { OnnxModelSchema, SafetensorsPointSchema, check } from './schema.js';

/** What a network file gives the case. */
export interface NetworkFile {
  readonly model: ModelSpec;
  /** the trained point, unless the case asks for another */
  readonly point?: PointSpec;
  /** the file's bytes (they count in the case's sha256) */
  readonly bytes: Buffer;
  readonly net: TrainedNetwork;
  /** where the file is named, for messages */
  readonly path: Path;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function trainedPoint(net: TrainedNetwork, file: string, format: 'onnx' | 'safetensors'): PointSpec {
  return { kind: 'trained', values: net.values, sourceNames: net.sourceNames, file, format };
}

/**
 * Reads the network file the case names, if any. `rawModel` and `rawPoint` are the case's
 * `model` and `point` fields; files resolve through `roots` (confine.ts).
 */
export function readNetwork(rawModel: unknown, rawPoint: unknown, roots: ReadRoots): NetworkFile | undefined {
  if (isMapping(rawModel) && 'onnx' in rawModel) {
    const path = ['model', 'onnx'];
    const file = check(OnnxModelSchema, rawModel, ['model']).onnx;
    const bytes = readDataFile(roots, file, path);
    const net = parsed(file, path, () => parseOnnx(bytes));
    net.hidden.forEach((w, i) => {
      if (w > LIMITS.width) fail(path, `${file}: hidden layer ${i + 1} has width ${fmtInt(w)}; the limit is ${fmtInt(LIMITS.width)}`);
    });
    if (isMapping(rawPoint) && 'safetensors' in rawPoint) fail(['point', 'safetensors'], 'the weights already come from model.onnx: give one of the two');
    const model: ModelSpec = { kind: 'mlp', hidden: net.hidden, activation: net.activation };
    const point = rawPoint === undefined || rawPoint === 'trained' ? trainedPoint(net, file, 'onnx') : undefined;
    return { model, ...(point !== undefined && { point }), bytes, net, path };
  }
  if (isMapping(rawPoint) && 'safetensors' in rawPoint) {
    const path = ['point', 'safetensors'];
    const file = check(SafetensorsPointSchema, rawPoint, ['point']).safetensors;
    const model = readModel(rawModel, ['model']);
    if (model.kind !== 'mlp') fail(path, `a state_dict of Linear layers needs model kind mlp, got ${model.kind}`);
    const bytes = readDataFile(roots, file, path);
    const net = parsed(file, path, () => parseSafetensors(bytes, model.hidden, model.activation));
    return { model, point: trainedPoint(net, file, 'safetensors'), bytes, net, path };
  }
  if (rawPoint === 'trained') fail(['point'], 'trained needs a network file: model: {onnx: FILE}, or point: {safetensors: FILE} with an mlp model');
  return undefined;
}

/** The network's input and output widths against the data's m and k. */
export function fitNetwork(nf: NetworkFile, m: number, k: number): void {
  if (nf.net.m !== m) fail(nf.path, `the network takes ${fmtInt(nf.net.m)} inputs, but the data have m = ${fmtInt(m)}`);
  if (nf.net.k !== k) fail(nf.path, `the network has ${fmtInt(nf.net.k)} outputs, but the data have k = ${fmtInt(k)}`);
}
