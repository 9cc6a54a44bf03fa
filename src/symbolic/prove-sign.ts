/**
 * Positivity of a function of one variable on the half line t > 0, decided by interval
 * bisection where the sign rules (sign.ts) do not apply.
 *
 * The half line is cut into three parts: the core [2⁻¹⁰, 2¹⁰], bisected until every box has a
 * positive enclosure (a proof, given a correct interval implementation); and the tails (0, 2⁻¹⁰]
 * and [2¹⁰, ∞), tried in dyadic pieces out to 2^∓60 plus one last unbounded piece each (the
 * upper one also through monotonicity: e(2⁶⁰) > 0 and e′ ≥ 0 beyond, and so on). A tail
 * that intervals cannot settle (underflow of e^(−1/t), cancellation of 1 − tanh²) is only
 * sampled, and the result says so and drops to `float`.
 */
import { compileExpr, diffExpr, type Expr } from '../expr/index.js';
import { evalInterval } from '../expr/interval-eval.js';
import type { Interval } from '../kernel/interval.js';

/** Core range proven by bisection. */
export const CORE_LO = 2 ** -10;
export const CORE_HI = 2 ** 10;
/** Most boxes the core bisection may look at. */
const BOX_BUDGET = 20_000;

/** A point where the function is not positive. */
export interface NonPositivePoint {
  readonly t: number;
  /** the float value there */
  readonly value: number;
  /** true when an interval enclosure proves the value < 0 */
  readonly proven: boolean;
}

export type PositivityOutcome =
  | {
      readonly verdict: 'holds';
      /** interval: core and tails proven; float: the core proven or sampled, a tail only sampled */
      readonly rigor: 'interval' | 'float';
      readonly coreProven: boolean;
      readonly lowTailProven: boolean;
      readonly highTailProven: boolean;
      readonly boxes: number;
    }
  | { readonly verdict: 'fails'; readonly rigor: 'interval' | 'float'; readonly witness: NonPositivePoint; readonly boxes: number };

/** Points a reader likes to see in a witness, tried first. */
const NICE_POINTS = [1, 2, 0.5, 3, 4, 0.25, 1.5, 10, 0.1, 5, 8, 100, 0.01];

/** The sample grid t = 2^(k/4), k = −240..240, plus the nice points. */
export function sampleGrid(): number[] {
  const pts: number[] = [...NICE_POINTS];
  for (let k = -240; k <= 240; k++) pts.push(2 ** (k / 4));
  return pts;
}

const pointBox = (t: number): Interval => ({ lo: t, hi: t });

/** Looks for a sample where e(t) ≤ 0; proves it with a point enclosure when it can. */
export function findNonPositive(e: Expr, points: readonly number[] = sampleGrid()): NonPositivePoint | undefined {
  const f = compileExpr(e, ['t']);
  const buf = new Float64Array(1);
  let weak: NonPositivePoint | undefined;
  for (const t of points) {
    buf[0] = t;
    const v = f(buf);
    if (!(v <= 0)) continue;
    const enc = evalInterval(e, pointBox(t));
    if (enc.hi < 0) return { t, value: v, proven: true };
    weak ??= { t, value: v, proven: false };
  }
  return weak;
}

/** Whether every box of a dyadic cover of [lo, hi] (ratio 2 per box) has a positive enclosure. */
function dyadicPiecesPositive(e: Expr, lo: number, hi: number): boolean {
  for (let a = lo; a < hi; a *= 2) {
    const enc = evalInterval(e, { lo: a, hi: Math.min(2 * a, hi) });
    if (!(enc.lo > 0)) return false;
  }
  return true;
}

/**
 * e > 0 (or ≥ 0 when `weak`) on [b, ∞): the enclosure over the whole tail, or, where that loses
 * to cancellation (t² − t at t = ∞ encloses to [−∞, ∞]), e(b) > 0 and e non-decreasing beyond
 * b, by the same test on e′ (up to `depth` derivatives).
 */
function tailPositive(e: Expr, b: number, weak: boolean, depth: number): boolean {
  const enc = evalInterval(e, { lo: b, hi: Infinity });
  if (weak ? enc.lo >= 0 : enc.lo > 0) return true;
  if (depth === 0) return false;
  const atB = evalInterval(e, { lo: b, hi: b });
  if (!(weak ? atB.lo >= 0 : atB.lo > 0)) return false;
  return tailPositive(diffExpr(e, 't'), b, true, depth - 1);
}

/**
 * Decides e(t) > 0 for all t > 0. A non-positive sample is a counterexample (proven when its
 * enclosure is below 0); otherwise the core is bisected and the tails tried as described above.
 */
export function provePositiveOnHalfLine(e: Expr): PositivityOutcome {
  const w = findNonPositive(e);
  if (w) return { verdict: 'fails', rigor: w.proven ? 'interval' : 'float', witness: w, boxes: 0 };

  // core bisection; a box whose enclosure is entirely ≤ 0 would be a proven counterexample
  const stack: Interval[] = [];
  for (let a = CORE_LO; a < CORE_HI; a *= 2) stack.push({ lo: a, hi: 2 * a });
  let boxes = 0;
  let coreProven = true;
  while (stack.length > 0) {
    const box = stack.pop()!;
    boxes++;
    const enc = evalInterval(e, box);
    if (enc.lo > 0) continue;
    if (enc.hi < 0) {
      const t = (box.lo + box.hi) / 2;
      const value = compileExpr(e, ['t'])(Float64Array.of(t));
      return { verdict: 'fails', rigor: 'interval', witness: { t, value, proven: true }, boxes };
    }
    const m = (box.lo + box.hi) / 2;
    if (boxes >= BOX_BUDGET || !(m > box.lo && m < box.hi) || box.hi - box.lo < 1e-12 * box.hi) {
      coreProven = false;
      break;
    }
    stack.push({ lo: box.lo, hi: m }, { lo: m, hi: box.hi });
  }

  const lowTailProven =
    dyadicPiecesPositive(e, 2 ** -60, CORE_LO) && evalInterval(e, { lo: Number.MIN_VALUE, hi: 2 ** -60 }).lo > 0;
  const highTailProven = dyadicPiecesPositive(e, CORE_HI, 2 ** 60) && tailPositive(e, 2 ** 60, false, 3);
  const rigor = coreProven && lowTailProven && highTailProven ? 'interval' : 'float';
  return { verdict: 'holds', rigor, coreProven, lowTailProven, highTailProven, boxes };
}

/**
 * Approximate points in (0, ∞) where a function changes sign, from the sample grid refined by
 * bisection (float; for reporting where σ′ changes sign, not for proofs).
 */
export function signChanges(e: Expr, max = 5): number[] {
  const f = compileExpr(e, ['t']);
  const buf = new Float64Array(1);
  const at = (t: number): number => {
    buf[0] = t;
    return f(buf);
  };
  const out: number[] = [];
  let prevT = 2 ** -60;
  let prevV = at(prevT);
  for (let k = -239; k <= 240 && out.length < max; k++) {
    const t = 2 ** (k / 4);
    const v = at(t);
    // zeros (underflow) and non-finite values are skipped: compare with the last nonzero sample
    if (!Number.isFinite(v) || v === 0) continue;
    if (Number.isFinite(prevV) && prevV !== 0 && Math.sign(prevV) !== Math.sign(v)) {
      let a = prevT;
      let b = t;
      const sa = Math.sign(prevV);
      for (let i = 0; i < 80; i++) {
        const m = (a + b) / 2;
        if (m <= a || m >= b) break;
        if (Math.sign(at(m)) === sa) a = m;
        else b = m;
      }
      out.push((a + b) / 2);
    }
    prevT = t;
    prevV = v;
  }
  return out;
}
