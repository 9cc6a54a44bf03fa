/**
 * Enclosures of an activation σ and of σ′ over an interval, for the interval models.
 *
 * Built-ins use what is known about their shape, so that the enclosures are tight:
 *   smooLU    σ and σ′ are continuous and nondecreasing on ℝ (σ″ = e^(−1/t)/t³ > 0 for t > 0,
 *             both 0 for t ≤ 0): each end of the result is the function at that end of the box,
 *             evaluated in interval arithmetic.
 *   softplus  σ increasing, σ′ = sigmoid increasing.
 *   tanh      σ increasing; σ′ = 1 − tanh² from the enclosure of tanh.
 *   sigmoid   σ increasing; σ′ = e^(−|t|)/(1 + e^(−|t|))², decreasing in |t|.
 *   swish     t·sigmoid(t) and its derivative sigmoid + t·sigmoid′, by plain interval arithmetic.
 *   relu      σ′ is 1 or 0 on a box that avoids 0; across 0 relu is not differentiable: ENTIRE.
 * A user's formula is differentiated in interval forward mode (interval-expr.ts). For the
 * rectified form (σ = 0 for t ≤ 0, the formula for t > 0) a box that reaches 0 from above gets
 * ENTIRE for σ′ and the hull of 0 with the formula over [0, hi] for σ: nothing about the
 * formula's behaviour as t → 0⁺ is assumed.
 */
import { ENTIRE, add, div, exp, fromNumber, hull, log1p, mul, neg, sigmoid, sqr, sub, tanh, type Interval } from '../kernel/interval.js';
import type { Activation } from './activation.js';
import { constantDual, evalExprDual, variableDual, type IntervalDual } from './interval-expr.js';

/** σ and σ′ over an interval. */
export interface IntervalActivation {
  readonly name: string;
  /** encloses {σ(t) : t ∈ T} */
  value(t: Interval): Interval;
  /** encloses {σ′(t) : t ∈ T}; ENTIRE where σ is not differentiable somewhere in T */
  d1(t: Interval): Interval;
}

const ZERO: Interval = { lo: 0, hi: 0 };
const ONE: Interval = { lo: 1, hi: 1 };
const point = (x: number): Interval => fromNumber(x);

/** [f(lo).lo, f(hi).hi] for a nondecreasing f enclosed pointwise by g. */
function monotone(t: Interval, g: (x: number) => Interval): Interval {
  return { lo: g(t.lo).lo, hi: g(t.hi).hi };
}

// smooLU at a point: t·e^(−1/t) and e^(−1/t)(1 + 1/t) for t > 0, 0 for t ≤ 0.
function smooluAt(x: number): Interval {
  if (!(x > 0)) return ZERO;
  if (x === Infinity) return { lo: Number.MAX_VALUE, hi: Infinity };
  const p = point(x);
  return mul(p, exp(neg(div(ONE, p))));
}
function smooluD1At(x: number): Interval {
  if (!(x > 0)) return ZERO;
  if (x === Infinity) return { lo: nextBelowOne(), hi: 1 };
  const inv = div(ONE, point(x));
  return mul(exp(neg(inv)), add(ONE, inv));
}
// σ′ → 1 as t → ∞ from below.
const nextBelowOne = (): number => 1 - Number.EPSILON / 2;

function softplusAt(x: number): Interval {
  if (x === Infinity) return { lo: Number.MAX_VALUE, hi: Infinity };
  if (x === -Infinity) return ZERO;
  // max(x, 0) + log1p(e^(−|x|))
  return add(point(Math.max(x, 0)), log1p(exp(point(-Math.abs(x)))));
}

/** sigmoid′ at |t| = x ≥ 0: e/(1 + e)² with e = e^(−x). */
function sigmoidD1AtAbs(x: number): Interval {
  if (x === Infinity) return ZERO;
  const e = exp(point(-x));
  const q = add(ONE, e);
  return div(e, sqr(q));
}

function sigmoidD1(t: Interval): Interval {
  const a = Math.max(0, t.lo, -t.hi); // min |t| over T
  const b = Math.max(Math.abs(t.lo), Math.abs(t.hi));
  const r = { lo: sigmoidD1AtAbs(b).lo, hi: sigmoidD1AtAbs(a).hi };
  return { lo: Math.max(0, r.lo), hi: Math.min(0.25, r.hi) };
}

const BUILTIN: Record<string, Omit<IntervalActivation, 'name'>> = {
  smoolu: {
    value: (t) => monotone(t, smooluAt),
    d1: (t) => monotone(t, smooluD1At),
  },
  softplus: {
    value: (t) => monotone(t, softplusAt),
    d1: (t) => sigmoid(t),
  },
  relu: {
    value: (t) => ({ lo: Math.max(0, t.lo), hi: Math.max(0, t.hi) }),
    d1: (t) => (t.hi < 0 ? ZERO : t.lo > 0 ? ONE : ENTIRE),
  },
  tanh: {
    value: (t) => tanh(t),
    d1: (t) => {
      const s = sub(ONE, sqr(tanh(t)));
      return { lo: Math.max(0, s.lo), hi: Math.min(1, s.hi) };
    },
  },
  sigmoid: {
    value: (t) => sigmoid(t),
    d1: sigmoidD1,
  },
  swish: {
    value: (t) => mul(t, sigmoid(t)),
    d1: (t) => add(sigmoid(t), mul(t, sigmoidD1(t))),
  },
};

/** The interval enclosures of a compiled activation. */
export function intervalActivation(act: Activation): IntervalActivation {
  if (act.form === 'builtin') {
    const b = BUILTIN[act.name];
    if (b === undefined) throw new RangeError(`no interval enclosure for activation "${act.name}"`);
    return { name: act.name, ...b };
  }
  const { expr, piecewise } = act.formula;
  const at = (t: Interval): IntervalDual => evalExprDual(expr, new Map([['t', variableDual(t, 0, 1)]]), 1);
  const valueOf = (t: Interval): Interval => evalExprDual(expr, new Map([['t', constantDual(t)]]), 0).v;
  if (!piecewise) {
    return { name: act.name, value: valueOf, d1: (t) => at(t).d?.[0] ?? ZERO };
  }
  return {
    name: act.name,
    value(t) {
      if (t.hi <= 0) return ZERO;
      if (t.lo > 0) return valueOf(t);
      return hull(ZERO, valueOf({ lo: 0, hi: t.hi }));
    },
    d1(t) {
      if (t.hi < 0) return ZERO;
      if (t.lo > 0) return at(t).d?.[0] ?? ZERO;
      return ENTIRE;
    },
  };
}
