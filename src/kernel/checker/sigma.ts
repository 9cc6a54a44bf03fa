/**
 * What the verifier knows about an activation σ, from its name or formula alone: σ and σ′ as
 * HNums (exact where the value is known exactly: 0 for t ≤ 0 of a rectified form, ReLU's t, the
 * values at 0 of tanh and the sigmoid family), and the properties the theorems check —
 * vanishing on t ≤ 0, positivity on t > 0, smoothness — each with the reason it holds.
 *
 * Facts used about the built-ins (standard calculus, stated once here):
 *   smooLU t·e^(−1/t): σ and σ′ = e^(−1/t)(1 + 1/t) are continuous and nondecreasing on ℝ,
 *     σ is C^∞ with every derivative 0 at 0 (the flat-function lemma), so σ′(0) = 0 (cited);
 *   softplus, tanh, sigmoid, swish: analytic on ℝ; σ′ = sigmoid, 1 − tanh², s(1 − s),
 *     s + t·s(1 − s);
 *   relu: t for t > 0, 0 for t ≤ 0; not differentiable at 0.
 * A user's formula is evaluated by the verifier's own formula evaluator (expression.ts).
 */
import { ENTIRE, add, div, exp, hull, log1p, mul, neg, sigmoid, sqr, sub, tanh, type Interval } from '../interval.js';
import { fromNumber, rat, toString as rToString } from '../rational.js';
import { evalExactExpr } from '../expr-exact.js';
import { encloseExpr } from '../expr-interval.js';
import type { Expr } from '../expr-ast.js';
import { parseExpr } from '../expr-parse.js';
import { positiveForPositiveT } from '../half-line.js';
import { evalDual, hConst, hVariable, intervalValue } from './expression.js';
import { fromRationalP, pAdd, pDiv, pExp, pMul, pNeg, pNonpositive, pointP, pPositive, pPowInt, pSub, PZERO, type Dyadic, type PInterval } from './precise.js';
import { enclosed, exact, H_ONE, H_ZERO, provenNonpositive, provenPositive, toInterval, weaker, type HNum, type Known } from './hnum.js';
import type { ActivationJson } from './read.js';

/** A property of σ as the verifier establishes it. */
export interface SigmaFact {
  readonly verdict: 'holds' | 'fails' | 'unknown';
  readonly rigor: 'exact' | 'interval' | 'cited' | 'float';
  readonly why: string;
}

export interface Sigma {
  readonly name: string;
  /** σ(t) = 0 for t ≤ 0 by the form of σ (smooLU, ReLU, a `positive` formula) */
  readonly rectified: boolean;
  value(z: HNum): HNum;
  /** σ′(z), or undefined where σ is not differentiable somewhere in z */
  d1(z: HNum): HNum | undefined;
  readonly smooth: SigmaFact;
  /** σ(t) > 0 for t > 0 (rectified forms only; 'unknown' otherwise) */
  readonly positive: SigmaFact;
  /**
   * A proof that σ is not positive on t > 0, from the first of `tries` (positive floats) where the
   * positive part is proven ≤ 0 or undefined; undefined when none is (rectified user forms only).
   */
  notPositiveAt?(tries: readonly number[]): SigmaFact | undefined;
  /** σ over a tight dyadic interval (precise.ts), where the verifier can; undefined otherwise */
  precise?(z: PInterval): PInterval | undefined;
}

/** smooLU over a narrow interval z > 0, in interval arithmetic: z·e^(−1/z). */
function smooluOver(z: PInterval): PInterval {
  const r = pDiv(pointP(ONE_D), z)!;
  return pMul(z, pExp(pNeg(r)));
}

/** smooLU at a dyadic point, enclosed to about PREC bits: t·e^(−1/t). */
function smooluPrecise(t: Dyadic): PInterval {
  if (t.m <= 0n) return PZERO;
  const r = pDiv(pointP(ONE_D), pointP(t))!;
  return pMul(pointP(t), pExp(pNeg(r)));
}

/** A formula at a tight interval, with +, −, ×, ÷, integer powers and exp; undefined for anything else. */
export function preciseExpr(e: Expr, t: PInterval): PInterval | undefined {
  switch (e.kind) {
    case 'num':
      return fromRationalP(e.exact);
    case 'sym':
      return e.name === 't' ? t : undefined;
    case 'const':
      return undefined;
    case 'neg': {
      const a = preciseExpr(e.arg, t);
      return a === undefined ? undefined : pNeg(a);
    }
    case 'call': {
      if (e.fn !== 'exp') return undefined;
      const a = preciseExpr(e.arg, t);
      return a === undefined ? undefined : pExp(a);
    }
    case 'pow': {
      if (e.left.kind === 'const' && e.left.name === 'e') {
        const a = preciseExpr(e.right, t);
        return a === undefined ? undefined : pExp(a);
      }
      if (e.right.kind !== 'num' || e.right.exact.den !== 1n || e.right.exact.num < 0n || e.right.exact.num > 64n) return undefined;
      const a = preciseExpr(e.left, t);
      return a === undefined ? undefined : pPowInt(a, e.right.value);
    }
    default: {
      const a = preciseExpr(e.left, t);
      const b = preciseExpr(e.right, t);
      if (a === undefined || b === undefined) return undefined;
      if (e.kind === 'add') return pAdd(a, b);
      if (e.kind === 'sub') return pSub(a, b);
      if (e.kind === 'mul') return pMul(a, b);
      return pDiv(a, b);
    }
  }
}

const ONE: Interval = { lo: 1, hi: 1 };
const ONE_D: Dyadic = { m: 1n, e: 0 };
const pt = (x: number): Interval => ({ lo: x, hi: x });

// smooLU and its derivative at a point, enclosed; both nondecreasing, so a box maps to its ends.
function smoo(x: number): Interval {
  if (!(x > 0)) return pt(0);
  if (x === Infinity) return { lo: 0, hi: Infinity };
  return mul(pt(x), exp(neg(div(ONE, pt(x)))));
}
function smooD1(x: number): Interval {
  if (!(x > 0)) return pt(0);
  if (x === Infinity) return { lo: 0, hi: 1 };
  const inv = div(ONE, pt(x));
  return mul(exp(neg(inv)), add(ONE, inv));
}

/** σ = 0 on the part of z proven ≤ 0; the rest through `positivePart` over z ∩ [0, ∞). */
function rectifiedValue(z: HNum, positivePart: (iv: Interval) => HNum): HNum {
  const np = provenNonpositive(z);
  if (np !== undefined) return exact(rat(0n), np);
  return positivePart(toInterval(z));
}

const isZeroExact = (z: HNum): boolean => z.kind === 'exact' && z.r.num === 0n;

function builtin(name: string): Sigma | undefined {
  const analytic: SigmaFact = { verdict: 'holds', rigor: 'exact', why: `${name} is analytic on ℝ (a composition of exp, log1p and rational operations)` };
  const notRectified: SigmaFact = { verdict: 'unknown', rigor: 'float', why: `${name} is not a rectified form` };
  switch (name) {
    case 'smoolu':
      return {
        name,
        rectified: true,
        value: (z) => rectifiedValue(z, (iv) => enclosed({ lo: smoo(iv.lo).lo, hi: smoo(iv.hi).hi })),
        d1(z) {
          const np = provenNonpositive(z);
          // σ′ = 0 for t < 0 exactly; at t = 0 by the flat-function lemma (cited)
          if (np !== undefined) {
            const strict = z.kind === 'exact' ? z.r.num < 0n : z.iv.hi < 0;
            return exact(rat(0n), strict ? np : weaker(np, 'cited'));
          }
          const iv = toInterval(z);
          return enclosed({ lo: smooD1(iv.lo).lo, hi: smooD1(iv.hi).hi });
        },
        smooth: { verdict: 'holds', rigor: 'cited', why: 'smooLU is C^∞: the flat factor e^(−1/t) makes every derivative of t·e^(−1/t) tend to 0 at 0⁺ (flat-function lemma)' },
        positive: { verdict: 'holds', rigor: 'exact', why: 't·e^(−1/t) > 0 for t > 0: a product of positive factors' },
        // nondecreasing: the ends of z give the ends of σ(z)
        precise: (z) => (pNonpositive(z) ? PZERO : pPositive(z) ? smooluOver(z) : { lo: PZERO.lo, hi: smooluPrecise(z.hi).hi }),
      };
    case 'relu':
      return {
        name,
        rectified: true,
        value: (z) => (z.kind === 'exact' ? (z.r.num > 0n ? z : exact(rat(0n), z.known)) : enclosed({ lo: Math.max(0, z.iv.lo), hi: Math.max(0, z.iv.hi) })),
        d1(z) {
          const p = provenPositive(z);
          if (p !== undefined) return exact(rat(1n), p);
          const iv = toInterval(z);
          if (iv.hi < 0) return exact(rat(0n), z.kind === 'exact' ? 'exact' : 'interval');
          return undefined;
        },
        smooth: { verdict: 'fails', rigor: 'exact', why: 'relu is not differentiable at 0: its one-sided derivatives there are 0 and 1' },
        positive: { verdict: 'holds', rigor: 'exact', why: 'relu(t) = t > 0 for t > 0' },
        precise: (z) => (pNonpositive(z) ? PZERO : pPositive(z) ? z : undefined),
      };
    case 'softplus':
      return {
        name,
        rectified: false,
        value: (z) => {
          const iv = toInterval(z);
          const at = (x: number): Interval => (Math.abs(x) === Infinity ? (x > 0 ? { lo: 0, hi: Infinity } : pt(0)) : add(pt(Math.max(x, 0)), log1p(exp(pt(-Math.abs(x))))));
          return enclosed({ lo: at(iv.lo).lo, hi: at(iv.hi).hi });
        },
        d1: (z) => (isZeroExact(z) ? exact(rat(1n, 2n), 'exact') : enclosed(sigmoid(toInterval(z)))),
        smooth: analytic,
        positive: notRectified,
      };
    case 'tanh':
      return {
        name,
        rectified: false,
        value: (z) => (isZeroExact(z) ? H_ZERO : enclosed(tanh(toInterval(z)))),
        d1: (z) => (isZeroExact(z) ? H_ONE : enclosed(sub(ONE, sqr(tanh(toInterval(z)))))),
        smooth: analytic,
        positive: notRectified,
      };
    case 'sigmoid':
      return {
        name,
        rectified: false,
        value: (z) => (isZeroExact(z) ? exact(rat(1n, 2n)) : enclosed(sigmoid(toInterval(z)))),
        d1: (z) => {
          if (isZeroExact(z)) return exact(rat(1n, 4n));
          const s = sigmoid(toInterval(z));
          return enclosed(mul(s, sub(ONE, s)));
        },
        smooth: analytic,
        positive: notRectified,
      };
    case 'swish':
      return {
        name,
        rectified: false,
        value: (z) => (isZeroExact(z) ? H_ZERO : enclosed(mul(toInterval(z), sigmoid(toInterval(z))))),
        d1: (z) => {
          if (isZeroExact(z)) return exact(rat(1n, 2n));
          const t = toInterval(z);
          const s = sigmoid(t);
          return enclosed(add(s, mul(t, mul(s, sub(ONE, s)))));
        },
        smooth: analytic,
        positive: notRectified,
      };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// A user's formula: sign rules (half-line.ts) and the flat-factor rule

const ENTIRE_FNS = new Set(['exp', 'expm1', 'sin', 'cos', 'tanh', 'sinh', 'cosh', 'atan', 'sigmoid']);

/** Built from t, numbers, +, −, ×, nonnegative integer powers and entire functions: analytic on ℝ. */
export function entire(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
    case 'sym': return true;
    case 'neg': return entire(e.arg);
    case 'add':
    case 'sub':
    case 'mul': return entire(e.left) && entire(e.right);
    case 'div': return entire(e.left) && e.right.kind === 'num' && e.right.exact.num !== 0n;
    case 'pow': return entire(e.left) && e.right.kind === 'num' && e.right.exact.den === 1n && e.right.exact.num >= 0n;
    case 'call': return ENTIRE_FNS.has(e.fn) && entire(e.arg);
  }
}

/** −c/tᵏ with c > 0: the exponent term that makes exp(…) flat at 0⁺. */
function flatTerm(e: Expr): boolean {
  const monomial = (x: Expr): boolean => (x.kind === 'sym' && x.name === 't') || (x.kind === 'pow' && x.left.kind === 'sym' && x.left.name === 't' && x.right.kind === 'num' && Number.isInteger(x.right.value) && x.right.value >= 1);
  if (e.kind === 'neg') return e.arg.kind === 'div' && (constValue(e.arg.left) ?? 0) > 0 && monomial(e.arg.right);
  return e.kind === 'div' && (constValue(e.left) ?? 0) < 0 && monomial(e.right);
}

/** The value of a numeric literal, possibly negated. */
function constValue(e: Expr): number | undefined {
  if (e.kind === 'num') return e.value;
  if (e.kind === 'neg') {
    const v = constValue(e.arg);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** The terms of a sum (a − b contributes −b). */
function terms(e: Expr): Expr[] {
  if (e.kind === 'add') return [...terms(e.left), ...terms(e.right)];
  if (e.kind === 'sub') return [...terms(e.left), ...terms(e.right).map((t): Expr => ({ kind: 'neg', arg: t }))];
  return [e];
}

const ONE_EXPR: Expr = { kind: 'num', value: 1, exact: rat(1n) };

/** The factors of a product; a quotient a/b contributes a's factors and 1/b. */
function factors(e: Expr): Expr[] {
  if (e.kind === 'mul') return [...factors(e.left), ...factors(e.right)];
  if (e.kind === 'div') return [...factors(e.left), { kind: 'div', left: ONE_EXPR, right: e.right }];
  return [e];
}

/**
 * The flat-factor rule: σ(t) = P(t, 1/t)·exp(−c/tᵏ + g(t)) with P a polynomial in t and 1/t
 * (here: a product of entire factors and powers of t), g entire and c > 0, is C^∞ on ℝ when
 * extended by 0 for t ≤ 0: every derivative on t > 0 is exp(…) times a polynomial in 1/t, and
 * tends to 0 at 0⁺ (the flat-function lemma).
 */
export function flatFactor(e: Expr): boolean {
  const fs = factors(e);
  const isFlatExp = (f: Expr): boolean => {
    if (f.kind !== 'call' || f.fn !== 'exp') return false;
    const ts = terms(f.arg);
    return ts.some(flatTerm) && ts.every((t) => flatTerm(t) || entire(t));
  };
  // tame: smooth on a neighbourhood of [0, ∞) (entire, or entire over a denominator positive on
  // t > 0 and nonzero at 0), or a polynomial in 1/t; the flat factor beats either at 0⁺
  const nonzeroAtZero = (d: Expr): boolean => {
    const v = evalExactExpr(d, new Map([['t', rat(0n)]]));
    return v.kind === 'rational' ? v.value.num !== 0n : v.kind === 'not-rational' && encloseExpr(d, new Map([['t', pt(0)]])).ok && (encloseExpr(d, new Map([['t', pt(0)]])) as { value: Interval }).value.lo > 0;
  };
  const smoothDenominator = (d: Expr): boolean => entire(d) && positiveForPositiveT(d) && nonzeroAtZero(d);
  const tame = (f: Expr): boolean =>
    entire(f) || (f.kind === 'div' && entire(f.left) && (f.right.kind === 'sym' || (f.right.kind === 'pow' && f.right.left.kind === 'sym') || smoothDenominator(f.right)));
  return fs.some(isFlatExp) && fs.every((f) => isFlatExp(f) || tame(f));
}

function userForm(spec: Exclude<ActivationJson, string>): Sigma {
  const rectified = 'positive' in spec;
  const text = rectified ? spec.positive : (spec as { expr: string }).expr;
  const expr = parseExpr(text, ['t']);
  const at = (z: Interval) => evalDual(expr, new Map([['t', hVariable(enclosed(z), 0, 1)]]));
  const valueOver = (iv: Interval): HNum => enclosed(intervalValue(expr, new Map([['t', iv]])));
  if (!rectified) {
    const smooth: SigmaFact = entire(expr)
      ? { verdict: 'holds', rigor: 'exact', why: `${text} is built from analytic pieces only` }
      : { verdict: 'unknown', rigor: 'float', why: `${text} uses pieces that are smooth only on part of ℝ: not re-checkable here` };
    return {
      name: spec.name,
      rectified: false,
      value(z) {
        const r = evalDual(expr, new Map([['t', hConst(z)]]));
        return r === undefined ? enclosed(ENTIRE) : r.v;
      },
      d1(z) {
        const r = evalDual(expr, new Map([['t', hVariable(z, 0, 1)]]));
        return r?.d?.[0];
      },
      smooth,
      positive: { verdict: 'unknown', rigor: 'float', why: 'not a rectified form' },
    };
  }
  const flat = flatFactor(expr);
  const smooth: SigmaFact = flat
    ? { verdict: 'holds', rigor: 'cited', why: `${text} has a flat factor exp(−c/tᵏ): extended by 0 it is C^∞ (flat-function lemma)` }
    : { verdict: 'unknown', rigor: 'float', why: `no flat factor exp(−c/tᵏ) found in ${text}: smoothness at 0 not re-checkable here` };
  const positive: SigmaFact = positiveForPositiveT(expr)
    ? { verdict: 'holds', rigor: 'exact', why: `${text} > 0 for t > 0 by sign rules (every piece defined there; polynomial factors by Sturm's theorem)` }
    : { verdict: 'unknown', rigor: 'float', why: `the sign rules do not decide ${text} on t > 0` };
  return {
    name: spec.name,
    rectified: true,
    value: (z) => rectifiedValue(z, (iv) => (iv.lo > 0 ? valueOver(iv) : enclosed(hull({ lo: 0, hi: 0 }, toInterval(valueOver({ lo: 0, hi: iv.hi })))))),
    d1(z) {
      const iv = toInterval(z);
      if (iv.hi < 0) return exact(rat(0n), z.kind === 'exact' ? 'exact' : 'interval');
      if (isZeroExact(z)) return flat ? exact(rat(0n), 'cited') : undefined;
      if (iv.lo > 0) return at(iv)?.d?.[0];
      return undefined;
    },
    smooth,
    positive,
    notPositiveAt: (tries) => notPositiveAt(expr, text, tries),
    precise: (z) => (pNonpositive(z) ? PZERO : pPositive(z) ? preciseExpr(expr, z) : undefined),
  };
}

/**
 * The first t of `tries` (t > 0) at which g(t) is proven ≤ 0 or undefined: exactly where g(t) is
 * rational (or its evaluation divides by 0 or leaves a domain exactly), else by an interval
 * enclosure of g over the point t whose upper end is ≤ 0.
 */
function notPositiveAt(g: Expr, text: string, tries: readonly number[]): SigmaFact | undefined {
  for (const t of tries) {
    if (!(t > 0 && t < Infinity)) continue;
    const x = evalExactExpr(g, new Map([['t', fromNumber(t)]]));
    if (x.kind === 'rational' && x.value.num <= 0n) return { verdict: 'fails', rigor: 'exact', why: `${text} at t = ${t} is ${rToString(x.value)} ≤ 0 (exact)` };
    if (x.kind === 'domain') return { verdict: 'fails', rigor: 'exact', why: `${text} is undefined at t = ${t} (${x.reason}), so it is not positive on t > 0` };
    if (x.kind === 'rational') continue;
    const v = encloseExpr(g, new Map([['t', pt(t)]]));
    if (v.ok && v.value.hi <= 0) return { verdict: 'fails', rigor: 'interval', why: `${text} at t = ${t} lies in [${v.value.lo}, ${v.value.hi}], ≤ 0 (interval)` };
  }
  return undefined;
}

/** The verifier's σ for an activation spec (throws on an unknown built-in name). */
export function sigmaOf(spec: ActivationJson): Sigma {
  if (typeof spec === 'string') {
    const b = builtin(spec);
    if (b === undefined) throw new RangeError(`unknown activation "${spec}"`);
    return b;
  }
  return userForm(spec);
}

export type { Known };
export { positiveForPositiveT };
