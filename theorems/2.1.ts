/**
 * Theorem 2.1 (any architecture). If every residual fᵢ(w) = f(w, xᵢ) − yᵢ is smooth, then for
 * generic data M = F⁻¹(0) is empty or a smooth submanifold of ℝⁿ of dimension n − d·k.
 *
 * Proof. F = G − y with G(w) = (f(w, x₁), …, f(w, x_d)). By Sard's theorem the regular values of
 * G are dense, so after an arbitrarily small move of the targets y is one of them; then 0 is a
 * regular value of F and, by the regular value theorem, F⁻¹(0) is empty or a smooth submanifold
 * of codimension d·k, with tangent space ker J(w) at each of its points.
 *
 * On a case, the checker establishes the local form of the conclusion at a point w ∈ M:
 *
 *   smooth-model         each fᵢ is C^∞ (from σ's report, or the formula; ReLU and abs fail)
 *   distinct-inputs      the xᵢ are pairwise distinct (exact)
 *   overparameterized    n > d·k (exact)
 *   point-found          a point, by construct / search / train / params
 *   residual-vanishes    F(w) = 0 (exact, interval enclosure, or float with a tolerance)
 *   jacobian-full-rank   rank J(w) = d·k (exact → interval → float with singular values);
 *                        deficient at a point of M: the point is critical and the targets are
 *                        not generic, said plainly, with samples of M beyond the point
 *   manifold-near-point  hence, near w, M is a smooth (n − d·k)-manifold with tangent space
 *                        ker J (cited: the regular value theorem), plus seeded samples of further
 *                        points of M and the smallest singular value met there (float evidence)
 *
 * Why these grades: the rank is a discrete fact, decided exactly where the structure allows it
 * (the construction's triangular block; rational evaluation of rational models at a binary64
 * point), and a float rank is evidence only, so such a theorem is supported, never certified.
 * `perturb: ε` moves the targets by at most ε (src/cases/perturb.ts) and the check reruns, which
 * shows a critical value disappearing.
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), §2,
 * Theorem 2.1; MATH.md "Theorem 2.1".
 */
import { onMAt, rankAt, type RankCertificate } from '../src/workspace/jacobian.js';
import { modelOf } from '../src/workspace/model-of.js';
import { defineTheorem, holds, type Claims, type Rigor, type Step } from '../src/proof/types.js';
import { distinctInputs, overparameterized } from './steps/data.js';
import { jacobianFullRank, manifoldDimension, pointFound, residualVanishes } from './steps/point.js';
import { sampledPoints, samplingJson, samplingSentence } from './steps/sampling.js';
import { smoothEvidence, smoothModel } from './steps/smooth.js';

/**
 * Whether the local conclusion rests on non-float evidence only. A box that holds the true zero
 * w* and a rank computed at the float point w̃ do not combine into a proof at w*, unless the rank
 * certificate covers the box (construction, interval).
 */
function strongEnough(grades: readonly Rigor[], enclosure: boolean, rankMethod: RankCertificate['method']): boolean {
  const rankCoversBox = !enclosure || rankMethod === 'construction' || rankMethod === 'interval';
  return grades.every((g) => g !== 'float') && rankCoversBox;
}

export const manifoldNearPoint: Step = {
  id: 'manifold-near-point',
  title: 'near w, M is a smooth (n − d·k)-manifold',
  explain:
    'With F smooth, F(w) = 0 and rank J(w) = d·k, the regular value theorem (implicit function theorem) ' +
    'makes M, near w, a smooth submanifold of codimension d·k, so of dimension n − d·k, with tangent space ' +
    'ker J(w). Cited, with its hypotheses checked by the steps before; float when one of them was only ' +
    'float. Seeded searches sample further points of M and report the smallest singular value of J met.',
  needs: ['smooth-model', 'overparameterized', 'residual-vanishes', 'jacobian-full-rank'],
  run(ctx) {
    const ws = ctx.ws;
    const n = modelOf(ws).n;
    const dim = manifoldDimension(ws);
    const rank = rankAt(ws)!;
    const on = onMAt(ws)!;
    const smooth = smoothEvidence(ctx);
    const strong = strongEnough([on.rigor, rank.rigor, smooth.rigor], on.how === 'enclosure', rank.method);
    const sampling = sampledPoints(ws, ctx.progress);
    const grounds = strong
      ? 'the regular value theorem, its hypotheses checked above'
      : `the regular value theorem, with a hypothesis established only in floating point (residual: ${on.rigor}, rank: ${rank.rigor})`;
    return holds(
      strong ? 'cited' : 'float',
      `near the point, M is a smooth submanifold of ℝ^${n} of dimension n − d·k = ${dim}, with tangent space ker J (${grounds}); ${samplingSentence(sampling)}`,
      {
        dimension: dim,
        codimension: n - dim,
        tangentSpace: 'ker J(w)',
        theorem: 'regular value theorem (implicit function theorem)',
        sampling: samplingJson(sampling),
      },
    );
  },
};

export default defineTheorem({
  id: '2.1',
  title: 'Theorem 2.1: the global minima form a manifold of dimension n − d·k',
  statement: 'For generic data, M = L⁻¹(0) is empty or a smooth submanifold of ℝⁿ of dimension n − d·k.',
  hypotheses: ['each fᵢ is smooth in w', 'the inputs xᵢ are pairwise distinct', 'n > d·k'],
  fits: () => true,
  instantiate(c, ws) {
    const n = modelOf(ws).n;
    const dim = n - c.data.d * c.data.k;
    return `For generic targets, M ⊂ ℝ^${n} is empty or a smooth ${dim}-dimensional manifold.`;
  },
  steps: [smoothModel, distinctInputs, overparameterized, pointFound, residualVanishes, jacobianFullRank, manifoldNearPoint],
  claims(results, ws): Claims {
    const m = results.get('manifold-near-point');
    return m?.verdict === 'holds' ? { manifoldDimension: manifoldDimension(ws) } : {};
  },
});
