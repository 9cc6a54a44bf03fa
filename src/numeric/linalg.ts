/**
 * Dense linear algebra on Float64Array, for the float steps: Gram matrices of Jacobians,
 * triangular solves, Cholesky, QR with column pivoting (to pick d well-conditioned columns of J),
 * symmetric eigenvalues (Hessian spectra) and singular values.
 *
 * Convention: a matrix is a `Mat`, `{rows, cols, data}` with `data` row-major, entry (i, j) at
 * `data[i * cols + j]`, exactly the layout of `Model.jacobian`. Vectors are Float64Array.
 * Functions never modify their arguments and always return fresh arrays.
 */

/** A dense row-major matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Machine epsilon, 2⁻⁵², the gap from 1 to the next float. */
export const EPS = Number.EPSILON;

/** A rows × cols matrix over `data` (zeros when omitted); throws when the length is wrong. */
export function mat(rows: number, cols: number, data?: Float64Array): Mat {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`bad matrix shape ${rows} × ${cols}`);
  }
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) throw new RangeError(`${rows} × ${cols} matrix needs ${rows * cols} entries, got ${d.length}`);
  return { rows, cols, data: d };
}

/** A matrix from an array of rows (all of the same length). */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.length !== c) throw new RangeError(`row ${i} has ${row.length} entries, expected ${c}`);
    data.set(row, i * c);
  }
  return { rows: r, cols: c, data };
}

/** The rows as plain arrays (for printing, JSON and tests). */
export function toRows(a: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < a.rows; i++) out.push(Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
  return out;
}

/** The n × n identity. */
export function identity(n: number): Mat {
  const a = mat(n, n);
  for (let i = 0; i < n; i++) a.data[i * n + i] = 1;
  return a;
}

/** Aᵀ. */
export function transpose(a: Mat): Mat {
  const { rows: m, cols: n, data } = a;
  const t = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = data[i * n + j]!;
  return { rows: n, cols: m, data: t };
}

// ---------------------------------------------------------------------------------------------
// Products

/** A·B. The i-k-j loop order streams rows of B and C (row-major friendly). */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows} × ${a.cols} times ${b.rows} × ${b.cols}`);
  const m = a.rows;
  const p = a.cols;
  const n = b.cols;
  const A = a.data;
  const B = b.data;
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let k = 0; k < p; k++) {
      const aik = A[i * p + k]!;
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) C[ci + j]! += aik * B[bk + j]!;
    }
  }
  return { rows: m, cols: n, data: C };
}

/**
 * A·Aᵀ, the Gram matrix of the rows: for a d × n Jacobian this is the d × d matrix JJᵀ, whose
 * eigenvalues are the nonzero eigenvalues of JᵀJ (n × n) at a fraction of the cost.
 * Each entry is a dot product of two contiguous rows; the result is exactly symmetric. Four rows
 * j go against row i at once: four independent sums (no single add chain) sharing each load of
 * row i, about 3 times faster than plain dot products.
 */
export function gramRows(a: Mat): Mat {
  const { rows: m, cols: n, data: A } = a;
  const G = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ri = i * n;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const r0 = j * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < n; k++) {
        const x = A[ri + k]!;
        s0 += x * A[r0 + k]!;
        s1 += x * A[r1 + k]!;
        s2 += x * A[r2 + k]!;
        s3 += x * A[r3 + k]!;
      }
      G[i * m + j] = G[j * m + i] = s0;
      G[i * m + j + 1] = G[(j + 1) * m + i] = s1;
      G[i * m + j + 2] = G[(j + 2) * m + i] = s2;
      G[i * m + j + 3] = G[(j + 3) * m + i] = s3;
    }
    for (; j <= i; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = 0; k < n; k++) s += A[ri + k]! * A[rj + k]!;
      G[i * m + j] = s;
      G[j * m + i] = s;
    }
  }
  return { rows: m, cols: m, data: G };
}

/** AᵀA, the Gram matrix of the columns, accumulated as a sum of outer products of rows. */
export function gramCols(a: Mat): Mat {
  const { rows: m, cols: n, data: A } = a;
  const G = new Float64Array(n * n);
  for (let r = 0; r < m; r++) {
    const ar = r * n;
    for (let i = 0; i < n; i++) {
      const x = A[ar + i]!;
      if (x === 0) continue;
      const gi = i * n;
      for (let j = i; j < n; j++) G[gi + j]! += x * A[ar + j]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) G[i * n + j] = G[j * n + i]!;
  return { rows: n, cols: n, data: G };
}

/** A·x. */
export function matvec(a: Mat, x: ArrayLike<number>): Float64Array {
  const { rows: m, cols: n, data: A } = a;
  if (x.length !== n) throw new RangeError(`matvec: ${m} × ${n} matrix, vector of ${x.length}`);
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const ri = i * n;
    for (let j = 0; j < n; j++) s += A[ri + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

/** Aᵀ·x (without forming Aᵀ: a sum of rows scaled by xᵢ). */
export function matTvec(a: Mat, x: ArrayLike<number>): Float64Array {
  const { rows: m, cols: n, data: A } = a;
  if (x.length !== m) throw new RangeError(`matTvec: ${m} × ${n} matrix, vector of ${x.length}`);
  const y = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const ri = i * n;
    for (let j = 0; j < n; j++) y[j]! += xi * A[ri + j]!;
  }
  return y;
}

// ---------------------------------------------------------------------------------------------
// Triangular systems and Cholesky

function checkSquare(a: Mat, what: string): number {
  if (a.rows !== a.cols) throw new RangeError(`${what}: matrix is ${a.rows} × ${a.cols}, not square`);
  return a.rows;
}

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

/** √(a² + b²) without overflow; Math.hypot is slow in V8 and this sits in an inner loop. */
function hypot(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  if (a < b) [a, b] = [b, a];
  if (a === 0) return 0;
  const r = b / a;
  return a * Math.sqrt(1 + r * r);
}

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

// ---------------------------------------------------------------------------------------------
// Symmetric eigenvalues

/**
 * The eigenvalues of a symmetric matrix, ascending, reading only its lower triangle.
 * Householder tridiagonalisation, then implicit QL with Wilkinson shifts (EISPACK tql1).
 * Absolute accuracy about ε·‖A‖ per eigenvalue. A matrix with a non-finite entry gives NaNs.
 */
export function symmetricEigenvalues(a: Mat): Float64Array {
  const n = checkSquare(a, 'symmetricEigenvalues');
  const A = a.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      if (!Number.isFinite(A[i * n + j]!)) return new Float64Array(n).fill(NaN);
    }
  }
  const { d, e } = tridiagonalize(a);
  tql1(d, e);
  return d.sort();
}

/**
 * Householder reduction of a symmetric matrix (lower triangle) to tridiagonal form T = QᵀAQ,
 * returning T's diagonal d (length n) and subdiagonal e (length n, e[k] = T[k+1][k], e[n−1] = 0).
 *
 * Step k reflects the trailing block B: with v the Householder vector of column k and β = 2/vᵀv,
 * p = βBv, w = p − (βpᵀv/2)v, and B ← B − vwᵀ − wvᵀ (Golub–Van Loan §8.3.1). The lower
 * triangle is packed row by row (row i holds columns 0..i), and step k's rank-2 update is fused
 * with step k+1's product Bv in a single pass over the rows, so each step reads and writes the
 * trailing triangle once, contiguously.
 */
export function tridiagonalize(a: Mat): { d: Float64Array; e: Float64Array } {
  const n = checkSquare(a, 'tridiagonalize');
  const A = a.data;
  const T = new Float64Array((n * (n + 1)) / 2);
  for (let i = 0; i < n; i++) T.set(A.subarray(i * n, i * n + i + 1), (i * (i + 1)) / 2);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // Pending update (from the previous step) vP, wP, and the current step's u, p.
  let vP = new Float64Array(n);
  let wP = new Float64Array(n);
  let u = new Float64Array(n);
  let p = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    // Bring column k (diagonal and below) up to date with the pending update.
    const vk = vP[k]!;
    const wk = wP[k]!;
    for (let i = k; i < n; i++) T[(i * (i + 1)) / 2 + k]! -= vP[i]! * wk + wP[i]! * vk;
    d[k] = T[(k * (k + 1)) / 2 + k]!;
    if (k === n - 1) break;

    // Householder vector u for x = T[k+1.., k], scaled by max|x| against overflow.
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(T[(i * (i + 1)) / 2 + k]!));
    let beta = 0;
    if (scale === 0 || k === n - 2) {
      // Nothing to annihilate: T[k+1][k] is already the subdiagonal entry.
      e[k] = T[((k + 1) * (k + 2)) / 2 + k]!;
      u.fill(0, k + 1, n);
    } else {
      let ss = 0;
      for (let i = k + 1; i < n; i++) {
        const x = T[(i * (i + 1)) / 2 + k]! / scale;
        u[i] = x;
        ss += x * x;
      }
      const norm = Math.sqrt(ss);
      const x0 = u[k + 1]!;
      const alpha = x0 >= 0 ? -norm : norm; // sign opposite x0: no cancellation in x0 − alpha
      u[k + 1] = x0 - alpha;
      beta = 1 / (norm * Math.abs(u[k + 1]!)); // 2/uᵀu, since uᵀu = 2·norm·(norm + |x0|)
      e[k] = alpha * scale;
    }

    // Fused pass over rows i > k: apply the pending update to row i of the trailing block, then
    // accumulate p = B u with the updated entries (row i: dot for pᵢ, axpy into p_j).
    p.fill(0, k + 1, n);
    fusedPass(T, k, n, vP, wP, u, p);

    // w = βp − (β²/2)(pᵀu)u, which becomes the pending update.
    let pu = 0;
    for (let i = k + 1; i < n; i++) pu += p[i]! * u[i]!;
    const K = 0.5 * beta * beta * pu;
    for (let i = k + 1; i < n; i++) p[i] = beta * p[i]! - K * u[i]!;
    [vP, u] = [u, vP];
    [wP, p] = [p, wP];
  }
  return { d, e };
}

/**
 * One pass over rows k+1.. of the packed lower triangle T: apply B ← B − v wᵀ − w vᵀ (v, w the
 * pending update) and add B u into p (p preset to 0). Rows go four at a time so that each load
 * of v[j], w[j], u[j], p[j] serves four rows: in JavaScript the loads, not the flops, set the pace
 * (this made the reduction about 2.5 times faster than one row at a time).
 */
function fusedPass(
  T: Float64Array,
  k: number,
  n: number,
  v: Float64Array,
  w: Float64Array,
  u: Float64Array,
  p: Float64Array,
): void {
  let i = k + 1;
  for (; i + 3 < n; i += 4) {
    const r1 = (i * (i + 1)) / 2;
    const r2 = r1 + i + 1;
    const r3 = r2 + i + 2;
    const r4 = r3 + i + 3;
    const v1 = v[i]!, w1 = w[i]!, u1 = u[i]!;
    const v2 = v[i + 1]!, w2 = w[i + 1]!, u2 = u[i + 1]!;
    const v3 = v[i + 2]!, w3 = w[i + 2]!, u3 = u[i + 2]!;
    const v4 = v[i + 3]!, w4 = w[i + 3]!, u4 = u[i + 3]!;
    let p1 = 0, p2 = 0, p3 = 0, p4 = 0;
    for (let j = k + 1; j < i; j++) {
      const vj = v[j]!;
      const wj = w[j]!;
      const uj = u[j]!;
      const x1 = T[r1 + j]! - v1 * wj - w1 * vj;
      const x2 = T[r2 + j]! - v2 * wj - w2 * vj;
      const x3 = T[r3 + j]! - v3 * wj - w3 * vj;
      const x4 = T[r4 + j]! - v4 * wj - w4 * vj;
      T[r1 + j] = x1;
      T[r2 + j] = x2;
      T[r3 + j] = x3;
      T[r4 + j] = x4;
      p1 += x1 * uj;
      p2 += x2 * uj;
      p3 += x3 * uj;
      p4 += x4 * uj;
      p[j]! += x1 * u1 + x2 * u2 + x3 * u3 + x4 * u4;
    }
    p[i]! += p1;
    p[i + 1]! += p2;
    p[i + 2]! += p3;
    p[i + 3]! += p4;
    // The 4 × 4 diagonal corner, entry by entry.
    for (let a = i; a < i + 4; a++) {
      const ra = (a * (a + 1)) / 2;
      const va = v[a]!, wa = w[a]!, ua = u[a]!;
      for (let b = i; b < a; b++) {
        const x = T[ra + b]! - va * w[b]! - wa * v[b]!;
        T[ra + b] = x;
        p[a]! += x * u[b]!;
        p[b]! += x * ua;
      }
      const x = T[ra + a]! - 2 * va * wa;
      T[ra + a] = x;
      p[a]! += x * ua;
    }
  }
  for (; i < n; i++) {
    const r1 = (i * (i + 1)) / 2;
    const v1 = v[i]!;
    const w1 = w[i]!;
    const u1 = u[i]!;
    let p1 = 0;
    for (let j = k + 1; j < i; j++) {
      const x = T[r1 + j]! - v1 * w[j]! - w1 * v[j]!;
      T[r1 + j] = x;
      p1 += x * u[j]!;
      p[j]! += x * u1;
    }
    const d1 = T[r1 + i]! - 2 * v1 * w1;
    T[r1 + i] = d1;
    p[i]! += p1 + d1 * u1;
  }
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d, e) by implicit QL with Wilkinson shifts
 * (EISPACK tql1, as in JAMA's tql2 without vectors), in place into d (unsorted); e is destroyed.
 * Throws if an eigenvalue takes more than 60 iterations (never seen in practice: QL converges
 * cubically for symmetric matrices).
 */
function tql1(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  if (n === 0) return;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error(`symmetricEigenvalues: QL did not converge at index ${l}`);
        // Wilkinson shift from the leading 2 × 2 block.
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        // Implicit QL sweep from m up to l.
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Singular values

/**
 * Singular values of A, descending, as √λ of the eigenvalues of the smaller Gram matrix
 * (AAᵀ when rows ≤ cols, else AᵀA), clamping tiny negative λ to 0. Fast (one d × d eigenproblem
 * for a d × n Jacobian), but values below about √ε·σ_max carry no relative accuracy: use
 * `singularValuesJacobi` when the small ones matter.
 */
export function singularValuesGram(a: Mat): Float64Array {
  const g = a.rows <= a.cols ? gramRows(a) : gramCols(a);
  const lam = symmetricEigenvalues(g);
  const k = lam.length;
  const s = new Float64Array(k);
  for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(0, lam[k - 1 - i]!));
  return s;
}

/**
 * Singular values of A, descending (min(rows, cols) of them), by one-sided Jacobi (Hestenes):
 * rotate pairs of rows until all rows are orthogonal; the singular values are then the row
 * norms. Rows are contiguous, so each rotation streams two rows. High relative accuracy, but
 * O(min² · max) per sweep: meant for small matrices and for checking.
 */
export function singularValuesJacobi(a: Mat, maxSweeps = 60): Float64Array {
  const w = a.rows <= a.cols ? mat(a.rows, a.cols, Float64Array.from(a.data)) : transpose(a);
  const { rows: m, cols: n, data: W } = w;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < m - 1; p++) {
      const rp = p * n;
      for (let q = p + 1; q < m; q++) {
        const rq = q * n;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let j = 0; j < n; j++) {
          const x = W[rp + j]!;
          const y = W[rq + j]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of the 2 × 2 Gram block.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.abs(zeta) > 1e150 ? 1 / (2 * zeta) : Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let j = 0; j < n; j++) {
          const x = W[rp + j]!;
          const y = W[rq + j]!;
          W[rp + j] = c * x - s * y;
          W[rq + j] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const sv = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let scale = 0;
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(W[i * n + j]!));
    let s = 0;
    if (scale > 0) for (let j = 0; j < n; j++) s += (W[i * n + j]! / scale) ** 2;
    sv[i] = scale * Math.sqrt(s);
  }
  return sv.sort().reverse();
}
