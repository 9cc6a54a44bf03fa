/**
 * Lemma 3.3's point for a whole image data set (integer pixels, one smooLU hidden layer of width
 * d), without a d × d matrix and without exact rationals per pixel: what construct/plan.ts does,
 * specialised to data whose inputs are small integers, and streamed.
 *
 *   1. a: seeded random integers with |aⱼ|·max x·m < 2⁵³, so every partial sum of a·xᵢ is an
 *      integer below 2⁵³ and the float dot product is exact: the projections are exact integers,
 *      and sorting them proves them pairwise distinct (exact). A collision tries the next seed.
 *   2. q = c·t sorted, c = 2^e so the smallest gap is at least G = 10 (exact: a power of two);
 *      β₁ = c·(t₁ − ⌈G/c⌉), βⱼ = q_{j−1}: the sign pattern of A by comparisons (exact), and every
 *      argument qᵢ − βⱼ an exact difference of multiples of c.
 *   3. v = A⁻¹y enclosed by the banded solve of banded.ts (interval), for k right-hand sides at once
 *      (one-hot targets: Remark 4.2's shared layer, the same A for every column).
 *   4. the float point (the midpoints of the box) evaluated through the network's structure on a
 *      seeded sample of rows (float), and σ_min(A) bounded below (interval).
 */
import { seededNormal, seededUniform } from '../construct/random.js';
import * as rounding from '../construct/rounding.js';
import { bandedInverseNormBounds, encloseBanded, type BandedEnclosure } from './banded.js';

const { down, up } = rounding;

/** d rows of m small nonnegative integers (pixels), row-major, and one integer label per row. */
export interface PixelData {
  readonly d: number;
  readonly m: number;
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

export interface StreamedOptions {
  readonly seed: number;
  /** the band width w of the solve (banded.ts) */
  readonly band: number;
  /** 'label': k = 1, the label as the target; 'one-hot': k = number of classes */
  readonly targets: 'label' | 'one-hot';
  /** also bound σ_min(A) (a second and third pass over the band) */
  readonly sigmaMin?: boolean;
  /** rows of the sampled float residual check (default 64) */
  readonly sampleRows?: number;
}

/** Phase → milliseconds, in order. */
export type Timings = Record<string, number>;

export type StreamedOutcome =
  | {
      readonly ok: true;
      readonly d: number;
      readonly m: number;
      readonly k: number;
      /** n = d·m + d + k·d + k */
      readonly n: number;
      /** the integer direction, its seed, and the power of two c: first-layer rows are c·a */
      readonly a: Float64Array;
      readonly seed: number;
      readonly scale: number;
      /** data rows by increasing projection */
      readonly order: Int32Array;
      /** βⱼ of unit j (rank order); its bias is −βⱼ */
      readonly biases: Float64Array;
      readonly smallestGap: number;
      readonly enclosure: BandedEnclosure;
      /** the float point: midpoints of the box, by output and unit */
      readonly V: Float64Array[];
      readonly maxAbsV: number;
      /** sampled float residual: max |f(xᵢ) − yᵢ| over max |y| on the rows checked */
      readonly residual: { readonly rows: number; readonly relative: number };
      readonly sigmaMinLower?: number;
      readonly timings: Timings;
    }
  | { readonly ok: false; readonly stage: 'data' | 'projection' | 'enclosure'; readonly reason: string; readonly timings: Timings };

/** Seeded nonzero integers with |aⱼ| ≤ bound. */
function direction(m: number, seed: number, bound: number): Float64Array {
  const normal = seededNormal(seededUniform(seed));
  const a = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const v = Math.round(normal() * (bound / 6));
    a[j] = Math.max(-bound, Math.min(bound, v)) || 1;
  }
  return a;
}

/** t = X·a in float (exact when the caller has checked the 2⁵³ bound). */
function project(data: PixelData, a: Float64Array): Float64Array {
  const { d, m, pixels } = data;
  const t = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    const base = i * m;
    for (let j = 0; j < m; j++) s += a[j]! * pixels[base + j]!;
    t[i] = s;
  }
  return t;
}

/** Two rows with equal pixels, or undefined. */
function equalRows(data: PixelData, i: number, k: number): boolean {
  const { m, pixels } = data;
  for (let j = 0; j < m; j++) if (pixels[i * m + j] !== pixels[k * m + j]) return false;
  return true;
}

/**
 * The box widened by 1% of its own width on each side (a wider box still holds the zero): room for
 * a verifier whose own enclosure of the same solution differs in its last digits.
 */
function padded(e: BandedEnclosure): BandedEnclosure {
  let width = 0;
  let size = 0;
  const lo = e.lo.map((l) => l.slice());
  const hi = e.hi.map((h) => h.slice());
  for (let o = 0; o < lo.length; o++) {
    const l = lo[o]!;
    const h = hi[o]!;
    for (let j = 0; j < l.length; j++) {
      const r = 0.01 * (h[j]! - l[j]!);
      l[j] = down(l[j]! - r);
      h[j] = up(h[j]! + r);
      width = Math.max(width, h[j]! - l[j]!);
      size = Math.max(size, Math.abs(l[j]!), Math.abs(h[j]!));
    }
  }
  return { ...e, lo, hi, relativeWidth: Number.isFinite(e.relativeWidth) && size > 0 ? width / size : e.relativeWidth };
}

/** Runs the streamed construction. */
export function constructStreamed(data: PixelData, opts: StreamedOptions): StreamedOutcome {
  const timings: Timings = {};
  let clock = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = now - clock;
    clock = now;
  };
  const { d, m, pixels, labels } = data;
  if (pixels.length !== d * m || labels.length !== d || d < 1) {
    return { ok: false, stage: 'data', reason: `expected ${d}·${m} pixels and ${d} labels, got ${pixels.length} and ${labels.length}`, timings };
  }
  let xMax = 0;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > xMax) xMax = pixels[i]!;
  // |aⱼ| ≤ bound keeps Σⱼ |aⱼ xᵢⱼ| < 2⁵³: every product and partial sum is an exact integer
  const bound = Math.min(2 ** 30, Math.floor((2 ** 53 - 1) / Math.max(1, xMax * m)));
  if (bound < 1) return { ok: false, stage: 'projection', reason: `pixels up to ${xMax} in ${m} columns leave no exact integer direction`, timings };
  lap('checks');

  // 1. an exact separating direction
  let a: Float64Array | undefined;
  let t: Float64Array | undefined;
  let order: Int32Array | undefined;
  let seed = opts.seed;
  let collision = '';
  for (let attempt = 0; attempt < 4 && order === undefined; attempt++, seed++) {
    const cand = direction(m, seed, bound);
    const proj = project(data, cand);
    const ord = Int32Array.from({ length: d }, (_, i) => i);
    ord.sort((i, k) => proj[i]! - proj[k]! || i - k);
    let dup = -1;
    for (let r = 1; r < d && dup < 0; r++) if (!(proj[ord[r]!]! > proj[ord[r - 1]!]!)) dup = r;
    if (dup < 0) {
      a = cand;
      t = proj;
      order = ord;
      break;
    }
    const [i, k] = [ord[dup - 1]!, ord[dup]!];
    if (equalRows(data, i, k)) return { ok: false, stage: 'projection', reason: `rows ${i + 1} and ${k + 1} have equal inputs: no direction separates them`, timings };
    collision = `seed ${seed} made rows ${i + 1} and ${k + 1} coincide`;
  }
  lap('projection');
  if (a === undefined || t === undefined || order === undefined) {
    return { ok: false, stage: 'projection', reason: `no direction among 4 seeds separates the rows (${collision})`, timings };
  }

  // 2. scale, biases, and the targets in rank order
  let gap = Infinity;
  for (let r = 1; r < d; r++) gap = Math.min(gap, t[order[r]!]! - t[order[r - 1]!]!);
  const G = 10;
  const scale = d > 1 ? 2 ** Math.ceil(Math.log2(G / gap)) : 1;
  const q = new Float64Array(d + 1);
  for (let r = 0; r < d; r++) q[r + 1] = scale * t[order[r]!]!;
  // β₁ a multiple of c too, so that every argument qᵢ − βⱼ is an exact float difference
  q[0] = (t[order[0]!]! - Math.ceil(G / scale)) * scale;
  const biases = q.slice(0, d);
  let classes = 0;
  for (let i = 0; i < d; i++) classes = Math.max(classes, labels[i]! + 1);
  const k = opts.targets === 'label' ? 1 : classes;
  const y: Float64Array[] = [];
  for (let o = 0; o < k; o++) {
    const col = new Float64Array(d);
    for (let r = 0; r < d; r++) {
      const label = labels[order[r]!]!;
      col[r] = opts.targets === 'label' ? label : label === o ? 1 : 0;
    }
    y.push(col);
  }
  lap('scale and biases');

  // 3. the enclosure (the targets are integers: exact floats, so yLo = yHi)
  const enclosure = padded(encloseBanded({ q, band: opts.band }, y, y));
  lap('enclosure');
  if (!Number.isFinite(enclosure.relativeWidth)) {
    return { ok: false, stage: 'enclosure', reason: `the banded solve lost the enclosure (band ${opts.band})`, timings };
  }
  const V = enclosure.lo.map((lo, o) => Float64Array.from(lo, (l, j) => 0.5 * l + 0.5 * enclosure.hi[o]![j]!));
  let maxAbsV = 0;
  for (const v of V) for (let j = 0; j < d; j++) maxAbsV = Math.max(maxAbsV, Math.abs(v[j]!));

  // 4. the float point, through the structure, on a seeded sample of rows (the first and last in
  // rank order among them: the ends of the number line)
  const sampleRows = Math.min(d, opts.sampleRows ?? 64);
  const pick = seededUniform(opts.seed + 7919);
  const rows = new Set<number>([order[0]!, order[d - 1]!]);
  while (rows.size < sampleRows) rows.add(Math.floor(pick() * d));
  const w1 = Float64Array.from(a, (v) => v * scale);
  let worst = 0;
  let yScale = 0;
  for (const col of y) for (let r = 0; r < d; r++) yScale = Math.max(yScale, Math.abs(col[r]!));
  const hidden = new Float64Array(d);
  for (const i of rows) {
    let s = 0;
    for (let j = 0; j < m; j++) s += w1[j]! * pixels[i * m + j]!;
    // the hidden layer once per row (units beyond the row's rank output σ(≤ 0) = 0)
    for (let j = 0; j < d; j++) {
      const z = s - biases[j]!;
      hidden[j] = z > 0 ? z * Math.exp(-1 / z) : 0;
    }
    for (let o = 0; o < k; o++) {
      const v = V[o]!;
      let f = 0;
      for (let j = 0; j < d; j++) f += v[j]! * hidden[j]!;
      const target = opts.targets === 'label' ? labels[i]! : labels[i] === o ? 1 : 0;
      worst = Math.max(worst, Math.abs(f - target));
    }
  }
  lap('sampled residual');
  const norms = opts.sigmaMin ? bandedInverseNormBounds({ q, band: opts.band }) : undefined;
  if (norms) lap('σ_min bound');
  return {
    ok: true,
    d,
    m,
    k,
    n: d * m + d + k * d + k,
    a,
    seed,
    scale,
    order,
    biases,
    smallestGap: scale * gap,
    enclosure,
    V,
    maxAbsV,
    residual: { rows: rows.size, relative: worst / (yScale || 1) },
    ...(norms && { sigmaMinLower: norms.sigmaMinLower }),
    timings,
  };
}
