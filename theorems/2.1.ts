/**
 * Theorem 2.1 (any architecture). If every residual fᵢ(w) = f(w, xᵢ) − yᵢ is smooth, then for
 * generic data M = F⁻¹(0) is empty or a smooth submanifold of ℝⁿ of dimension n − d·k.
 *
 * Hypotheses: the xᵢ are pairwise distinct; n > d·k.
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), §2.1.
 */
import { defineTheorem } from '../src/proof/types.js';
import { modelOf } from '../src/proof/model-of.js';
import { distinctInputs, overparameterized } from './steps/data.js';

export default defineTheorem({
  id: '2.1',
  title: 'Theorem 2.1: the global minima form a manifold of dimension n − d',
  statement: 'For generic data, M = L⁻¹(0) is empty or a smooth submanifold of ℝⁿ of dimension n − d·k.',
  hypotheses: ['each fᵢ is smooth in w', 'the inputs xᵢ are pairwise distinct', 'n > d·k'],
  fits: () => true,
  instantiate(c, ws) {
    const n = modelOf(ws).n;
    const dim = n - c.data.d * c.data.k;
    return `For generic targets, M ⊂ ℝ^${n} is empty or a smooth ${dim}-dimensional manifold.`;
  },
  steps: [distinctInputs, overparameterized],
  claims: () => ({}),
});
