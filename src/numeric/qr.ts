/**
 * Householder QR with column pivoting, A P = Q R: picks d well-conditioned columns of J.
 *
 * Convention: a matrix is a `Mat`, `{rows, cols, data}` with `data` row-major, entry (i, j) at
 * `data[i * cols + j]`, exactly the layout of `Model.jacobian`. Vectors are Float64Array.
 * Functions never modify their arguments and always return fresh arrays.
 */
import { EPS, hypot, type Mat } from './matrix.js';
import { defaultRankTol } from './solve.js';

// ---------------------------------------------------------------------------------------------
// QR with column pivoting

/** A Householder QR factorisation with column pivoting, A P = Q R. */
export interface PivotedQR {
  /** column j of A P is column perm[j] of A */
  readonly perm: Int32Array;
  /** R, min(rows, cols) × cols, upper trapezoidal, |R₀₀| ≥ |R₁₁| ≥ … */
  readonly r: Mat;
  /** the number of |Rₖₖ| above tol: the leading `rank` columns of A P are the well-conditioned ones */
  readonly rank: number;
  /** the tolerance used for rank */
  readonly tol: number;
  /** compact form (LAPACK's): R on and above the diagonal, Householder vectors below (unit leading entry implied) */
  readonly factors: Mat;
  /** Householder scalars: Hₖ = I − tauₖ vₖ vₖᵀ, Q = H₀ H₁ ⋯ */
  readonly tau: Float64Array;
}

/**
 * Householder QR with column pivoting (Businger–Golub, as LAPACK's dgeqp3): at step k the
 * remaining column of largest norm is moved to position k. Column norms are downdated and
 * recomputed when cancellation makes the downdate unreliable (LAPACK Working Note 176).
 *
 * `tol` defaults to `defaultRankTol(|R₀₀|, rows, cols)`. For a d × n Jacobian, `perm[0..rank)`
 * names d columns whose block is well conditioned when rank = d.
 */
export function qrPivoted(a: Mat, tol?: number): PivotedQR {
  const { rows: m, cols: n } = a;
  const A = Float64Array.from(a.data);
  const kmax = Math.min(m, n);
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  const vn1 = new Float64Array(n);
  const vn2 = new Float64Array(n);
  for (let j = 0; j < n; j++) vn1[j] = vn2[j] = columnNorm(A, m, n, j, 0);
  const tau = new Float64Array(kmax);
  const w = new Float64Array(n);
  const tol3z = Math.sqrt(EPS);

  for (let k = 0; k < kmax; k++) {
    let p = k;
    for (let j = k + 1; j < n; j++) if (vn1[j]! > vn1[p]!) p = j;
    if (p !== k) {
      for (let i = 0; i < m; i++) {
        const t = A[i * n + p]!;
        A[i * n + p] = A[i * n + k]!;
        A[i * n + k] = t;
      }
      [perm[p], perm[k]] = [perm[k]!, perm[p]!];
      vn1[p] = vn1[k]!;
      vn2[p] = vn2[k]!;
    }

    // Householder reflector for A[k.., k] (dlarfg): H x = beta e₁, v = (1, x₁/(x₀ − beta), …).
    const x0 = A[k * n + k]!;
    let xnorm = columnNorm(A, m, n, k, k + 1);
    if (xnorm === 0) {
      tau[k] = 0;
    } else {
      const beta = -Math.sign(x0 || 1) * hypot(x0, xnorm);
      tau[k] = (beta - x0) / beta;
      // Divide rather than multiply by a reciprocal, which overflows for subnormal columns.
      const den = x0 - beta;
      for (let i = k + 1; i < m; i++) A[i * n + k]! /= den;
      A[k * n + k] = beta;
      xnorm = 0;

      // Apply H to the trailing columns, row by row: w = Aᵀv, A −= tau v wᵀ.
      w.fill(0, k + 1, n);
      for (let i = k; i < m; i++) {
        const vi = i === k ? 1 : A[i * n + k]!;
        const ri = i * n;
        for (let j = k + 1; j < n; j++) w[j]! += vi * A[ri + j]!;
      }
      const t = tau[k]!;
      for (let i = k; i < m; i++) {
        const tv = t * (i === k ? 1 : A[i * n + k]!);
        const ri = i * n;
        for (let j = k + 1; j < n; j++) A[ri + j]! -= tv * w[j]!;
      }
    }

    // Downdate the partial column norms (rows k+1..).
    for (let j = k + 1; j < n; j++) {
      if (vn1[j] === 0) continue;
      let t = Math.abs(A[k * n + j]!) / vn1[j]!;
      t = Math.max(0, 1 - t * t);
      const r = vn1[j]! / vn2[j]!;
      if (t * r * r <= tol3z) {
        vn1[j] = columnNorm(A, m, n, j, k + 1);
        vn2[j] = vn1[j]!;
      } else vn1[j]! *= Math.sqrt(t);
    }
  }

  const R = new Float64Array(kmax * n);
  for (let i = 0; i < kmax; i++) for (let j = i; j < n; j++) R[i * n + j] = A[i * n + j]!;
  const r00 = kmax > 0 ? Math.abs(R[0]!) : 0;
  const t = tol ?? defaultRankTol(r00, m, n);
  let rank = 0;
  while (rank < kmax && Math.abs(R[rank * n + rank]!) > t) rank++;
  return { perm, r: { rows: kmax, cols: n, data: R }, rank, tol: t, factors: { rows: m, cols: n, data: A }, tau };
}

/** The 2-norm of A[from.., j], scaled against overflow. */
function columnNorm(A: Float64Array, m: number, n: number, j: number, from: number): number {
  let scale = 0;
  for (let i = from; i < m; i++) scale = Math.max(scale, Math.abs(A[i * n + j]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let s = 0;
  for (let i = from; i < m; i++) {
    const v = A[i * n + j]! / scale;
    s += v * v;
  }
  return scale * Math.sqrt(s);
}

/** The thin Q (rows × min(rows, cols), orthonormal columns) of a pivoted QR, so that A P = Q R. */
export function qrThinQ(f: PivotedQR): Mat {
  const { rows: m, cols: n, data: A } = f.factors;
  const kmax = Math.min(m, n);
  const Q = new Float64Array(m * kmax);
  for (let i = 0; i < kmax; i++) Q[i * kmax + i] = 1;
  const w = new Float64Array(kmax);
  // Q = H₀ ⋯ H_{kmax−1} I: apply the reflectors last to first.
  for (let k = kmax - 1; k >= 0; k--) {
    const t = f.tau[k]!;
    if (t === 0) continue;
    w.fill(0);
    for (let i = k; i < m; i++) {
      const vi = i === k ? 1 : A[i * n + k]!;
      for (let j = k; j < kmax; j++) w[j]! += vi * Q[i * kmax + j]!;
    }
    for (let i = k; i < m; i++) {
      const tv = t * (i === k ? 1 : A[i * n + k]!);
      for (let j = k; j < kmax; j++) Q[i * kmax + j]! -= tv * w[j]!;
    }
  }
  return { rows: m, cols: kmax, data: Q };
}
