import fc from 'fast-check';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, SVD, solve as mlSolve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskySolve,
  defaultRankTol,
  EPS,
  fromRows,
  gramCols,
  gramRows,
  identity,
  mat,
  matmul,
  matTvec,
  matvec,
  numericalRank,
  qrPivoted,
  qrThinQ,
  singularValuesGram,
  singularValuesJacobi,
  solveLower,
  solveLowerTransposed,
  solveUpper,
  symmetricEigenvalues,
  toRows,
  transpose,
  tridiagonalize,
  type Mat,
} from '../../src/numeric/linalg.js';
import * as Q from '../../src/kernel/rational.js';

const RUNS = { seed: 42, numRuns: 100 };

// ---------------------------------------------------------------------------------------------
// Helpers

const ml = (a: Mat): Matrix => new Matrix(toRows(a));
const fromMl = (m: Matrix): Mat => fromRows(m.to2DArray());

/** max |aᵢⱼ − bᵢⱼ| ≤ tol · (1 + max |bᵢⱼ|). */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * scale);
}

const entry = fc.double({ min: -10, max: 10, noNaN: true });

/** An r × c matrix with r, c in [lo, hi]. */
const matrix = (lo: number, hi: number, e: fc.Arbitrary<number> = entry): fc.Arbitrary<Mat> =>
  fc
    .tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }))
    .chain(([r, c]) => fc.array(e, { minLength: r * c, maxLength: r * c }).map((d) => mat(r, c, Float64Array.from(d))));

/** A random symmetric n × n matrix, n in [lo, hi]. */
const symmetric = (lo: number, hi: number, e: fc.Arbitrary<number> = entry): fc.Arbitrary<Mat> =>
  fc.integer({ min: lo, max: hi }).chain((n) =>
    fc.array(e, { minLength: n * n, maxLength: n * n }).map((d) => {
      const a = mat(n, n, Float64Array.from(d));
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
      return a;
    }),
  );

/** The exact rank of a matrix of floats, by Gaussian elimination in rationals. */
function exactRank(a: Mat): number {
  const M = toRows(a).map((row) => row.map(Q.fromNumber));
  let rank = 0;
  for (let c = 0; c < a.cols && rank < a.rows; c++) {
    const p = M.findIndex((row, i) => i >= rank && !Q.isZero(row[c]!));
    if (p < 0) continue;
    [M[rank], M[p]] = [M[p]!, M[rank]!];
    for (let i = rank + 1; i < a.rows; i++) {
      const f = Q.div(M[i]![c]!, M[rank]![c]!);
      if (Q.isZero(f)) continue;
      for (let j = c; j < a.cols; j++) M[i]![j] = Q.sub(M[i]![j]!, Q.mul(f, M[rank]![j]!));
    }
    rank++;
  }
  return rank;
}

/** B·C with small integer factors: rank ≤ r, and (almost always) exactly r. */
const lowRank = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 7 }))
  .chain(([m, n, r]) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m * r, maxLength: m * r }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: r * n, maxLength: r * n }),
      )
      .map(([b, c]) => matmul(mat(m, r, Float64Array.from(b)), mat(r, n, Float64Array.from(c)))),
  );

// ---------------------------------------------------------------------------------------------

describe('construction', () => {
  it('builds and checks shapes', () => {
    expect(toRows(fromRows([[1, 2], [3, 4]]))).toEqual([[1, 2], [3, 4]]);
    expect(toRows(transpose(fromRows([[1, 2, 3]])))).toEqual([[1], [2], [3]]);
    expect(toRows(identity(2))).toEqual([[1, 0], [0, 1]]);
    expect(() => mat(2, 2, new Float64Array(3))).toThrow(RangeError);
    expect(() => fromRows([[1, 2], [3]])).toThrow(RangeError);
    expect(() => matmul(mat(2, 3), mat(2, 3))).toThrow(RangeError);
  });
});

describe('products against ml-matrix', () => {
  it('matmul', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })).chain(([m, p, n]) =>
          fc.tuple(
            fc.array(entry, { minLength: m * p, maxLength: m * p }).map((d) => mat(m, p, Float64Array.from(d))),
            fc.array(entry, { minLength: p * n, maxLength: p * n }).map((d) => mat(p, n, Float64Array.from(d))),
          ),
        ),
        ([a, b]) => expectClose(matmul(a, b).data, fromMl(ml(a).mmul(ml(b))).data),
      ),
      RUNS,
    );
  });

  it('gramRows = A Aᵀ and gramCols = AᵀA, exactly symmetric', () => {
    fc.assert(
      fc.property(matrix(1, 10), (a) => {
        const gr = gramRows(a);
        const gc = gramCols(a);
        expectClose(gr.data, fromMl(ml(a).mmul(ml(a).transpose())).data);
        expectClose(gc.data, fromMl(ml(a).transpose().mmul(ml(a))).data);
        for (const g of [gr, gc]) {
          for (let i = 0; i < g.rows; i++) for (let j = 0; j < i; j++) expect(g.data[i * g.cols + j]).toBe(g.data[j * g.cols + i]);
        }
      }),
      RUNS,
    );
  });

  it('matvec and matTvec', () => {
    fc.assert(
      fc.property(matrix(1, 10), fc.array(entry, { minLength: 10, maxLength: 10 }), (a, v) => {
        const x = v.slice(0, a.cols);
        const y = v.slice(0, a.rows);
        expectClose(matvec(a, x), ml(a).mmul(Matrix.columnVector(x)).getColumn(0));
        expectClose(matTvec(a, y), ml(a).transpose().mmul(Matrix.columnVector(y)).getColumn(0));
      }),
      RUNS,
    );
    expect(() => matvec(mat(2, 3), [1, 2])).toThrow(RangeError);
  });
});

describe('triangular solves and Cholesky', () => {
  /** A well-conditioned triangular matrix: unit-ish diagonal dominating small off-diagonals. */
  const triangular = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
        fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
        fc.array(entry, { minLength: n, maxLength: n }),
      )
      .map(([off, diag, b]) => {
        const l = mat(n, n);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < i; j++) l.data[i * n + j] = off[i * n + j]! / n;
          l.data[i * n + i] = diag[i]!;
        }
        return { l, b };
      }),
  );

  it('forward, back and transposed substitution agree with ml-matrix solve', () => {
    fc.assert(
      fc.property(triangular, ({ l, b }) => {
        const u = transpose(l);
        const ref = (m: Mat): Float64Array => Float64Array.from(mlSolve(ml(m), Matrix.columnVector(b)).getColumn(0));
        expectClose(solveLower(l, b), ref(l), 1e-11);
        expectClose(solveUpper(u, b), ref(u), 1e-11);
        expectClose(solveLowerTransposed(l, b), ref(u), 1e-11);
        // Garbage above (or below) the triangle is never read.
        const n = l.rows;
        const lg = mat(n, n, l.data.map((v, k) => (k % n > Math.floor(k / n) ? NaN : v)));
        expect(solveLower(lg, b).every(Number.isFinite)).toBe(true);
      }),
      RUNS,
    );
    expect(Array.from(solveLower(fromRows([[2, 0], [1, 1]]), [2, 3], true))).toEqual([2, 1]);
  });

  it('cholesky: L Lᵀ = A for SPD matrices, matching ml-matrix', () => {
    fc.assert(
      fc.property(matrix(1, 10), (b) => {
        // A = B Bᵀ + I is symmetric positive definite.
        const a = gramRows(b);
        for (let i = 0; i < a.rows; i++) a.data[i * a.rows + i]! += 1;
        const c = cholesky(a);
        expect(c.ok).toBe(true);
        if (!c.ok) return;
        expectClose(matmul(c.l, transpose(c.l)).data, a.data, 1e-12);
        expectClose(c.l.data, fromMl(new CholeskyDecomposition(ml(a)).lowerTriangularMatrix).data, 1e-10);
        const rhs = Array.from({ length: a.rows }, (_, i) => i - 1);
        expectClose(matvec(a, choleskySolve(c.l, rhs)), rhs, 1e-9);
      }),
      RUNS,
    );
  });

  it('cholesky reports the failing column of a matrix that is not positive definite', () => {
    expect(cholesky(fromRows([[1, 0], [0, -1]]))).toEqual({ ok: false, column: 1, pivot: -1 });
    expect(cholesky(fromRows([[1, 1], [1, 1]]))).toEqual({ ok: false, column: 1, pivot: 0 });
    expect(cholesky(fromRows([[0]]))).toMatchObject({ ok: false, column: 0 });
    expect(cholesky(fromRows([[NaN]]))).toMatchObject({ ok: false, column: 0 });
    expect(cholesky(fromRows([[4, 2], [2, 5]]))).toMatchObject({ ok: true });
  });
});

describe('rank helpers', () => {
  it('counts singular values above the tolerance', () => {
    expect(numericalRank([3, 1, 1e-20, 0], 1e-10)).toBe(2);
    expect(numericalRank([], 0)).toBe(0);
    expect(defaultRankTol(2, 3, 5)).toBe(5 * EPS * 2);
  });
});

describe('qrPivoted', () => {
  it('A P = Q R with orthonormal Q, R upper trapezoidal, |Rₖₖ| non-increasing and dominant', () => {
    fc.assert(
      fc.property(matrix(1, 10), (a) => {
        const f = qrPivoted(a);
        const { rows: m, cols: n } = a;
        const k = Math.min(m, n);
        expect(Array.from(f.perm).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, j) => j));
        const ap = mat(m, n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) ap.data[i * n + j] = a.data[i * n + f.perm[j]!]!;
        const q = qrThinQ(f);
        // Independent checks with ml-matrix products.
        expectClose(fromMl(ml(q).mmul(ml(f.r))).data, ap.data, 1e-12);
        expectClose(fromMl(ml(q).transpose().mmul(ml(q))).data, identity(k).data, 1e-12);
        for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) expect(f.r.data[i * n + j]).toBe(0);
        // Pivoting: |R_kk| ≥ ‖R[k.., j]‖ for every later column j (up to rounding).
        for (let i = 0; i < k; i++) {
          const rkk = Math.abs(f.r.data[i * n + i]!);
          for (let j = i + 1; j < n; j++) {
            let s = 0;
            for (let t = i; t < k; t++) s += f.r.data[t * n + j]! ** 2;
            expect(Math.sqrt(s)).toBeLessThanOrEqual(rkk * (1 + 1e-12) + 1e-300);
          }
        }
      }),
      RUNS,
    );
  });

  it('finds the exact rank of integer low-rank products (exact elimination as reference)', () => {
    fc.assert(
      fc.property(lowRank, (a) => {
        expect(qrPivoted(a).rank).toBe(exactRank(a));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('picks a well-conditioned column block', () => {
    // Column 1 is tiny, columns 0 and 2 are parallel: the best 2 columns are {2, 3}, or {0, 3}.
    const a = fromRows([
      [1, 1e-9, 2, 0],
      [1, 0, 2, 1],
    ]);
    const f = qrPivoted(a);
    expect(f.rank).toBe(2);
    expect(f.perm[0]).toBe(2);
    expect(f.perm[1]).toBe(3);
    expect(qrPivoted(a, 1e-3).rank).toBe(2);
    expect(qrPivoted(mat(3, 4)).rank).toBe(0);
  });
});

describe('symmetricEigenvalues', () => {
  const mlEigen = (a: Mat): Float64Array =>
    Float64Array.from(new EigenvalueDecomposition(ml(a), { assumeSymmetric: true }).realEigenvalues).sort();

  it('matches ml-matrix on random symmetric matrices (n = 1..30)', () => {
    fc.assert(
      fc.property(symmetric(1, 30), (a) => {
        const lam = symmetricEigenvalues(a);
        expectClose(lam, mlEigen(a), 1e-12);
        for (let i = 1; i < lam.length; i++) expect(lam[i]! >= lam[i - 1]!).toBe(true);
      }),
      RUNS,
    );
  });

  it('preserves the trace and the Frobenius norm (Σλ = tr A, Σλ² = ‖A‖²)', () => {
    fc.assert(
      fc.property(symmetric(1, 30), (a) => {
        const lam = symmetricEigenvalues(a);
        const n = a.rows;
        let tr = 0;
        let fro = 0;
        for (let i = 0; i < n; i++) tr += a.data[i * n + i]!;
        for (const v of a.data) fro += v * v;
        const s = lam.reduce((x, y) => x + y, 0);
        const s2 = lam.reduce((x, y) => x + y * y, 0);
        expect(Math.abs(s - tr)).toBeLessThanOrEqual(1e-11 * (1 + Math.sqrt(fro) * n));
        expect(Math.abs(s2 - fro)).toBeLessThanOrEqual(1e-11 * (1 + fro));
      }),
      RUNS,
    );
  });

  it('matches ml-matrix at n = 150 (all unrolled paths of the reduction)', () => {
    const n = 150;
    const a = mat(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        const v = Math.sin(1 + i * 7.3 + j * 1.9);
        a.data[i * n + j] = v;
        a.data[j * n + i] = v;
      }
    }
    expectClose(symmetricEigenvalues(a), mlEigen(a), 1e-12);
  });

  it('returns known spectra: diagonal, repeated, scaled, tiny sizes', () => {
    expect(Array.from(symmetricEigenvalues(mat(0, 0)))).toEqual([]);
    expect(Array.from(symmetricEigenvalues(fromRows([[5]])))).toEqual([5]);
    expectClose(symmetricEigenvalues(fromRows([[2, 1], [1, 2]])), [1, 3], 1e-15);
    const diag = [3, -1, 4, 1, -5, 9, 2, 6, 0, 0];
    const d = mat(10, 10);
    diag.forEach((v, i) => (d.data[i * 10 + i] = v));
    expect(Array.from(symmetricEigenvalues(d))).toEqual([...diag].sort((x, y) => x - y));
    // c·I conjugated by a Householder reflection: all eigenvalues c.
    const n = 12;
    const v = Array.from({ length: n }, (_, i) => Math.cos(i));
    const vv = v.reduce((x, y) => x + y * y, 0);
    const h = mat(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.data[i * n + j] = (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const hd = matmul(matmul(h, fromRows(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 7 : 0))))), h);
    expectClose(symmetricEigenvalues(hd), new Float64Array(n).fill(7), 1e-13);
    // Scaling: eig(cA) = c eig(A), far from 1 in both directions.
    const a = fromRows([[1, 2, 0], [2, -1, 3], [0, 3, 4]]);
    const base = symmetricEigenvalues(a);
    for (const c of [1e150, 1e-150]) {
      const sc = symmetricEigenvalues(mat(3, 3, a.data.map((x) => x * c)));
      expectClose(sc.map((x) => x / c), base, 1e-14);
    }
    expect(symmetricEigenvalues(fromRows([[1, NaN], [NaN, 1]])).every(Number.isNaN)).toBe(true);
  });

  it('reads only the lower triangle', () => {
    const a = fromRows([[1, 99], [2, 3]]);
    const sym = fromRows([[1, 2], [2, 3]]);
    expect(Array.from(symmetricEigenvalues(a))).toEqual(Array.from(symmetricEigenvalues(sym)));
  });

  it('counts the n − rank zero eigenvalues of a Gauss–Newton Hessian 2JᵀJ (exact rank as reference)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 25 })).chain(([d, n]) =>
          fc
            .array(fc.integer({ min: -40, max: 40 }), { minLength: d * n, maxLength: d * n })
            .map((x) => mat(d, n, Float64Array.from(x, (k) => k / 16))),
        ),
        fc.integer({ min: 0, max: 5 }),
        (j0, dup) => {
          // Copy row 0 over the last `dup` rows, so the rank is below d, by an exactly known amount.
          const j = mat(j0.rows, j0.cols, Float64Array.from(j0.data));
          const d = j.rows;
          const n = j.cols;
          for (let r = Math.max(1, d - dup); r < d; r++) j.data.copyWithin(r * n, 0, n);
          const rank = exactRank(j);
          const sv = singularValuesJacobi(j);
          // The eigenvalues of 2JᵀJ resolve σ only down to ~√ε·σ_max: keep to cases within that.
          fc.pre(rank === 0 || sv[rank - 1]! > 1e-6 * sv[0]!);
          const h = gramCols(j);
          h.data.forEach((v, i) => (h.data[i] = 2 * v));
          const lam = symmetricEigenvalues(h);
          const lamMax = Math.max(Math.abs(lam[0]!), Math.abs(lam[n - 1]!));
          const tol = n * EPS * lamMax * 10;
          expect(Array.from(lam).filter((x) => Math.abs(x) <= tol).length).toBe(n - rank);
          expect(Array.from(lam).filter((x) => x > tol).length).toBe(rank);
          // The positive eigenvalues are 2σ² (Proposition 2.3).
          const top = lam.slice(n - rank).reverse();
          expectClose(top, sv.slice(0, rank).map((s) => 2 * s * s), 1e-12);
        },
      ),
      RUNS,
    );
  });

  it('tridiagonalize keeps the eigenvalues of the tridiagonal matrix it returns', () => {
    fc.assert(
      fc.property(symmetric(1, 20), (a) => {
        const { d, e } = tridiagonalize(a);
        const n = a.rows;
        const t = mat(n, n);
        for (let i = 0; i < n; i++) {
          t.data[i * n + i] = d[i]!;
          if (i + 1 < n) t.data[(i + 1) * n + i] = t.data[i * n + i + 1] = e[i]!;
        }
        expectClose(mlEigen(t), mlEigen(a), 1e-12);
      }),
      RUNS,
    );
  });
});

describe('singular values', () => {
  const mlSv = (a: Mat): number[] => {
    const m = a.rows <= a.cols ? ml(a).transpose() : ml(a);
    return new SVD(m).diagonal.slice(0, Math.min(a.rows, a.cols));
  };

  it('Gram and Jacobi agree with ml-matrix SVD', () => {
    fc.assert(
      fc.property(matrix(1, 12), (a) => {
        const ref = mlSv(a);
        const jac = singularValuesJacobi(a);
        const gram = singularValuesGram(a);
        expect(jac.length).toBe(Math.min(a.rows, a.cols));
        expectClose(jac, ref, 1e-12);
        // The Gram route squares the condition number: absolute error ~ √ε · σ_max at worst.
        expectClose(gram, ref, 1e-7);
        for (let i = 1; i < jac.length; i++) expect(jac[i]! <= jac[i - 1]!).toBe(true);
      }),
      RUNS,
    );
  });

  it('Jacobi keeps relative accuracy of tiny singular values where the Gram route cannot', () => {
    // A = D H and H D, D = diag(σ) graded over 14 orders, H a Householder reflection (orthogonal):
    // the singular values are σ, to relative accuracy ~ε in floats, for a method that has it.
    const s = [1, 1e-5, 1e-10, 1e-14];
    const n = 4;
    const v = [1, 2, 3, 4].map(Math.sqrt);
    const vv = v.reduce((x, y) => x + y * y, 0);
    const h = mat(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h.data[i * n + j] = (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv;
    const d = mat(n, n);
    s.forEach((x, i) => (d.data[i * n + i] = x));
    for (const a of [matmul(d, h), matmul(h, d)]) {
      const jac = singularValuesJacobi(a);
      for (let i = 0; i < n; i++) expect(Math.abs(jac[i]! - s[i]!) / s[i]!).toBeLessThan(1e-14);
      // λ = σ² = 1e-28 is far below ε·λ_max: the Gram route loses the smallest one entirely.
      const gram = singularValuesGram(a);
      expect(Math.abs(gram[0]! - 1)).toBeLessThan(1e-15);
      expect(Math.abs(gram[3]! - s[3]!) / s[3]!).toBeGreaterThan(1e-3);
    }
  });

  it('rank from singular values matches the exact rank of integer low-rank products', () => {
    fc.assert(
      fc.property(lowRank, (a) => {
        const sv = singularValuesJacobi(a);
        const r = sv.length === 0 ? 0 : numericalRank(sv, defaultRankTol(sv[0]!, a.rows, a.cols));
        expect(r).toBe(exactRank(a));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('handles zero and empty matrices', () => {
    expect(Array.from(singularValuesJacobi(mat(2, 3)))).toEqual([0, 0]);
    expect(Array.from(singularValuesGram(mat(3, 2)))).toEqual([0, 0]);
    expect(Array.from(singularValuesJacobi(mat(0, 3)))).toEqual([]);
    expectClose(singularValuesJacobi(fromRows([[3, 0], [0, -4]])), [4, 3], 1e-15);
  });
});
