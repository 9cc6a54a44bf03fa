/**
 * A lower bound on the smallest positive eigenvalue of ∇²L = 2c·JᵀJ on M (c = 1 for the sum,
 * 1/d for the mean): λ_min⁺ = 2c·σ_min(J)² = 2c·λ_min(JJᵀ), and for any d·k columns S of J,
 * JJᵀ ⪰ J_S J_Sᵀ, so λ_min⁺ ≥ 2c·λ_min(J_S J_Sᵀ) (MATH.md, Proposition 2.3).
 *
 * Proven where J is known exactly: the (d·k) × (d·k) Gram matrix G (of all of J when that is
 * cheap, else of a block S chosen by pivoted QR) is formed in rational arithmetic, and
 * G − μI is shown positive definite by exact LDLᵀ elimination for a dyadic μ just below the float
 * estimate. Otherwise the float value of 2c·σ_min(J)² is reported as an estimate, graded float.
 */
import type { Json, Rigor } from '../../src/proof/types.js';
import type { Workspace } from '../../src/workspace/workspace.js';
import { exactAtPoint, floatAtPoint, formatNumber as fmt, rankAt, singularValuesAt } from '../../src/workspace/jacobian.js';
import { exactRank, provenEigenvalueLowerBound } from '../../src/models/exact-rank.js';
import { fromRows, qrPivoted, symmetricEigenvalues } from '../../src/numeric/linalg.js';
import { nextDown } from '../../src/kernel/interval.js';
import { add, cmp, fromNumber, mul, rat, toNumber, toString, ZERO, type Rational } from '../../src/kernel/rational.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { sigmaMinBoundsOf } from './spectrum.js';

/** A bound on λ_min⁺ with its rigor and the words for a step. */
export interface EigenBound {
  /** a number ≤ the true λ_min⁺ (when rigor is not float); the estimate itself when float */
  readonly bound: number;
  readonly rigor: Rigor;
  readonly summary: string;
  readonly data: { readonly [key: string]: Json };
}

/** Above this many rational multiply-adds (rows²·cols/2) the full Gram matrix gives way to a block. */
const FULL_GRAM_WORK = 300_000;
/** Largest d·k for the exact LDLᵀ test. */
const MAX_EXACT_DK = 48;

/** The largest float ≤ the rational r. */
function floatBelow(r: Rational): number {
  const x = toNumber(r);
  return cmp(fromNumber(x), r) <= 0 ? x : nextDown(x);
}

function gramExact(rows: readonly (readonly Rational[])[]): Rational[][] {
  const m = rows.length;
  const G: Rational[][] = Array.from({ length: m }, () => new Array<Rational>(m).fill(ZERO));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = ZERO;
      const a = rows[i]!;
      const b = rows[j]!;
      for (let p = 0; p < a.length; p++) if (a[p]!.num !== 0n && b[p]!.num !== 0n) s = add(s, mul(a[p]!, b[p]!));
      G[i]![j] = s;
      G[j]![i] = s;
    }
  }
  return G;
}

/** The bound at the case's point for the loss factor c (`factorExact` = c as a rational). */
export function minPositiveEigenvalueBound(ws: Workspace, factorExact: Rational): EigenBound | undefined {
  const rank = rankAt(ws);
  const at = floatAtPoint(ws);
  if (rank === undefined || at === undefined || !rank.full) return undefined;
  const factor = toNumber(factorExact);
  const dk = rank.expected;
  if (rank.method === 'construction') {
    // The block A of the construction: σ_min(A) bounded below by outward-rounded triangular solves.
    const s = sigmaMinBoundsOf(ws);
    if (s !== undefined && s.lower > 0) {
      const bound = nextDown(nextDown(2 * factor * s.lower * s.lower));
      return {
        bound,
        rigor: 'interval',
        summary: `λ_min⁺(∇²L) ≥ ${factor === 1 ? '2' : '(2/d)'}·σ_min(A)² ≥ ${fmt(bound)}: A is the construction's triangular block of J, σ_min(A) ≥ ${fmt(s.lower)} by rigorous bounds on ‖A⁻¹‖₁ and ‖A⁻¹‖∞ (float estimate ${fmt(s.estimate)})`,
        data: { bound, sigmaMinLowerBound: s.lower, sigmaMinEstimate: s.estimate, matrix: 'A, the triangular block of the construction' },
      };
    }
  }
  const ex = exactAtPoint(ws);
  if (ex.ok && dk <= MAX_EXACT_DK) {
    const n = modelOf(ws).n;
    let rows: readonly (readonly Rational[])[] | undefined;
    let what = `the full ${dk} × ${dk} Gram matrix JJᵀ`;
    let columns: number[] | undefined;
    if (dk * dk * n <= 2 * FULL_GRAM_WORK) rows = ex.J;
    else {
      // A block S of d·k columns, well conditioned by pivoted QR, checked invertible exactly.
      const S = Array.from(qrPivoted(at.J).perm.slice(0, dk));
      const block = ex.J.map((r) => S.map((j) => r[j]!));
      if (exactRank(block).rank === dk) {
        rows = block;
        columns = S;
        what = `J_S J_Sᵀ for ${dk} columns S chosen by pivoted QR`;
      }
    }
    if (rows !== undefined) {
      const G = gramExact(rows);
      const guess = symmetricEigenvalues(fromRows(G.map((r) => r.map(toNumber))))[0]!;
      const mu = provenEigenvalueLowerBound(G, guess);
      if (mu !== undefined && mu.num > 0n) {
        const exact = mul(mul(rat(2n), factorExact), mu);
        const bound = floatBelow(exact);
        const names = columns?.slice(0, 4).map((j) => modelOf(ws).names[j]!);
        return {
          bound,
          rigor: ex.rigor,
          summary: `λ_min⁺(∇²L) ≥ ${fmt(bound)}: ${what} minus μ·I is positive definite by exact LDLᵀ elimination (μ = ${fmt(toNumber(mu))}), and λ_min⁺ = ${factor === 1 ? '2' : '(2/d)'}·λ_min(JJᵀ)`,
          data: {
            bound,
            boundExact: toString(exact),
            mu: toString(mu),
            matrix: what,
            ...(names === undefined ? {} : { columns: names }),
            estimate: 2 * factor * (singularValuesAt(ws)?.values.at(-1) ?? NaN) ** 2,
          },
        };
      }
    }
  }
  const sv = singularValuesAt(ws);
  if (sv === undefined) return undefined;
  const sMin = sv.values[sv.values.length - 1] ?? 0;
  const estimate = 2 * factor * sMin * sMin;
  return {
    bound: estimate,
    rigor: 'float',
    summary: `λ_min⁺(∇²L) ≈ ${fmt(estimate)} = ${factor === 1 ? '2' : '(2/d)'}·σ_min(J)² with σ_min = ${fmt(sMin)} (${sv.method === 'jacobi' ? 'one-sided Jacobi' : 'the Gram matrix JJᵀ'}; an estimate, not a proof)`,
    data: { bound: estimate, sigmaMin: sMin, method: sv.method },
  };
}
