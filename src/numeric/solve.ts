/**
 * Triangular solves, Cholesky and the numerical rank of a list of singular values.
 *
 * Convention: a matrix is a `Mat`, `{rows, cols, data}` with `data` row-major, entry (i, j) at
 * `data[i * cols + j]`, exactly the layout of `Model.jacobian`. Vectors are Float64Array.
 * Functions never modify their arguments and always return fresh arrays.
 */
import { EPS, checkSquare, type Mat } from './matrix.js';

/**
 * Solves L x = b by forward substitution, reading only the lower triangle of L (and not its
 * diagonal when `unitDiagonal`). A zero pivot gives non-finite entries, which the caller sees.
 */
export function solveLower(l: Mat, b: ArrayLike<number>, unitDiagonal = false): Float64Array {
  const n = checkSquare(l, 'solveLower');
  if (b.length !== n) throw new RangeError(`solveLower: ${n} × ${n} system, ${b.length} right-hand sides`);
  const L = l.data;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let j = 0; j < i; j++) s -= L[ri + j]! * x[j]!;
    x[i] = unitDiagonal ? s : s / L[ri + i]!;
  }
  return x;
}

/** Solves U x = b by back substitution, reading only the upper triangle of U. */
export function solveUpper(u: Mat, b: ArrayLike<number>, unitDiagonal = false): Float64Array {
  const n = checkSquare(u, 'solveUpper');
  if (b.length !== n) throw new RangeError(`solveUpper: ${n} × ${n} system, ${b.length} right-hand sides`);
  const U = u.data;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = b[i]!;
    for (let j = i + 1; j < n; j++) s -= U[ri + j]! * x[j]!;
    x[i] = unitDiagonal ? s : s / U[ri + i]!;
  }
  return x;
}

/**
 * Solves Lᵀ x = b for lower triangular L without forming Lᵀ: column-oriented back
 * substitution, which walks the rows of L contiguously.
 */
export function solveLowerTransposed(l: Mat, b: ArrayLike<number>): Float64Array {
  const n = checkSquare(l, 'solveLowerTransposed');
  if (b.length !== n) throw new RangeError(`solveLowerTransposed: ${n} × ${n} system, ${b.length} right-hand sides`);
  const L = l.data;
  const x = Float64Array.from(b);
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = x[i]! / L[ri + i]!;
    x[i] = xi;
    for (let j = 0; j < i; j++) x[j]! -= L[ri + j]! * xi;
  }
  return x;
}

/** Outcome of a Cholesky factorisation. */
export type CholeskyResult =
  | { readonly ok: true; /** lower triangular, A = L Lᵀ */ readonly l: Mat }
  | {
      readonly ok: false;
      /** the column where the pivot was not positive (or not finite) */
      readonly column: number;
      /** the offending pivot value Aⱼⱼ − Σ Lⱼₖ² */
      readonly pivot: number;
    };

/**
 * Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix, reading only the
 * lower triangle of A. A failed pivot is an answer (the matrix is not numerically positive
 * definite), reported with its column, not thrown.
 */
export function cholesky(a: Mat): CholeskyResult {
  const n = checkSquare(a, 'cholesky');
  const A = a.data;
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    // Crout order: row j of L from dot products of row prefixes (contiguous).
    for (let i = 0; i < j; i++) {
      const ri = i * n;
      let s = A[rj + i]!;
      for (let k = 0; k < i; k++) s -= L[rj + k]! * L[ri + k]!;
      L[rj + i] = s / L[ri + i]!;
    }
    let d = A[rj + j]!;
    for (let k = 0; k < j; k++) d -= L[rj + k]! * L[rj + k]!;
    if (!(d > 0) || !Number.isFinite(d)) return { ok: false, column: j, pivot: d };
    L[rj + j] = Math.sqrt(d);
  }
  return { ok: true, l: { rows: n, cols: n, data: L } };
}

/** Solves A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: Mat, b: ArrayLike<number>): Float64Array {
  return solveLowerTransposed(l, solveLower(l, b));
}

// ---------------------------------------------------------------------------------------------
// Rank

/** The standard numerical-rank tolerance max(rows, cols) · ε · σ_max (as LAPACK and NumPy use). */
export function defaultRankTol(sigmaMax: number, rows: number, cols: number): number {
  return Math.max(rows, cols) * EPS * sigmaMax;
}

/** The number of singular values strictly above tol. */
export function numericalRank(singularValues: ArrayLike<number>, tol: number): number {
  let r = 0;
  for (let i = 0; i < singularValues.length; i++) if (singularValues[i]! > tol) r++;
  return r;
}
