/**
 * Remark 4.2 (k outputs). With k outputs F: ℝⁿ → ℝ^{kd}, and M has codimension k·d. The paper
 * fits the k target columns with k copies of a one-output network. One shared hidden layer does
 * it too: with the block A of Lemma 3.3, the output weights V = Y·A⁻ᵀ (row l solves A vₗ = y⁽ˡ⁾)
 * fit all k outputs, and the output-weight columns of J form I_k ⊗ A, so rank J = k·d by signs.
 *
 * Steps: the hypotheses (distinct-inputs, activation-vanishes-nonpositive, activation-positive,
 * width-at-least-d), the shared construction (projection-separates, scalars-stay-distinct,
 * biases-interleave, triangular-block-invertible, output-weights-enclosed with k columns,
 * residual-zero), copies-fit (the paper's k copies, each with the same A, evaluated by its own
 * one-output model), jacobian-full-rank (k·d, exact), shared-versus-copies (parameter counts,
 * codimension k·d for both).
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), Remark 4.2.
 */
import { defineTheorem, type Claims } from '../src/proof/types.js';
import { modelOf } from '../src/workspace/model-of.js';
import { constructionSteps, lemmaHypotheses } from './steps/construction.js';
import { copiesFit, sharedVersusCopies } from './steps/outputs.js';
import { jacobianFullRank } from './steps/spectrum.js';

export default defineTheorem({
  id: '4.2',
  title: 'Remark 4.2: k outputs, by k copies or by one shared hidden layer',
  statement:
    'With k outputs, M has codimension k·d; k copies of a one-output network fit the data, and so does one shared hidden ' +
    'layer of width d with output weights V = Y·A⁻ᵀ.',
  hypotheses: [
    'σ(t) = 0 for t ≤ 0 and σ(t) > 0 for t > 0',
    'the inputs are pairwise distinct',
    'the last hidden layer has width at least d',
    'k > 1 outputs',
  ],
  fits: (c) => (c.model.kind === 'mlp' || c.model.kind === 'dag') && c.data.k > 1,
  instantiate(c, ws) {
    const { d, k } = c.data;
    return `The ${k} outputs of the network (n = ${modelOf(ws).n}) fit all ${k * d} values: M has codimension k·d = ${k * d}, by one shared layer or by ${k} copies.`;
  },
  steps: [...lemmaHypotheses('corollary'), ...constructionSteps(true), copiesFit, jacobianFullRank, sharedVersusCopies],
  claims(results): Claims {
    const side = results.get('shared-versus-copies');
    if (side?.verdict !== 'holds' || results.get('jacobian-full-rank')?.verdict !== 'holds') return {};
    const shared = side.data.shared as { readonly [key: string]: number };
    const copies = side.data.copies as { readonly [key: string]: number };
    return {
      codimension: shared.codimension!,
      manifoldDimension: shared.manifoldDimension!,
      shared: { parameters: shared.network!, manifoldDimension: shared.manifoldDimension! },
      copies: { parameters: copies.network!, manifoldDimension: copies.manifoldDimension! },
    };
  },
});
