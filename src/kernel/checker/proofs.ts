/**
 * The verifier's own proof kernels, written apart from the checker's (src/numeric/krawczyk.ts,
 * src/proof/exact-eval.ts, theorems/steps/eigen-bound.ts) so that a bug in one does not pass
 * unseen through the other:
 *
 *   krawczyk        K(X) = c − C·G(c) + (I − C·J(X))(X − c) ⊆ X with ‖I − C·J(X)‖ < 1 ⇒ one zero in X,
 *                   every matrix in J(X) nonsingular
 *   exactRank       Gaussian elimination over the rationals
 *   peelTriangular  a permutation that makes a block triangular with a proven nonzero diagonal
 *   provePositiveDefinite   interval Cholesky of G − μI (every symmetric matrix in it is PD)
 *   exactPositiveDefinite   LDLᵀ of an exact G − μI over the rationals
 *   symmetricEigenvaluesJacobi   float eigenvalues (cyclic Jacobi), for float evidence only
 */
import { add, div, isEmpty, mul, sqrt, sub, type Interval } from '../interval.js';
import { div as rdiv, isZero, mul as rmul, sign as rsign, sub as rsub, type Rational } from '../rational.js';

const ZERO: Interval = { lo: 0, hi: 0 };
const isZeroIv = (a: Interval): boolean => a.lo === 0 && a.hi === 0;
const finite = (a: Interval): boolean => Number.isFinite(a.lo) && Number.isFinite(a.hi);
const pt = (x: number): Interval => ({ lo: x, hi: x });

/**
 * Inverse by Gauss–Jordan elimination (float), or undefined when singular. Pivots are taken,
 * where possible, from a row with a single nonzero among the columns still open, which keeps
 * the exact zeros of a (permuted) triangular matrix exact in its inverse; otherwise the largest
 * entry left (full pivoting).
 */
export function invert(a: readonly number[], p: number): number[] | undefined {
  const m = [...a];
  const w: number[] = Array.from({ length: p * p }, (_, i) => (Math.floor(i / p) === i % p ? 1 : 0));
  const rowUsed = new Uint8Array(p);
  const colUsed = new Uint8Array(p);
  const rowOfCol = new Int32Array(p);
  const count = new Int32Array(p);
  const recount = (): void => {
    for (let r = 0; r < p; r++) {
      let c = 0;
      for (let j = 0; j < p; j++) if (!colUsed[j] && m[r * p + j] !== 0) c++;
      count[r] = c;
    }
  };
  recount();
  for (let step = 0; step < p; step++) {
    let br = -1;
    let bc = -1;
    let bv = 0;
    for (let r = 0; r < p; r++) {
      if (rowUsed[r] || count[r] !== 1) continue;
      for (let j = 0; j < p; j++) {
        const v = Math.abs(m[r * p + j]!);
        if (!colUsed[j] && v !== 0 && v > bv) [br, bc, bv] = [r, j, v];
      }
    }
    const singleton = br >= 0;
    if (!singleton) {
      for (let r = 0; r < p; r++) {
        if (rowUsed[r]) continue;
        for (let j = 0; j < p; j++) {
          const v = Math.abs(m[r * p + j]!);
          if (!colUsed[j] && v > bv) [br, bc, bv] = [r, j, v];
        }
      }
    }
    if (br < 0 || !(bv > 0) || !Number.isFinite(bv)) return undefined;
    // the open rows that lose a nonzero when column bc closes (counted before elimination clears it)
    if (singleton) for (let r = 0; r < p; r++) if (!rowUsed[r] && r !== br && m[r * p + bc] !== 0) count[r]!--;
    const piv = m[br * p + bc]!;
    for (let j = 0; j < p; j++) {
      if (m[br * p + j] !== 0) m[br * p + j] = m[br * p + j]! / piv;
      if (w[br * p + j] !== 0) w[br * p + j] = w[br * p + j]! / piv;
    }
    for (let r = 0; r < p; r++) {
      if (r === br) continue;
      const f = m[r * p + bc]!;
      if (f === 0) continue;
      for (let j = 0; j < p; j++) {
        if (m[br * p + j] !== 0) m[r * p + j] = j === bc ? 0 : m[r * p + j]! - f * m[br * p + j]!;
        if (w[br * p + j] !== 0) w[r * p + j] = w[r * p + j]! - f * w[br * p + j]!;
      }
    }
    rowUsed[br] = 1;
    colUsed[bc] = 1;
    rowOfCol[bc] = br;
    if (!singleton) recount();
  }
  const inv: number[] = new Array<number>(p * p);
  for (let c = 0; c < p; c++) for (let j = 0; j < p; j++) inv[c * p + j] = w[rowOfCol[c]! * p + j]!;
  return inv.every(Number.isFinite) ? inv : undefined;
}

export type KrawczykResult = { readonly ok: true; readonly contraction: number } | { readonly ok: false; readonly why: string };

/**
 * The Krawczyk test on X (p intervals) with centre c ∈ X: gAtCentre = G([c, c]), jBox = G′(X)
 * (p × p row-major), jCentre = G′([c, c]) for the preconditioner. Passes when K(X) ⊆ X and
 * ‖I − C·J(X)‖∞ < 1: then G has exactly one zero in X and every matrix in J(X) is invertible.
 */
export function krawczyk(X: readonly Interval[], c: readonly number[], gAtCentre: readonly Interval[], jBox: readonly Interval[], jCentre: readonly Interval[]): KrawczykResult {
  const p = X.length;
  if ([...gAtCentre, ...jBox].some((v) => isEmpty(v) || !finite(v))) return { ok: false, why: 'G or its Jacobian is unbounded or undefined on the box' };
  const C = invert(jCentre.map((v) => 0.5 * v.lo + 0.5 * v.hi), p);
  if (C === undefined) return { ok: false, why: 'the Jacobian block at the centre is singular' };
  let contraction = 0;
  const row = new Array<Interval>(p);
  for (let i = 0; i < p; i++) {
    // row i of I − C·J(X), accumulated over the nonzero C[i, l] and J[l, j]
    row.fill(ZERO);
    row[i] = pt(1);
    let s = pt(c[i]!);
    for (let l = 0; l < p; l++) {
      const cil = C[i * p + l]!;
      if (cil === 0) continue;
      s = sub(s, mul(pt(cil), gAtCentre[l]!));
      for (let j = 0; j < p; j++) {
        const jl = jBox[l * p + j]!;
        if (!isZeroIv(jl)) row[j] = sub(row[j]!, mul(pt(cil), jl));
      }
    }
    let q = 0;
    for (let j = 0; j < p; j++) {
      const m = row[j]!;
      if (isZeroIv(m)) continue;
      q += Math.max(Math.abs(m.lo), Math.abs(m.hi));
      s = add(s, mul(m, sub(X[j]!, pt(c[j]!))));
    }
    contraction = Math.max(contraction, q);
    if (!(s.lo >= X[i]!.lo && s.hi <= X[i]!.hi)) {
      return { ok: false, why: `K(X) is not inside X in coordinate ${i} (K = [${s.lo}, ${s.hi}], X = [${X[i]!.lo}, ${X[i]!.hi}])` };
    }
  }
  // ‖I − C·J‖∞ < 1 on the box makes C and every J in J(X) nonsingular, so K(X) ⊆ X (closed)
  // suffices: Brouwer gives a zero, nonsingularity makes it the only one.
  if (!(contraction < 0.999)) return { ok: false, why: `‖I − C·J(X)‖∞ ≤ ${contraction.toPrecision(3)} is not below 1` };
  return { ok: true, contraction };
}

/** The rank of an exact matrix (rows of rationals) by Gaussian elimination. */
export function exactRank(rows: readonly (readonly Rational[])[]): number {
  const m = rows.map((r) => [...r]);
  const nr = m.length;
  const nc = nr > 0 ? m[0]!.length : 0;
  let rank = 0;
  for (let c = 0; c < nc && rank < nr; c++) {
    const piv = m.findIndex((r, i) => i >= rank && !isZero(r[c]!));
    if (piv < 0) continue;
    [m[rank], m[piv]] = [m[piv]!, m[rank]!];
    const pr = m[rank]!;
    for (let r = rank + 1; r < nr; r++) {
      if (isZero(m[r]![c]!)) continue;
      const f = rdiv(m[r]![c]!, pr[c]!);
      m[r] = m[r]!.map((v, j) => (j < c ? v : rsub(v, rmul(f, pr[j]!))));
    }
    rank++;
  }
  return rank;
}

/** An entry of a block as the triangular argument sees it. */
export type Entry = { readonly kind: 'zero' | 'nonzero'; readonly rigor: string } | { readonly kind: 'unknown' };

/**
 * Looks for rows.length columns that, permuted, form a triangular block with a proven nonzero
 * diagonal and proven zeros on one side: repeatedly take a column whose entries in the rows
 * still open are all proven zero but one, proven nonzero; that row is done. Returns the pivot
 * columns in order and the rigors the argument used, or the number of rows it could place.
 */
export function peelTriangular(
  nRows: number,
  nCols: number,
  entry: (row: number, col: number) => Entry,
): { readonly ok: true; readonly columns: number[]; readonly rows: number[]; readonly rigors: Set<string> } | { readonly ok: false; readonly placed: number } {
  const E: Entry[][] = Array.from({ length: nRows }, (_, r) => Array.from({ length: nCols }, (_, c) => entry(r, c)));
  const open = new Uint8Array(nRows).fill(1);
  const used = new Uint8Array(nCols);
  // per column: how many open rows are not proven zero
  const live = new Int32Array(nCols);
  for (let c = 0; c < nCols; c++) for (let r = 0; r < nRows; r++) if (E[r]![c]!.kind !== 'zero') live[c]!++;
  const columns: number[] = [];
  const rows: number[] = [];
  const rigors = new Set<string>();
  for (let placed = 0; placed < nRows; placed++) {
    let pick = -1;
    let row = -1;
    for (let c = 0; c < nCols && pick < 0; c++) {
      if (used[c] || live[c] !== 1) continue;
      for (let r = 0; r < nRows; r++) {
        if (open[r] && E[r]![c]!.kind !== 'zero') {
          if (E[r]![c]!.kind === 'nonzero') [pick, row] = [c, r];
          break;
        }
      }
    }
    if (pick < 0) return { ok: false, placed };
    used[pick] = 1;
    columns.push(pick);
    rows.push(row);
    const piv = E[row]![pick]! as { kind: 'nonzero'; rigor: string };
    rigors.add(piv.rigor);
    for (let r = 0; r < nRows; r++) {
      const e = E[r]![pick]!;
      if (open[r] && e.kind === 'zero') rigors.add(e.rigor);
    }
    open[row] = 0;
    for (let c = 0; c < nCols; c++) if (E[row]![c]!.kind !== 'zero') live[c]!--;
  }
  return { ok: true, columns, rows, rigors };
}

/**
 * Whether every symmetric matrix in the interval matrix G (p × p, row-major) minus μI is
 * positive definite, by interval Cholesky: each pivot's lower bound must stay positive.
 */
export function provePositiveDefinite(G: readonly Interval[], p: number, mu: number): boolean {
  const L: Interval[] = new Array<Interval>(p * p).fill(ZERO);
  for (let j = 0; j < p; j++) {
    let s = sub(G[j * p + j]!, pt(mu));
    for (let k = 0; k < j; k++) {
      const l = L[j * p + k]!;
      if (!isZeroIv(l)) s = sub(s, mul(l, l));
    }
    if (!(s.lo > 0)) return false;
    const ljj = sqrt(s);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = G[i * p + j]!;
      for (let k = 0; k < j; k++) {
        const a = L[i * p + k]!;
        const b = L[j * p + k]!;
        if (!isZeroIv(a) && !isZeroIv(b)) t = sub(t, mul(a, b));
      }
      L[i * p + j] = isZeroIv(t) ? ZERO : div(t, ljj);
    }
  }
  return true;
}

/**
 * Whether G − μI is positive definite for an exact symmetric G: symmetric elimination over the
 * rationals without pivoting, whose pivots are ratios of leading principal minors, so all are
 * positive iff the matrix is positive definite (Sylvester's criterion).
 */
export function exactPositiveDefinite(G: readonly (readonly Rational[])[], mu: Rational): boolean {
  const p = G.length;
  const m = G.map((r, i) => r.map((v, j) => (i === j ? rsub(v, mu) : v)));
  for (let k = 0; k < p; k++) {
    const piv = m[k]![k]!;
    if (rsign(piv) <= 0) return false;
    for (let i = k + 1; i < p; i++) {
      if (isZero(m[i]![k]!)) continue;
      const f = rdiv(m[i]![k]!, piv);
      for (let j = k + 1; j < p; j++) m[i]![j] = rsub(m[i]![j]!, rmul(f, m[k]![j]!));
    }
  }
  return true;
}

/** Eigenvalues of a symmetric float matrix by cyclic Jacobi rotations, ascending. */
export function symmetricEigenvaluesJacobi(a: readonly number[], p: number): number[] {
  const A = [...a];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += A[i * p + j]! ** 2;
    if (off === 0 || !Number.isFinite(off)) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = A[i * p + j]!;
        if (aij === 0) continue;
        const theta = (A[j * p + j]! - A[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = A[k * p + i]!;
          const akj = A[k * p + j]!;
          A[k * p + i] = c * aki - s * akj;
          A[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = A[i * p + k]!;
          const ajk = A[j * p + k]!;
          A[i * p + k] = c * aik - s * ajk;
          A[j * p + k] = s * aik + c * ajk;
        }
      }
    }
    let scale = 1;
    for (const v of A) scale = Math.max(scale, Math.abs(v));
    if (off < 1e-30 * scale) break;
  }
  return Array.from({ length: p }, (_, i) => A[i * p + i]!).sort((x, y) => x - y);
}
