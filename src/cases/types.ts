/**
 * A case after loading and validation: the data with exact and float values, the model, the
 * loss and how to find the point. Everything past `cases/` works on this shape only.
 */
import type { Rational } from '../kernel/rational.js';

/** A built-in activation, or a user's rectified (`positive`) or plain (`expr`) form in `t`. */
export type ActivationSpec =
  | 'smoolu'
  | 'softplus'
  | 'relu'
  | 'tanh'
  | 'sigmoid'
  | 'swish'
  | { readonly name: string; readonly positive: string }
  | { readonly name: string; readonly expr: string };

export const BUILTIN_ACTIVATIONS = ['smoolu', 'softplus', 'relu', 'tanh', 'sigmoid', 'swish'] as const;

export type ModelSpec =
  | { readonly kind: 'mlp'; readonly hidden: readonly number[]; readonly activation: ActivationSpec }
  | {
      readonly kind: 'dag';
      readonly nodes: readonly string[];
      readonly inputs: readonly string[];
      readonly outputs: readonly string[];
      readonly edges: readonly (readonly [string, string])[];
      readonly activation: ActivationSpec;
    }
  | {
      readonly kind: 'expression';
      readonly params: readonly string[];
      readonly inputs: readonly string[];
      /** one expression per output (k of them) */
      readonly output: readonly string[];
    };

/** sum: Σ fᵢ², mean: (1/d) Σ fᵢ², abs: Σ |fᵢ|, power: Σ |fᵢ|^a with a ≥ 1. */
export type LossSpec =
  | { readonly kind: 'sum' }
  | { readonly kind: 'mean' }
  | { readonly kind: 'abs' }
  | { readonly kind: 'power'; readonly a: number };

export type PointSpec =
  /** `fallback: 'search'`: the default point (no `point:` given): search where the construction does not apply */
  | { readonly kind: 'construct'; readonly fallback?: 'search' }
  | { readonly kind: 'search' }
  | { readonly kind: 'train'; readonly steps: number; readonly rate: number }
  | { readonly kind: 'params'; readonly values: Readonly<Record<string, number>> }
  | {
      /** the weights of a network trained elsewhere (`model: {onnx}` or `point: {safetensors}`) */
      readonly kind: 'trained';
      /** the file's weights in the model's parameter order */
      readonly values: Float64Array;
      /** each parameter's name in the file (`0.weight[3,1]`) */
      readonly sourceNames: readonly string[];
      /** the file, as the case names it */
      readonly file: string;
      readonly format: 'onnx' | 'safetensors';
    };

export interface CaseData {
  /** number of data points */
  readonly d: number;
  /** input dimension */
  readonly m: number;
  /** output dimension */
  readonly k: number;
  /** d rows of m floats (the binary64 value of each datum) */
  readonly x: readonly Float64Array[];
  /** d rows of k floats */
  readonly y: readonly Float64Array[];
  /** the same data exactly: a decimal string is that decimal, a number its binary64 value */
  readonly xExact: readonly (readonly Rational[])[];
  readonly yExact: readonly (readonly Rational[])[];
  /** column names where the data came from a CSV file */
  readonly features?: readonly string[];
  readonly targets?: readonly string[];
  /** what loading did to the data, in words (rows dropped by dedupe, one-hot classes) */
  readonly notes: readonly string[];
}

export interface Case {
  readonly name: string;
  readonly description?: string;
  /** the file it came from ('' for a case built in memory) */
  readonly file: string;
  /** sha256 of the case file's bytes (and of a CSV it names), hex */
  readonly sha256: string;
  readonly data: CaseData;
  readonly model: ModelSpec;
  readonly loss: LossSpec;
  readonly point: PointSpec;
  /** size of the label perturbation of Theorem 2.1, 0 = none */
  readonly perturb: number;
  readonly seed: number;
  /** theorem ids the case asks for; undefined = all that fit */
  readonly theorems?: readonly string[];
  /**
   * also compute the float spectrum of the whole n × n Hessian (`check --full-spectrum`); without
   * it Proposition 2.3 needs only rank J and the (d·k) × (d·k) Gram matrix JJᵀ
   */
  readonly fullSpectrum?: boolean;
}
