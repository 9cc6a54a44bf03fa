/**
 * A proven point of M near a float point w̃ (MATH.md, "General points"): choose d·k columns S of
 * J(w̃) whose block is well conditioned (QR with column pivoting), hold the other n − d·k
 * coordinates at their float values, and run the Krawczyk test (src/numeric/krawczyk.ts) on
 * G(u) = F(w̃ with w_S = u) over boxes u ∈ w̃_S ± ρ·max(1, |w̃_S|) for a few ρ, smallest first.
 *
 * Success proves: the box holds exactly one zero w* of G, hence a true point of M, and every
 * matrix in the interval block J_S(box) is invertible, so rank J(w*) = d·k (the rows are d·k).
 * Failure proves nothing and says why: too few parameters, a block singular to working
 * precision (a critical or nearly critical point), a model not differentiable on the box, or a
 * point too far from M for the largest box tried.
 */
import { qrPivoted, mat } from '../numeric/linalg.js';
import { boxAround, floatInverse, krawczykTest, type KrawczykFailure, type SquareSystem } from '../kernel/krawczyk.js';
import { fromNumber, type Interval } from '../kernel/interval.js';
import type { IntervalData, IntervalModel } from './interval-model.js';
import type { Model } from './types.js';

/** The relative box radii tried, smallest first. */
export const DEFAULT_RADII = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4] as const;

/** Above this d·k the O((d·k)³) interval test is not attempted. */
export const MAX_PROVEN_ROWS = 600;

/** The inner margin the test demands (K within c ± θ·r), so an independent re-check passes too. */
export const PROOF_THETA = 0.9;

/** One box tried. */
export interface ZeroAttempt {
  /** relative radius ρ */
  readonly rho: number;
  readonly ok: boolean;
  readonly reason?: KrawczykFailure;
  readonly detail?: string;
  readonly contraction?: number;
  readonly newton?: number;
}

export type ZeroProofFailure = KrawczykFailure | 'too-few-parameters' | 'too-large';

export type ZeroProof =
  | {
      readonly status: 'proven';
      /** one interval per parameter: the S coordinates wide, the others [w̃ⱼ, w̃ⱼ] */
      readonly box: readonly Interval[];
      /** the d·k coordinates S, in the order of pivoted QR */
      readonly columns: readonly number[];
      /** the relative radius that worked */
      readonly rho: number;
      readonly contraction: number;
      readonly newton: number;
      /** the widest interval of the box */
      readonly maxWidth: number;
      readonly tried: readonly ZeroAttempt[];
    }
  | {
      readonly status: 'unknown';
      readonly reason: ZeroProofFailure;
      /** in words, with the numbers */
      readonly detail: string;
      readonly columns?: readonly number[];
      readonly tried: readonly ZeroAttempt[];
    };

/** What the proof needs of the model and the data. */
export interface ZeroProblem {
  /** the float model (for J(w̃) and the choice of columns) */
  readonly model: Model;
  readonly interval: IntervalModel;
  readonly data: IntervalData;
  /** the data's float inputs, for the float Jacobian */
  readonly xFloat: readonly Float64Array[];
}

/** Tries to prove a zero of F near w̃; see the module header. */
export function proveZeroNear(problem: ZeroProblem, w: Float64Array, radii: readonly number[] = DEFAULT_RADII): ZeroProof {
  const { model, interval, data, xFloat } = problem;
  const n = model.n;
  const p = data.x.length * model.k;
  if (p > n) {
    return { status: 'unknown', reason: 'too-few-parameters', detail: `n = ${n} < d·k = ${p}: F cannot have full row rank`, tried: [] };
  }
  if (p > MAX_PROVEN_ROWS) {
    return { status: 'unknown', reason: 'too-large', detail: `d·k = ${p} > ${MAX_PROVEN_ROWS}: the interval test is not attempted`, tried: [] };
  }
  const Jf = model.jacobian(w, xFloat);
  const qr = qrPivoted(mat(p, n, Jf));
  const columns = Array.from(qr.perm.slice(0, p));
  // C ≈ J_S(w̃)⁻¹ from the float Jacobian; a block singular to working precision ends here.
  const block = new Float64Array(p * p);
  for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) block[r * p + s] = Jf[r * n + columns[s]!]!;
  const C = qr.rank < p ? undefined : floatInverse(block, p);
  if (C === undefined) {
    return {
      status: 'unknown',
      reason: 'singular',
      detail: `J(w) has numerical rank ${qr.rank} < d·k = ${p} (pivoted QR, tol ${qr.tol.toExponential(2)}): no ${p} columns form a nonsingular block, so the point is critical or nearly so`,
      columns,
      tried: [],
    };
  }
  const full = (u: readonly Interval[]): Interval[] => {
    const box = Array.from(w, fromNumber);
    columns.forEach((j, s) => (box[j] = u[s]!));
    return box;
  };
  const sys: SquareSystem = {
    size: p,
    value: (u) => interval.residuals(full(u), data),
    jacobian: (u) => interval.jacobian(full(u), data.x, columns),
  };
  const centre = Float64Array.from(columns, (j) => w[j]!);
  const atCentre = sys.value(Array.from(centre, fromNumber));
  const tried: ZeroAttempt[] = [];
  for (const rho of radii) {
    const radius = Float64Array.from(centre, (c) => rho * Math.max(1, Math.abs(c)));
    const X = boxAround(centre, radius);
    const t = krawczykTest(sys, centre, X, { C, atCentre, theta: PROOF_THETA });
    if (t.ok) {
      tried.push({ rho, ok: true, contraction: t.contraction, newton: t.newton });
      const box = full(X);
      const maxWidth = Math.max(...X.map((x) => x.hi - x.lo));
      return { status: 'proven', box, columns, rho, contraction: t.contraction, newton: t.newton, maxWidth, tried };
    }
    tried.push({ rho, ok: false, reason: t.reason, detail: t.detail, ...(t.contraction === undefined ? {} : { contraction: t.contraction }), ...(t.newton === undefined ? {} : { newton: t.newton }) });
    // An unbounded enclosure at the smallest box will not improve on larger ones.
    if (t.reason === 'unbounded' && tried.length === 1 && rho === radii[0]) break;
  }
  const last = tried[tried.length - 1]!;
  const newton = last.newton;
  const far = newton !== undefined && newton > radii[radii.length - 1]! * Math.max(1, ...Array.from(centre, Math.abs));
  const detail = far
    ? `the Newton correction from the point is ${newton.toExponential(2)}, larger than the largest box tried (ρ = ${radii[radii.length - 1]}): the point is too far from M`
    : `no box proved a zero (ρ = ${radii.join(', ')}): ${last.detail ?? 'no reason given'}`;
  return { status: 'unknown', reason: last.reason ?? 'not-contained', detail, columns, tried };
}
