/**
 * Proposition 2.3 (the Hessian at a global minimum). At w ∈ M where the Mᵢ meet transversally
 * (rank J(w) = d·k), ∇²L(w) = 2 Σᵢ (∇fᵢ∇fᵢᵀ + fᵢ∇²fᵢ) = 2JᵀJ, because every fᵢ(w) = 0. So the
 * Hessian has exactly d·k positive eigenvalues (2σⱼ(J)²) and n − d·k zero eigenvalues, none
 * negative. With the mean loss the factor is 2/d.
 *
 * Steps:
 *   loss-is-square                the loss is Σ fᵢ² or its mean (other losses: Remark 2.2)
 *   smooth-model                  each fᵢ is smooth in w, as in Theorem 2.1: ∇²L must exist at the
 *                                 point (a ReLU unit at its kink has no second derivative there)
 *   point-found, residual-vanishes, jacobian-full-rank    as in Theorem 2.1
 *   hessian-counts                positive / zero / negative = rank J / n − rank J / 0, because
 *                                 ∇²L = 2JᵀJ on M and rank JᵀJ = rank J: exact when the rank and the
 *                                 point are; beside them the d·k nonzero eigenvalues 2c·λ(JJᵀ) in
 *                                 float, and, when the case asks (check --full-spectrum), the full
 *                                 float spectrum of the TRUE Hessian at the float point
 *                                 (2JᵀJ + 2ΣFᵣ∇²fᵣ), its counts under a printed tolerance and the size
 *                                 of the residual term
 *   min-positive-eigenvalue-bound λ_min⁺ ≥ 2·λ_min(J_S J_Sᵀ) for d·k columns S (or all of J), proven by
 *                                 exact LDLᵀ where J is exact; else a float estimate
 *   symbolic-gradient             (n ≤ 40) L and ∂L/∂w in closed form by mathjs, checked against the
 *                                 numeric gradient; the formulas go into the certificate as text
 *   hessian-identity              (n ≤ 40) ∇²L = 2JᵀJ + 2Σ fᵢ∇²fᵢ from symbolic pieces, checked against
 *                                 the numeric Hessian; the second term vanishes at the point of M
 *
 * Why no n × n eigenvalue problem is needed for the claims: rank(JᵀJ) = rank J gives the counts,
 * and the positive eigenvalues are those of the (d·k) × (d·k) matrix 2JJᵀ. The dense spectrum, when
 * asked for, is shown beside them as evidence of what a float computation at an approximate minimum
 * sees; it costs O(n³) where the rest costs O((d·k)²·n).
 *
 * Reference: Y. Cooper, The loss landscape of overparameterized neural networks (2018),
 * Proposition 2.3; MATH.md "Proposition 2.3".
 */
import { formatNumber as fmt, onMAt, rankAt } from '../src/workspace/jacobian.js';
import {
  countSpectrum,
  FULL_SPECTRUM_NOT_ASKED,
  gaussNewtonSpectrumAt,
  squareLossFactor,
  trueSpectrumAt,
  type TrueSpectrum,
} from '../src/workspace/hessian.js';
import { modelOf } from '../src/workspace/model-of.js';
import { rat } from '../src/kernel/rational.js';
import { weakest } from '../src/evidence.js';
import { defineTheorem, fails, holds, unknown, type Claims, type Json, type Rigor, type Step } from '../src/proof/types.js';
import type { Workspace } from '../src/workspace/workspace.js';
import { minPositiveEigenvalueBound } from './steps/eigen-bound.js';
import { lossText } from './steps/losses.js';
import { jacobianFullRank, pointFound, residualVanishes } from './steps/point.js';
import { smoothModel } from './steps/smooth.js';
import { hessianIdentity, symbolicGradient } from './steps/symbolic.js';

const lossIsSquare: Step = {
  id: 'loss-is-square',
  title: 'the loss is the square loss',
  explain:
    'Proposition 2.3 is about L = Σ fᵢ² (or its mean, which scales the Hessian by 1/d). For Σ|fᵢ|^a with a ≠ 2 the ' +
    'second-order picture differs (Remark 2.2): not twice differentiable on M for a < 2, Hessian 0 there for a > 2.',
  run({ case: c }) {
    switch (c.loss.kind) {
      case 'sum':
        return holds('exact', 'L = Σ Fᵣ²', { factor: 1 });
      case 'mean':
        return holds('exact', `L = (1/d) Σ Fᵣ²: the Hessian is the sum's divided by d = ${c.data.d}`, { factor: `1/${c.data.d}` });
      case 'power':
        if (c.loss.a === 2) return holds('exact', 'L = Σ |Fᵣ|² = Σ Fᵣ²', { factor: 1 });
        return fails('exact', `L = Σ |Fᵣ|^${c.loss.a}: ${c.loss.a < 2 ? 'not twice differentiable on M' : 'its Hessian vanishes on M'}, so Proposition 2.3 does not apply (see Remark 2.2)`, {
          a: c.loss.a,
        });
      case 'abs':
        return fails('exact', 'L = Σ |Fᵣ| is not differentiable on M, so Proposition 2.3 does not apply (see Remark 2.2)', { loss: lossText(c.loss) });
    }
  },
};

/** The grade of a conclusion drawn at the true zero from the residual and rank certificates. */
function countsRigor(ws: Workspace): Rigor {
  const on = onMAt(ws)!;
  const rank = rankAt(ws)!;
  const rankCoversBox = on.how !== 'enclosure' || rank.method === 'construction' || rank.method === 'interval';
  return rankCoversBox ? weakest(on.rigor, rank.rigor) : 'float';
}

/**
 * The d·k nonzero eigenvalues of c·2JᵀJ from the Gram matrix, in float, as a clause and as data:
 * what the default path shows beside the exact counts.
 */
function gramPart(gn: Float64Array | undefined, skipped: string, mean: boolean): { text: string; data: Json; agrees: undefined } {
  const dense = skipped === FULL_SPECTRUM_NOT_ASKED ? 'the n × n spectrum of the true Hessian is not computed: check --full-spectrum computes it' : `the n × n spectrum of the true Hessian is not computed (${skipped})`;
  if (gn === undefined || gn.length === 0) return { text: dense, data: { skipped }, agrees: undefined };
  const k = gn.length;
  const c = mean ? '(2/d)' : '2';
  return {
    text: `numerically (float), the ${k} nonzero eigenvalues of ${c}JᵀJ are ${c}·λ(JJᵀ) of the ${k} × ${k} Gram matrix, from ${fmt(gn[0]!)} down to ${fmt(gn[k - 1]!)}; ${dense}`,
    agrees: undefined,
    data: {
      rigor: 'float',
      gram: { size: k, largest: Array.from(gn.slice(0, Math.min(5, k))), smallest: Array.from(gn.slice(Math.max(0, k - 5))).reverse(), ...(k <= 200 ? { eigenvalues: Array.from(gn) } : {}) },
      dense: { skipped },
    },
  };
}

/** The float spectrum of the true Hessian, as a clause and as data. */
function numericPart(ws: Workspace, spec: TrueSpectrum | { readonly skipped: string }, rank: number, mean: boolean): { text: string; data: Json; agrees: boolean | undefined } {
  if ('skipped' in spec) return gramPart(gaussNewtonSpectrumAt(ws), spec.skipped, mean);
  const c = spec.counts;
  const r = spec.residualTerm.frobenius;
  // Weyl: the true Hessian is within ‖R‖₂ ≤ ‖R‖_F of 2JᵀJ, so beyond ±(tol + ‖R‖_F) the signs are those of 2JᵀJ.
  const wide = countSpectrum(spec.eigenvalues, spec.tol + r);
  const agrees = wide.negative === 0 && wide.positive === rank;
  const eig = spec.eigenvalues;
  const n = eig.length;
  const smallest = eig[0]!;
  const negText =
    c.negative > 0
      ? `; the ${c.negative} negative one(s), down to ${fmt(smallest)}, lie within ‖R‖_F of 0: the residual term at an approximate minimum, not curvature of M`
      : '';
  const unresolved =
    wide.positive < rank
      ? `; only ${wide.positive} of the ${rank} positive eigenvalues stand out of the float noise (the smallest is below the tolerance, ${fmt(spec.gaussNewton[spec.gaussNewton.length - 1] ?? NaN)} by the Gram matrix): a dense float spectrum cannot count them, the rank can`
      : '';
  const text =
    `numerically (float), the true Hessian ${mean ? '(1/d)(2JᵀJ + R)' : '2JᵀJ + R'} at the point, R = 2ΣFᵣ∇²fᵣ with ${mean ? '‖R/d‖_F' : '‖R‖_F'} = ${fmt(r)}: ` +
    `${c.positive} positive, ${c.zero} zero, ${c.negative} negative beyond ±tol = ${fmt(spec.tol)} (n·ε·max|λ|)${negText}${unresolved}`;
  const decades = histogram(eig);
  return {
    text,
    agrees,
    data: {
      rigor: 'float',
      tol: spec.tol,
      counts: { positive: c.positive, zero: c.zero, negative: c.negative },
      residualTermFrobenius: r,
      residualTermMaxAbs: spec.residualTerm.maxAbs,
      countsBeyondResidualTerm: { positive: wide.positive, zero: wide.zero, negative: wide.negative },
      deviationFromGaussNewton: spec.deviationFromGaussNewton,
      largest: Array.from(eig.slice(Math.max(0, n - 5))).reverse(),
      smallest: Array.from(eig.slice(0, Math.min(5, n))),
      byDecade: decades,
      // (no timings here: the same case must give the same certificate; bench/spectrum.ts times it)
      ...(n <= 200 ? { eigenvalues: Array.from(eig) } : {}),
    },
  };
}

/** How many eigenvalues fall in each decade of |λ|, with their signs: {"1e-3": {"+": 4}, …}. */
function histogram(eig: Float64Array): Json {
  const out: Record<string, Record<string, number>> = {};
  for (const v of eig) {
    const key = v === 0 ? '0' : `1e${Math.floor(Math.log10(Math.abs(v)))}`;
    const sign = v > 0 ? '+' : v < 0 ? '−' : '0';
    const bucket = (out[key] ??= {});
    bucket[sign] = (bucket[sign] ?? 0) + 1;
  }
  return out;
}

const hessianCounts: Step = {
  id: 'hessian-counts',
  title: 'Hessian: d·k positive, n − d·k zero, none negative',
  explain:
    'On M every Fᵣ = 0, so ∇²L = 2JᵀJ (times 1/d for the mean): positive semidefinite, with rank(JᵀJ) = rank J. ' +
    'So the counts are rank J positive, n − rank J zero, none negative, as surely as the point and the rank are. ' +
    'Beside them, in float, the d·k nonzero eigenvalues 2·λ(JJᵀ) of the (d·k) × (d·k) Gram matrix; and, when asked ' +
    '(check --full-spectrum), the float spectrum of the whole true Hessian 2JᵀJ + 2ΣFᵣ∇²fᵣ at the float point, ' +
    'counted beyond n·ε·max|λ|; its tiny eigenvalues of either sign come from the residual term, within its norm.',
  needs: ['loss-is-square', 'smooth-model', 'residual-vanishes'],
  run(ctx) {
    const ws = ctx.ws;
    const rank = rankAt(ws);
    if (rank === undefined) return unknown('float', 'no point');
    const n = modelOf(ws).n;
    const counts = { positive: rank.rank, zero: n - rank.rank, negative: 0 };
    const grade = countsRigor(ws);
    const numeric = numericPart(ws, trueSpectrumAt(ws, ctx.progress), rank.rank, ctx.case.loss.kind === 'mean');
    const base = `on M, ∇²L = ${squareLossFactor(ws) === 1 ? '' : '(1/d)·'}2JᵀJ and rank J = ${rank.rank} (${rank.rigor}): ${counts.positive} positive, ${counts.zero} zero, 0 negative eigenvalues`;
    const data = { ...counts, rankMethod: rank.method, numeric: numeric.data };
    if (!rank.full) {
      return fails(grade, `${base}: fewer than d·k = ${rank.expected} positive, since the Mᵢ do not meet transversally here; ${numeric.text}`, data);
    }
    if (grade === 'float' && numeric.agrees === false) {
      return unknown('float', `${base}, but the float spectrum disagrees beyond the residual term: ${numeric.text}`, data);
    }
    return holds(grade, `${base}; ${numeric.text}`, data);
  },
};

const minPositiveBound: Step = {
  id: 'min-positive-eigenvalue-bound',
  title: 'λ_min⁺, the smallest positive eigenvalue',
  explain:
    'λ_min⁺(∇²L) = 2σ_min(J)² = 2λ_min(JJᵀ), and for any d·k columns S of J, JJᵀ ⪰ J_S J_Sᵀ, so ' +
    'λ_min⁺ ≥ 2λ_min(J_S J_Sᵀ) (times 1/d for the mean). Proven by exact LDLᵀ of G − μI where J is exact; ' +
    'otherwise the float value 2σ_min(J)², an estimate.',
  needs: ['loss-is-square', 'smooth-model', 'residual-vanishes', 'jacobian-full-rank'],
  run(ctx) {
    const ws = ctx.ws;
    const c = ctx.case;
    const factor = c.loss.kind === 'mean' ? rat(1n, BigInt(c.data.d)) : rat(1n);
    const b = minPositiveEigenvalueBound(ws, factor);
    if (b === undefined) return unknown('float', 'no bound: the rank is not full');
    const grade = b.rigor === 'float' ? 'float' : weakest(b.rigor, countsRigor(ws));
    // an overflowed estimate is no bound (and would not survive the certificate's JSON)
    if (!Number.isFinite(b.bound)) return unknown('float', `${b.summary}: the computation overflows binary64`, { ...b.data, bound: null });
    return b.bound > 0
      ? holds(grade, b.summary, b.data)
      : unknown(grade, `${b.summary}: not a positive bound`, b.data);
  },
};

export default defineTheorem({
  id: '2.3',
  title: 'Proposition 2.3: the Hessian at a global minimum',
  statement: 'At w ∈ M with rank J = d·k, ∇²L(w) = 2JᵀJ has d·k positive and n − d·k zero eigenvalues, none negative.',
  hypotheses: ['the loss is Σ fᵢ² (or its mean)', 'each fᵢ is smooth in w (the setting of Theorem 2.1)', 'w ∈ M', 'rank J(w) = d·k (the Mᵢ meet transversally)'],
  fits: (c) => c.loss.kind === 'sum' || c.loss.kind === 'mean' || (c.loss.kind === 'power' && c.loss.a === 2),
  instantiate(c, ws) {
    const n = modelOf(ws).n;
    const dk = c.data.d * c.data.k;
    return `At a transversal point of M, ∇²L has ${dk} positive and ${n - dk} zero eigenvalues, none negative.`;
  },
  steps: [lossIsSquare, smoothModel, pointFound, residualVanishes, jacobianFullRank, hessianCounts, minPositiveBound, symbolicGradient, hessianIdentity],
  claims(results, ws): Claims {
    const out: Record<string, Json> = {};
    const counts = results.get('hessian-counts');
    if (counts?.verdict === 'holds') {
      const d = counts.data as { positive: number; zero: number; negative: number };
      out.hessian = { positive: d.positive, zero: d.zero, negative: d.negative };
    }
    const bound = results.get('min-positive-eigenvalue-bound');
    // A float value of λ_min⁺ is an estimate, not a lower bound: it stays in the step's summary and is not claimed.
    if (bound?.verdict === 'holds' && bound.rigor !== 'float') out.minPositiveEigenvalueLowerBound = (bound.data as { bound: number }).bound;
    void ws;
    return out;
  },
});
