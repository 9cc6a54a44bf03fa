/**
 * The layered network: parameter layout (SPEC.md order) and its program.
 *
 * Layer ℓ = 1..L are the hidden layers, ℓ = L+1 the output layer. `Wℓ[i,j]` is the weight from
 * unit j of layer ℓ−1 (layer 0 = the input) to unit i of layer ℓ, `bℓ[i]` the bias of unit i.
 * Order: W1 row-major, b1, W2, b2, …, W(L+1), b(L+1).
 */
import type { ActivationSpec } from '../cases/types.js';
import { compileActivation, type Activation } from './activation.js';
import { ModelError } from './errors.js';
import { ProgramBuilder } from './program-builder.js';
import { programModel, type ProgramModel } from './program-model.js';

/** Where one layer's parameters sit in w. */
export interface MlpLayer {
  /** 1 = first hidden layer, L+1 = output layer */
  readonly layer: number;
  /** units of layer ℓ−1 */
  readonly fanIn: number;
  /** units of layer ℓ */
  readonly width: number;
  /** offset of Wℓ[0,0]; Wℓ[i,j] is at wOffset + i·fanIn + j */
  readonly wOffset: number;
  /** offset of bℓ[0]; bℓ[i] is at bOffset + i */
  readonly bOffset: number;
}

export interface MlpLayout {
  readonly m: number;
  readonly k: number;
  readonly hidden: readonly number[];
  /** hidden layers then the output layer */
  readonly layers: readonly MlpLayer[];
  /** number of parameters */
  readonly n: number;
}

const isPosInt = (v: number): boolean => Number.isSafeInteger(v) && v > 0;

/** The layout of an mlp with input dimension m, hidden widths `hidden`, k outputs. */
export function mlpLayout(m: number, hidden: readonly number[], k: number): MlpLayout {
  if (!isPosInt(m)) throw new RangeError(`m must be a positive integer, got ${m}`);
  if (!isPosInt(k)) throw new RangeError(`k must be a positive integer, got ${k}`);
  hidden.forEach((h, i) => {
    if (!isPosInt(h)) throw new RangeError(`hidden[${i}] must be a positive integer, got ${h}`);
  });
  const widths = [...hidden, k];
  const layers: MlpLayer[] = [];
  let offset = 0;
  let fanIn = m;
  widths.forEach((width, idx) => {
    const wOffset = offset;
    const bOffset = wOffset + width * fanIn;
    layers.push(Object.freeze({ layer: idx + 1, fanIn, width, wOffset, bOffset }));
    offset = bOffset + width;
    fanIn = width;
  });
  return Object.freeze({ m, k, hidden: Object.freeze([...hidden]), layers: Object.freeze(layers), n: offset });
}

/** Index of Wℓ[i,j] in w. */
export const mlpWeightIndex = (L: MlpLayer, i: number, j: number): number => L.wOffset + i * L.fanIn + j;
/** Index of bℓ[i] in w. */
export const mlpBiasIndex = (L: MlpLayer, i: number): number => L.bOffset + i;

/** Parameter names in order: W1[0,0], W1[0,1], …, b1[0], …, b(L+1)[k−1]. */
export function mlpNames(layout: MlpLayout): string[] {
  const names: string[] = [];
  for (const L of layout.layers) {
    for (let i = 0; i < L.width; i++) for (let j = 0; j < L.fanIn; j++) names.push(`W${L.layer}[${i},${j}]`);
    for (let i = 0; i < L.width; i++) names.push(`b${L.layer}[${i}]`);
  }
  return names;
}

/** The mlp as a program: per unit one AFFINE, plus ACT on hidden units. */
export function buildMlp(hidden: readonly number[], activation: ActivationSpec, m: number, k: number): ProgramModel {
  hidden.forEach((h, i) => {
    if (!isPosInt(h)) throw new ModelError(`model.hidden[${i}]`, `must be a positive integer, got ${h}`);
  });
  const layout = mlpLayout(m, hidden, k);
  const act: Activation = compileActivation(activation);
  const pb = new ProgramBuilder(layout.n, m, act);
  let prev: number[] = [];
  for (let j = 0; j < m; j++) prev.push(pb.input(j));
  const last = layout.layers.length - 1;
  layout.layers.forEach((L, idx) => {
    const next: number[] = [];
    for (let i = 0; i < L.width; i++) {
      const params = Array.from({ length: L.fanIn }, (_, j) => mlpWeightIndex(L, i, j));
      const z = pb.affine(mlpBiasIndex(L, i), params, prev);
      next.push(idx === last ? z : pb.act(z));
    }
    prev = next;
  });
  for (const r of prev) pb.output(r);
  return programModel({ kind: 'mlp', names: mlpNames(layout), m, k, program: pb.build(), activation: act });
}
