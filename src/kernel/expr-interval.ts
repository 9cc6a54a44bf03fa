/**
 * Interval evaluation of a formula over a box, with domains. The answer is either an enclosure
 * of the formula's values together with a proof that the formula is defined at every point of
 * the box, or the piece that may leave its domain there (sqrt of a possibly negative argument,
 * log of a possibly nonpositive one, a denominator that may be 0, a non-integer power of a base
 * that may be ≤ 0, tan near a pole). A piece that may be undefined makes the whole formula fail,
 * even under a factor 0: 0·sqrt(u) is undefined wherever sqrt(u) is.
 *
 * Literals enter as the tightest enclosure of their exact rational; π and e as the two floats
 * around them. Arithmetic is interval.ts's outward-rounded arithmetic and every elementary
 * function is elementary.ts's proven enclosure (no Math.* value is trusted); this module adds the
 * domains, and tan's poles, which make a piece undefined.
 *
 * The versions that carry derivatives (interval Jacobians, Krawczyk, Hessians) are in
 * expr-interval-jets.ts, built on the pieces exported here.
 */
import type { Expr, UnaryFn } from './expr-ast.js';
import { evalExactExpr } from './expr-exact.js';
import {
  ENTIRE,
  EMPTY,
  abs,
  add,
  atan,
  cos,
  cosh,
  div,
  exp,
  expm1,
  fromNumber,
  fromRational,
  isEmpty,
  log,
  log1p,
  mul,
  neg,
  nextDown,
  nextUp,
  pow,
  sigmoid,
  sin,
  sinh,
  sqr,
  sqrt,
  sub,
  tan,
  tanh,
  type Interval,
} from './interval.js';

/** A piece of the formula that may be undefined (or, for the derivative versions, not differentiable) on the box. */
export interface DomainFailure {
  readonly ok: false;
  /** the subformula that fails: sqrt(u), u/v, u^v, … */
  readonly piece: Expr;
  /** what may go wrong, in words: "its argument may be negative" */
  readonly reason: string;
}

/** An enclosure of the formula over the box, the formula being proven defined on all of it. */
export interface Enclosed {
  readonly ok: true;
  readonly value: Interval;
}

export type Enclosure = Enclosed | DomainFailure;

export const ZERO: Interval = { lo: 0, hi: 0 };
export const ONE: Interval = { lo: 1, hi: 1 };
export const TWO: Interval = { lo: 2, hi: 2 };
export const HALF: Interval = { lo: 0.5, hi: 0.5 };
export const MINUS_ONE: Interval = { lo: -1, hi: -1 };

/** π and e between their neighbouring floats (Math.PI and Math.E are within half an ulp of them). */
export const PI: Interval = Object.freeze({ lo: nextDown(Math.PI), hi: nextUp(Math.PI) });
export const E: Interval = Object.freeze({ lo: nextDown(Math.E), hi: nextUp(Math.E) });

/**
 * Whether a lies strictly inside one branch of tan, ((j − ½)π, (j + ½)π), with the poles
 * enclosed by interval arithmetic on π's enclosure.
 */
function insideTanBranch(a: Interval): boolean {
  if (isEmpty(a) || !(Math.max(Math.abs(a.lo), Math.abs(a.hi)) <= 2 ** 20)) return false;
  const j = Math.floor(a.lo / Math.PI + 0.5);
  const left = mul(fromNumber(j - 0.5), PI);
  const right = mul(fromNumber(j + 0.5), PI);
  return a.lo > left.hi && a.hi < right.lo;
}

/** Why fn is undefined somewhere on a (undefined: it is defined on all of a). */
export function domainProblem(fn: UnaryFn, a: Interval): string | undefined {
  switch (fn) {
    case 'sqrt':
      return a.lo >= 0 ? undefined : 'its argument may be negative';
    case 'log':
      return a.lo > 0 ? undefined : 'its argument may be 0 or negative';
    case 'log1p':
      return a.lo > -1 ? undefined : 'its argument may be −1 or less';
    case 'tan':
      return insideTanBranch(a) ? undefined : 'its argument may reach a pole (j + ½)π';
    default:
      return undefined;
  }
}

/** An enclosure of fn over a, for a inside fn's domain. */
export function unaryInterval(fn: UnaryFn, a: Interval): Interval {
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
      return sinh(a);
    case 'atan':
      return atan(a);
    case 'cosh':
      return cosh(a);
    case 'sin':
      return sin(a);
    case 'cos':
      return cos(a);
    case 'tan':
      return insideTanBranch(a) ? tan(a) : ENTIRE;
  }
}

const LITERAL = new WeakMap<Expr, Interval>();

/** The enclosure of a literal's exact rational, cached per node. */
export function literal(e: Expr & { kind: 'num' }): Interval {
  let v = LITERAL.get(e);
  if (v === undefined) {
    v = fromRational(e.exact);
    LITERAL.set(e, v);
  }
  return v;
}

const EXPONENT = new WeakMap<Expr, number | null>();

/** Largest |n| of an integer power taken by repeated squaring; beyond it u^n is exp(n·log u). */
const MAX_INT_POWER = 1024;

/**
 * The integer an exponent denotes, when it mentions no symbol and its exact value is an
 * integer of moderate size (`x^(1/3*3)` is x¹); null otherwise. Cached per node.
 */
export function integerExponent(e: Expr): number | null {
  const known = EXPONENT.get(e);
  if (known !== undefined) return known;
  let r: number | null = null;
  if (closed(e)) {
    const v = evalExactExpr(e, new Map());
    if (v.kind === 'rational' && v.value.den === 1n) {
      const n = v.value.num;
      if (n >= -BigInt(MAX_INT_POWER) && n <= BigInt(MAX_INT_POWER)) r = Number(n);
    }
  }
  EXPONENT.set(e, r);
  return r;
}

/** Whether e mentions no symbol. */
function closed(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
      return true;
    case 'sym':
      return false;
    case 'neg':
    case 'call':
      return closed(e.arg);
    default:
      return closed(e.left) && closed(e.right);
  }
}

export const fail = (piece: Expr, reason: string): DomainFailure => ({ ok: false, piece, reason });

/** Whether an interval certainly excludes 0. */
export const awayFromZero = (a: Interval): boolean => a.lo > 0 || a.hi < 0;

/**
 * Encloses e over the box `box` (symbol → interval). Every symbol of e must be in the box
 * (a RangeError otherwise: a programming error, not bad input).
 */
export function encloseExpr(e: Expr, box: ReadonlyMap<string, Interval>): Enclosure {
  let failure: DomainFailure | undefined;
  // `go` returns EMPTY once a failure is recorded; the first failure met is reported.
  const go = (x: Expr): Interval => {
    if (failure !== undefined) return EMPTY;
    switch (x.kind) {
      case 'num':
        return literal(x);
      case 'const':
        return x.name === 'pi' ? PI : E;
      case 'sym': {
        const v = box.get(x.name);
        if (v === undefined) throw new RangeError(`encloseExpr: no interval for symbol "${x.name}"`);
        return v;
      }
      case 'neg':
        return neg(go(x.arg));
      case 'call': {
        const a = go(x.arg);
        if (failure !== undefined) return EMPTY;
        const why = domainProblem(x.fn, a);
        if (why !== undefined) {
          failure = fail(x, why);
          return EMPTY;
        }
        return unaryInterval(x.fn, a);
      }
      case 'add':
        return add(go(x.left), go(x.right));
      case 'sub':
        return sub(go(x.left), go(x.right));
      case 'mul':
        return mul(go(x.left), go(x.right));
      case 'div': {
        const a = go(x.left);
        const b = go(x.right);
        if (failure !== undefined) return EMPTY;
        if (!awayFromZero(b)) {
          failure = fail(x, 'the denominator may be 0');
          return EMPTY;
        }
        return div(a, b);
      }
      case 'pow': {
        if (x.left.kind === 'const' && x.left.name === 'e') return exp(go(x.right));
        const base = go(x.left);
        const n = integerExponent(x.right);
        if (n !== null) {
          if (failure !== undefined) return EMPTY;
          if (n < 0 && !awayFromZero(base)) {
            failure = fail(x, 'a negative power of a base that may be 0');
            return EMPTY;
          }
          return n === 2 ? sqr(base) : pow(base, n);
        }
        const ex = go(x.right);
        if (failure !== undefined) return EMPTY;
        // u^v = exp(v·log u): defined for u > 0, and for u = 0 when v > 0
        if (!(base.lo > 0 || (base.lo >= 0 && ex.lo > 0))) {
          failure = fail(x, 'a real power of a base that may be 0 or negative');
          return EMPTY;
        }
        return exp(mul(ex, log(base)));
      }
    }
  };
  const value = go(e);
  return failure !== undefined ? failure : { ok: true, value };
}
