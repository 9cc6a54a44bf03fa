/**
 * Theorem 4.1's conclusions at the constructed point, from the triangular block alone: rank J,
 * the local dimension of M, and the Hessian's spectrum (Proposition 2.3). Nothing n × n and no
 * SVD: the output-weight columns of J are A (I_k ⊗ A with k outputs), whose invertibility the
 * sign argument already proved, and σ_min(A) is bounded below by O(d²) triangular solves.
 */
import { constructionOf, exactRankFromConstruction } from '../../src/workspace/construction.js';
import { inverseNormBounds, sigmaMinEstimate } from '../../src/points/construct/triangular.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fails, holds, type Evidence, type Step, type StepContext } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { CONSTRUCTION_NEEDS, withConstruction } from './construction.js';

export const jacobianFullRank: Step = {
  id: 'jacobian-full-rank',
  title: 'rank J = d·k at the constructed point',
  explain:
    'At the constructed point the column of J for the output weight vⱼ is ∂f(xᵢ)/∂vⱼ = σ(pᵢ − βⱼ) = Aᵢⱼ ' +
    '(with k outputs the output-weight columns form I_k ⊗ A). J contains the invertible triangular A as a ' +
    'd × d block (I_k ⊗ A, dk × dk, with k outputs), so rank J = d·k: exact, from the same sign argument, whatever n is. It holds on the whole ' +
    'enclosure box, whose points share the hidden parameters.',
  needs: [...CONSTRUCTION_NEEDS, 'triangular-block-invertible'],
  run: (ctx) =>
    withConstruction(ctx, () => {
      const r = exactRankFromConstruction(ctx.ws)!;
      const n = modelOf(ctx.ws).n;
      return holds(r.rigor, `${r.summary} (J is ${r.rank} × ${n}; no entry of J outside that block was computed)`, {
        rank: r.rank,
        rows: r.rank,
        columns: n,
        block: ctx.case.data.k > 1 ? `I_${ctx.case.data.k} ⊗ A` : 'A',
      });
    }),
};

export const manifoldDimension: Step = {
  id: 'manifold-dimension',
  title: 'near w, M is a smooth (n − d·k)-manifold',
  explain:
    'F is smooth (σ smooth), F(w*) = 0 at the true point in the box, and rank J(w*) = d·k: by the regular ' +
    'value (implicit function) theorem M = F⁻¹(0) is, near w*, a smooth submanifold of dimension n − d·k ' +
    'with tangent space ker J(w*). Cited, with every hypothesis checked on the case.',
  needs: [...CONSTRUCTION_NEEDS, 'activation-smooth', 'residual-zero', 'jacobian-full-rank'],
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const n = modelOf(ctx.ws).n;
      const dk = con.d * con.k;
      return holds('cited', `regular value theorem: near the constructed point M is a smooth ${n - dk}-dimensional submanifold of ℝ^${n} (n − d·k = ${n} − ${dk})`, {
        n,
        codimension: dk,
        dimension: n - dk,
        theorem: 'regular value theorem (implicit function theorem)',
      });
    }),
};

/**
 * Under Σ|fᵢ|^a with a ≠ 2 the count of Proposition 2.3 is false (Remark 2.2): for a > 2 every
 * term is flat to second order where fᵢ = 0, so the Hessian is 0 on M; for a < 2 it does not exist
 * there (∇fᵢ ≠ 0, every row of the full-rank J). Undefined for a square loss.
 */
function notSquare(ctx: StepContext, n: number, dk: number): Evidence | undefined {
  const loss = ctx.case.loss;
  const a = loss.kind === 'abs' ? 1 : loss.kind === 'power' ? loss.a : 2;
  if (a === 2) return undefined;
  const text = loss.kind === 'abs' ? 'Σ |fᵢ|' : `Σ |fᵢ|^${a}`;
  if (a > 2) {
    return fails('interval', `the loss ${text} is not the square: on M its Hessian is 0 (each |fᵢ|^${a} is flat to second order where fᵢ = 0), so all ${n} eigenvalues are 0 and Proposition 2.3's ${dk} positive ones do not apply (Remark 2.2)`, {
      positive: 0,
      zero: n,
      negative: 0,
      loss: text,
    });
  }
  return fails('interval', `the loss ${text} is not twice differentiable on M (|fᵢ|^${a} has no second derivative where fᵢ = 0 and ∇fᵢ ≠ 0, as here, rank J = ${dk}): there is no Hessian, and Proposition 2.3's counts do not apply (Remark 2.2)`, {
    loss: text,
  });
}

/** The factor c in ∇²L = c·JᵀJ at a zero of F, by the case's loss; undefined where it is not a square. */
function hessianFactor(ctx: StepContext): { factor: number; note: string } {
  const loss = ctx.case.loss;
  const d = ctx.case.data.d;
  switch (loss.kind) {
    case 'sum':
      return { factor: 2, note: 'L = Σ fᵢ²: ∇²L = 2JᵀJ on M' };
    case 'mean':
      return { factor: 2 / d, note: `L = (1/d) Σ fᵢ²: ∇²L = (2/d)JᵀJ on M` };
    case 'power':
      if (loss.a === 2) return { factor: 2, note: 'L = Σ |fᵢ|²: ∇²L = 2JᵀJ on M' };
      return { factor: 2, note: `the case's loss Σ |fᵢ|^${loss.a} is not the square (Remark 2.2): the counts are for L = Σ fᵢ²` };
    case 'abs':
      return { factor: 2, note: "the case's loss Σ |fᵢ| is not differentiable on M (Remark 2.2): the counts are for L = Σ fᵢ²" };
  }
}

/** Bounds on σ_min(A): rigorous (interval) and a float estimate, computed once. */
export function sigmaMinBoundsOf(ws: Workspace): { lower: number; estimate: number; transform: string; normInf: number; normOne: number } | undefined {
  const con = constructionOf(ws);
  if (!con.applicable) return undefined;
  return ws.memo('construct:sigma-min', () => {
    const block = con.plan.block;
    const { using, transform: name, comparisonInf } = con.plan.enclosure;
    const b = inverseNormBounds(block, using, comparisonInf);
    const estimate = sigmaMinEstimate(block, block.d > 500 ? 2 : 8);
    return { lower: b.sigmaMinLower, estimate, transform: name, normInf: b.inf, normOne: b.one };
  });
}

export const hessianSpectrum: Step = {
  id: 'hessian-spectrum',
  title: 'Hessian: d·k positive, n − d·k zero eigenvalues',
  explain:
    'On M, ∇²L = 2Σ(∇fᵢ∇fᵢᵀ + fᵢ∇²fᵢ) = 2JᵀJ because every fᵢ = 0 (Proposition 2.3). rank JᵀJ = rank J = d·k, ' +
    'so exactly d·k eigenvalues are positive, n − d·k are zero and none is negative: exact counts with ' +
    'no eigenvalue computed. The smallest positive one is 2σ_d(J)² ≥ 2σ_min(A)², because JJᵀ ⪰ AAᵀ; ' +
    'σ_min(A) ≥ 1/√(‖A⁻¹‖₁‖A⁻¹‖∞), and both norms are bounded rigorously by triangular solves with the ' +
    'comparison matrix of the preconditioned block (O(d²), outward rounded). A float estimate of σ_min ' +
    '(inverse iteration) shows how tight the bound is.',
  needs: [...CONSTRUCTION_NEEDS, 'activation-smooth', 'residual-zero', 'jacobian-full-rank'],
  run: (ctx) =>
    withConstruction(ctx, (con) => {
      const n = modelOf(ctx.ws).n;
      const dk = con.d * con.k;
      const other = notSquare(ctx, n, dk);
      if (other !== undefined) return other;
      const { factor, note } = hessianFactor(ctx);
      const s = sigmaMinBoundsOf(ctx.ws)!;
      const rigorous = s.lower > 0;
      const sigma = rigorous ? s.lower : s.estimate;
      // a lower bound rounded down once more for the factor
      const bound = factor * sigma * sigma * (1 - 4 * Number.EPSILON);
      const data = {
        positive: dk,
        zero: n - dk,
        negative: 0,
        factor,
        sigmaMinLowerBound: s.lower,
        sigmaMinEstimate: s.estimate,
        minPositiveEigenvalueLowerBound: bound,
        rigorousBound: rigorous,
        normInverseInf: s.normInf,
        normInverseOne: s.normOne,
        preconditioning: s.transform,
        loss: note,
      };
      const counts = `${dk} positive, ${n - dk} zero, 0 negative eigenvalues (exact, from rank J = ${dk}; ${note})`;
      if (rigorous) {
        return holds(
          'interval',
          `${counts}; λ_min⁺ ≥ ${factor === 2 ? '2' : fmtFactor(factor)}·σ_min(A)² ≥ ${bound.toExponential(3)} (σ_min(A) ≥ ${s.lower.toExponential(3)}, float estimate ${s.estimate.toExponential(3)})`,
          data,
        );
      }
      return holds(
        'float',
        `${counts}; the rigorous bound on σ_min(A) gave nothing here, so λ_min⁺ ≈ ${bound.toExponential(3)} is a float estimate (inverse iteration), not a bound`,
        data,
      );
    }),
};

const fmtFactor = (f: number): string => String(Number(f.toPrecision(4)));
