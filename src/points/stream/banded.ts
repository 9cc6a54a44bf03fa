/**
 * The enclosure of A⁻¹y for smooLU at the scale of a whole data set, in O(d·w) time and O(d + w)
 * memory: the difference-preconditioned block B = D·A·D is solved as a band of width w plus a
 * tail whose sum is bounded rigorously, row by row, and never formed.
 *
 * Setting (plan.ts, "previous" placement): sorted scalars q₁ < … < q_d, a float q₀ < q₁ below
 * them, biases βⱼ = q_{j−1}, so Aᵢⱼ = σ(qᵢ − q_{j−1}) for j ≤ i and 0 above the diagonal. With
 * (Dw)ᵢ = wᵢ − wᵢ₋₁, A v = y is equivalent to B u = D y, v = D u, B = D A D lower triangular:
 *
 *   Bᵢᵢ = σ(gᵢ),  g_i = qᵢ − qᵢ₋₁;   B_{i,i−1} = A_{i,i−1} − A_{ii} − A_{i−1,i−1};
 *   Bᵢⱼ (j ≤ i − 2) = ∫_{q_{i−1}}^{q_i} ∫_{q_{j−1}}^{q_j} σ″(s − r) dr ds,
 *
 * the last being the mixed second difference of σ(s − r). For smooLU σ″(t) = e^(−1/t)/t³, so
 * 0 < σ″(t) ≤ t⁻³ on t > 0: far entries are positive and decay like the cube of the distance.
 * The rectangles of the entries j ≤ i − w − 1 of row i tile r ∈ [q₀, q_{i−w−1}], so their sum is
 *
 *   Sᵢ = Σ_{j ≤ i−w−1} Bᵢⱼ ≤ ∫_{q_{i−1}}^{q_i} ∫_{−∞}^{q_{i−w−1}} (s − r)⁻³ dr ds
 *      = ½ [1/(q_{i−1} − q_{i−w−1}) − 1/(q_i − q_{i−w−1})] ≤ ½ gᵢ / ((q_{i−1} − q_{i−w−1})(qᵢ − q_{i−w−1})),
 *
 * and the tail of row i contributes Σ Bᵢⱼuⱼ ∈ [−Sᵢ·U, Sᵢ·U] with U = max |uⱼ| over those j (a
 * running maximum). The same integral by columns bounds Σ_{i ≥ j+w+1} Bᵢⱼ for the transposed
 * solve. The band's entries are enclosed from A's (four terms, one a priori error bound each), A's
 * from smooluFill (sigma.ts); every other operation is rounded outward (rounding.ts). So the box
 * holds A⁻¹y for every A in the entrywise enclosure, and its width says how much the tail and
 * the roundings cost: it is reported, never assumed small.
 */
import * as rounding from '../construct/rounding.js';
import { smooluFill } from '../construct/sigma.js';
import { SUM4, TINY4 } from '../construct/triangular.js';

// Bound once (see construct/plan.ts): live-binding getters would keep V8 from inlining these.
const { down, up } = rounding;

/** The scalars of the last layer: q[0] = β₁ below the data, q[1..d] the sorted scalars. */
export interface BandedSystem {
  /** q₀ < q₁ < … < q_d, floats, length d + 1 */
  readonly q: Float64Array;
  /** the band's width w ≥ 1: entries j ≥ i − w are enclosed one by one, the rest bounded in sum */
  readonly band: number;
}

/** An enclosure of A⁻¹yₒ for each right-hand side, and what it cost. */
export interface BandedEnclosure {
  readonly lo: Float64Array[];
  readonly hi: Float64Array[];
  /** max width over max |v|, over the right-hand sides (Infinity when a bound is lost) */
  readonly relativeWidth: number;
  /** the largest tail bound Sᵢ·U met, relative to its row's diagonal: what the band leaves out */
  readonly tailShare: number;
  /** σ evaluations (entries of A enclosed) */
  readonly entries: number;
}

/**
 * Row i of A on the band into cur: cur[o] = A_{i,i−o} for o = 0..min(w, i − 1) (1-based rows),
 * enclosed in curLo/curHi. The argument qᵢ − q_{j−1} is one float difference, enclosed outward.
 */
function aRow(q: Float64Array, i: number, w: number, cur: Float64Array, curLo: Float64Array, curHi: Float64Array): number {
  const top = Math.min(w + 1, i);
  const qi = q[i]!;
  for (let o = 0; o < top; o++) {
    const z = qi - q[i - o - 1]!;
    smooluFill(z, down(z), up(z), cur, curLo, curHi, o);
  }
  return top;
}

/**
 * Row i of B on the band, enclosed, from rows i and i − 1 of A: bLo/bHi[o] = B_{i,i−o} for
 * o = 0..min(w, i − 1). Entries of A above the diagonal are 0 (σ vanishes on t ≤ 0).
 */
function bRow(
  i: number,
  top: number,
  cl: Float64Array,
  ch: Float64Array,
  pl: Float64Array,
  ph: Float64Array,
  bLo: Float64Array,
  bHi: Float64Array,
): void {
  bLo[0] = cl[0]!;
  bHi[0] = ch[0]!;
  if (i < 2) return;
  bLo[1] = down(down(cl[1]! - ch[0]!) - ph[0]!);
  bHi[1] = up(up(ch[1]! - cl[0]!) - pl[0]!);
  for (let o = 2; o < top; o++) {
    // Bᵢⱼ = Aᵢⱼ − A_{i,j+1} − A_{i−1,j} + A_{i−1,j+1}, j = i − o; all four are ≥ 0
    const a0l = cl[o]!;
    const a0h = ch[o]!;
    const a1l = cl[o - 1]!;
    const a1h = ch[o - 1]!;
    const b0l = pl[o - 1]!;
    const b0h = ph[o - 1]!;
    const b1l = pl[o - 2]!;
    const b1h = ph[o - 2]!;
    const err = (a0h + a1h + b0h + b1h) * SUM4 + TINY4;
    bLo[o] = down(a0l - a1h - b0h + b1l - err);
    bHi[o] = up(a0h - a1l - b0l + b1h + err);
  }
}

/** An upper bound on ½·g/(D₁·D₂) for floats g, D₁, D₂ > 0 (Infinity when a divisor is not positive). */
function tailBound(g: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0)) return Infinity;
  return up(up(0.5 * g) / down(down(d1) * down(d2)));
}

/**
 * An upper bound on Sᵢ = Σ_{j ≤ i−w−1} Bᵢⱼ (1-based row i; 0 when the row has no tail): the
 * integral of the header, rounded outward.
 */
export function rowTail(q: Float64Array, i: number, w: number): number {
  const far = i - w - 1;
  return far >= 1 ? tailBound(up(q[i]! - q[i - 1]!), q[i - 1]! - q[far]!, q[i]! - q[far]!) : 0;
}

/** Whether q is strictly increasing and finite (the sign pattern of A rests on it). */
export function strictlyIncreasing(q: Float64Array): boolean {
  for (let r = 1; r < q.length; r++) if (!(q[r]! > q[r - 1]!) || !Number.isFinite(q[r]!)) return false;
  return q.length > 0 && Number.isFinite(q[0]!);
}

/**
 * Encloses A⁻¹yₒ for every right-hand side at once (yLo/yHi by rank, 0-based: y[r] is row r + 1).
 * One pass over the rows: the band of A and B is recomputed per row, the tail bounded (header).
 */
export function encloseBanded(sys: BandedSystem, yLo: readonly Float64Array[], yHi: readonly Float64Array[]): BandedEnclosure {
  const { q, band: w } = sys;
  const d = q.length - 1;
  const K = yLo.length;
  if (!(w >= 1) || !strictlyIncreasing(q)) throw new Error('encloseBanded: needs w ≥ 1 and strictly increasing q');
  let cur = new Float64Array(w + 1);
  let curLo = new Float64Array(w + 1);
  let curHi = new Float64Array(w + 1);
  let prev = new Float64Array(w + 1);
  let prevLo = new Float64Array(w + 1);
  let prevHi = new Float64Array(w + 1);
  const bLo = new Float64Array(w + 1);
  const bHi = new Float64Array(w + 1);
  const ul = yLo.map(() => new Float64Array(d));
  const uh = yLo.map(() => new Float64Array(d));
  // U: the largest |u| among the rows that have left the band, per right-hand side
  const U = new Float64Array(K);
  let tailShare = 0;
  let entries = 0;
  let lost = false;
  for (let i = 1; i <= d && !lost; i++) {
    const top = aRow(q, i, w, cur, curLo, curHi);
    entries += top;
    bRow(i, top, curLo, curHi, prevLo, prevHi, bLo, bHi);
    const dl = bLo[0]!;
    const dh = bHi[0]!;
    if (!(dl > 0)) {
      lost = true;
      break;
    }
    // the tail: columns j ≤ i − w − 1 (1-based), when there are any
    const far = i - w - 1;
    const S = rowTail(q, i, w);
    for (let o = 0; o < K; o++) {
      const xl = ul[o]!;
      const xh = uh[o]!;
      if (far >= 1) {
        const r = far - 1;
        const m = Math.max(-xl[r]!, xh[r]!);
        if (!(m <= U[o]!)) U[o] = m;
      }
      const r = i - 1;
      let sl = yLo[o]![r]!;
      let sh = yHi[o]![r]!;
      if (r >= 1) {
        sl = down(sl - yHi[o]![r - 1]!);
        sh = up(sh - yLo[o]![r - 1]!);
      }
      for (let k = 1; k < top; k++) {
        const bl = bLo[k]!;
        const bh = bHi[k]!;
        const zl = xl[r - k]!;
        const zh = xh[r - k]!;
        const p1 = bl * zl;
        const p2 = bl * zh;
        const p3 = bh * zl;
        const p4 = bh * zh;
        sl = down(sl - up(Math.max(p1, p2, p3, p4)));
        sh = up(sh - down(Math.min(p1, p2, p3, p4)));
      }
      if (S > 0) {
        const t = up(S * U[o]!);
        sl = down(sl - t);
        sh = up(sh + t);
        const share = t / dl;
        if (share > tailShare) tailShare = share;
      }
      if (!(sl > -Infinity && sh < Infinity)) {
        lost = true;
        break;
      }
      if (sl >= 0) {
        xl[r] = down(sl / dh);
        xh[r] = up(sh / dl);
      } else if (sh <= 0) {
        xl[r] = down(sl / dl);
        xh[r] = up(sh / dh);
      } else {
        xl[r] = down(sl / dl);
        xh[r] = up(sh / dl);
      }
    }
    [prev, cur] = [cur, prev];
    [prevLo, curLo] = [curLo, prevLo];
    [prevHi, curHi] = [curHi, prevHi];
  }
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  let relativeWidth = 0;
  for (let o = 0; o < K; o++) {
    const l = new Float64Array(d);
    const h = new Float64Array(d);
    if (lost) {
      l.fill(-Infinity);
      h.fill(Infinity);
      relativeWidth = Infinity;
    } else {
      // v = D u
      const xl = ul[o]!;
      const xh = uh[o]!;
      let width = 0;
      let size = 0;
      for (let j = 0; j < d; j++) {
        l[j] = j === 0 ? xl[0]! : down(xl[j]! - xh[j - 1]!);
        h[j] = j === 0 ? xh[0]! : up(xh[j]! - xl[j - 1]!);
        width = Math.max(width, h[j]! - l[j]!);
        size = Math.max(size, Math.abs(l[j]!), Math.abs(h[j]!));
      }
      const rw = size > 0 ? width / size : width === 0 ? 0 : Infinity;
      if (!(rw <= relativeWidth)) relativeWidth = rw;
    }
    lo.push(l);
    hi.push(h);
  }
  return { lo, hi, relativeWidth, tailShare, entries };
}

/**
 * Rigorous upper bounds on ‖A⁻¹‖∞ and ‖A⁻¹‖₁ for every A in the enclosure, and from them
 * σ_min(A) ≥ 1/√(‖A⁻¹‖₁‖A⁻¹‖∞): as construct/triangular.ts's inverseNormBounds, |B̃⁻¹| ≤ ⟨B⟩⁻¹
 * and A⁻¹ = D B⁻¹ D with ‖D‖ ≤ 2, but with ⟨B⟩ banded plus the tails of the header: one forward
 * pass for ⟨B⟩⁻¹·1 (row tails) and one backward pass for ⟨B⟩⁻ᵀ·1 (column tails).
 */
export function bandedInverseNormBounds(sys: BandedSystem): { inf: number; one: number; sigmaMinLower: number } {
  const { q, band: w } = sys;
  const d = q.length - 1;
  const cur = new Float64Array(w + 1);
  const curLo = new Float64Array(w + 1);
  const curHi = new Float64Array(w + 1);
  const prev = new Float64Array(w + 1);
  const prevLo = new Float64Array(w + 1);
  const prevHi = new Float64Array(w + 1);
  const bLo = new Float64Array(w + 1);
  const bHi = new Float64Array(w + 1);
  /** row i of B on the band into bLo/bHi, from freshly computed rows i and i − 1 of A */
  const rowOfB = (i: number): number => {
    const top = aRow(q, i, w, cur, curLo, curHi);
    if (i >= 2) aRow(q, i - 1, w, prev, prevLo, prevHi);
    bRow(i, top, curLo, curHi, prevLo, prevHi, bLo, bHi);
    return top;
  };
  const mag = (k: number): number => Math.max(-bLo[k]!, bHi[k]!);

  // ⟨B⟩⁻¹·1 by forward substitution; the tail of row i adds at most Sᵢ·max wⱼ over j ≤ i − w − 1
  const x = new Float64Array(d + 1);
  let inf = 0;
  let farMax = 0;
  for (let i = 1; i <= d; i++) {
    const top = rowOfB(i);
    const far = i - w - 1;
    let s = 1;
    for (let k = 1; k < top; k++) {
      const m = mag(k);
      if (m > 0) s = up(s + up(m * x[i - k]!));
    }
    if (far >= 1) {
      if (!(x[far]! <= farMax)) farMax = x[far]!;
      s = up(s + up(rowTail(q, i, w) * farMax));
    }
    x[i] = bLo[0]! > 0 ? up(s / bLo[0]!) : Infinity;
    if (!(x[i]! <= inf)) inf = x[i]!;
  }
  // ⟨B⟩⁻ᵀ·1 by back substitution; column j's tail, rows i ≥ j + w + 1, adds at most
  // ½gⱼ/((q_{j+w} − qⱼ)(q_{j+w} − q_{j−1}))·max xᵢ over those rows
  const acc = new Float64Array(d + 1);
  const z = new Float64Array(d + 1);
  let one = 0;
  let tailMax = 0;
  for (let i = d; i >= 1; i--) {
    const top = rowOfB(i);
    const near = i + w + 1;
    if (near <= d && !(z[near]! <= tailMax)) tailMax = z[near]!;
    let s = up(1 + acc[i]!);
    if (i + w <= d && tailMax > 0) s = up(s + up(tailBound(up(q[i]! - q[i - 1]!), q[i + w]! - q[i]!, q[i + w]! - q[i - 1]!) * tailMax));
    z[i] = bLo[0]! > 0 ? up(s / bLo[0]!) : Infinity;
    if (!(z[i]! <= one)) one = z[i]!;
    for (let k = 1; k < top; k++) {
      const m = mag(k);
      if (m > 0) acc[i - k] = up(acc[i - k]! + up(m * z[i]!));
    }
  }
  const factor = d >= 2 ? 4 : 1;
  const infA = up(inf * factor);
  const oneA = up(one * factor);
  const prod = up(infA * oneA);
  const sigmaMinLower = Number.isFinite(prod) && prod > 0 ? down(1 / up(Math.sqrt(prod))) : 0;
  return { inf: infA, one: oneA, sigmaMinLower: sigmaMinLower > 0 ? sigmaMinLower : 0 };
}
