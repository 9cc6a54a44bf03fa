/**
 * A feedforward network from an ONNX file (a PyTorch `torch.onnx.export`): the graph's nodes
 * and initializers, decoded from the protobuf by hand (protobuf.ts), mapped to an `mlp`.
 *
 * Admitted: `Gemm` (alpha = beta = 1, transA = 0, transB either way), or `MatMul` followed by
 * `Add` of a bias, and between them elementwise activations `Relu`, `Tanh`, `Sigmoid`,
 * `Softplus`, `Elu`, `Selu` (one, or a composition, the same after every hidden layer). Any
 * other node is refused with its name and op type. The initializers are the trained point,
 * laid out in this project's order (W1 row-major, b1, W2, …), and each parameter keeps the
 * ONNX name it came from (`0.weight[3,1]`).
 */
import { fromNumber as exactFloat, toDecimal } from '../kernel/rational.js';
import type { ActivationSpec } from './types.js';
import { fmtInt } from './errors.js';
import { LIMITS } from './limits.js';
import { ArrayFileError } from './ndarray.js';
import { fields, float32, int, ints, text, type Field } from './protobuf.js';

/** A network read from a file: an mlp's shape, its activation and its weights. */
export interface TrainedNetwork {
  /** input dimension m */
  readonly m: number;
  /** output dimension k */
  readonly k: number;
  readonly hidden: readonly number[];
  readonly activation: ActivationSpec;
  /** the weights in the mlp's parameter order */
  readonly values: Float64Array;
  /** for each parameter, the name the file gave it */
  readonly sourceNames: readonly string[];
}

/** One affine layer in our orientation: W is out × in, row-major. */
export interface AffineLayer {
  readonly fanIn: number;
  readonly width: number;
  readonly W: Float64Array;
  readonly b: Float64Array;
  /** the file's name of W[i,j] and of b[i] */
  wName(i: number, j: number): string;
  bName(i: number): string;
}

interface Tensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float64Array;
}

const FLOAT = 1;
const DOUBLE = 11;

function tensor(buf: Uint8Array, where: string): Tensor {
  const fs = fields(buf, where);
  const one = (no: number): Field | undefined => fs.find((f) => f.no === no);
  const name = one(8) === undefined ? '' : text(one(8)!);
  const at = `initializer "${name}"`;
  const dims = ints(fs.filter((f) => f.no === 1), at);
  if (dims.some((v) => !Number.isSafeInteger(v) || v < 0)) throw new ArrayFileError(at, `expected non-negative dimensions, got (${dims.join(', ')})`);
  const type = one(2) === undefined ? 0 : int(one(2)!);
  if (one(14) !== undefined && int(one(14)!) === 1) throw new ArrayFileError(at, 'its data live in an external file; export with the weights inside the .onnx file');
  let count = 1;
  for (const v of dims) {
    count *= v;
    if (count > LIMITS.mlpParams) throw new ArrayFileError(at, `shape (${dims.join(', ')}) holds more than ${fmtInt(LIMITS.mlpParams)} numbers, the limit`);
  }
  if (type !== FLOAT && type !== DOUBLE) throw new ArrayFileError(at, `expected float32 or float64 weights (data_type 1 or 11), got data_type ${type}`);
  const size = type === FLOAT ? 4 : 8;
  const values = new Float64Array(count);
  const raw = one(9);
  if (raw !== undefined && raw.wire === 2) {
    if (raw.bytes.length !== count * size) throw new ArrayFileError(at, `shape (${dims.join(', ')}) needs ${fmtInt(count * size)} bytes of raw_data, got ${fmtInt(raw.bytes.length)}`);
    const v = new DataView(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
    for (let i = 0; i < count; i++) values[i] = size === 4 ? v.getFloat32(4 * i, true) : v.getFloat64(8 * i, true);
  } else {
    // float_data (4) or double_data (10), packed or one field per value
    const list: number[] = [];
    for (const f of fs.filter((x) => x.no === (type === FLOAT ? 4 : 10))) {
      if (f.wire === 2) {
        if (f.bytes.length % size !== 0) throw new ArrayFileError(at, 'packed data of a length that is not a whole number of values');
        const v = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
        for (let i = 0; i < f.bytes.length / size; i++) list.push(size === 4 ? v.getFloat32(4 * i, true) : v.getFloat64(8 * i, true));
      } else if (f.wire === 5 && size === 4) list.push(float32(f));
      else if (f.wire === 1 && size === 8) list.push(new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true));
      if (list.length > count) break;
    }
    if (list.length !== count) throw new ArrayFileError(at, `shape (${dims.join(', ')}) needs ${fmtInt(count)} values, the file has ${fmtInt(list.length)}`);
    values.set(list);
  }
  const bad = values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new ArrayFileError(at, `entry ${fmtInt(bad)} is ${values[bad]}, not a finite number`);
  return { name, dims, values };
}

interface Attr {
  readonly f?: number;
  readonly i?: number;
}

interface Node {
  readonly name: string;
  readonly op: string;
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: ReadonlyMap<string, Attr>;
}

function node(buf: Uint8Array, index: number): Node {
  const where = `node ${index}`;
  const fs = fields(buf, where);
  const attrs = new Map<string, Attr>();
  for (const a of fs.filter((f) => f.no === 5 && f.wire === 2)) {
    const af = fields((a as { bytes: Uint8Array }).bytes, `${where} attribute`);
    const nm = af.find((f) => f.no === 1);
    const f = af.find((x) => x.no === 2);
    const i = af.find((x) => x.no === 3);
    attrs.set(nm === undefined ? '' : text(nm), { ...(f !== undefined && { f: float32(f) }), ...(i !== undefined && { i: int(i) }) });
  }
  const nameField = fs.find((f) => f.no === 3);
  return {
    name: nameField === undefined ? `#${index}` : text(nameField),
    op: text(fs.find((f) => f.no === 4) ?? { no: 4, wire: 2, bytes: new Uint8Array(0) }),
    domain: text(fs.find((f) => f.no === 7) ?? { no: 7, wire: 2, bytes: new Uint8Array(0) }),
    inputs: fs.filter((f) => f.no === 1).map(text),
    outputs: fs.filter((f) => f.no === 2).map(text),
    attrs,
  };
}

const ACTIVATIONS = ['Relu', 'Tanh', 'Sigmoid', 'Softplus', 'Elu', 'Selu'] as const;
type ActOp = (typeof ACTIVATIONS)[number];

/** An activation node: its op and the attributes that change it. */
interface ActStep {
  readonly op: ActOp;
  readonly alpha?: number;
  readonly gamma?: number;
}

const refuse = (n: Node, why: string): never => {
  throw new ArrayFileError(`node "${n.name}" (${n.op === '' ? 'no op type' : n.op})`, why);
};

/** The exact decimal of a float attribute, so the formula means the value the network used. */
const exactDecimal = (v: number): string => toDecimal(exactFloat(v)) ?? String(v);

/** One activation step applied to the formula u, in the expression language of activations. */
function stepFormula(s: ActStep, u: string): string {
  const pos = `((${u}) + abs(${u}))/2`;
  const negExp = `(exp(((${u}) - abs(${u}))/2) - 1)`;
  switch (s.op) {
    case 'Tanh':
      return `tanh(${u})`;
    case 'Sigmoid':
      return `sigmoid(${u})`;
    case 'Softplus':
      return `log1p(exp(${u}))`;
    case 'Relu':
      return pos;
    case 'Elu':
      return `${pos} + ${exactDecimal(s.alpha ?? 1)}*${negExp}`;
    case 'Selu':
      return `${exactDecimal(s.gamma ?? 1.0507009873554805)}*(${pos} + ${exactDecimal(s.alpha ?? 1.6732632423543772)}*${negExp})`;
  }
}

/** The activation of a chain of steps: a built-in where one step is one, else a formula in t. */
export function activationOf(steps: readonly ActStep[]): ActivationSpec {
  if (steps.length === 1) {
    const builtin: Partial<Record<ActOp, ActivationSpec>> = { Relu: 'relu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softplus: 'softplus' };
    const b = builtin[steps[0]!.op];
    if (b !== undefined) return b;
  }
  let f = 't';
  for (const s of steps) f = stepFormula(s, f);
  return { name: steps.map((s) => s.op.toLowerCase()).join('_'), expr: f };
}

const sameSteps = (a: readonly ActStep[], b: readonly ActStep[]): boolean =>
  a.length === b.length && a.every((s, i) => s.op === b[i]!.op && s.alpha === b[i]!.alpha && s.gamma === b[i]!.gamma);

/** Parses an ONNX model file into a network. Throws ArrayFileError naming the node or initializer at fault. */
export function parseOnnx(bytes: Uint8Array): TrainedNetwork {
  const model = fields(bytes, 'model');
  const graphField = model.find((f) => f.no === 7 && f.wire === 2);
  if (graphField === undefined) throw new ArrayFileError('model', 'expected an ONNX ModelProto with a graph (is this an .onnx file?)');
  const graph = fields((graphField as { bytes: Uint8Array }).bytes, 'graph');
  const inits = new Map<string, Tensor>();
  for (const f of graph.filter((g) => g.no === 5 && g.wire === 2)) {
    const t = tensor((f as { bytes: Uint8Array }).bytes, 'initializer');
    inits.set(t.name, t);
  }
  const valueName = (f: Field): string => {
    const vf = fields((f as { bytes: Uint8Array }).bytes, 'graph input');
    const nm = vf.find((x) => x.no === 1);
    return nm === undefined ? '' : text(nm);
  };
  const inputs = graph.filter((g) => g.no === 11 && g.wire === 2).map(valueName).filter((nm) => !inits.has(nm));
  const outputs = graph.filter((g) => g.no === 12 && g.wire === 2).map(valueName);
  if (inputs.length !== 1) throw new ArrayFileError('graph inputs', `expected one data input, got ${inputs.length === 0 ? 'none' : inputs.join(', ')}`);
  if (outputs.length !== 1) throw new ArrayFileError('graph outputs', `expected one output, got ${outputs.length}`);
  const nodes = graph.filter((g) => g.no === 1 && g.wire === 2).map((g, i) => node((g as { bytes: Uint8Array }).bytes, i));

  const layers: AffineLayer[] = [];
  const acts: ActStep[][] = [];
  let current: ActStep[] = [];
  let cur = inputs[0]!;
  let pendingMatMul: { W: Tensor; node: Node } | undefined;
  const weightOf = (n: Node, nm: string | undefined, what: string): Tensor => {
    const t = nm === undefined ? undefined : inits.get(nm);
    if (t === undefined) return refuse(n, `expected ${what} to be an initializer (a trained weight), got "${nm ?? ''}"`);
    return t;
  };
  const pushLayer = (n: Node, layer: AffineLayer): void => {
    const prev = layers[layers.length - 1];
    const fanIn = prev?.width;
    if (fanIn !== undefined && layer.fanIn !== fanIn) refuse(n, `takes ${layer.fanIn} inputs, but the layer before has ${fanIn} outputs`);
    if (layers.length > 0) {
      if (current.length === 0) refuse(n, 'two affine layers with no activation between them (not an mlp)');
      acts.push(current);
    }
    current = [];
    layers.push(layer);
  };
  for (const n of nodes) {
    if (n.domain !== '' && n.domain !== 'ai.onnx') refuse(n, `an operator of domain "${n.domain}"; expected the standard ONNX operators`);
    if (n.inputs[0] !== cur && !(n.op === 'Add' && n.inputs[1] === cur)) {
      refuse(n, `does not take the previous layer's output "${cur}" as its input: only a chain of layers is a feedforward mlp`);
    }
    if (n.outputs.length !== 1) refuse(n, `expected one output, got ${n.outputs.length}`);
    if (pendingMatMul !== undefined && n.op !== 'Add') refuse(n, `expected the Add of a bias after MatMul "${pendingMatMul.node.name}"`);
    switch (n.op) {
      case 'Gemm': {
        const a = (k: string, dflt: number): number => n.attrs.get(k)?.i ?? n.attrs.get(k)?.f ?? dflt;
        if (a('transA', 0) !== 0) refuse(n, 'transA = 1; expected the data as rows (transA = 0)');
        if (n.attrs.get('alpha')?.f !== undefined && n.attrs.get('alpha')!.f !== 1) refuse(n, `alpha = ${n.attrs.get('alpha')!.f}; expected 1`);
        if (n.attrs.get('beta')?.f !== undefined && n.attrs.get('beta')!.f !== 1) refuse(n, `beta = ${n.attrs.get('beta')!.f}; expected 1`);
        const W = weightOf(n, n.inputs[1], 'B');
        if (W.dims.length !== 2) refuse(n, `expected a 2-D weight, got shape (${W.dims.join(', ')})`);
        const transB = a('transB', 0) !== 0;
        const C = n.inputs[2] === undefined || n.inputs[2] === '' ? undefined : weightOf(n, n.inputs[2], 'C');
        pushLayer(n, affine(n, W, transB, C));
        break;
      }
      case 'MatMul': {
        const W = weightOf(n, n.inputs[1], 'the second factor');
        if (W.dims.length !== 2) refuse(n, `expected a 2-D weight, got shape (${W.dims.join(', ')})`);
        pendingMatMul = { W, node: n };
        break;
      }
      case 'Add': {
        if (pendingMatMul === undefined) refuse(n, 'an Add not after a MatMul: expected a bias');
        const other = n.inputs[0] === cur ? n.inputs[1] : n.inputs[0];
        const b = weightOf(n, other, 'the bias');
        pushLayer(n, affine(n, pendingMatMul!.W, false, b));
        pendingMatMul = undefined;
        break;
      }
      default: {
        const op = ACTIVATIONS.find((x) => x === n.op);
        if (op === undefined) refuse(n, `not supported: expected Gemm, MatMul + Add or an activation (${ACTIVATIONS.join(', ')})`);
        if (layers.length === 0) refuse(n, 'an activation before the first affine layer');
        const alpha = n.attrs.get('alpha')?.f;
        const gamma = n.attrs.get('gamma')?.f;
        current.push({ op: op!, ...(alpha !== undefined && { alpha }), ...(gamma !== undefined && { gamma }) });
      }
    }
    cur = n.outputs[0]!;
  }
  if (pendingMatMul !== undefined) refuse(pendingMatMul.node, 'a MatMul without the Add of a bias after it');
  if (cur !== outputs[0]) throw new ArrayFileError('graph outputs', `the output "${outputs[0]}" is not the end of the chain of layers ("${cur}")`);
  if (current.length > 0) throw new ArrayFileError('graph', `the network ends with an activation (${current.map((s) => s.op).join(', ')}); the output layer of an mlp is affine`);
  if (layers.length < 2) throw new ArrayFileError('graph', `${layers.length} affine layer(s); an mlp needs at least one hidden layer`);
  acts.forEach((a, i) => {
    if (!sameSteps(a, acts[0]!)) {
      throw new ArrayFileError('graph', `hidden layer ${i + 1} applies ${a.map((s) => s.op).join('∘')}, layer 1 ${acts[0]!.map((s) => s.op).join('∘')}: an mlp has one activation`);
    }
  });
  return networkOf(layers, activationOf(acts[0]!));
}

/** Gemm's or MatMul's weight in our orientation (out × in), with the bias. */
function affine(n: Node, W: Tensor, transB: boolean, C: Tensor | undefined): AffineLayer {
  // transB: the file holds out × in (PyTorch's Linear); else in × out.
  const [r, c] = W.dims as [number, number];
  const width = transB ? r : c;
  const fanIn = transB ? c : r;
  const w = new Float64Array(width * fanIn);
  for (let i = 0; i < width; i++) for (let j = 0; j < fanIn; j++) w[i * fanIn + j] = transB ? W.values[i * fanIn + j]! : W.values[j * width + i]!;
  const b = new Float64Array(width);
  if (C !== undefined) {
    if (C.values.length !== width || C.dims.length > 2) refuse(n, `expected a bias of ${width} entries, got shape (${C.dims.join(', ')})`);
    b.set(C.values);
  }
  return {
    fanIn,
    width,
    W: w,
    b,
    wName: (i, j) => (transB ? `${W.name}[${i},${j}]` : `${W.name}[${j},${i}]`),
    bName: (i) => (C === undefined ? `(no bias)[${i}]` : `${C.name}[${i}]`),
  };
}

/** Layers in order into the mlp's values and names. */
export function networkOf(layers: readonly AffineLayer[], activation: ActivationSpec): TrainedNetwork {
  const n = layers.reduce((s, L) => s + L.width * L.fanIn + L.width, 0);
  if (n > LIMITS.mlpParams) throw new ArrayFileError('graph', `${fmtInt(n)} parameters; the limit is ${fmtInt(LIMITS.mlpParams)}`);
  const values = new Float64Array(n);
  const names: string[] = [];
  let at = 0;
  for (const L of layers) {
    values.set(L.W, at);
    at += L.W.length;
    for (let i = 0; i < L.width; i++) for (let j = 0; j < L.fanIn; j++) names.push(L.wName(i, j));
    values.set(L.b, at);
    at += L.b.length;
    for (let i = 0; i < L.width; i++) names.push(L.bName(i));
  }
  return {
    m: layers[0]!.fanIn,
    k: layers[layers.length - 1]!.width,
    hidden: layers.slice(0, -1).map((L) => L.width),
    activation,
    values,
    sourceNames: names,
  };
}
