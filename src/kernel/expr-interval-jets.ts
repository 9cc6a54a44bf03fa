/**
 * Interval evaluation of a formula with derivatives along `nd` chosen directions: first order
 * (interval dual numbers: value and gradient, for interval Jacobians and Krawczyk) and second
 * order (value, gradient and Hessian). They need the formula differentiable on the box, so abs
 * must stay away from 0 and sqrt from 0 as well as every domain of expr-interval.ts; a failure
 * names the piece.
 */
import type { Expr, UnaryFn } from './expr-ast.js';
import {
  E,
  HALF,
  MINUS_ONE,
  ONE,
  PI,
  TWO,
  ZERO,
  awayFromZero,
  domainProblem,
  fail,
  integerExponent,
  literal,
  unaryInterval,
  type DomainFailure,
} from './expr-interval.js';
import { EMPTY, add, div, exp, fromNumber, isEmpty, log, mul, neg, pow, sqr, sub, type Interval } from './interval.js';

/** Why fn may fail to be differentiable somewhere on a, beyond its domain. */
function kinkProblem(fn: UnaryFn, a: Interval): string | undefined {
  if (fn === 'abs') return a.lo > 0 || a.hi < 0 ? undefined : 'its argument may be 0, where abs has a kink';
  if (fn === 'sqrt') return a.lo > 0 ? undefined : 'its argument may be 0, where sqrt has no derivative';
  return undefined;
}

/** f′ over a, given v = f(a)'s enclosure (a inside the open domain of differentiability). */
function unaryD1(fn: UnaryFn, a: Interval, v: Interval): Interval {
  switch (fn) {
    case 'exp':
      return v;
    case 'expm1':
      return exp(a);
    case 'log':
      return div(ONE, a);
    case 'log1p':
      return div(ONE, add(ONE, a));
    case 'sqrt':
      return div(HALF, v);
    case 'sin':
      return unaryInterval('cos', a);
    case 'cos':
      return neg(unaryInterval('sin', a));
    case 'tan':
      return add(ONE, sqr(v));
    case 'tanh':
      return clamp(sub(ONE, sqr(v)), 0, 1);
    case 'sinh':
      return unaryInterval('cosh', a);
    case 'cosh':
      return unaryInterval('sinh', a);
    case 'atan':
      return clamp(div(ONE, add(ONE, sqr(a))), 0, 1);
    case 'abs':
      return a.lo > 0 ? ONE : MINUS_ONE;
    case 'sigmoid':
      return clamp(mul(v, sub(ONE, v)), 0, 0.25);
  }
}

/** f″ over a, given v = f(a) and d1 = f′(a). */
function unaryD2(fn: UnaryFn, a: Interval, v: Interval, d1: Interval): Interval {
  switch (fn) {
    case 'exp':
      return v;
    case 'expm1':
      return exp(a);
    case 'log':
      return neg(sqr(d1));
    case 'log1p':
      return neg(sqr(d1));
    case 'sqrt':
      // −1/(4 u^{3/2}) = −d1/(2u)
      return neg(div(d1, mul(TWO, a)));
    case 'sin':
    case 'cos':
      return neg(v);
    case 'tan':
      return mul(TWO, mul(v, d1));
    case 'tanh':
      return mul(fromNumber(-2), mul(v, d1));
    case 'sinh':
    case 'cosh':
      return v;
    case 'atan':
      return mul(fromNumber(-2), mul(a, sqr(d1)));
    case 'abs':
      return ZERO;
    case 'sigmoid':
      return mul(d1, sub(ONE, mul(TWO, v)));
  }
}

/** x clamped to [lo, hi] (a function's known range), EMPTY staying EMPTY. */
function clamp(x: Interval, lo: number, hi: number): Interval {
  return isEmpty(x) ? x : { lo: Math.max(lo, x.lo), hi: Math.min(hi, x.hi) };
}

// First order: interval dual numbers

/** A value enclosure and enclosures of its partials along nd directions (undefined: all 0). */
export interface IntervalJet {
  readonly v: Interval;
  readonly d: readonly Interval[] | undefined;
}

/** The jet of e over the box, the formula being proven differentiable on all of it. */
export interface JetEnclosed extends IntervalJet {
  readonly ok: true;
}

export type JetEnclosure = JetEnclosed | DomainFailure;

/** A jet with no derivative (a constant, or a symbol not differentiated). */
export const constantJet = (v: Interval): IntervalJet => ({ v, d: undefined });

/** The j-th of nd coordinates, with value enclosure v: derivative e_j. */
export function variableJet(v: Interval, j: number, nd: number): IntervalJet {
  const d = new Array<Interval>(nd).fill(ZERO);
  d[j] = ONE;
  return { v, d };
}

/** ca·da + cb·db for derivative lists (either may be structurally 0). */
function combine(da: readonly Interval[] | undefined, ca: Interval, db: readonly Interval[] | undefined, cb: Interval): Interval[] | undefined {
  if (da === undefined && db === undefined) return undefined;
  const n = (da ?? db)!.length;
  const out = new Array<Interval>(n);
  for (let j = 0; j < n; j++) {
    const x = da === undefined ? ZERO : mul(ca, da[j]!);
    const y = db === undefined ? ZERO : mul(cb, db[j]!);
    out[j] = add(x, y);
  }
  return out;
}

const scaleD = (d: readonly Interval[] | undefined, c: Interval): Interval[] | undefined => (d === undefined ? undefined : d.map((x) => mul(c, x)));

/**
 * Encloses e and its partials along nd directions over the box given by `env` (symbol → jet).
 * Fails, naming the piece, where e may be undefined or not differentiable somewhere on the box.
 */
export function encloseExprJet(e: Expr, env: ReadonlyMap<string, IntervalJet>, nd: number): JetEnclosure {
  let failure: DomainFailure | undefined;
  const NONE: IntervalJet = { v: EMPTY, d: undefined };
  const stop = (piece: Expr, reason: string): IntervalJet => {
    failure = fail(piece, reason);
    return NONE;
  };
  const chain = (a: IntervalJet, v: Interval, d1: Interval): IntervalJet => ({ v, d: scaleD(a.d, d1) });
  const go = (x: Expr): IntervalJet => {
    if (failure !== undefined) return NONE;
    switch (x.kind) {
      case 'num':
        return constantJet(literal(x));
      case 'const':
        return constantJet(x.name === 'pi' ? PI : E);
      case 'sym': {
        const v = env.get(x.name);
        if (v === undefined) throw new RangeError(`encloseExprJet: no value for symbol "${x.name}"`);
        if (v.d !== undefined && v.d.length !== nd) throw new RangeError(`encloseExprJet: symbol "${x.name}" has ${v.d.length} partials, expected ${nd}`);
        return v;
      }
      case 'neg': {
        const a = go(x.arg);
        return { v: neg(a.v), d: a.d?.map(neg) };
      }
      case 'call': {
        const a = go(x.arg);
        if (failure !== undefined) return NONE;
        const why = domainProblem(x.fn, a.v) ?? (a.d === undefined ? undefined : kinkProblem(x.fn, a.v));
        if (why !== undefined) return stop(x, why);
        const v = unaryInterval(x.fn, a.v);
        return a.d === undefined ? { v, d: undefined } : chain(a, v, unaryD1(x.fn, a.v, v));
      }
      case 'add': {
        const a = go(x.left);
        const b = go(x.right);
        return { v: add(a.v, b.v), d: combine(a.d, ONE, b.d, ONE) };
      }
      case 'sub': {
        const a = go(x.left);
        const b = go(x.right);
        return { v: sub(a.v, b.v), d: combine(a.d, ONE, b.d, MINUS_ONE) };
      }
      case 'mul': {
        const a = go(x.left);
        const b = go(x.right);
        return { v: mul(a.v, b.v), d: combine(a.d, b.v, b.d, a.v) };
      }
      case 'div': {
        const a = go(x.left);
        const b = go(x.right);
        if (failure !== undefined) return NONE;
        if (!awayFromZero(b.v)) return stop(x, 'the denominator may be 0');
        // (a/b)′ = (a′ − (a/b)·b′)/b: the quotient's own enclosure stands in for a/b, pointwise true
        const v = div(a.v, b.v);
        const num = combine(a.d, ONE, b.d, neg(v));
        return { v, d: num?.map((t) => div(t, b.v)) };
      }
      case 'pow': {
        if (x.left.kind === 'const' && x.left.name === 'e') {
          const u = go(x.right);
          const v = exp(u.v);
          return { v, d: scaleD(u.d, v) };
        }
        const a = go(x.left);
        const n = integerExponent(x.right);
        if (n !== null) {
          if (failure !== undefined) return NONE;
          if (n < 0 && !awayFromZero(a.v)) return stop(x, 'a negative power of a base that may be 0');
          if (n === 0) return constantJet(ONE);
          const v = n === 2 ? sqr(a.v) : pow(a.v, n);
          if (a.d === undefined) return { v, d: undefined };
          const d1 = n === 1 ? ONE : mul(fromNumber(n), n === 2 ? a.v : pow(a.v, n - 1));
          return chain(a, v, d1);
        }
        const b = go(x.right);
        if (failure !== undefined) return NONE;
        if (!(a.v.lo > 0)) {
          if (a.d === undefined && b.d === undefined && a.v.lo >= 0 && b.v.lo > 0) return constantJet(exp(mul(b.v, log(a.v))));
          return stop(x, 'a real power of a base that may be 0 or negative');
        }
        // u^v = exp(v·log u): (u^v)′ = u^v·(v′·log u + v·u′/u)
        const lu = log(a.v);
        const v = exp(mul(b.v, lu));
        const inner = combine(b.d, lu, a.d, div(b.v, a.v));
        return { v, d: scaleD(inner, v) };
      }
    }
  };
  const r = go(e);
  return failure !== undefined ? failure : { ok: true, v: r.v, d: r.d };
}

// ---------------------------------------------------------------------------------------------
// Second order: value, gradient and Hessian

/** Value, gradient (nd entries) and Hessian (nd × nd, symmetric, row-major) enclosures. */
export interface IntervalHessianJet {
  readonly v: Interval;
  readonly g: readonly Interval[];
  readonly h: readonly Interval[];
}

export type HessianEnclosure = (IntervalHessianJet & { readonly ok: true }) | DomainFailure;

/** The second-order jet of the j-th of nd coordinates with value enclosure v. */
export function variableHessianJet(v: Interval, j: number, nd: number): IntervalHessianJet {
  const g = new Array<Interval>(nd).fill(ZERO);
  g[j] = ONE;
  return { v, g, h: new Array<Interval>(nd * nd).fill(ZERO) };
}

/** A second-order jet of a constant. */
export function constantHessianJet(v: Interval, nd: number): IntervalHessianJet {
  return { v, g: new Array<Interval>(nd).fill(ZERO), h: new Array<Interval>(nd * nd).fill(ZERO) };
}

/**
 * Encloses e, its gradient and its Hessian along nd directions over the box given by `env`.
 * Built on one rule for every function of one argument, f(u)″ = f″(u)·u′u′ᵀ + f′(u)·u″, and
 * the product rule; fails, naming the piece, where e may be undefined or not twice
 * differentiable on the box.
 */
export function encloseExprHessian(e: Expr, env: ReadonlyMap<string, IntervalHessianJet>, nd: number): HessianEnclosure {
  let failure: DomainFailure | undefined;
  const zeroG = (): Interval[] => new Array<Interval>(nd).fill(ZERO);
  const zeroH = (): Interval[] => new Array<Interval>(nd * nd).fill(ZERO);
  const NONE: IntervalHessianJet = { v: EMPTY, g: zeroG(), h: zeroH() };
  const stop = (piece: Expr, reason: string): IntervalHessianJet => {
    failure = fail(piece, reason);
    return NONE;
  };
  /** f(a) from f(a.v) = v, f′ = d1, f″ = d2. */
  const unary = (a: IntervalHessianJet, v: Interval, d1: Interval, d2: Interval): IntervalHessianJet => {
    const g = a.g.map((x) => mul(d1, x));
    const h = zeroH();
    for (let i = 0; i < nd; i++) for (let j = 0; j < nd; j++) h[i * nd + j] = add(mul(d2, mul(a.g[i]!, a.g[j]!)), mul(d1, a.h[i * nd + j]!));
    return { v, g, h };
  };
  const linear = (a: IntervalHessianJet, b: IntervalHessianJet, sb: Interval): IntervalHessianJet => ({
    v: add(a.v, mul(sb, b.v)),
    g: a.g.map((x, i) => add(x, mul(sb, b.g[i]!))),
    h: a.h.map((x, i) => add(x, mul(sb, b.h[i]!))),
  });
  const product = (a: IntervalHessianJet, b: IntervalHessianJet): IntervalHessianJet => {
    const g = a.g.map((x, i) => add(mul(x, b.v), mul(a.v, b.g[i]!)));
    const h = zeroH();
    for (let i = 0; i < nd; i++) {
      for (let j = 0; j < nd; j++) {
        const k = i * nd + j;
        h[k] = add(add(mul(a.h[k]!, b.v), mul(a.v, b.h[k]!)), add(mul(a.g[i]!, b.g[j]!), mul(a.g[j]!, b.g[i]!)));
      }
    }
    return { v: mul(a.v, b.v), g, h };
  };
  const go = (x: Expr): IntervalHessianJet => {
    if (failure !== undefined) return NONE;
    switch (x.kind) {
      case 'num':
        return constantHessianJet(literal(x), nd);
      case 'const':
        return constantHessianJet(x.name === 'pi' ? PI : E, nd);
      case 'sym': {
        const v = env.get(x.name);
        if (v === undefined) throw new RangeError(`encloseExprHessian: no value for symbol "${x.name}"`);
        return v;
      }
      case 'neg':
        return linear(constantHessianJet(ZERO, nd), go(x.arg), MINUS_ONE);
      case 'add':
        return linear(go(x.left), go(x.right), ONE);
      case 'sub':
        return linear(go(x.left), go(x.right), MINUS_ONE);
      case 'mul':
        return product(go(x.left), go(x.right));
      case 'call': {
        const a = go(x.arg);
        if (failure !== undefined) return NONE;
        const why = domainProblem(x.fn, a.v) ?? kinkProblem(x.fn, a.v);
        if (why !== undefined) return stop(x, why);
        const v = unaryInterval(x.fn, a.v);
        const d1 = unaryD1(x.fn, a.v, v);
        return unary(a, v, d1, unaryD2(x.fn, a.v, v, d1));
      }
      case 'div': {
        const a = go(x.left);
        const b = go(x.right);
        if (failure !== undefined) return NONE;
        if (!awayFromZero(b.v)) return stop(x, 'the denominator may be 0');
        // a/b = a·(1/b), 1/u having derivatives −1/u² and 2/u³
        const r = div(ONE, b.v);
        return product(a, unary(b, r, neg(sqr(r)), mul(TWO, pow(r, 3))));
      }
      case 'pow': {
        if (x.left.kind === 'const' && x.left.name === 'e') {
          const u = go(x.right);
          const v = exp(u.v);
          return unary(u, v, v, v);
        }
        const a = go(x.left);
        const n = integerExponent(x.right);
        if (n !== null) {
          if (failure !== undefined) return NONE;
          if (n < 0 && !awayFromZero(a.v)) return stop(x, 'a negative power of a base that may be 0');
          if (n === 0) return constantHessianJet(ONE, nd);
          const v = n === 2 ? sqr(a.v) : pow(a.v, n);
          const d1 = n === 1 ? ONE : mul(fromNumber(n), n === 2 ? a.v : pow(a.v, n - 1));
          const d2 = n === 1 ? ZERO : mul(fromNumber(n * (n - 1)), n === 2 ? ONE : pow(a.v, n - 2));
          return unary(a, v, d1, d2);
        }
        const b = go(x.right);
        if (failure !== undefined) return NONE;
        if (!(a.v.lo > 0)) return stop(x, 'a real power of a base that may be 0 or negative');
        // u^v = exp(v·log u)
        const lu = go({ kind: 'call', fn: 'log', arg: x.left });
        if (failure !== undefined) return NONE;
        const t = product(b, lu);
        const v = exp(t.v);
        return unary(t, v, v, v);
      }
    }
  };
  const r = go(e);
  return failure !== undefined ? failure : { ok: true, ...r };
}
