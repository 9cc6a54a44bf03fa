/**
 * The verifier's evaluation of a formula (an expression model's output, or a user activation):
 * forward-mode derivatives whose values are exact rationals where every operation on the way
 * was rational, intervals otherwise. Formulas are read by the project's safe parser
 * (src/symbolic/expr.ts: a whitelist, no evaluator); interval values of the whitelisted
 * functions come from src/symbolic/interval-eval.ts. Nothing of the checker's models is used.
 *
 * A function outside its open domain of differentiability (log or sqrt at or below 0, abs at 0,
 * a real power of a base not proven positive) gives no value (undefined): a proof that needs
 * it fails, a float estimate is made elsewhere.
 */
import { ENTIRE, add, div, exp, mul, neg, nextDown, nextUp, pow as ipow, sqr, sub, type Interval } from '../interval.js';
import { fromNumber, rat, type Rational } from '../rational.js';
import { call, sym, type Expr, type UnaryFn } from '../expr-ast.js';
import { exactSqrt } from '../expr-exact.js';
import { encloseExpr } from '../expr-interval.js';
import { enclosed, exact, hAdd, hDiv, hMul, hNeg, hSub, H_ONE, H_ZERO, provenPositive, toInterval, type HNum } from './hnum.js';

/** A value and its partials along `nd` directions (undefined: all exactly 0). */
export interface HDual {
  readonly v: HNum;
  readonly d: readonly HNum[] | undefined;
}

const HALF = exact(rat(1n, 2n));
const QUARTER = exact(rat(1n, 4n));

/** f(a) for a whitelisted function, or the whole line where f may be undefined somewhere on a. */
const fnIv = (fn: UnaryFn, a: Interval): Interval => {
  const r = encloseExpr(call(fn, sym('t')), new Map([['t', a]]));
  return r.ok ? r.value : ENTIRE;
};
const ONE_I: Interval = { lo: 1, hi: 1 };

/** f(a) and f′(a) where they are known exactly (special points), else undefined. */
function exactUnary(fn: UnaryFn, r: Rational): { v: HNum; d1: HNum } | undefined {
  const zero = r.num === 0n;
  if (zero) {
    switch (fn) {
      case 'exp': return { v: H_ONE, d1: H_ONE };
      case 'cos':
      case 'cosh': return { v: H_ONE, d1: H_ZERO };
      case 'expm1':
      case 'log1p':
      case 'sin':
      case 'tan':
      case 'tanh':
      case 'sinh':
      case 'atan': return { v: H_ZERO, d1: H_ONE };
      case 'sigmoid': return { v: HALF, d1: QUARTER };
      default: return undefined;
    }
  }
  if (fn === 'log' && r.num === r.den) return { v: H_ZERO, d1: H_ONE };
  if (fn === 'abs') return r.num > 0n ? { v: exact(r), d1: H_ONE } : { v: exact({ num: -r.num, den: r.den }), d1: exact(rat(-1n)) };
  if (fn === 'sqrt' && r.num > 0n) {
    const s = exactSqrt(r);
    if (s !== undefined) return { v: exact(s), d1: exact(rat(s.den, 2n * s.num)) };
  }
  return undefined;
}

/** f(a) and f′(a) as HNums, or undefined outside f's open domain of differentiability. */
export function unary(fn: UnaryFn, a: HNum): { readonly v: HNum; readonly d1: HNum } | undefined {
  if (a.kind === 'exact') {
    const e = exactUnary(fn, a.r);
    if (e !== undefined) return { v: known(e.v, a), d1: known(e.d1, a) };
  }
  const I = toInterval(a);
  let d1: Interval;
  switch (fn) {
    case 'exp': d1 = exp(I); break;
    case 'expm1': d1 = exp(I); break;
    case 'log':
      if (!(I.lo > 0)) return undefined;
      d1 = div(ONE_I, I);
      break;
    case 'log1p':
      if (!(I.lo > -1)) return undefined;
      d1 = div(ONE_I, add(ONE_I, I));
      break;
    case 'sqrt':
      if (!(I.lo > 0)) return undefined;
      d1 = div({ lo: 0.5, hi: 0.5 }, fnIv('sqrt', I));
      break;
    case 'abs':
      if (I.lo > 0) d1 = ONE_I;
      else if (I.hi < 0) d1 = { lo: -1, hi: -1 };
      else return undefined;
      break;
    case 'sin': d1 = fnIv('cos', I); break;
    case 'cos': d1 = neg(fnIv('sin', I)); break;
    case 'tan': d1 = add(ONE_I, sqr(fnIv('tan', I))); break;
    case 'tanh': d1 = sub(ONE_I, sqr(fnIv('tanh', I))); break;
    case 'sinh': d1 = fnIv('cosh', I); break;
    case 'cosh': d1 = fnIv('sinh', I); break;
    case 'atan': d1 = div(ONE_I, add(ONE_I, sqr(I))); break;
    case 'sigmoid': {
      const s = fnIv('sigmoid', I);
      d1 = mul(s, sub(ONE_I, s));
      break;
    }
  }
  return { v: enclosed(fnIv(fn, I)), d1: enclosed(d1) };
}

/** An exact result inherits how its argument was known. */
function known(v: HNum, a: HNum): HNum {
  return v.kind === 'exact' && a.kind === 'exact' ? exact(v.r, a.known === 'exact' ? v.known : a.known) : v;
}

function scale(d: readonly HNum[] | undefined, c: HNum): HNum[] | undefined {
  return d === undefined ? undefined : d.map((x) => hMul(c, x));
}

function sum(a: readonly HNum[] | undefined, b: readonly HNum[] | undefined): readonly HNum[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.map((x, j) => hAdd(x, b[j]!));
}

const UNDEFINED = Symbol('undefined');

/** x^n for an integer n (exact for an exact base; n < 0 needs a nonzero base). */
function powInt(a: HNum, n: number): HNum | undefined {
  if (a.kind === 'exact') {
    if (n < 0 && a.r.num === 0n) return undefined;
    const m = BigInt(Math.abs(n));
    const r = n >= 0 ? rat(a.r.num ** m, a.r.den ** m) : rat(a.r.den ** m, a.r.num ** m);
    return exact(r, a.known);
  }
  return enclosed(n === 2 ? sqr(a.iv) : ipow(a.iv, n));
}

/** A literal's exact value when it is an integer of at most 64 in size (`2.0000000000000001` is not). */
const smallInt = (e: Expr): number | undefined =>
  e.kind === 'num' && e.exact.den === 1n && e.exact.num >= -64n && e.exact.num <= 64n ? Number(e.exact.num) : undefined;
const intLiteral = (e: Expr): number | undefined => {
  if (e.kind === 'neg') {
    const n = smallInt(e.arg);
    return n === undefined ? undefined : -n;
  }
  return smallInt(e);
};

/**
 * Evaluates e with its partials along `nd` directions; `env` gives each symbol's dual. Returns
 * undefined when some operation has no value on the point or box (see the module header).
 */
export function evalDual(e: Expr, env: ReadonlyMap<string, HDual>): HDual | undefined {
  const go = (x: Expr): HDual | typeof UNDEFINED => {
    switch (x.kind) {
      case 'num':
        return { v: exact(x.exact), d: undefined };
      case 'const': {
        const c = x.name === 'e' ? Math.E : Math.PI;
        return { v: enclosed({ lo: nextDown(c), hi: nextUp(c) }), d: undefined };
      }
      case 'sym': {
        const v = env.get(x.name);
        if (v === undefined) throw new RangeError(`no value for symbol "${x.name}"`);
        return v;
      }
      case 'neg': {
        const a = go(x.arg);
        if (a === UNDEFINED) return a;
        return { v: hNeg(a.v), d: a.d?.map(hNeg) };
      }
      case 'call': {
        const a = go(x.arg);
        if (a === UNDEFINED) return a;
        const u = unary(x.fn, a.v);
        if (u === undefined) return UNDEFINED;
        return { v: u.v, d: scale(a.d, u.d1) };
      }
      case 'add':
      case 'sub': {
        const a = go(x.left);
        const b = go(x.right);
        if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
        if (x.kind === 'add') return { v: hAdd(a.v, b.v), d: sum(a.d, b.d) };
        return { v: hSub(a.v, b.v), d: sum(a.d, b.d?.map(hNeg)) };
      }
      case 'mul': {
        const a = go(x.left);
        const b = go(x.right);
        if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
        return { v: hMul(a.v, b.v), d: sum(scale(a.d, b.v), scale(b.d, a.v)) };
      }
      case 'div': {
        const a = go(x.left);
        const b = go(x.right);
        if (a === UNDEFINED || b === UNDEFINED) return UNDEFINED;
        const q = hDiv(a.v, b.v);
        if (q === undefined || (b.v.kind === 'interval' && b.v.iv.lo <= 0 && b.v.iv.hi >= 0)) return UNDEFINED;
        // (a/b)′ = (a′ − q·b′)/b
        const num = sum(a.d, scale(b.d, hNeg(q)));
        return { v: q, d: num?.map((t) => hDiv(t, b.v)!) };
      }
      case 'pow': {
        if (x.left.kind === 'const' && x.left.name === 'e') return go(call('exp', x.right));
        const a = go(x.left);
        if (a === UNDEFINED) return a;
        const n = intLiteral(x.right);
        if (n !== undefined) {
          if (n === 0) return { v: H_ONE, d: undefined };
          const v = powInt(a.v, n);
          const dv = n === 1 ? H_ONE : powInt(a.v, n - 1);
          if (v === undefined || dv === undefined) return UNDEFINED;
          return { v, d: scale(a.d, hMul(exact(rat(BigInt(n))), dv)) };
        }
        if (provenPositive(a.v) === undefined) return UNDEFINED;
        // a^b = exp(b·log a)
        const b = go(x.right);
        if (b === UNDEFINED) return b;
        const l = unary('log', a.v)!;
        const la: HDual = { v: l.v, d: scale(a.d, l.d1) };
        const prod: HDual = { v: hMul(b.v, la.v), d: sum(scale(b.d, la.v), scale(la.d, b.v)) };
        const ex = unary('exp', prod.v)!;
        return { v: ex.v, d: scale(prod.d, ex.d1) };
      }
    }
  };
  const r = go(e);
  return r === UNDEFINED ? undefined : r;
}

/** A constant dual. */
export const hConst = (v: HNum): HDual => ({ v, d: undefined });

/** The j-th of nd directions. */
export function hVariable(v: HNum, j: number, nd: number): HDual {
  const d = new Array<HNum>(nd).fill(H_ZERO);
  d[j] = H_ONE;
  return { v, d };
}

/** The value of e as an interval over symbol enclosures (no derivatives); ENTIRE where undefined. */
export function intervalValue(e: Expr, env: ReadonlyMap<string, Interval>): Interval {
  const m = new Map<string, HDual>();
  for (const [k, v] of env) m.set(k, hConst(enclosed(v)));
  const r = evalDual(e, m);
  return r === undefined ? ENTIRE : toInterval(r.v);
}

