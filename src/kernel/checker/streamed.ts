/**
 * The kernel's check of Theorem 4.1 at the scale of a whole image data set, from the data (integer
 * pixels and labels) and the construction's generators alone: the direction a, the power of two
 * c, the biases β and a box for the output weights. The network is the one they determine: one
 * smooLU hidden layer of width d whose unit j computes σ(c·a·x − βⱼ), output weights in the box,
 * output biases 0. No parameter vector of size n and no d × d matrix is formed; everything is
 * recomputed here with the kernel's own arithmetic (nextUp/nextDown, the proven smooLU of
 * elementary.ts), nothing is taken from the code that made the generators.
 *
 *   projections   |aⱼ| · max x · m < 2⁵³ and aⱼ integers: a·xᵢ is computed exactly in floats
 *                 (every partial sum an integer below 2⁵³); sorted, strictly increasing (exact)
 *   biases        βⱼ = c·(integer below 2⁵³), spread < 2⁵³·c, β₁ < q₁, βⱼ = q_{j−1}, qᵣ = c·t of rank r:
 *                 every argument qᵢ − βⱼ is an exact float difference, ≤ 0 above the diagonal (exact)
 *   the box       B = D·A·D solved as a band of width w with the σ″ tail bound
 *                 Σ_{j ≤ i−w−1} Bᵢⱼ ≤ ½gᵢ/((q_{i−1} − q_{i−w−1})(qᵢ − q_{i−w−1})), which holds because
 *                 Bᵢⱼ = ∫∫ σ″(s − r) over [q_{i−1}, qᵢ] × [q_{j−1}, qⱼ] and 0 < σ″(t) = e^(−1/t)/t³ ≤ t⁻³;
 *                 the kernel's box of A⁻¹y must lie inside the generators' box (interval)
 *   σ_min(A)      ‖A⁻¹‖ ≤ 4‖⟨B⟩⁻¹‖ in the 1- and ∞-norms, each by one pass with the same tails
 */
import { smoolu } from '../elementary.js';
import { nextDown as dn, nextUp as upf } from '../float.js';

/** What the check reads: the data and the generators. */
export interface StreamedInput {
  readonly d: number;
  readonly m: number;
  /** d·m pixels, row-major */
  readonly pixels: Uint8Array;
  /** d labels */
  readonly labels: Uint8Array;
  /** 'label': k = 1, the label itself; 'one-hot': k = the number of classes */
  readonly targets: 'label' | 'one-hot';
  readonly a: Float64Array;
  readonly scale: number;
  /** βⱼ of unit j, units in increasing order of their projections */
  readonly biases: Float64Array;
  /** the output weights' box, by output: lo[o][j] ≤ vₒⱼ ≤ hi[o][j] */
  readonly lo: readonly Float64Array[];
  readonly hi: readonly Float64Array[];
  /** the band width the kernel uses for its own solve */
  readonly band: number;
}

export interface StreamedStep {
  readonly id: string;
  readonly verdict: 'holds' | 'fails' | 'unknown';
  readonly rigor: 'exact' | 'interval' | 'cited' | 'float';
  readonly why: string;
}

export interface StreamedJudgement {
  readonly verdict: 'certified' | 'fails' | 'open';
  readonly steps: readonly StreamedStep[];
  readonly n: number;
  readonly k: number;
  /** the kernel's own box: its largest width over the largest |v| */
  readonly relativeWidth: number;
  readonly sigmaMinLower: number;
  /** λ_min⁺ ≥ this: 2σ_min(A)² rounded down (0 when not proven) */
  readonly lambdaMinLower: number;
}

const holds = (id: string, rigor: StreamedStep['rigor'], why: string): StreamedStep => ({ id, verdict: 'holds', rigor, why });
const open = (id: string, why: string): StreamedStep => ({ id, verdict: 'unknown', rigor: 'float', why });

/** σ(z) enclosed at an exact float z: the kernel's proven smooLU. */
function sig(z: number, at: number, lo: Float64Array, hi: Float64Array): void {
  const e = smoolu({ lo: z, hi: z });
  lo[at] = e.lo;
  hi[at] = e.hi;
}

/** An upper bound on ½·g/(D₁·D₂), the exact values enclosed by [g], [D₁], [D₂] rounded outward. */
function tail(g: number, d1: number, d2: number): number {
  const lo1 = dn(d1);
  const lo2 = dn(d2);
  if (!(lo1 > 0 && lo2 > 0)) return Infinity;
  return upf(upf(0.5 * upf(g)) / dn(lo1 * lo2));
}

/**
 * Rows of B on the band, one at a time: row(i) fills bl/bh[o] = B_{i,i−o} (1-based i) for
 * o < top and returns top = min(w + 1, i). A's rows i and i − 1 are enclosed afresh.
 */
function bandRows(q: Float64Array, w: number): (i: number) => { top: number; bl: Float64Array; bh: Float64Array } {
  const cl = new Float64Array(w + 1);
  const ch = new Float64Array(w + 1);
  const pl = new Float64Array(w + 1);
  const ph = new Float64Array(w + 1);
  const bl = new Float64Array(w + 1);
  const bh = new Float64Array(w + 1);
  return (i) => {
    const top = Math.min(w + 1, i);
    for (let o = 0; o < top; o++) sig(q[i]! - q[i - o - 1]!, o, cl, ch);
    if (i >= 2) for (let o = 0; o < top - 1; o++) sig(q[i - 1]! - q[i - 2 - o]!, o, pl, ph);
    bl[0] = cl[0]!;
    bh[0] = ch[0]!;
    if (i >= 2) {
      bl[1] = dn(dn(cl[1]! - ch[0]!) - ph[0]!);
      bh[1] = upf(upf(ch[1]! - cl[0]!) - pl[0]!);
    }
    for (let o = 2; o < top; o++) {
      bl[o] = dn(dn(dn(cl[o]! - ch[o - 1]!) - ph[o - 1]!) + pl[o - 2]!);
      bh[o] = upf(upf(upf(ch[o]! - cl[o - 1]!) - pl[o - 1]!) + ph[o - 2]!);
    }
    return { top, bl, bh };
  };
}

/** The kernel's judgement of Theorem 4.1 on the data and generators. */
export function judgeStreamed(c: StreamedInput): StreamedJudgement {
  const { d, m, pixels, labels, a, scale, biases, band: w } = c;
  const steps: StreamedStep[] = [];
  let classes = 0;
  for (let i = 0; i < d; i++) classes = Math.max(classes, labels[i]! + 1);
  const k = c.targets === 'label' ? 1 : classes;
  const n = d * m + d + k * d + k;
  const done = (verdict: StreamedJudgement['verdict'], relativeWidth = Infinity, sigmaMinLower = 0): StreamedJudgement => ({
    verdict,
    steps,
    n,
    k,
    relativeWidth,
    sigmaMinLower,
    lambdaMinLower: sigmaMinLower > 0 ? dn(2 * dn(sigmaMinLower * sigmaMinLower)) : 0,
  });
  const stop = (id: string, why: string): StreamedJudgement => {
    steps.push(open(id, why));
    return done('open');
  };
  if (pixels.length !== d * m || labels.length !== d || a.length !== m || biases.length !== d || c.lo.length !== k || c.hi.length !== k || !(w >= 1)) {
    return stop('projection-separates', 'the data and the generators do not have the sizes d, m and k say');
  }

  // projections: exact integer arithmetic in floats
  let xMax = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > xMax) xMax = pixels[i]!;
  let aMax = 0;
  for (let j = 0; j < m; j++) {
    if (!Number.isInteger(a[j]!)) return stop('projection-separates', `a[${j}] = ${a[j]} is not an integer`);
    aMax = Math.max(aMax, Math.abs(a[j]!));
  }
  if (!(aMax * xMax * m < 2 ** 53)) return stop('projection-separates', 'max |a|·max x·m ≥ 2⁵³: the float projections are not proven exact');
  const t = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += a[j]! * pixels[i * m + j]!;
    t[i] = s;
  }
  const order = Int32Array.from({ length: d }, (_, i) => i);
  order.sort((i, j) => t[i]! - t[j]! || i - j);
  for (let r = 1; r < d; r++) {
    if (!(t[order[r]!]! > t[order[r - 1]!]!)) return stop('projection-separates', `rows ${order[r - 1]! + 1} and ${order[r]! + 1} have equal projections`);
  }
  steps.push(holds('distinct-inputs', 'exact', `the ${d} projections a·xᵢ differ, so the inputs do`));
  for (const id of ['activation-vanishes-nonpositive', 'activation-positive']) steps.push(holds(id, 'exact', 'smooLU: 0 for t ≤ 0, t·e^(−1/t) > 0 for t > 0, by its form'));
  steps.push(holds('activation-smooth', 'cited', 'smooLU is C^∞: e^(−1/t) is flat at 0⁺ (every derivative tends to 0)'));
  steps.push(holds('width-at-least-d', 'exact', `the hidden layer has width d = ${d}`));
  steps.push(holds('projection-separates', 'exact', `a has integer entries with max |a|·max x·m < 2⁵³: the ${d} float projections are exact integers, strictly increasing once sorted`));
  steps.push(holds('scalars-stay-distinct', 'exact', 'one hidden layer: no scalar is carried'));

  // biases: q₀ = β₁, qᵣ = c·t of rank r; all multiples of c by integers below 2⁵³
  if (!(scale > 0) || 2 ** Math.round(Math.log2(scale)) !== scale) return stop('biases-interleave', `the scale ${scale} is not a power of two`);
  const q = new Float64Array(d + 1);
  q[0] = biases[0]!;
  for (let r = 0; r < d; r++) q[r + 1] = t[order[r]!]! * scale;
  for (let r = 0; r <= d; r++) {
    const u = q[r]! / scale;
    if (!(Number.isInteger(u) && Math.abs(u) < 2 ** 53)) return stop('biases-interleave', `q[${r}] = ${q[r]} is not c times an integer below 2⁵³`);
  }
  // integers n₀ < … < n_d below 2⁵³ whose spread is below 2⁵³ (a rounded spread ≥ 2⁵³ refuses): every difference is a float
  if (!((q[d]! - q[0]!) / scale < 2 ** 53)) return stop('biases-interleave', 'the scalars spread over more than 2⁵³·c: their differences are not proven exact');
  if (!(biases[0]! < q[1]!)) return stop('biases-interleave', 'β₁ is not below the smallest projection');
  for (let j = 1; j < d; j++) if (biases[j] !== q[j]) return stop('biases-interleave', `β${j + 1} = ${biases[j]} is not the projection of rank ${j}, ${q[j]}`);
  steps.push(holds('biases-interleave', 'exact', `β₁ < q₁ and βⱼ = q_{j−1} (j = 2..${d}), every argument an exact float difference`));
  steps.push(holds('triangular-block-invertible', 'exact', 'Aᵢⱼ = σ(qᵢ − βⱼ): 0 above the diagonal (argument ≤ 0), positive on it (argument > 0)'));

  // the box: forward substitution on the band, the tail by its integral
  const row = bandRows(q, w);
  const ul = Array.from({ length: k }, () => new Float64Array(d));
  const uh = Array.from({ length: k }, () => new Float64Array(d));
  const target = (r: number, o: number): number => {
    const label = labels[order[r]!]!;
    return c.targets === 'label' ? label : label === o ? 1 : 0;
  };
  const U = new Float64Array(k);
  const x = new Float64Array(d + 1); // ⟨B⟩⁻¹·1, for ‖B⁻¹‖∞
  let inf = 0;
  let farMax = 0;
  for (let i = 1; i <= d; i++) {
    const { top, bl, bh } = row(i);
    const diagLo = bl[0]!;
    const diagHi = bh[0]!;
    if (!(diagLo > 0)) return stop('output-weights-enclosed', `the diagonal entry ${i} is not proven positive`);
    const far = i - w - 1;
    const S = far >= 1 ? tail(q[i]! - q[i - 1]!, q[i - 1]! - q[far]!, q[i]! - q[far]!) : 0;
    let s1 = 1;
    for (let o = 1; o < top; o++) s1 = upf(s1 + upf(Math.max(-bl[o]!, bh[o]!) * x[i - o]!));
    if (far >= 1) {
      farMax = Math.max(farMax, x[far]!);
      s1 = upf(s1 + upf(S * farMax));
    }
    x[i] = upf(s1 / diagLo);
    inf = Math.max(inf, x[i]!);
    for (let o = 0; o < k; o++) {
      const zl = ul[o]!;
      const zh = uh[o]!;
      if (far >= 1) U[o] = Math.max(U[o]!, -zl[far - 1]!, zh[far - 1]!);
      const r = i - 1;
      const y0 = target(r, o) - (r >= 1 ? target(r - 1, o) : 0); // integers: exact
      let sl = y0;
      let sh = y0;
      for (let p = 1; p < top; p++) {
        const l = bl[p]!;
        const h = bh[p]!;
        const vl = zl[r - p]!;
        const vh = zh[r - p]!;
        sl = dn(sl - upf(Math.max(l * vl, l * vh, h * vl, h * vh)));
        sh = upf(sh - dn(Math.min(l * vl, l * vh, h * vl, h * vh)));
      }
      if (S > 0) {
        const tb = upf(S * U[o]!);
        sl = dn(sl - tb);
        sh = upf(sh + tb);
      }
      if (!(sl > -Infinity && sh < Infinity)) return stop('output-weights-enclosed', `the kernel's solve lost the enclosure at row ${i}`);
      zl[r] = sl >= 0 ? dn(sl / diagHi) : dn(sl / diagLo);
      zh[r] = sh <= 0 ? upf(sh / diagHi) : upf(sh / diagLo);
    }
  }
  let width = 0;
  let size = 0;
  for (let o = 0; o < k; o++) {
    for (let j = 0; j < d; j++) {
      const vl = j === 0 ? ul[o]![0]! : dn(ul[o]![j]! - uh[o]![j - 1]!);
      const vh = j === 0 ? uh[o]![0]! : upf(uh[o]![j]! - ul[o]![j - 1]!);
      if (!(c.lo[o]![j]! <= vl && vh <= c.hi[o]![j]!)) {
        steps.push(open('output-weights-enclosed', `output ${o + 1}, unit ${j + 1}: the kernel's [${vl}, ${vh}] is not inside the box [${c.lo[o]![j]}, ${c.hi[o]![j]}]`));
        return done('open');
      }
      width = Math.max(width, vh - vl);
      size = Math.max(size, Math.abs(vl), Math.abs(vh));
    }
  }
  const relativeWidth = size > 0 ? width / size : width;
  steps.push(holds('output-weights-enclosed', 'interval', `the kernel's own enclosure of A⁻¹y (band ${w}, σ″ tail) lies inside the box; relative width ${relativeWidth.toExponential(2)}`));
  steps.push(holds('residual-zero', 'interval', 'F is affine in the output weights (hidden layer fixed, output bias 0) and vanishes at A⁻¹y, inside the box'));
  steps.push(holds('jacobian-full-rank', 'exact', `the output-weight columns of J form I_${k} ⊗ A, A triangular with a positive diagonal: rank J = ${k * d}`));
  steps.push(holds('manifold-dimension', 'cited', `regular value theorem: near the point, M is a smooth manifold of dimension n − d·k = ${n - k * d}`));

  // ⟨B⟩⁻ᵀ·1 for ‖B⁻¹‖₁, backward, with the column tails
  const acc = new Float64Array(d + 2);
  const z = new Float64Array(d + 2);
  let one = 0;
  let tailMax = 0;
  for (let i = d; i >= 1; i--) {
    const { top, bl, bh } = row(i);
    const near = i + w + 1;
    if (near <= d) tailMax = Math.max(tailMax, z[near]!);
    let s = upf(1 + acc[i]!);
    if (i + w <= d && tailMax > 0) s = upf(s + upf(tail(q[i]! - q[i - 1]!, q[i + w]! - q[i]!, q[i + w]! - q[i - 1]!) * tailMax));
    z[i] = upf(s / bl[0]!);
    one = Math.max(one, z[i]!);
    for (let o = 1; o < top; o++) acc[i - o] = upf(acc[i - o]! + upf(Math.max(-bl[o]!, bh[o]!) * z[i]!));
  }
  const prod = upf(upf(4 * inf) * upf(4 * one));
  const sigmaMinLower = Number.isFinite(prod) && prod > 0 ? dn(1 / upf(Math.sqrt(prod))) : 0;
  if (!(sigmaMinLower > 0)) {
    steps.push(open('hessian-spectrum', 'σ_min(A) is not bounded away from 0'));
    return done('open', relativeWidth);
  }
  steps.push(
    holds(
      'hessian-spectrum',
      'interval',
      `${k * d} positive, ${n - k * d} zero, 0 negative eigenvalues (from rank J, on M); λ_min⁺ ≥ 2σ_min(A)² ≥ ${dn(2 * dn(sigmaMinLower * sigmaMinLower))}`,
    ),
  );
  return done('certified', relativeWidth, sigmaMinLower);
}
