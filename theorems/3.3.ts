/**
 * Lemma 3.3 (exact fit by one hidden layer). Let σ vanish on t ≤ 0 and be positive on t > 0, and
 * let x₁, …, x_d ∈ ℝᵐ be distinct, y ∈ ℝᵈ. Then a network with one hidden layer of width d fits
 * the data exactly: some w has f(w, xᵢ) = yᵢ for every i, so L attains its global minimum 0.
 *
 * Hypotheses (steps): distinct-inputs, activation-vanishes-nonpositive, activation-positive,
 * width-at-least-d. The paper asks σ "rectified" (Definition 3.1); the proof uses only the two
 * sign properties, and smoothness not at all (relu passes).
 *
 * Proof, as steps:
 *   projection-separates         a with tᵢ = a·xᵢ pairwise distinct, sorted (exact, BigInt)
 *   biases-interleave            t_{j−1} ≤ βⱼ < tⱼ (exact comparisons of floats with rationals)
 *   triangular-block-invertible  Aᵢⱼ = σ(tᵢ − βⱼ) lower triangular, positive diagonal (signs)
 *   output-weights-enclosed      v = A⁻¹y, float and interval (preconditioned substitution)
 *   residual-zero                F = 0 on the box; the float point by the model's forward pass
 *   parameter-count              2d + m for the construction's family, n for the network
 *
 * Why exact where it is: the data are exact rationals and the weights floats, so every sign the
 * proof needs is a comparison of rationals; only σ's values and the solve are enclosed in
 * intervals, and the float solve is stabilised by its scale and bias placement (MATH.md,
 * "Numerical stability").
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), Lemma 3.3.
 */
import { hiddenDepth } from '../src/workspace/construction.js';
import { modelOf } from '../src/workspace/model-of.js';
import { defineTheorem } from '../src/proof/types.js';
import { constructionSteps, fitClaims, lemmaHypotheses, parameterCount } from './steps/construction.js';

export default defineTheorem({
  id: '3.3',
  title: 'Lemma 3.3: one hidden layer of width d fits any d distinct points',
  statement:
    'If σ vanishes on t ≤ 0 and is positive on t > 0, a network with one hidden layer of width d fits d distinct ' +
    'inputs to any targets exactly, so the global minimum of L is 0.',
  hypotheses: [
    'σ(t) = 0 for t ≤ 0',
    'σ(t) > 0 for t > 0',
    'the inputs x₁, …, x_d are pairwise distinct',
    'one hidden layer of width at least d',
  ],
  fits: (c) => (c.model.kind === 'mlp' || c.model.kind === 'dag') && hiddenDepth(c) === 1,
  instantiate(c, ws) {
    const { d, m, k } = c.data;
    const width = c.model.kind === 'mlp' ? c.model.hidden[0] : undefined;
    const family = k === 1 ? `2d + m = ${2 * d + m}` : `m + d + k·d = ${m + d + k * d}`;
    return (
      `A network with ${width !== undefined ? `one hidden layer of width ${width}` : 'one internal layer'} (n = ${modelOf(ws).n}) fits the ` +
      `${d} points of ℝ^${m} exactly: L attains its global minimum 0, at a point built from ${family} numbers.`
    );
  },
  steps: [...lemmaHypotheses('lemma'), ...constructionSteps(false), parameterCount],
  claims: fitClaims,
});
