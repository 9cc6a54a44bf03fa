/**
 * Step 1 of Lemma 3.3: a direction a with the projections tᵢ = a·xᵢ pairwise distinct, found
 * and proven in exact arithmetic.
 *
 * Each row of exact data is brought to integers over its own least common denominator Dᵢ
 * (a binary64 datum has a power-of-two denominator, a decimal one 2ᵃ5ᵇ), so tᵢ = Nᵢ/Dᵢ with
 * Nᵢ = Σⱼ aⱼ·(xᵢⱼ·Dᵢ), and a has integer entries below 2⁵³, exact as float weights. Rows are
 * ordered by the float projections, then the order is proven with exact cross-multiplications
 * of neighbours, Nᵣ·Dₛ < Nₛ·Dᵣ: d − 1 BigInt comparisons prove t sorted and pairwise distinct
 * (a misordered neighbour sends the rows through an exact merge sort instead).
 *
 * Candidates: the moment curve a = (1, s, s², …) of MATH.md for integers s while its entries are
 * exact floats, and seeded random integer directions, ranked by the float ratio of the smallest
 * gap between sorted projections to the size of the dot products that compute them (what the
 * network's own floating-point evaluation depends on). Past them, the moment curve with
 * s = 2ᵖ: each pair of rows rules out at most m − 1 values of s, so at most (m − 1)·d(d − 1)/2
 * values fail, and these entries stay floats far longer.
 */
import type { Rational } from '../../kernel/rational.js';
import { seededNormal, seededUniform } from './random.js';

/** The data restricted to the coordinates used, as integers over one denominator per row. */
export interface IntegerRows {
  readonly d: number;
  /** number of coordinates used */
  readonly w: number;
  /** X[i·w + j] = xᵢ[coords[j]]·Dᵢ */
  readonly X: readonly bigint[];
  /** Dᵢ > 0, the least common denominator of row i */
  readonly D: readonly bigint[];
}

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** Rows of exact data (restricted to `coords`) over their least common denominators. */
export function integerRows(xExact: readonly (readonly Rational[])[], coords: readonly number[]): IntegerRows {
  const d = xExact.length;
  const w = coords.length;
  const X: bigint[] = new Array<bigint>(d * w);
  const D: bigint[] = new Array<bigint>(d);
  for (let i = 0; i < d; i++) {
    const row = xExact[i]!;
    let l = 1n;
    for (const c of coords) {
      const den = row[c]!.den;
      if (den === 1n || l % den === 0n) continue;
      l = (l / gcd(l, den)) * den;
    }
    D[i] = l;
    for (let j = 0; j < w; j++) {
      const r = row[coords[j]!]!;
      X[i * w + j] = r.den === l ? r.num : r.num * (l / r.den);
    }
  }
  return { d, w, X, D };
}

/** A proven separating direction. */
export interface Projection {
  /** integer entries, each exactly a float */
  readonly a: Float64Array;
  readonly strategy: 'random' | 'moment';
  /** the candidate: trial number for a random direction, s for the moment curve a = (s^j) */
  readonly s: number;
  /** tᵢ = num[i] / den[i], exactly */
  readonly num: readonly bigint[];
  readonly den: readonly bigint[];
  /** rows in ascending order of t, proven: order[r] is the data row of rank r */
  readonly order: Int32Array;
  /** candidates tested exactly before this one succeeded, with the colliding rows of each */
  readonly rejected: readonly { readonly strategy: 'random' | 'moment'; readonly s: number; readonly rows: readonly [number, number] }[];
  /** float: smallest gap between sorted projections over max Σⱼ |aⱼxᵢⱼ| (see gapRatio) */
  readonly gapRatio: number;
}

export type ProjectionOutcome =
  | { readonly found: true; readonly projection: Projection }
  | {
      readonly found: false;
      readonly reason: string;
      readonly rejected: Projection['rejected'];
      /** two rows (0-based) with equal inputs, when that is why: no direction can separate them */
      readonly equalRows?: readonly [number, number];
    };

/** −1, 0, 1 as num[i]/den[i] <, =, > num[k]/den[k] (denominators positive). */
function cmpRows(num: readonly bigint[], den: readonly bigint[], i: number, k: number): -1 | 0 | 1 {
  const l = num[i]! * den[k]!;
  const r = num[k]! * den[i]!;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Float projections of the float data, for ranking candidates and a first ordering. */
function floatProjections(x: readonly Float64Array[], coords: readonly number[], a: Float64Array): Float64Array {
  const t = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const row = x[i]!;
    let s = 0;
    for (let j = 0; j < coords.length; j++) s += a[j]! * row[coords[j]!]!;
    t[i] = s;
  }
  return t;
}

function sortedOrder(t: Float64Array): Int32Array {
  const order = Int32Array.from({ length: t.length }, (_, i) => i);
  order.sort((i, k) => t[i]! - t[k]! || i - k);
  return order;
}

/**
 * Smallest gap between sorted float projections over the largest Σⱼ |aⱼxᵢⱼ|: the float error of
 * a pre-activation a·xᵢ + b is about 2⁻⁵³ times the latter, so this ratio says how many bits of
 * the smallest gap survive an evaluation of the network (1 when d = 1; 0 when two coincide).
 */
function gapRatio(t: Float64Array, order: Int32Array, absDot: number): number {
  const d = t.length;
  if (d <= 1) return 1;
  let gap = Infinity;
  for (let r = 1; r < d; r++) gap = Math.min(gap, t[order[r]!]! - t[order[r - 1]!]!);
  return absDot > 0 ? gap / absDot : 0;
}

/** max over rows of Σⱼ |aⱼ xᵢⱼ|. */
function maxAbsDot(x: readonly Float64Array[], coords: readonly number[], a: Float64Array): number {
  let m = 0;
  for (const row of x) {
    let s = 0;
    for (let j = 0; j < coords.length; j++) s += Math.abs(a[j]! * row[coords[j]!]!);
    if (s > m) m = s;
  }
  return m;
}

/** Exact merge sort of row indices by t (for the rare float misordering). */
function exactSort(rows: Int32Array, num: readonly bigint[], den: readonly bigint[]): Int32Array {
  const a = Array.from(rows);
  const merge = (lo: number[], hi: number[]): number[] => {
    const out: number[] = [];
    let i = 0;
    let k = 0;
    while (i < lo.length && k < hi.length) out.push(cmpRows(num, den, hi[k]!, lo[i]!) < 0 ? hi[k++]! : lo[i++]!);
    return out.concat(lo.slice(i), hi.slice(k));
  };
  const sort = (xs: number[]): number[] =>
    xs.length <= 1 ? xs : merge(sort(xs.slice(0, xs.length >> 1)), sort(xs.slice(xs.length >> 1)));
  return Int32Array.from(sort(a));
}

/**
 * The exact test of one direction: numerators, then the proven order, or the first two rows
 * whose projections coincide.
 */
function testExactly(
  rows: IntegerRows,
  a: Float64Array,
  floatOrder: Int32Array,
): { readonly ok: true; readonly num: bigint[]; readonly order: Int32Array } | { readonly ok: false; readonly rows: [number, number] } {
  const { d, w, X, D } = rows;
  const aBig = Array.from(a, (v) => BigInt(v));
  const num: bigint[] = new Array<bigint>(d);
  for (let i = 0; i < d; i++) {
    let s = 0n;
    const base = i * w;
    for (let j = 0; j < w; j++) {
      const aj = aBig[j]!;
      if (aj !== 0n) s += aj * X[base + j]!;
    }
    num[i] = s;
  }
  let order = floatOrder;
  for (let pass = 0; pass < 2; pass++) {
    let misordered = false;
    for (let r = 1; r < d; r++) {
      const c = cmpRows(num, D, order[r - 1]!, order[r]!);
      if (c === 0) return { ok: false, rows: [order[r - 1]!, order[r]!] };
      if (c > 0) misordered = true;
    }
    if (!misordered) return { ok: true, num, order };
    order = exactSort(order, num, D);
  }
  throw new Error('exact sort left rows out of order');
}

export interface ProjectionOptions {
  readonly seed: number;
  /** random candidates ranked in float (default 12) */
  readonly candidates?: number;
  /** candidates tested exactly before giving up (default 24) */
  readonly maxExactTests?: number;
}

/**
 * Finds and proves a separating direction for rows that the caller has checked to be pairwise
 * distinct on `coords` (if they are not, every candidate collides and the outcome says so).
 */
export function findProjection(
  rows: IntegerRows,
  x: readonly Float64Array[],
  coords: readonly number[],
  opts: ProjectionOptions,
): ProjectionOutcome {
  const w = coords.length;
  const normal = seededNormal(seededUniform(opts.seed));
  const K = opts.candidates ?? 12;
  const maxTests = opts.maxExactTests ?? 24;
  const rejected: { strategy: 'random' | 'moment'; s: number; rows: readonly [number, number] }[] = [];

  // The moment curve with integer s while its entries s^j stay below 2⁵³ (exact floats), and
  // seeded random integer directions, ranked together; the moment curve's round numbers are
  // preferred unless a random direction has twice its ratio.
  const candidates: { strategy: 'random' | 'moment'; s: number; a: Float64Array }[] = [];
  for (let base = 1; base <= 16 && (w <= 1 || (w - 1) * Math.log2(Math.max(base, 1)) < 53); base++) {
    candidates.push({ strategy: 'moment', s: base, a: Float64Array.from({ length: w }, (_, j) => base ** j) });
  }
  for (let r = 1; r <= K; r++) {
    const a = new Float64Array(w);
    for (let j = 0; j < w; j++) a[j] = Math.round(normal() * 2 ** 30) || 1;
    candidates.push({ strategy: 'random', s: r, a });
  }
  const ranked = candidates
    .map((c) => {
      const t = floatProjections(x, coords, c.a);
      const order = sortedOrder(t);
      const ratio = gapRatio(t, order, maxAbsDot(x, coords, c.a));
      return { ...c, order, ratio, score: c.strategy === 'moment' ? 2 * ratio : ratio };
    })
    .filter((c) => c.ratio > 0)
    .sort((p, q) => q.score - p.score || (p.strategy === q.strategy ? p.s - q.s : p.strategy === 'moment' ? -1 : 1));

  const tryOne = (strategy: 'random' | 'moment', s: number, a: Float64Array, order: Int32Array, ratio: number): Projection | undefined => {
    const r = testExactly(rows, a, order);
    if (!r.ok) {
      rejected.push({ strategy, s, rows: r.rows });
      return undefined;
    }
    return { a, strategy, s, num: r.num, den: rows.D, order: r.order, rejected: [...rejected], gapRatio: ratio };
  };

  const equalRows = (i: number, k: number): boolean =>
    rows.D[i] === rows.D[k] && Array.from({ length: w }, (_, j) => rows.X[i * w + j] === rows.X[k * w + j]).every(Boolean);
  const duplicate = (): ProjectionOutcome | undefined => {
    const last = rejected[rejected.length - 1];
    if (!last || !equalRows(last.rows[0], last.rows[1])) return undefined;
    const [i, k] = last.rows[0] < last.rows[1] ? last.rows : [last.rows[1], last.rows[0]];
    return {
      found: false,
      reason: `rows ${i + 1} and ${k + 1} (0-based ${i} and ${k}) have equal inputs: no direction separates them`,
      rejected,
      equalRows: [i, k],
    };
  };

  let tests = 0;
  for (const c of ranked) {
    if (tests++ >= maxTests) break;
    const p = tryOne(c.strategy, c.s, c.a, c.order, c.ratio);
    if (p) return { found: true, projection: p };
    const dup = duplicate();
    if (dup) return dup;
  }
  // Beyond: the moment curve with s = 2^p, whose entries stay floats while p·(w − 1) ≤ 1000.
  for (let p = 5; tests < maxTests + 40 && p * Math.max(1, w - 1) <= 1000; p++, tests++) {
    const a = Float64Array.from({ length: w }, (_, j) => 2 ** (p * j));
    const t = floatProjections(x, coords, a);
    const order = sortedOrder(t);
    const found = tryOne('moment', 2 ** p, a, order, gapRatio(t, order, maxAbsDot(x, coords, a)));
    if (found) return { found: true, projection: found };
    const dup = duplicate();
    if (dup) return dup;
  }
  const last = rejected[rejected.length - 1];
  return {
    found: false,
    reason:
      `no direction among ${rejected.length} candidates separates the inputs` +
      (last ? ` (the last made rows ${last.rows[0] + 1} and ${last.rows[1] + 1} coincide)` : ''),
    rejected,
  };
}
