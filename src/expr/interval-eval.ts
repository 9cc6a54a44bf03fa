/**
 * Interval evaluation of an Expr in one variable: an enclosure of {e(t) : t ∈ T} for an interval
 * T, by the kernel's domain-tracked evaluation (src/kernel/expr-interval.ts). Where some piece
 * of e may be undefined somewhere on T (sqrt or log of a possibly nonpositive argument, a
 * denominator that may be 0, …) the answer is the whole line [−∞, ∞]: a proof reads it as "no
 * information", and nothing is silently restricted to the part of T where e is defined.
 */
import { encloseExpr } from '../kernel/expr-interval.js';
import { ENTIRE, type Interval } from '../kernel/interval.js';
import type { Expr } from './index.js';

/** Encloses e(t) over t ∈ `t` (the only symbol); [−∞, ∞] where e is not proven defined on all of t. */
export function evalInterval(e: Expr, t: Interval, symbol = 't'): Interval {
  const r = encloseExpr(e, new Map([[symbol, t]]));
  return r.ok ? r.value : ENTIRE;
}
