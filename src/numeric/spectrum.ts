/**
 * Symmetric eigenvalues (Householder tridiagonalisation, then implicit QL) and singular values
 * (through the Gram matrix, or one-sided Jacobi).
 *
 * Convention: a matrix is a `Mat`, `{rows, cols, data}` with `data` row-major, entry (i, j) at
 * `data[i * cols + j]`, exactly the layout of `Model.jacobian`. Vectors are Float64Array.
 * Functions never modify their arguments and always return fresh arrays.
 */
import { EPS, checkSquare, gramCols, gramRows, hypot, mat, transpose, type Mat } from './matrix.js';

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
