/**
 * The Krawczyk test: a proof, in interval arithmetic, that a square system G(u) = 0 has exactly
 * one solution in a box X and that G′ is nonsingular on all of X.
 *
 * With c ∈ X, any real matrix C (in practice C ≈ G′(c)⁻¹ in floating point) and an interval
 * matrix J ⊇ {G′(u) : u ∈ X}, the Krawczyk operator is
 *
 *     K(X) = c − C·G(c) + (I − C·J)·(X − c).
 *
 * Theorem (Krawczyk 1969; Moore 1977; Rump 1983): if K(X) lies in the interior of X, then C and
 * every matrix in J are nonsingular, and G has exactly one zero in X (it lies in K(X) ∩ X).
 * Why: u ↦ u − C·G(u) maps X into K(X) by the mean value theorem, so Brouwer gives a fixed point;
 * interiority gives ‖I − C·J‖ < 1 in a scaled norm, whence nonsingularity and uniqueness.
 *
 * The theorem needs G to be C¹ on X; the interval evaluators (src/models/interval-*.ts) return
 * unbounded enclosures where that fails, and an unbounded J never passes. G(c) is evaluated
 * over the point box [c, c], in intervals, so rounding in G itself is accounted for; C is any
 * float matrix and needs no error analysis. Every product and sum below is outward rounded.
 */
import { add, intersect, isEmpty, mul, sub, type Interval } from './interval.js';

/** A square system G: ℝᵖ → ℝᵖ with interval enclosures of G and G′ over boxes. */
export interface SquareSystem {
  readonly size: number;
  /** encloses G over the box: p intervals */
  value(box: readonly Interval[]): Interval[];
  /** encloses G′ over the box: p × p intervals, row-major */
  jacobian(box: readonly Interval[]): Interval[];
}

/** Why a test did not prove anything. */
export type KrawczykFailure =
  /** the float Jacobian at the centre could not be inverted: the block is singular to working precision */
  | 'singular'
  /** G or G′ has an unbounded or empty enclosure on the box (a kink, a pole, a domain edge) */
  | 'unbounded'
  /** K(X) is not inside X: the box is too small for the Newton correction, or too large for J to stay near G′(c) */
  | 'not-contained';

export type KrawczykOutcome =
  | {
      readonly ok: true;
      /** the box X that the test proved */
      readonly box: readonly Interval[];
      /** K(X) ∩ X: the zero lies here too */
      readonly refined: readonly Interval[];
      /** max over rows of Σⱼ |I − C·J|ᵢⱼ (magnitude), an upper bound on the contraction */
      readonly contraction: number;
      /** max |C·G(c)|ᵢ: the size of the Newton correction from the centre */
      readonly newton: number;
    }
  | {
      readonly ok: false;
      readonly reason: KrawczykFailure;
      readonly detail: string;
      readonly contraction?: number;
      readonly newton?: number;
    };

const mag = (a: Interval): number => Math.max(Math.abs(a.lo), Math.abs(a.hi));
const finite = (a: Interval): boolean => Number.isFinite(a.lo) && Number.isFinite(a.hi);

/**
 * The inverse of a p × p float matrix (row-major) by Gauss–Jordan elimination with partial
 * pivoting, or undefined when a pivot is 0 or not finite. Exact zeros are skipped, so a block
 * diagonal matrix keeps its blocks (and the Krawczyk products stay cheap).
 */
export function floatInverse(a: ArrayLike<number>, p: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inv[i * p + i] = 1;
  for (let col = 0; col < p; col++) {
    let piv = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r * p + col]!) > Math.abs(m[piv * p + col]!)) piv = r;
    const pv = m[piv * p + col]!;
    if (pv === 0 || !Number.isFinite(pv)) return undefined;
    if (piv !== col) {
      for (let j = 0; j < p; j++) {
        [m[col * p + j], m[piv * p + j]] = [m[piv * p + j]!, m[col * p + j]!];
        [inv[col * p + j], inv[piv * p + j]] = [inv[piv * p + j]!, inv[col * p + j]!];
      }
    }
    for (let j = 0; j < p; j++) {
      m[col * p + j]! /= pv;
      inv[col * p + j]! /= pv;
    }
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const f = m[r * p + col]!;
      if (f === 0) continue;
      for (let j = 0; j < p; j++) {
        const mj = m[col * p + j]!;
        if (mj !== 0) m[r * p + j]! -= f * mj;
        const ij = inv[col * p + j]!;
        if (ij !== 0) inv[r * p + j]! -= f * ij;
      }
    }
  }
  for (let i = 0; i < p * p; i++) if (!Number.isFinite(inv[i]!)) return undefined;
  return inv;
}

/** Midpoints of an interval matrix (for C = mid(J(c))⁻¹). */
export function midpoints(a: readonly Interval[]): Float64Array {
  return Float64Array.from(a, (x) => (x.lo === x.hi ? x.lo : 0.5 * x.lo + 0.5 * x.hi));
}

/** Options of one test. */
export interface KrawczykOptions {
  /** a float approximate inverse of G′ at the centre (computed from J([c, c]) when absent) */
  readonly C?: Float64Array;
  /** G([c, c]), when the caller already has it */
  readonly atCentre?: readonly Interval[];
  /**
   * require K(X) within c ± θ·(X − c) instead of the interior of X (θ ≤ 1; default 1). A θ < 1
   * leaves room for an independent re-check with its own rounding to pass too.
   */
  readonly theta?: number;
}

/** The Krawczyk test of `sys` on the box X around the centre c (c must lie in X). */
export function krawczykTest(sys: SquareSystem, centre: ArrayLike<number>, X: readonly Interval[], opts: KrawczykOptions = {}): KrawczykOutcome {
  const p = sys.size;
  if (X.length !== p || centre.length !== p) throw new RangeError(`krawczykTest: box and centre must have ${p} entries`);
  const cBox: Interval[] = Array.from(centre, (v) => ({ lo: v, hi: v }));
  const g = opts.atCentre ?? sys.value(cBox);
  if (g.some((v) => isEmpty(v) || !finite(v))) {
    return { ok: false, reason: 'unbounded', detail: 'G is not bounded at the centre (undefined or infinite there)' };
  }
  let C = opts.C;
  if (C === undefined) {
    const jc = sys.jacobian(cBox);
    C = jc.every(finite) ? floatInverse(midpoints(jc), p) : undefined;
  }
  if (C === undefined) return { ok: false, reason: 'singular', detail: 'the Jacobian block at the centre is singular to working precision' };
  const J = sys.jacobian(X);
  const bad = J.findIndex((v) => isEmpty(v) || !finite(v));
  if (bad >= 0) {
    return {
      ok: false,
      reason: 'unbounded',
      detail: `the interval Jacobian is unbounded on the box (entry ${Math.floor(bad / p)},${bad % p}): the model is not differentiable everywhere on it`,
    };
  }
  const ZERO: Interval = { lo: 0, hi: 0 };
  // y = C·G(c)
  const y: Interval[] = new Array<Interval>(p);
  let newton = 0;
  for (let i = 0; i < p; i++) {
    let s = ZERO;
    for (let l = 0; l < p; l++) {
      const cil = C[i * p + l]!;
      if (cil !== 0) s = add(s, mul({ lo: cil, hi: cil }, g[l]!));
    }
    y[i] = s;
    newton = Math.max(newton, mag(s));
  }
  const D = X.map((x, j) => sub(x, cBox[j]!));
  // K = c − y + (I − C·J)·D, row by row
  const K: Interval[] = new Array<Interval>(p);
  let contraction = 0;
  const row = new Array<Interval>(p);
  for (let i = 0; i < p; i++) {
    row.fill(ZERO);
    row[i] = { lo: 1, hi: 1 };
    for (let l = 0; l < p; l++) {
      const cil = C[i * p + l]!;
      if (cil === 0) continue;
      const ci: Interval = { lo: cil, hi: cil };
      for (let j = 0; j < p; j++) {
        const jl = J[l * p + j]!;
        if (jl.lo === 0 && jl.hi === 0) continue;
        row[j] = sub(row[j]!, mul(ci, jl));
      }
    }
    let s = sub(cBox[i]!, y[i]!);
    let q = 0;
    for (let j = 0; j < p; j++) {
      const m = row[j]!;
      if (m.lo === 0 && m.hi === 0) continue;
      q += mag(m);
      s = add(s, mul(m, D[j]!));
    }
    contraction = Math.max(contraction, q);
    K[i] = s;
  }
  const theta = opts.theta ?? 1;
  let worst = -1;
  for (let i = 0; i < p; i++) {
    const c = centre[i]!;
    const lo = theta === 1 ? X[i]!.lo : c - theta * (c - X[i]!.lo);
    const hi = theta === 1 ? X[i]!.hi : c + theta * (X[i]!.hi - c);
    if (!(K[i]!.lo > lo && K[i]!.hi < hi)) {
      worst = i;
      break;
    }
  }
  if (worst >= 0) {
    const why =
      newton >= Math.min(...X.map((x, j) => Math.min(centre[j]! - x.lo, x.hi - centre[j]!)))
        ? `the Newton correction (${newton.toExponential(2)}) does not fit in the box`
        : contraction >= 1
          ? `‖I − C·J‖ ≤ ${contraction.toPrecision(3)} is not below 1 on the box: J varies too much over it, or the block is ill-conditioned`
          : `K(X) is not inside X in coordinate ${worst}`;
    return { ok: false, reason: 'not-contained', detail: why, contraction, newton };
  }
  const refined = K.map((k, i) => intersect(k, X[i]!));
  return { ok: true, box: X, refined, contraction, newton };
}

/** The box c ± r, each end rounded outward so that it holds the real interval [c − r, c + r]. */
export function boxAround(centre: ArrayLike<number>, radius: ArrayLike<number>): Interval[] {
  return Array.from(centre, (c, i) => {
    const r = radius[i]!;
    const s = sub({ lo: c, hi: c }, { lo: r, hi: r });
    const t = add({ lo: c, hi: c }, { lo: r, hi: r });
    return { lo: s.lo, hi: t.hi };
  });
}
