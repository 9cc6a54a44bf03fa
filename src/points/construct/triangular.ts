/**
 * The lower-triangular block A of Lemma 3.3 and its solves: float forward substitution for the
 * output weights, an interval enclosure of the exact solution, and rigorous bounds on ‖A⁻¹‖.
 *
 * Storage is packed by rows: entry (i, j ≤ i) at i(i+1)/2 + j, d(d+1)/2 numbers, because the
 * zeros above the diagonal are proven by signs and never computed.
 *
 * Why the enclosure is preconditioned. Plain interval forward substitution on A multiplies
 * widths by the comparison matrix ⟨A⟩⁻¹, which grows like 2ⁱ when the columns of A are nearly
 * equal (σ bounded) or nearly linear (σ ≈ t − 1, smooLU and relu far from 0): useless at
 * d = 2,000. With D the lower bidiagonal difference matrix ((Dw)ᵢ = wᵢ − wᵢ₋₁), the system
 * A v = y is equivalent to B u = D_L y, v = D_R u, with B = D_L A D_R lower triangular and
 * D_L, D_R ∈ {I, D}. For σ ≈ t − 1 and biases at the previous projection, A ≈ E G E with E the
 * all-ones lower triangle and G the gaps, so D A D is nearly diagonal; for bounded σ, D A is.
 * The entries of B are enclosed from those of A (four terms, row by row, never stored), then
 * interval forward substitution on B encloses u, and the bidiagonal D_R maps u to v. Every bound is outward
 * rounded (rounding.ts), so the result encloses A⁻¹y for every A and y in their enclosures.
 */
import * as rounding from './rounding.js';

// Bound once here: a transpiler's live-binding getters (tsx) would keep V8 from inlining these
// in the O(d²) loops, a tenfold slowdown.
const { down, up } = rounding;

/**
 * The error of a float sum of four terms is at most γ₃·Σ|terms| with γ₃ = 3u/(1 − 3u) (Higham,
 * Accuracy and Stability of Numerical Algorithms, §3.1), u = 2⁻⁵³; 3.1u also covers the rounding
 * of Σ|terms| itself, and 4η the subnormal range (η = 2⁻¹⁰⁷⁴).
 */
export const SUM4 = 3.1 * 2 ** -53;
export const TINY4 = 4 * 2 ** -1074;

/** Index of entry (i, j), j ≤ i, in packed lower-triangular storage. */
export const packedIndex = (i: number, j: number): number => (i * (i + 1)) / 2 + j;

/** A d × d lower-triangular block: float values and an entrywise enclosure. */
export interface TriangularBlock {
  readonly d: number;
  readonly f: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

/** Which difference matrices precondition the interval solve: B = D_L^left · A · D_R^right. */
export interface Transform {
  readonly left: boolean;
  readonly right: boolean;
}

export const TRANSFORMS: readonly Transform[] = [
  { left: true, right: true },
  { left: true, right: false },
  { left: false, right: false },
  { left: false, right: true },
];

export const transformName = (t: Transform): string =>
  t.left && t.right ? 'D·A·D' : t.left ? 'D·A' : t.right ? 'A·D' : 'A';

/**
 * Float forward substitution A v = b. Also returns the amplification Σⱼ |Aᵢⱼ vⱼ| / |b|∞ at its
 * largest over i: how much the rounding of one evaluation of the network is magnified relative
 * to the targets (the growth that MATH.md's "Numerical stability" measures).
 */
export function forwardSubstitute(a: TriangularBlock, b: Float64Array): { v: Float64Array; amplification: number } {
  const { d, f } = a;
  const v = new Float64Array(d);
  let amp = 0;
  let bmax = 0;
  for (let i = 0; i < d; i++) {
    const base = (i * (i + 1)) / 2;
    let s = b[i]!;
    let absSum = 0;
    for (let j = 0; j < i; j++) {
      const p = f[base + j]! * v[j]!;
      s -= p;
      absSum += Math.abs(p);
    }
    const vi = s / f[base + i]!;
    v[i] = vi;
    absSum += Math.abs(f[base + i]! * vi);
    if (absSum > amp) amp = absSum;
    if (Math.abs(b[i]!) > bmax) bmax = Math.abs(b[i]!);
  }
  return { v, amplification: bmax > 0 ? amp / bmax : amp === 0 ? 0 : Infinity };
}

/** Float solve of Aᵀ x = b (back substitution by columns of the packed rows). */
export function backSubstituteTransposed(a: TriangularBlock, b: Float64Array): Float64Array {
  const { d, f } = a;
  const x = Float64Array.from(b);
  for (let i = d - 1; i >= 0; i--) {
    const base = (i * (i + 1)) / 2;
    const xi = x[i]! / f[base + i]!;
    x[i] = xi;
    for (let j = 0; j < i; j++) x[j]! -= f[base + j]! * xi;
  }
  return x;
}

/**
 * Row i of B = D_L^left · A · D_R^right, enclosed, into rowLo/rowHi[0..i]:
 * Bᵢⱼ = Aᵢⱼ − [right] A_{i,j+1} − [left] A_{i−1,j} + [both] A_{i−1,j+1}, entries outside the
 * lower triangle being 0; each sum rounded outward. Computed on the fly (never stored): a row
 * of B costs what reading it would.
 */
export function bRow(a: TriangularBlock, t: Transform, i: number, rowLo: Float64Array, rowHi: Float64Array): void {
  const { lo: al, hi: ah } = a;
  const base = (i * (i + 1)) / 2;
  const pb = ((i - 1) * i) / 2;
  // entries on and next to the diagonal lose terms from the upper triangle (zeros); the bulk
  // j < i − 1 takes all four terms, summed in float with one a priori error bound per entry:
  // three roundings err by at most 3u·Σ|terms| (Higham, γ₃), and every term is bounded by the
  // larger magnitude of its enclosure, the upper end when the enclosure is nonnegative
  if (t.left && t.right) {
    for (let j = 0; j < i - 1; j++) {
      const al0 = al[base + j]!;
      const ah0 = ah[base + j]!;
      const al1 = al[base + j + 1]!;
      const ah1 = ah[base + j + 1]!;
      const bl0 = al[pb + j]!;
      const bh0 = ah[pb + j]!;
      const bl1 = al[pb + j + 1]!;
      const bh1 = ah[pb + j + 1]!;
      const mag =
        al0 >= 0 && al1 >= 0 && bl0 >= 0 && bl1 >= 0
          ? ah0 + ah1 + bh0 + bh1
          : Math.max(-al0, ah0) + Math.max(-al1, ah1) + Math.max(-bl0, bh0) + Math.max(-bl1, bh1);
      const err = mag * SUM4 + TINY4;
      rowLo[j] = down(al0 - ah1 - bh0 + bl1 - err);
      rowHi[j] = up(ah0 - al1 - bl0 + bh1 + err);
    }
    if (i >= 1) {
      const j = i - 1;
      rowLo[j] = down(down(al[base + j]! - ah[base + j + 1]!) - ah[pb + j]!);
      rowHi[j] = up(up(ah[base + j]! - al[base + j + 1]!) - al[pb + j]!);
    }
  } else if (t.left) {
    for (let j = 0; j < i; j++) {
      rowLo[j] = down(al[base + j]! - ah[pb + j]!);
      rowHi[j] = up(ah[base + j]! - al[pb + j]!);
    }
  } else if (t.right) {
    for (let j = 0; j < i; j++) {
      rowLo[j] = down(al[base + j]! - ah[base + j + 1]!);
      rowHi[j] = up(ah[base + j]! - al[base + j + 1]!);
    }
  } else {
    for (let j = 0; j < i; j++) {
      rowLo[j] = al[base + j]!;
      rowHi[j] = ah[base + j]!;
    }
  }
  rowLo[i] = al[base + i]!;
  rowHi[i] = ah[base + i]!;
}

/** Interval enclosure of the solution of A v = y, with how it went. */
export interface SolutionEnclosure {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly transform: Transform;
  /** max width / max |v| (Infinity when some bound is not finite) */
  readonly relativeWidth: number;
}

/** The enclosures of A⁻¹yₒ for every right-hand side o with one preconditioning transform. */
export function encloseWith(
  a: TriangularBlock,
  yLo: readonly Float64Array[],
  yHi: readonly Float64Array[],
  t: Transform,
): { lo: Float64Array[]; hi: Float64Array[]; relativeWidth: number; comparisonInf: number } {
  const d = a.d;
  const K = yLo.length;
  // alongside: w = ⟨B⟩⁻¹·1 for the bound on ‖B⁻¹‖∞ (inverseNormBounds), the same rows of B
  const w = new Float64Array(d);
  let comparisonInf = 0;
  const ul = yLo.map(() => new Float64Array(d));
  const uh = yLo.map(() => new Float64Array(d));
  const rowLo = new Float64Array(d);
  const rowHi = new Float64Array(d);
  let lost = d;
  for (let i = 0; i < d && lost === d; i++) {
    bRow(a, t, i, rowLo, rowHi);
    const dl = rowLo[i]!;
    const dh = rowHi[i]!;
    let ws = 1;
    for (let j = 0; j < i; j++) {
      const m = Math.max(-rowLo[j]!, rowHi[j]!);
      if (m > 0) ws = up(ws + up(m * w[j]!));
    }
    w[i] = dl > 0 ? up(ws / dl) : Infinity;
    if (!(w[i]! <= comparisonInf)) comparisonInf = w[i]!;
    for (let o = 0; o < K; o++) {
      const xl = ul[o]!;
      const xh = uh[o]!;
      // right-hand side: (D_L y)ᵢ
      let sl = yLo[o]![i]!;
      let sh = yHi[o]![i]!;
      if (t.left && i >= 1) {
        sl = down(sl - yHi[o]![i - 1]!);
        sh = up(sh - yLo[o]![i - 1]!);
      }
      for (let j = 0; j < i; j++) {
        const bl = rowLo[j]!;
        const bh = rowHi[j]!;
        if (bl === 0 && bh === 0) continue;
        const zl = xl[j]!;
        const zh = xh[j]!;
        // [bl, bh]·[zl, zh], then subtracted; four products cover every sign case
        const p1 = bl * zl;
        const p2 = bl * zh;
        const p3 = bh * zl;
        const p4 = bh * zh;
        const pl = Math.min(p1, p2, p3, p4);
        const ph = Math.max(p1, p2, p3, p4);
        sl = down(sl - up(ph));
        sh = up(sh - down(pl));
      }
      // NaN (0·∞) or an infinite sum: the enclosure is lost from here on
      if (!(dl > 0) || !(sl > -Infinity && sh < Infinity)) {
        lost = i;
        break;
      }
      // divide by the positive diagonal [dl, dh]
      if (sl >= 0) {
        xl[i] = down(sl / dh);
        xh[i] = up(sh / dl);
      } else if (sh <= 0) {
        xl[i] = down(sl / dl);
        xh[i] = up(sh / dh);
      } else {
        xl[i] = down(sl / dl);
        xh[i] = up(sh / dl);
      }
    }
  }
  if (lost < d) {
    for (let o = 0; o < K; o++) {
      ul[o]!.fill(-Infinity, lost);
      uh[o]!.fill(Infinity, lost);
    }
  }
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let o = 0; o < K; o++) {
    if (!t.right) {
      lo.push(ul[o]!);
      hi.push(uh[o]!);
      continue;
    }
    const l = new Float64Array(d);
    const h = new Float64Array(d);
    const xl = ul[o]!;
    const xh = uh[o]!;
    for (let j = 0; j < d; j++) {
      l[j] = j === 0 ? xl[0]! : down(xl[j]! - xh[j - 1]!);
      h[j] = j === 0 ? xh[0]! : up(xh[j]! - xl[j - 1]!);
    }
    lo.push(l);
    hi.push(h);
  }
  return {
    lo,
    hi,
    relativeWidth: Math.max(0, ...lo.map((l, o) => relativeWidth(l, hi[o]!))),
    comparisonInf: lost < d ? Infinity : comparisonInf,
  };
}

/** max (hi − lo) over max |v|: 0 for points, Infinity for unbounded or NaN bounds. */
export function relativeWidth(lo: Float64Array, hi: Float64Array): number {
  let w = 0;
  let m = 0;
  for (let j = 0; j < lo.length; j++) {
    const l = lo[j]!;
    const h = hi[j]!;
    if (!(Number.isFinite(l) && Number.isFinite(h))) return Infinity;
    w = Math.max(w, h - l);
    m = Math.max(m, Math.abs(l), Math.abs(h));
  }
  return m > 0 ? w / m : w === 0 ? 0 : Infinity;
}

/** Enclosures of A⁻¹y for several right-hand sides, with the preconditioning they used. */
export interface SolutionEnclosures {
  readonly lo: readonly Float64Array[];
  readonly hi: readonly Float64Array[];
  readonly transform: Transform;
  /** the largest relative width over the right-hand sides */
  readonly relativeWidth: number;
  /** an upper bound on ‖⟨B⟩⁻¹‖∞ for that transform, computed on the way (inverseNormBounds) */
  readonly comparisonInf: number;
  readonly tried: readonly { readonly transform: string; readonly relativeWidth: number }[];
}

/**
 * Encloses A⁻¹yₒ for every right-hand side, trying the transforms in `order` (default: D·A·D,
 * D·A, A, A·D) until one gives relative width at most `goodEnough`; returns the tightest tried.
 */
export function encloseSolutions(
  a: TriangularBlock,
  yLo: readonly Float64Array[],
  yHi: readonly Float64Array[],
  order: readonly Transform[] = TRANSFORMS,
  goodEnough = 1e-6,
): SolutionEnclosures {
  let best: SolutionEnclosures | undefined;
  const tried: { transform: string; relativeWidth: number }[] = [];
  for (const t of order) {
    const e = encloseWith(a, yLo, yHi, t);
    tried.push({ transform: transformName(t), relativeWidth: e.relativeWidth });
    if (!best || e.relativeWidth < best.relativeWidth) {
      best = { lo: e.lo, hi: e.hi, transform: t, relativeWidth: e.relativeWidth, comparisonInf: e.comparisonInf, tried };
    }
    if (e.relativeWidth <= goodEnough) break;
  }
  return { ...best!, tried };
}

/**
 * An enclosure of A·v − y for a float vector v (the residual map at the float point, for every
 * A and y in their enclosures): rows written to rLo, rHi.
 */
export function encloseResidual(
  a: TriangularBlock,
  v: Float64Array,
  yLo: Float64Array,
  yHi: Float64Array,
): { lo: Float64Array; hi: Float64Array } {
  const { d, lo, hi } = a;
  const rl = new Float64Array(d);
  const rh = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const base = (i * (i + 1)) / 2;
    let sl = -yHi[i]!;
    let sh = -yLo[i]!;
    for (let j = 0; j <= i; j++) {
      const vj = v[j]!;
      if (vj === 0) continue;
      // Aᵢⱼ ≥ 0, so the product's ends come from the ends of Aᵢⱼ in the order of vⱼ's sign
      const pl = vj > 0 ? lo[base + j]! * vj : hi[base + j]! * vj;
      const ph = vj > 0 ? hi[base + j]! * vj : lo[base + j]! * vj;
      sl = down(sl + down(pl));
      sh = up(sh + up(ph));
    }
    rl[i] = sl;
    rh[i] = sh;
  }
  return { lo: rl, hi: rh };
}

/**
 * Rigorous upper bounds on ‖A⁻¹‖∞ and ‖A⁻¹‖₁, for every A in the enclosure, through the same
 * preconditioning: A⁻¹ = D_R B⁻¹ D_L with ‖D‖ ≤ 2 in both norms, and |B̃⁻¹| ≤ ⟨B⟩⁻¹ for every
 * B̃ in the interval matrix B (a triangular matrix with a diagonal away from 0 is an
 * H-matrix; ⟨B⟩ is its comparison matrix: mignitudes on the diagonal, minus magnitudes off it).
 * Each norm is one O(d²) triangular solve with ⟨B⟩ (or its transpose) and a vector of ones,
 * every operation rounded up. Then σ_min(A) ≥ 1/√(‖A⁻¹‖₁‖A⁻¹‖∞), since ‖X‖₂² ≤ ‖X‖₁‖X‖∞.
 */
export function inverseNormBounds(
  a: TriangularBlock,
  t: Transform,
  comparisonInf?: number,
): { inf: number; one: number; sigmaMinLower: number } {
  const d = a.d;
  const rowLo = new Float64Array(d);
  const rowHi = new Float64Array(d);
  // ‖⟨B⟩⁻¹‖∞ = max of ⟨B⟩⁻¹·1 (forward substitution, all terms ≥ 0), unless the enclosure's
  // solve already computed it
  let inf = comparisonInf ?? 0;
  if (comparisonInf === undefined) {
    const w = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      bRow(a, t, i, rowLo, rowHi);
      let s = 1;
      for (let j = 0; j < i; j++) {
        const m = Math.max(-rowLo[j]!, rowHi[j]!);
        if (m > 0) s = up(s + up(m * w[j]!));
      }
      const mig = rowLo[i]!;
      w[i] = mig > 0 ? up(s / mig) : Infinity;
      if (!(w[i]! <= inf)) inf = w[i]!;
    }
  }
  // ‖⟨B⟩⁻¹‖₁ = max of ⟨B⟩⁻ᵀ·1 (back substitution, by rows)
  const acc = new Float64Array(d);
  let one = 0;
  for (let i = d - 1; i >= 0; i--) {
    bRow(a, t, i, rowLo, rowHi);
    const mig = rowLo[i]!;
    const wi = mig > 0 ? up(up(1 + acc[i]!) / mig) : Infinity;
    if (!(wi <= one)) one = wi;
    for (let j = 0; j < i; j++) {
      const m = Math.max(-rowLo[j]!, rowHi[j]!);
      if (m > 0) acc[j] = up(acc[j]! + up(m * wi));
    }
  }
  const factor = d >= 2 ? (t.left ? 2 : 1) * (t.right ? 2 : 1) : 1;
  const infA = up(inf * factor);
  const oneA = up(one * factor);
  const prod = up(infA * oneA);
  const sigmaMinLower = Number.isFinite(prod) && prod > 0 ? down(1 / up(Math.sqrt(prod))) : 0;
  return { inf: infA, one: oneA, sigmaMinLower: sigmaMinLower > 0 ? sigmaMinLower : 0 };
}

/**
 * A float estimate of σ_min(A) by inverse iteration on AAᵀ (two triangular solves per round):
 * with ‖x‖ = 1 and y = A⁻¹x, ‖y‖² is a Rayleigh quotient of (AAᵀ)⁻¹, below its largest
 * eigenvalue 1/σ_min², so 1/‖y‖ approaches σ_min from above. Evidence only.
 */
export function sigmaMinEstimate(a: TriangularBlock, rounds = 6): number {
  const d = a.d;
  let x: Float64Array = Float64Array.from({ length: d }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + i / d));
  let estimate = NaN;
  for (let r = 0; r < rounds; r++) {
    const nx = norm2(x);
    if (!(nx > 0 && Number.isFinite(nx))) break;
    for (let i = 0; i < d; i++) x[i] = x[i]! / nx;
    const y = forwardSubstitute(a, x).v;
    const ny = norm2(y);
    if (!(ny > 0 && Number.isFinite(ny))) break;
    estimate = 1 / ny;
    x = backSubstituteTransposed(a, y);
  }
  return estimate;
}

function norm2(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! / m) ** 2;
  return m * Math.sqrt(s);
}
