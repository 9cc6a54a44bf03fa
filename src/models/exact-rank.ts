/**
 * Exact Gaussian elimination on rational matrices: the rank of J with its pivot block, and a
 * proven lower bound on the smallest eigenvalue of a rational Gram matrix.
 */
import {
  ZERO,
  div,
  fromNumber,
  isZero,
  mul,
  rat,
  sign,
  sub,
  type Rational,
} from '../kernel/rational.js';

/** The outcome of exact Gaussian elimination on a rational matrix. */
export interface ExactRank {
  readonly rank: number;
  /** the pivot columns, one per unit of rank: the columns of an invertible rank × rank block */
  readonly pivotColumns: readonly number[];
  /** the pivot rows (the rows of that block) */
  readonly pivotRows: readonly number[];
}

/**
 * The rank of a rational matrix by Gaussian elimination with exact arithmetic (pivot: the first
 * nonzero entry of the column, so the result does not depend on rounding).
 */
export function exactRank(rows: readonly (readonly Rational[])[]): ExactRank {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  const A = rows.map((r) => [...r]);
  const rowIds = rows.map((_, i) => i);
  const pivotColumns: number[] = [];
  const pivotRows: number[] = [];
  let r = 0;
  for (let col = 0; col < n && r < m; col++) {
    let piv = -1;
    for (let i = r; i < m; i++) {
      if (!isZero(A[i]![col]!)) {
        piv = i;
        break;
      }
    }
    if (piv < 0) continue;
    [A[r], A[piv]] = [A[piv]!, A[r]!];
    [rowIds[r], rowIds[piv]] = [rowIds[piv]!, rowIds[r]!];
    const pr = A[r]!;
    for (let i = r + 1; i < m; i++) {
      const ri = A[i]!;
      if (isZero(ri[col]!)) continue;
      const f = div(ri[col]!, pr[col]!);
      for (let j = col; j < n; j++) if (!isZero(pr[j]!)) ri[j] = sub(ri[j]!, mul(f, pr[j]!));
    }
    pivotColumns.push(col);
    pivotRows.push(rowIds[r]!);
    r++;
  }
  return { rank: r, pivotColumns, pivotRows };
}

/**
 * A lower bound on the smallest eigenvalue of a symmetric rational matrix G, proven exactly:
 * G − μI is positive definite when every pivot of its exact LDLᵀ elimination is positive, and
 * then λ_min(G) > μ. Tries μ = guess·(1 − 2⁻ᵏ) for k = 30, 20, 10, 3, 1, then guess/16 (dyadics
 * just below the float estimate); returns undefined when even μ = 0 fails (G singular or not positive definite).
 */
export function provenEigenvalueLowerBound(G: readonly (readonly Rational[])[], guess: number): Rational | undefined {
  const tries: Rational[] = [];
  if (guess > 0 && Number.isFinite(guess)) {
    const g = fromNumber(guess);
    // tight first: the float estimate is accurate to about d·ε·‖G‖, so 1 − 2⁻³⁰ usually passes
    for (const k of [30n, 20n, 10n, 3n, 1n]) tries.push(mul(g, rat((1n << k) - 1n, 1n << k)));
    tries.push(mul(g, rat(1n, 16n)));
  }
  tries.push(ZERO);
  for (const mu of tries) {
    if (positiveDefiniteShifted(G, mu)) return mu;
  }
  return undefined;
}

function positiveDefiniteShifted(G: readonly (readonly Rational[])[], mu: Rational): boolean {
  const m = G.length;
  const A = G.map((row, i) => row.map((v, j) => (i === j ? sub(v, mu) : v)));
  for (let k = 0; k < m; k++) {
    const pivot = A[k]![k]!;
    if (sign(pivot) <= 0) return false;
    for (let i = k + 1; i < m; i++) {
      const f = div(A[i]![k]!, pivot);
      if (isZero(f)) continue;
      // lower triangle only: the (k, j) entry of the symmetric matrix is stored at (j, k)
      for (let j = k + 1; j <= i; j++) A[i]![j] = sub(A[i]![j]!, mul(f, A[j]![k]!));
    }
  }
  return true;
}
