/**
 * Theorem 4.1. For a feedforward network with a smooth σ that vanishes on t ≤ 0 and is positive on
 * t > 0, whose last hidden layer has width at least d (the statement says > d; the proof uses ≥ d),
 * the global minimum of L is 0 and M = L⁻¹(0) is a non-empty smooth submanifold of dimension n − d
 * (n − d·k with k outputs), generically.
 *
 * What is certified on a case, at the constructed point w* (Lemma 3.3 / Corollary 3.4):
 *   - M is non-empty: the enclosure box holds a true zero of F (interval);
 *   - rank J(w*) = d·k exactly: the output-weight columns of J are the triangular block A
 *     (I_k ⊗ A), invertible by signs; so near w*, M is a smooth (n − d·k)-manifold (regular value
 *     theorem, cited with its hypotheses checked);
 *   - the Hessian of L at w* has exactly d·k positive, n − d·k zero and no negative eigenvalues
 *     (Proposition 2.3, counts exact from the rank), and λ_min⁺ ≥ 2σ_min(A)², σ_min(A) bounded below
 *     rigorously by O(d²) triangular solves.
 * Nothing is n × n: no Jacobian is formed and no SVD taken; the cost is O(d²) in the triangular
 * block and O(d·m) for the projections. For a whole image data set (integer pixels, smooLU, biases
 * at the previous scalar) the same argument runs in O(d·w): src/points/stream solves D·A·D as a
 * band of width w plus a σ″ tail bounded by an integral, and src/kernel/checker/streamed.ts
 * re-proves these steps from the data and the construction's generators (bench/fashion.ts: all
 * 60,000 Fashion-MNIST images).
 *
 * Steps: the hypotheses (distinct-inputs, activation-vanishes-nonpositive, activation-positive,
 * activation-smooth, width-at-least-d), the construction (projection-separates,
 * scalars-stay-distinct, biases-interleave, triangular-block-invertible, output-weights-enclosed,
 * residual-zero), then jacobian-full-rank, manifold-dimension, hessian-spectrum.
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), Theorem 4.1
 * and Proposition 2.3.
 */
import { modelOf } from '../src/workspace/model-of.js';
import { defineTheorem, type Json } from '../src/proof/types.js';
import { activationSmooth } from './steps/activation.js';
import { constructionSteps, lemmaHypotheses } from './steps/construction.js';
import { hessianSpectrum, jacobianFullRank, manifoldDimension } from './steps/spectrum.js';

export default defineTheorem({
  id: '4.1',
  title: 'Theorem 4.1: the global minima form a non-empty manifold of dimension n − d·k',
  statement:
    'For a network with smooth σ vanishing on t ≤ 0 and positive on t > 0, and last hidden layer of width at least d, ' +
    'the global minimum of L is 0 and M is a non-empty smooth submanifold of dimension n − d·k.',
  hypotheses: [
    'σ(t) = 0 for t ≤ 0 and σ(t) > 0 for t > 0',
    'σ is smooth',
    'the inputs are pairwise distinct',
    'the last hidden layer has width at least d',
  ],
  fits: (c) => c.model.kind === 'mlp' || c.model.kind === 'dag',
  instantiate(c, ws) {
    const n = modelOf(ws).n;
    const dk = c.data.d * c.data.k;
    return `M ⊂ ℝ^${n} is non-empty, and near the constructed point a smooth manifold of dimension n − d·k = ${n - dk}; the Hessian there has ${dk} positive and ${n - dk} zero eigenvalues.`;
  },
  steps: [...lemmaHypotheses('corollary', [activationSmooth]), ...constructionSteps(true), jacobianFullRank, manifoldDimension, hessianSpectrum],
  claims(results) {
    const rank = results.get('jacobian-full-rank');
    const dim = results.get('manifold-dimension');
    const hess = results.get('hessian-spectrum');
    const out: Record<string, Json> = {};
    if (dim?.verdict === 'holds') out.manifoldDimension = dim.data.dimension ?? null;
    if (rank?.verdict === 'holds' && hess?.verdict === 'holds') {
      out.hessian = { positive: hess.data.positive ?? null, zero: hess.data.zero ?? null, negative: 0 };
      // Without a rigorous bound on σ_min(A) the value is an estimate (the step says so), not a claimed lower bound.
      if (hess.rigor !== 'float') out.minPositiveEigenvalueLowerBound = hess.data.minPositiveEigenvalueLowerBound ?? null;
    }
    return out;
  },
});
