/**
 * The carrier layers of the construction (plan.ts): for a network deeper than one hidden layer,
 * one unit per hidden layer but the last carries the scalars, u ← σ(c·u + b), with c and b chosen
 * so the scalars stay positive, distinct and where σ neither underflows nor flattens; the
 * disjointness of their sorted enclosures after each layer is the proof that they stay distinct.
 */
import * as rounding from './rounding.js';
import type { ConstructionSigma } from './sigma.js';

// Bound once here: a transpiler's live-binding getters (tsx) would keep V8 from inlining these
// in the O(d²) loops, a tenfold slowdown.
const { down, up } = rounding;

export type Placement = 'previous' | 'midpoint';

/** d scalars by data row: enclosures, the float values the network computes, and their order. */
export interface Scalars {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly f: Float64Array;
  /** ascending: order[r] is the data row of rank r, proven by disjoint enclosures */
  readonly order: Int32Array;
  /** the enclosures are the neighbouring floats of exact rationals (depth 1) */
  readonly exact: boolean;
}

/** One carrier layer: u ← σ(weight·u + bias). */
export interface CarrierLayer {
  /** c: for the first carrier a power of two, applied to the integer direction */
  readonly weight: number;
  readonly bias: number;
  /** which candidate scale was used, in words */
  readonly choice: string;
  /** the scalars after σ */
  readonly values: Scalars;
  /** smallest separation of sorted enclosures over their span */
  readonly separation: number;
  /** the argument range met, [min, max] of c·u + b (float) */
  readonly argRange: readonly [number, number];
  /** every candidate tried, with why it was refused */
  readonly tried: readonly { readonly choice: string; readonly ok: boolean; readonly why: string }[];
}

/** Sorted copies of a scalar set's arrays. */
export function sortedCopy(s: Scalars): { lo: Float64Array; hi: Float64Array; f: Float64Array } {
  const d = s.order.length;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const f = new Float64Array(d);
  for (let r = 0; r < d; r++) {
    const i = s.order[r]!;
    lo[r] = s.lo[i]!;
    hi[r] = s.hi[i]!;
    f[r] = s.f[i]!;
  }
  return { lo, hi, f };
}

/** The smallest float gap between sorted values, and the span (gap = span = 0 for d = 1). */
export function floatGap(s: Scalars): { gap: number; min: number; max: number } {
  const d = s.order.length;
  let gap = Infinity;
  for (let r = 1; r < d; r++) gap = Math.min(gap, s.f[s.order[r]!]! - s.f[s.order[r - 1]!]!);
  return { gap: d > 1 ? gap : 0, min: s.f[s.order[0]!]!, max: s.f[s.order[d - 1]!]! };
}

/**
 * u = σ(c·q + b) for every scalar q, enclosed; sorted by the float values and checked:
 * every enclosure positive and finite, neighbours disjoint. Returns why not otherwise.
 */
function applyCarrier(
  q: Scalars,
  c: number,
  b: number,
  sigma: ConstructionSigma,
): { ok: true; values: Scalars; separation: number; argRange: [number, number] } | { ok: false; why: string } {
  const d = q.order.length;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  const f = new Float64Array(d);
  const outLo = new Float64Array(1);
  const outHi = new Float64Array(1);
  let amin = Infinity;
  let amax = -Infinity;
  for (let i = 0; i < d; i++) {
    const zl = down(down(c * q.lo[i]!) + b);
    const zh = up(up(c * q.hi[i]!) + b);
    if (!(zl > 0)) return { ok: false, why: `argument ${zl.toPrecision(4)} of row ${i + 1} is not positive` };
    sigma.enclose(zl, zh, outLo, outHi, 0);
    if (!(outLo[0]! > 0) || !Number.isFinite(outHi[0]!)) {
      return { ok: false, why: `σ at row ${i + 1} (argument ≈ ${zl.toPrecision(4)}) is not enclosed in (0, ∞): [${outLo[0]}, ${outHi[0]}]` };
    }
    lo[i] = outLo[0]!;
    hi[i] = outHi[0]!;
    const z = c * q.f[i]! + b;
    f[i] = sigma.f(z);
    amin = Math.min(amin, z);
    amax = Math.max(amax, z);
  }
  const order = Int32Array.from({ length: d }, (_, i) => i);
  order.sort((i, k) => f[i]! - f[k]! || lo[i]! - lo[k]! || i - k);
  let sep = Infinity;
  for (let r = 1; r < d; r++) {
    const a = order[r - 1]!;
    const z = order[r]!;
    if (!(hi[a]! < lo[z]!)) {
      return { ok: false, why: `rows ${a + 1} and ${z + 1} are not separated: [${lo[a]}, ${hi[a]}] and [${lo[z]}, ${hi[z]}]` };
    }
    sep = Math.min(sep, lo[z]! - hi[a]!);
  }
  let gmin = Infinity;
  let gmax = -Infinity;
  for (let i = 0; i < d; i++) {
    gmin = Math.min(gmin, lo[i]!);
    gmax = Math.max(gmax, hi[i]!);
  }
  const span = gmax - gmin;
  return {
    ok: true,
    values: { lo, hi, f, order, exact: false },
    separation: d > 1 ? (span > 0 ? sep / span : 0) : 1,
    argRange: [amin, amax],
  };
}

/** The gap G between sorted scalars (in σ's units) that relu and smooLU use; a user's σ tries several. */
export function gapCandidates(sigma: ConstructionSigma): readonly { gap: number; placement: Placement }[] {
  switch (sigma.shape) {
    case 'relu':
      return [{ gap: 1, placement: 'previous' }];
    case 'smoolu':
      return [
        { gap: 10, placement: 'previous' },
        { gap: 30, placement: 'previous' },
      ];
    case 'user':
      return [
        { gap: 10, placement: 'previous' },
        { gap: 1, placement: 'previous' },
        { gap: 0.3, placement: 'previous' },
        { gap: 0.1, placement: 'previous' },
        { gap: 0.03, placement: 'previous' },
        { gap: 0.01, placement: 'previous' },
        { gap: 10, placement: 'midpoint' },
        { gap: 1, placement: 'midpoint' },
      ];
  }
}

/** Windows [δ, δ + W] the carrier arguments are mapped into when the gap-preserving map fails. */
const WINDOWS: readonly (readonly [number, number])[] = [
  [1, 1],
  [0.5, 0.5],
  [0.25, 0.5],
  [0.1, 0.4],
  [2, 8],
  [1, 10],
  [0.05, 0.2],
  [0.02, 0.08],
  [5, 20],
];

const pow2Near = (c: number): number => 2 ** Math.round(Math.log2(c));

/**
 * One carrier layer: candidates are the gap-preserving map (smallest gap G, smallest argument
 * G) and fixed windows. relu and smooLU take the first candidate that passes; a user's σ the
 * candidate with the widest separation.
 */
export function chooseCarrier(q: Scalars, sigma: ConstructionSigma, first: boolean): CarrierLayer | { fail: string; tried: CarrierLayer['tried'] } {
  const { gap, min, max } = floatGap(q);
  const span = max - min;
  const G = sigma.shape === 'relu' ? 1 : 10;
  const cands: { choice: string; c: number; b: number }[] = [];
  const push = (choice: string, c0: number, lowest: number): void => {
    if (!(c0 > 0 && Number.isFinite(c0))) return;
    const c = first ? pow2Near(c0) : c0;
    cands.push({ choice, c, b: lowest - c * min });
  };
  push(`smallest gap ${G}, arguments from ${G}`, gap > 0 ? G / gap : G, G);
  for (const [delta, width] of WINDOWS) push(`arguments in [${delta}, ${delta + width}]`, span > 0 ? width / span : 1, delta);

  const tried: { choice: string; ok: boolean; why: string }[] = [];
  let best: CarrierLayer | undefined;
  for (const cand of cands) {
    const r = applyCarrier(q, cand.c, cand.b, sigma);
    if (!r.ok) {
      tried.push({ choice: cand.choice, ok: false, why: r.why });
      continue;
    }
    tried.push({ choice: cand.choice, ok: true, why: `separation ${r.separation.toPrecision(3)} of the span` });
    const layer: CarrierLayer = {
      weight: cand.c,
      bias: cand.b,
      choice: cand.choice,
      values: r.values,
      separation: r.separation,
      argRange: r.argRange,
      tried,
    };
    // relu and smooLU (t − 1 far out) keep gaps under the gap-preserving map; any other σ,
    // monotone or not, may squeeze them (a bounded σ flattens), so every window is compared
    if (sigma.shape !== 'user') return layer;
    if (!best || layer.separation > best.separation) best = layer;
  }
  return best ? { ...best, tried } : { fail: 'no scale keeps the scalars positive and pairwise separated', tried };
}
