/**
 * Interval evaluation of an Expr in one variable: an enclosure of {e(t) : t ∈ T} for an interval
 * T, built on src/numeric/interval.ts (outward rounding). The functions the interval module lacks
 * are enclosed here by monotonicity (sinh, atan, cosh by |t|) or by their global range (sin, cos),
 * with the same two-ulp widening; tan gives the whole line (sound, and says nothing).
 */
import {
  ENTIRE,
  EMPTY,
  abs,
  add,
  div,
  exp,
  expm1,
  fromNumber,
  intersect,
  isEmpty,
  log,
  log1p,
  mul,
  neg,
  nextDown,
  nextUp,
  pow,
  sigmoid,
  sqr,
  sqrt,
  sub,
  tanh,
  type Interval,
} from '../kernel/interval.js';
import type { Expr, UnaryFn } from './index.js';

const down2 = (x: number): number => nextDown(nextDown(x));
const up2 = (x: number): number => nextUp(nextUp(x));

/** An enclosure of an increasing function g with g within 1 ulp, over a. */
function monotone(a: Interval, g: (x: number) => number, lo: number, hi: number): Interval {
  if (isEmpty(a)) return EMPTY;
  const l = a.lo === 0 && g(0) === 0 ? 0 : Math.max(lo, down2(g(a.lo)));
  const h = a.hi === 0 && g(0) === 0 ? 0 : Math.min(hi, up2(g(a.hi)));
  return { lo: l, hi: h };
}

const UNIT: Interval = { lo: -1, hi: 1 };

function callInterval(fn: UnaryFn, a: Interval): Interval {
  switch (fn) {
    case 'exp':
      return exp(a);
    case 'log':
      return log(a);
    case 'log1p':
      return log1p(a);
    case 'expm1':
      return expm1(a);
    case 'sqrt':
      return sqrt(a);
    case 'tanh':
      return tanh(a);
    case 'sigmoid':
      return sigmoid(a);
    case 'abs':
      return abs(a);
    case 'sinh':
      return monotone(a, Math.sinh, -Infinity, Infinity);
    case 'atan':
      return monotone(a, Math.atan, -Math.PI / 2 - 1e-15, Math.PI / 2 + 1e-15);
    case 'cosh': {
      // cosh is increasing in |t|, at least 1
      const m = abs(a);
      if (isEmpty(m)) return EMPTY;
      return { lo: m.lo === 0 ? 1 : Math.max(1, down2(Math.cosh(m.lo))), hi: up2(Math.cosh(m.hi)) };
    }
    case 'sin':
      return periodic(a, Math.sin, Math.PI / 2);
    case 'cos':
      return periodic(a, Math.cos, 0);
    case 'tan':
      return isEmpty(a) ? EMPTY : ENTIRE;
  }
}

/**
 * sin or cos over a: the endpoint values, widened, and ±1 wherever a reaches (within a margin
 * that covers the rounding of π) a maximum at peak + 2kπ or a minimum at peak + π + 2kπ.
 * Boxes wider than 2π, or with huge endpoints where argument reduction is doubtful, get [−1, 1].
 */
function periodic(a: Interval, g: (x: number) => number, peak: number): Interval {
  if (isEmpty(a)) return EMPTY;
  if (!(a.hi - a.lo < 2 * Math.PI) || Math.max(Math.abs(a.lo), Math.abs(a.hi)) > 2 ** 20) return UNIT;
  const reaches = (centre: number): boolean => {
    const k = Math.ceil((a.lo - centre) / (2 * Math.PI) - 1e-9);
    const x = centre + 2 * Math.PI * k;
    return x <= a.hi + 1e-9 * Math.max(1, Math.abs(x));
  };
  const ga = g(a.lo);
  const gb = g(a.hi);
  const pad = (x: number, up: boolean): number => (up ? up2(x) + 1e-300 : down2(x) - 1e-300);
  const lo = reaches(peak + Math.PI) ? -1 : Math.max(-1, pad(Math.min(ga, gb), false));
  const hi = reaches(peak) ? 1 : Math.min(1, pad(Math.max(ga, gb), true));
  return { lo, hi };
}

/**
 * Encloses e(t) over t ∈ `t` (the only symbol; constants e and π are enclosed by their
 * neighbouring floats). Returns EMPTY where the expression is undefined on the whole box.
 */
export function evalInterval(e: Expr, t: Interval, symbol = 't'): Interval {
  switch (e.kind) {
    case 'num':
      return fromNumber(e.value);
    case 'const': {
      const v = e.name === 'e' ? Math.E : Math.PI;
      return { lo: nextDown(v), hi: nextUp(v) };
    }
    case 'sym':
      if (e.name !== symbol) throw new RangeError(`evalInterval: unknown symbol "${e.name}"`);
      return t;
    case 'neg':
      return neg(evalInterval(e.arg, t, symbol));
    case 'call':
      return callInterval(e.fn, evalInterval(e.arg, t, symbol));
    case 'add':
      return add(evalInterval(e.left, t, symbol), evalInterval(e.right, t, symbol));
    case 'sub':
      return sub(evalInterval(e.left, t, symbol), evalInterval(e.right, t, symbol));
    case 'mul':
      return mul(evalInterval(e.left, t, symbol), evalInterval(e.right, t, symbol));
    case 'div':
      return div(evalInterval(e.left, t, symbol), evalInterval(e.right, t, symbol));
    case 'pow': {
      const base = evalInterval(e.left, t, symbol);
      if (e.right.kind === 'num' && Number.isInteger(e.right.value) && Math.abs(e.right.value) <= 1024) {
        return e.right.value === 2 ? sqr(base) : pow(base, e.right.value);
      }
      // u^v = exp(v·log u) for u > 0 (the real power of a negative base is not used here)
      const ex = evalInterval(e.right, t, symbol);
      const pos = intersect(base, { lo: 0, hi: Infinity });
      return exp(mul(ex, log(pos)));
    }
  }
}
