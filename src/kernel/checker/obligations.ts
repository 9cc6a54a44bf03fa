/**
 * What each theorem's verdict rests on: the kernel's own list of the steps a theorem needs, by
 * the paper's number. A certificate's `results[].steps` are read as hints and compared, never as
 * the list of what must hold: a result that lacks a step listed here, or relabels itself as
 * another theorem, is not certified. `test/kernel/checker/obligations.test.ts` keeps this list and
 * the theorem registry in step.
 *
 * Every id listed has a rule in steps.ts that re-derives it from the certificate's data.
 */

export const OBLIGATIONS = {
  '2.1': ['smooth-model', 'distinct-inputs', 'overparameterized', 'point-found', 'residual-vanishes', 'jacobian-full-rank', 'manifold-near-point'],
  '2.2': ['smooth-model', 'same-zero-set', 'point-found', 'residual-vanishes', 'jacobian-full-rank', 'manifold-transfers', 'loss-across-M', 'second-order-at-M'],
  '2.3': ['loss-is-square', 'smooth-model', 'point-found', 'residual-vanishes', 'jacobian-full-rank', 'hessian-counts', 'min-positive-eigenvalue-bound', 'symbolic-gradient', 'hessian-identity'],
  '3.3': ['distinct-inputs', 'activation-vanishes-nonpositive', 'activation-positive', 'width-at-least-d', 'projection-separates', 'biases-interleave', 'triangular-block-invertible', 'output-weights-enclosed', 'residual-zero', 'parameter-count'],
  '3.4': ['distinct-inputs', 'activation-vanishes-nonpositive', 'activation-positive', 'width-at-least-d', 'projection-separates', 'scalars-stay-distinct', 'biases-interleave', 'triangular-block-invertible', 'output-weights-enclosed', 'residual-zero', 'parameter-count'],
  '4.1': ['distinct-inputs', 'activation-vanishes-nonpositive', 'activation-positive', 'activation-smooth', 'width-at-least-d', 'projection-separates', 'scalars-stay-distinct', 'biases-interleave', 'triangular-block-invertible', 'output-weights-enclosed', 'residual-zero', 'jacobian-full-rank', 'manifold-dimension', 'hessian-spectrum'],
  '4.2': ['distinct-inputs', 'activation-vanishes-nonpositive', 'activation-positive', 'width-at-least-d', 'projection-separates', 'scalars-stay-distinct', 'biases-interleave', 'triangular-block-invertible', 'output-weights-enclosed', 'residual-zero', 'copies-fit', 'jacobian-full-rank', 'shared-versus-copies'],
} as const satisfies Record<string, readonly string[]>;

export type TheoremId = keyof typeof OBLIGATIONS;

export function isTheoremId(id: string): id is TheoremId {
  return Object.prototype.hasOwnProperty.call(OBLIGATIONS, id);
}

/** The theorems about feedforward networks (Section 3 and 4): an expression model is outside them. */
export const NETWORK_THEOREMS: ReadonlySet<string> = new Set(['3.3', '3.4', '4.1', '4.2']);
