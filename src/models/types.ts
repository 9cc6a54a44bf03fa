/**
 * A model compiled for evaluation: parameter layout plus the kernels that every theorem uses.
 * Outputs, residuals and Jacobian rows are sample-major: row r = i·k + o is output o of sample i.
 */
import type { Activation } from './activation.js';

export interface Model {
  readonly kind: 'mlp' | 'dag' | 'expression';
  /** number of parameters */
  readonly n: number;
  /** input dimension */
  readonly m: number;
  /** output dimension */
  readonly k: number;
  /** parameter names in order (SPEC.md: W1[i,j] row-major, b1, W2, b2, …; w[u->v], b[v]; or params) */
  readonly names: readonly string[];
  /** the activation σ (mlp and dag) */
  readonly activation?: Activation;
  /** f(w, x) for one input: k numbers */
  forward(w: Float64Array, x: Float64Array): Float64Array;
  /** f(w, xᵢ) for all inputs: d·k numbers, sample-major */
  outputs(w: Float64Array, xs: readonly Float64Array[]): Float64Array;
  /** J = ∂f(w, xᵢ)_o / ∂w: (d·k) × n, row-major, by reverse-mode differentiation */
  jacobian(w: Float64Array, xs: readonly Float64Array[]): Float64Array;
  /**
   * Σ_r c_r ∇²f_r(w) v, a weighted sum of output Hessians applied to v (forward-over-reverse).
   * With c = 2F this is the second term of ∇²L v = 2Jᵀ(Jv) + 2Σ fᵣ ∇²fᵣ v.
   */
  weightedHessianVector(w: Float64Array, xs: readonly Float64Array[], c: Float64Array, v: Float64Array): Float64Array;
}
