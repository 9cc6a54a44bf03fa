/**
 * Remark 2.2 (other losses). L̂(w) = Σᵢ |fᵢ(w)| has the same zero set as L = Σᵢ fᵢ², so
 * Theorem 2.1 describes L̂⁻¹(0) too; the same holds for Σᵢ |fᵢ|^a with a ≥ 1 (the paper's
 * Discussion) and for the mean (1/d) Σᵢ fᵢ². What does not transfer is second order
 * (Proposition 2.3): on M, |fᵢ|^a is not differentiable for a = 1, not twice differentiable for
 * 1 < a < 2, and has Hessian 0 for a > 2; the mean divides the Hessian, and so its spectrum, by d.
 *
 * Steps:
 *   smooth-model          as in Theorem 2.1 (its conclusion is what transfers)
 *   same-zero-set         L̂ = Σ g(Fᵣ) with g(0) = 0 and g > 0 elsewhere: L̂⁻¹(0) = F⁻¹(0) = M (exact)
 *   point-found, residual-vanishes, jacobian-full-rank   as in Theorem 2.1
 *   manifold-transfers    hence, near the point, L̂⁻¹(0) is the smooth (n − d·k)-manifold of 2.1
 *   loss-across-M         L̂ along a line through the point across M, with a picture and the fitted
 *                         growth exponent (float: the evidence a reader sees)
 *   second-order-at-M     what the exponent means for the Hessian on M (exact in a, with the
 *                         rigor of the point and the rank: a transversal direction exists)
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018), Remark 2.2
 * and the Discussion; MATH.md "Remark 2.2".
 */
import { formatNumber as fmt, floatAtPoint, onMAt, rankAt } from '../src/workspace/jacobian.js';
import { gaussNewtonEigenvalues } from '../src/workspace/hessian.js';
import { modelOf } from '../src/workspace/model-of.js';
import { weakest } from '../src/evidence.js';
import { defineTheorem, fails, holds, unknown, type Claims, type Step } from '../src/proof/types.js';
import { lineAcross, lossExponent, lossText, profileAcross } from './steps/losses.js';
import { textPlot } from './steps/plot.js';
import { jacobianFullRank, manifoldDimension, pointFound, residualVanishes } from './steps/point.js';
import { smoothEvidence, smoothModel } from './steps/smooth.js';

const sameZeroSet: Step = {
  id: 'same-zero-set',
  title: 'L̂ has the zero set of L',
  explain:
    'Each loss is Σᵣ g(Fᵣ) with g(s) = s², s²/d, |s| or |s|^a (a ≥ 1): g(0) = 0 and g(s) > 0 for s ≠ 0. A sum of ' +
    'nonnegative terms vanishes exactly when every term does, so L̂(w) = 0 ⇔ F(w) = 0 ⇔ L(w) = 0: L̂⁻¹(0) = M.',
  run({ case: c }) {
    const a = lossExponent(c.loss);
    if (!(a > 0)) return fails('exact', `the exponent a = ${a} is not positive: |s|^a does not vanish only at 0`, { a });
    return holds('exact', `L̂ = ${lossText(c.loss)} is a sum of terms g(Fᵣ) ≥ 0 with g(s) = 0 only at s = 0, so L̂⁻¹(0) = F⁻¹(0) = M = L⁻¹(0)`, {
      loss: lossText(c.loss),
      a,
    });
  },
};

const manifoldTransfers: Step = {
  id: 'manifold-transfers',
  title: "Theorem 2.1's conclusion holds for L̂⁻¹(0)",
  explain:
    'L̂⁻¹(0) is M, so wherever Theorem 2.1 makes M a smooth (n − d·k)-manifold (F smooth, w ∈ M, rank J = d·k), ' +
    'the zero set of L̂ is that manifold: the loss plays no part in the regular-value argument.',
  needs: ['smooth-model', 'same-zero-set', 'residual-vanishes', 'jacobian-full-rank'],
  run(ctx) {
    const ws = ctx.ws;
    const on = onMAt(ws)!;
    const rank = rankAt(ws)!;
    const grade = weakest(on.rigor, rank.rigor, smoothEvidence(ctx).rigor);
    const dim = manifoldDimension(ws);
    return holds(
      grade === 'float' ? 'float' : 'cited',
      `near the point, L̂⁻¹(0) = M is a smooth ${dim}-dimensional manifold (Theorem 2.1's regular-value argument; residual ${on.rigor}, rank ${rank.rigor})`,
      { dimension: dim },
    );
  },
};

const lossAcrossM: Step = {
  id: 'loss-across-M',
  title: 'the loss along a line across M',
  explain:
    'Along w + t·u, with u ∝ Jᵀ(JJᵀ)⁻¹1 (every residual moves at one rate κ), L̂(w + tu) ≈ Σ |κt|^a: a V for ' +
    'a = 1, a parabola for a = 2, flat to second order for a > 2. The growth exponent is fitted from ' +
    'L̂(2s) − L̂(0) ≈ 2^p (L̂(s) − L̂(0)) at small s; the picture shows L̂ over the window. Floating point: evidence.',
  needs: ['residual-vanishes'],
  run(ctx) {
    const ws = ctx.ws;
    const at = floatAtPoint(ws)!;
    const c = ctx.case;
    const model = modelOf(ws);
    const line = lineAcross(at.J);
    const prof = profileAcross(c, model, at.w, line);
    const picture = textPlot(prof.t, prof.loss, { label: `L̂ = ${lossText(c.loss)} along w + t·u, |t| ≤ ${fmt(prof.h)}` });
    const p = (prof.exponent.left + prof.exponent.right) / 2;
    const a = lossExponent(c.loss);
    const shape =
      a === 1
        ? `one-sided slopes ${fmt(prof.slopes.left)} and ${fmt(prof.slopes.right)} at 0: a kink`
        : a < 2
          ? 'steeper than a parabola at 0: the second derivative blows up'
          : a === 2
            ? 'a parabola at 0'
            : 'flatter than a parabola at 0: the second derivative vanishes';
    const agrees = Number.isFinite(p) && Math.abs(p - a) <= 0.05 * Math.max(1, a);
    const data = {
      rigor: 'float',
      direction: line.how,
      rate: line.rate,
      halfWidth: prof.h,
      exponentLeft: prof.exponent.left,
      exponentRight: prof.exponent.right,
      slopeLeft: prof.slopes.left,
      slopeRight: prof.slopes.right,
      t: prof.t,
      loss: prof.loss,
      square: prof.square,
      picture,
    };
    if (line.rate === 0) {
      return unknown('float', `J = 0 at the point: no direction moves the residuals to first order, so the line shows nothing about the loss's order`, data);
    }
    const summary = `L̂(w + tu) − L̂(w) ≈ C|t|^p with p = ${fmt(p)} (left ${fmt(prof.exponent.left)}, right ${fmt(prof.exponent.right)}), expected ${a}: ${shape}`;
    return agrees ? holds('float', summary, data) : unknown('float', `${summary}; the fit does not match a = ${a}`, data);
  },
};

const secondOrderAtM: Step = {
  id: 'second-order-at-M',
  title: 'what does not carry over: second order on M',
  explain:
    'On M, Fᵣ = 0, and along a direction with Jᵣu ≠ 0 the term |Fᵣ|^a behaves like |Jᵣu·t|^a. So for a = 1 L̂ is not ' +
    'differentiable on M; for 1 < a < 2 it is once but not twice; for a = 2 its Hessian is 2JᵀJ (Proposition 2.3); ' +
    'for a > 2 its Hessian is 0 on M, so the d·k positive eigenvalues are special to the square; the mean loss ' +
    'has Hessian (2/d)JᵀJ, the spectrum of the sum divided by d. Exact in a; the rigor of the point and the rank.',
  needs: ['residual-vanishes', 'jacobian-full-rank'],
  run(ctx) {
    const ws = ctx.ws;
    const c = ctx.case;
    const on = onMAt(ws)!;
    const rank = rankAt(ws)!;
    const grade = weakest(on.rigor, rank.rigor);
    const a = lossExponent(c.loss);
    const n = modelOf(ws).n;
    const dk = c.data.d * c.data.k;
    const base = { a, loss: lossText(c.loss) };
    switch (c.loss.kind) {
      case 'abs':
        return holds(grade, `a = 1: L̂ is not differentiable on M (a kink across M in every direction with Ju ≠ 0); Proposition 2.3 has nothing to say about it`, {
          ...base,
          differentiable: 0,
        });
      case 'power':
        if (a < 2) {
          return holds(grade, `1 < a = ${a} < 2: L̂ is differentiable on M with gradient 0, but not twice (|s|^a has second derivative ~ |s|^(a−2) → ∞ at 0)`, {
            ...base,
            differentiable: 1,
          });
        }
        if (a > 2) {
          return holds(grade, `a = ${a} > 2: ∇²L̂ = 0 on M, all ${n} eigenvalues 0: the ${dk} positive eigenvalue(s) of Proposition 2.3 are special to the square`, {
            ...base,
            hessian: { positive: 0, zero: n, negative: 0 },
          });
        }
        return holds(grade, `a = 2: L̂ is the square loss; its Hessian on M is 2JᵀJ (Proposition 2.3)`, { ...base });
      case 'mean': {
        const at = floatAtPoint(ws)!;
        const sum = gaussNewtonEigenvalues(at.J, 1);
        const mean = gaussNewtonEigenvalues(at.J, 1 / c.data.d);
        const show = (v: Float64Array): string => Array.from(v.slice(0, 3), fmt).join(', ');
        return holds(grade, `the mean loss has Hessian (2/d)JᵀJ on M: the spectrum of the sum divided by d = ${c.data.d} (largest eigenvalues ${show(sum)} become ${show(mean)}; float)`, {
          ...base,
          factor: 1 / c.data.d,
          sumEigenvalues: Array.from(sum.slice(0, 20)),
          meanEigenvalues: Array.from(mean.slice(0, 20)),
        });
      }
      case 'sum':
        return holds(grade, 'the loss is the square sum: its Hessian on M is 2JᵀJ, as in Proposition 2.3; nothing to contrast', base);
    }
  },
};

export default defineTheorem({
  id: '2.2',
  title: 'Remark 2.2: other losses have the same global minima',
  statement: 'Σ|fᵢ|, Σ|fᵢ|^a (a ≥ 1) and the mean loss have the zero set M of L; only second-order facts differ.',
  hypotheses: ['each fᵢ is smooth in w (for the manifold conclusion)', 'the loss is Σ g(fᵢ) with g(0) = 0, g > 0 elsewhere'],
  fits: (c) => c.loss.kind !== 'sum',
  instantiate(c, ws) {
    const n = modelOf(ws).n;
    return `L̂ = ${lossText(c.loss)} vanishes exactly on M ⊂ ℝ^${n}; near a regular point, a smooth ${n - c.data.d * c.data.k}-manifold.`;
  },
  steps: [smoothModel, sameZeroSet, pointFound, residualVanishes, jacobianFullRank, manifoldTransfers, lossAcrossM, secondOrderAtM],
  claims(results, ws): Claims {
    return results.get('manifold-transfers')?.verdict === 'holds' ? { manifoldDimension: manifoldDimension(ws) } : {};
  },
});
