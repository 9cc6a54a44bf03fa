/**
 * What the theorems need at the case's point w, each computed once per case through the
 * workspace: the residuals F(w) and the Jacobian J(w) in floating point, the same exactly where
 * the model allows (src/proof/exact-eval.ts), the singular values of J, and the rank of J with the
 * strongest rigor available:
 *
 *   exact      from the construction's triangular block (Lemma 3.3, src/points/construct.ts), or
 *              by exact elimination on the exact Jacobian;
 *   interval   `provenRank` (a Krawczyk-type test on d·k chosen columns) where one succeeds;
 *   float      singular values with the tolerance printed (evidence, not proof).
 *
 * All linear algebra on J goes through the (d·k) × (d·k) Gram matrix J Jᵀ or d·k-row sweeps;
 * nothing here forms an n × n matrix.
 */
import { modelOf } from './model-of.js';
import type { Workspace } from './workspace.js';
import { type Json, type Rigor, weakest } from '../evidence.js';
import { residuals } from '../models/loss.js';
import type { ProgramModel } from '../models/program-model.js';
import type { Model } from '../models/types.js';
import {
  EPS,
  defaultRankTol,
  gramRows,
  mat,
  numericalRank,
  singularValuesJacobi,
  symmetricEigenvalues,
  type Mat,
} from '../numeric/linalg.js';
import { isZero, toNumber, type Rational } from '../kernel/rational.js';
import { exactRankFromConstruction } from './construction.js';
import { pointOf } from './point.js';
import { intervalRankOf, zeroProofFailure } from './enclosure.js';
import { dataOf, maxAbs, residualTolerance } from '../points/search.js';
import { activationReport } from '../symbolic/activation-props.js';
import { Inexact, exactResidualsAndJacobian } from '../models/exact-eval.js';
import { exactRank, type ExactRank } from '../models/exact-rank.js';

/** The float picture at the point. */
export interface FloatAtPoint {
  readonly w: Float64Array;
  /** F(w), sample-major */
  readonly F: Float64Array;
  /** max |Fᵣ| */
  readonly residual: number;
  /** the residual tolerance for "on M" in floating point */
  readonly tol: number;
  /** J(w), (d·k) × n */
  readonly J: Mat;
}

/** The point's values, or undefined when no point was found. */
export function pointValues(ws: Workspace): Float64Array | undefined {
  const p = pointOf(ws);
  return p.found ? p.values : undefined;
}

/** F(w), J(w) and the residual tolerance at the case's point, in floating point (undefined without a point). */
export function floatAtPoint(ws: Workspace): FloatAtPoint | undefined {
  return ws.memo('at-point:float', () => {
    const w = pointValues(ws);
    if (w === undefined) return undefined;
    const model = modelOf(ws);
    const data = dataOf(ws.case_);
    const F = residuals(model, w, data);
    const J = mat(F.length, model.n, model.jacobian(w, data.x));
    return { w, F, residual: maxAbs(F), tol: residualTolerance(data), J };
  });
}

/** The exact picture at the point, or why there is none. */
export type ExactAtPoint =
  | {
      readonly ok: true;
      readonly F: readonly Rational[];
      readonly J: readonly (readonly Rational[])[];
      /**
       * the rigor of J: exact, unless a fact about σ′ it used was proven with less (σ′(0) = 0 from
       * σ's smoothness). F itself is always exact: its values use arithmetic and definitions only.
       */
      readonly rigor: Rigor;
      /** the facts beyond arithmetic that the evaluation used, in words */
      readonly uses: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

function hasProgram(m: Model): m is ProgramModel {
  return 'program' in m;
}

/** F(w) and J(w) in rational arithmetic at the case's point, or why they cannot be had exactly. */
export function exactAtPoint(ws: Workspace): ExactAtPoint {
  return ws.memo('at-point:exact', (): ExactAtPoint => {
    const w = pointValues(ws);
    if (w === undefined) return { ok: false, reason: 'no point' };
    const model = modelOf(ws);
    if (!hasProgram(model)) return { ok: false, reason: 'the model has no program to evaluate exactly' };
    const c = ws.case_;
    const uses: string[] = [];
    let rigor: Rigor = 'exact';
    const c1AtZero = (): boolean => {
      const act = model.activation;
      if (act === undefined) return false;
      const smooth = activationReport(act).smooth;
      if (smooth.verdict !== 'holds') return false;
      const fact = `σ′(0) = 0, since σ vanishes on t ≤ 0 and is smooth (${smooth.rigor})`;
      if (!uses.includes(fact)) uses.push(fact);
      rigor = weakest(rigor, smooth.rigor);
      return true;
    };
    try {
      const { F, J } = exactResidualsAndJacobian(model.program, w, c.data.xExact, c.data.yExact, c1AtZero);
      return { ok: true, F, J, rigor, uses };
    } catch (err) {
      if (err instanceof Inexact) return { ok: false, reason: err.message };
      throw err;
    }
  });
}

/** Singular values of J, descending, with the rank tolerance and how they were computed. */
export interface SingularValues {
  readonly values: Float64Array;
  readonly method: 'jacobi' | 'gram';
  /** singular values ≤ tol count as zero */
  readonly tol: number;
  readonly rank: number;
}

/** Above this many (rows² · cols) multiply-adds per sweep, one-sided Jacobi gives way to the Gram matrix. */
const JACOBI_WORK_LIMIT = 3e7;

/**
 * The singular values of a rows × cols matrix (rows ≤ cols, as J is). One-sided Jacobi when it is
 * cheap (high relative accuracy, tolerance max(rows, cols)·ε·σ_max); otherwise from the
 * eigenvalues of the rows × rows Gram matrix, whose rounding (about rows·ε·σ_max² in each
 * eigenvalue) puts the tolerance at √(rows·ε)·σ_max: smaller singular values cannot be told
 * from 0 that way, and the tolerance says so.
 */
export function singularValuesOf(a: Mat): SingularValues {
  if (a.rows === 0) return { values: new Float64Array(0), method: 'gram', tol: 0, rank: 0 };
  if (a.rows * a.rows * a.cols <= JACOBI_WORK_LIMIT) {
    const values = singularValuesJacobi(a);
    const tol = defaultRankTol(values[0] ?? 0, a.rows, a.cols);
    return { values, method: 'jacobi', tol, rank: numericalRank(values, tol) };
  }
  const lam = symmetricEigenvalues(gramRows(a));
  const m = lam.length;
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = Math.sqrt(Math.max(0, lam[m - 1 - i]!));
  const sMax = values[0] ?? 0;
  const tol = Math.max(defaultRankTol(sMax, a.rows, a.cols), Math.sqrt(a.rows * EPS) * sMax);
  return { values, method: 'gram', tol, rank: numericalRank(values, tol) };
}

/** The singular values of J at the case's point (undefined without a point). */
export function singularValuesAt(ws: Workspace): SingularValues | undefined {
  return ws.memo('at-point:singular-values', () => {
    const at = floatAtPoint(ws);
    return at === undefined ? undefined : singularValuesOf(at.J);
  });
}

/** The rank of J at the point, with how it was established. */
export interface RankCertificate {
  readonly rank: number;
  /** d·k: full row rank */
  readonly expected: number;
  readonly full: boolean;
  readonly rigor: Rigor;
  readonly method: 'construction' | 'exact-jacobian' | 'interval' | 'float';
  /** one line in words, with the numbers */
  readonly summary: string;
  readonly data: { readonly [key: string]: Json };
  /**
   * d·k columns of J whose block is invertible (exact and interval certificates), for the
   * eigenvalue bound of Proposition 2.3
   */
  readonly columns?: readonly number[];
}

/**
 * The rank certificate from Lemma 3.3's triangular block (src/points/construct.ts), when the
 * point is the constructed one: the output-weight columns of J form A (I_k ⊗ A), lower
 * triangular with a positive diagonal by signs. It holds on the whole enclosure box.
 */
export function constructionRank(ws: Workspace): RankCertificate | undefined {
  if (ws.case_.point.kind !== 'construct') return undefined;
  const p = pointOf(ws);
  if (!p.found || p.method !== 'construct') return undefined;
  const r = exactRankFromConstruction(ws);
  if (r === undefined) return undefined;
  const { d, k } = ws.case_.data;
  const names = modelOf(ws).names;
  const columns = Array.from(r.columns);
  return {
    rank: r.rank,
    expected: d * k,
    full: r.rank === d * k,
    rigor: r.rigor,
    method: 'construction',
    summary: `rank J = ${r.rank} = d·k (${r.rigor}): ${r.summary}`,
    data: { rank: r.rank, dk: d * k, how: 'triangular block of the construction', columns: columns.slice(0, 8).map((j) => names[j]!) },
    columns,
  };
}

/**
 * An interval proof of full rank at the point (a Krawczyk-type test on d·k chosen columns of
 * J over a box around the point), or undefined when no such proof is available. (Seam: the
 * interval test lives in src/numeric/krawczyk.ts once it exists.)
 */
export function provenRank(ws: Workspace): RankCertificate | undefined {
  return intervalRankOf(ws);
}

const fmt = (x: number): string => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2));

/** Up to `max` values for a summary line: the largest and the smallest. */
export function listValues(v: ArrayLike<number>, max = 6): string {
  const all = Array.from(v);
  if (all.length <= max) return all.map(fmt).join(', ');
  const h = Math.floor(max / 2);
  return `${all.slice(0, h).map(fmt).join(', ')}, …, ${all.slice(-h).map(fmt).join(', ')}`;
}

/** Above this many rational operations (rows² · cols) exact elimination gives way to the next tier. */
const EXACT_ELIMINATION_WORK = 2e6;

function exactCertificate(ws: Workspace, dk: number): RankCertificate | undefined {
  if (dk * dk * modelOf(ws).n > EXACT_ELIMINATION_WORK) return undefined;
  const ex = exactAtPoint(ws);
  if (!ex.ok) return undefined;
  const r: ExactRank = exactRank(ex.J);
  const full = r.rank === dk;
  const zeroJ = ex.J.every((row) => row.every(isZero));
  const uses = ex.uses.length > 0 ? `; using ${ex.uses.join('; ')}` : '';
  const summary = full
    ? `rank J = ${r.rank} = d·k exactly: exact elimination on J, evaluated in rational arithmetic at the point (pivot columns ${listColumns(ws, r.pivotColumns)})${uses}`
    : zeroJ
      ? `J = 0 exactly at the point, so rank J = 0 < d·k = ${dk}${uses}`
      : `rank J = ${r.rank} < d·k = ${dk} exactly: exact elimination on J, evaluated in rational arithmetic at the point${uses}`;
  return {
    rank: r.rank,
    expected: dk,
    full,
    rigor: ex.rigor,
    method: 'exact-jacobian',
    summary,
    data: {
      rank: r.rank,
      dk,
      how: 'exact elimination on the exact Jacobian',
      pivotColumns: r.pivotColumns.map((j) => modelOf(ws).names[j]!),
      uses: [...ex.uses],
    },
    columns: full ? r.pivotColumns : undefined,
  };
}

function listColumns(ws: Workspace, cols: readonly number[]): string {
  const names = modelOf(ws).names;
  const shown = cols.slice(0, 4).map((j) => names[j]!);
  return cols.length > 4 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function floatCertificate(ws: Workspace, dk: number): RankCertificate | undefined {
  const sv = singularValuesAt(ws);
  if (sv === undefined) return undefined;
  const full = sv.rank === dk;
  const sMin = sv.values.length > 0 ? sv.values[sv.values.length - 1]! : 0;
  const how = sv.method === 'jacobi' ? 'one-sided Jacobi on J' : `eigenvalues of the ${dk} × ${dk} Gram matrix J Jᵀ`;
  const summary = full
    ? `rank J = ${dk} = d·k in floating point: all ${dk} singular values exceed tol = ${fmt(sv.tol)} (σ_min = ${fmt(sMin)}; ${how})`
    : `rank J = ${sv.rank} < d·k = ${dk} in floating point: ${dk - sv.rank} singular value(s) ≤ tol = ${fmt(sv.tol)} (σ: ${listValues(sv.values)}; ${how})`;
  return {
    rank: sv.rank,
    expected: dk,
    full,
    rigor: 'float',
    method: 'float',
    summary,
    data: {
      rank: sv.rank,
      dk,
      tol: sv.tol,
      how,
      sigmaMax: sv.values[0] ?? 0,
      sigmaMin: sMin,
      singularValues: Array.from(sv.values.slice(0, 200)),
    },
  };
}

/** The rank of J at the point, exact → interval → float. Undefined when there is no point. */
export function rankAt(ws: Workspace): RankCertificate | undefined {
  return ws.memo('at-point:rank', () => {
    if (pointValues(ws) === undefined) return undefined;
    const { d, k } = ws.case_.data;
    const dk = d * k;
    // Exact at the point only decides the rank ON M when F(w) = 0 exactly; otherwise the interval
    // certificate covers the true zero in the enclosure box, and goes first.
    const exactOnM = (): boolean => {
      const ex = exactAtPoint(ws);
      return ex.ok && ex.F.every(isZero);
    };
    return (
      constructionRank(ws) ??
      (exactOnM() ? exactCertificate(ws, dk) : undefined) ??
      provenRank(ws) ??
      exactCertificate(ws, dk) ??
      withProofFailure(ws, floatCertificate(ws, dk))
    );
  });
}

/** A float certificate that says why the interval proof did not succeed, when one was tried. */
function withProofFailure(ws: Workspace, r: RankCertificate | undefined): RankCertificate | undefined {
  const why = zeroProofFailure(ws);
  if (r === undefined || why === undefined) return r;
  return { ...r, summary: `${r.summary}; no interval proof (${why})`, data: { ...r.data, intervalProof: why } };
}

/** Whether the point is on M, and how sure that is. */
export interface OnM {
  readonly verdict: 'holds' | 'unknown';
  readonly rigor: Rigor;
  readonly how: 'exact' | 'enclosure' | 'float';
  readonly summary: string;
  readonly data: { readonly [key: string]: Json };
}

/** Whether the case's point is on M: exact zero, a proven enclosure, or a float residual under tolerance. */
export function onMAt(ws: Workspace): OnM | undefined {
  return ws.memo('at-point:on-M', (): OnM | undefined => {
    const p = pointOf(ws);
    const at = floatAtPoint(ws);
    if (!p.found || at === undefined) return undefined;
    const floatData = { residual: at.residual, tol: at.tol, loss: sumSquares(at.F) };
    if (p.enclosure !== undefined) {
      let width = 0;
      for (const iv of p.enclosure) width = Math.max(width, iv.hi - iv.lo);
      return {
        verdict: 'holds',
        rigor: 'interval',
        how: 'enclosure',
        summary: `a box of width ≤ ${fmt(width)} around the point provably holds a zero of F (${p.method}); at the float point max |Fᵣ| = ${fmt(at.residual)}`,
        data: { ...floatData, enclosureWidth: width },
      };
    }
    const ex = exactAtPoint(ws);
    if (ex.ok) {
      const nonzero = ex.F.filter((f) => !isZero(f)).length;
      if (nonzero === 0) {
        return {
          verdict: 'holds',
          rigor: 'exact',
          how: 'exact',
          summary: `F(w) = 0 exactly: all ${ex.F.length} residuals vanish in rational arithmetic`,
          data: { ...floatData, exactZero: true },
        };
      }
      const largest = Math.max(...ex.F.map((f) => Math.abs(toNumber(f))));
      if (at.residual <= at.tol) {
        return {
          verdict: 'holds',
          rigor: 'float',
          how: 'float',
          summary: `max |Fᵣ| = ${fmt(largest)} ≤ tol = ${fmt(at.tol)}: on M to floating-point tolerance (exactly, ${nonzero} residual(s) are nonzero at this float point)`,
          data: { ...floatData, exactZero: false, exactNonzero: nonzero },
        };
      }
    }
    if (at.residual <= at.tol) {
      return {
        verdict: 'holds',
        rigor: 'float',
        how: 'float',
        summary: `max |Fᵣ| = ${fmt(at.residual)} ≤ tol = ${fmt(at.tol)}: on M to floating-point tolerance`,
        data: floatData,
      };
    }
    return {
      verdict: 'unknown',
      rigor: 'float',
      how: 'float',
      summary: `max |Fᵣ| = ${fmt(at.residual)} > tol = ${fmt(at.tol)}: the point is not on M to tolerance (L = ${fmt(floatData.loss)}), so what holds on M is not shown here`,
      data: floatData,
    };
  });
}

function sumSquares(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

export { fmt as formatNumber };
