/**
 * Signs of a formula in one variable t on the open half-line t > 0, proven without evaluating it
 * in floating point (where a flat factor such as e^(−1/t) underflows to 0 long before it is 0).
 *
 *   sign rules     e^u, cosh u, σ(u) > 0 wherever u is defined; sums, products and quotients of
 *                  terms of known sign; t > 0; and so on. Each rule also requires every piece to
 *                  be defined for all t > 0 (no possibly zero denominator, no log or sqrt of a
 *                  possibly nonpositive argument), so "positive" includes "defined".
 *   polynomials    a piece that is a polynomial in t with rational coefficients is decided
 *                  exactly by Sturm's theorem (sturm.ts): p > 0 on t > 0 iff p = tᵏ·q with
 *                  q(0) > 0 and no root of q in (0, ∞).
 *
 * A `true` answer is a proof; `false` only means these rules do not decide it.
 */
import type { Expr } from './expr-ast.js';
import { polynomialOf, positiveOnHalfLine } from './sturm.js';
import { neg as qneg } from './rational.js';

/** Functions positive wherever their argument is defined. */
const ALWAYS_POSITIVE = new Set(['exp', 'cosh', 'sigmoid']);
/** Odd, increasing functions with f(0) = 0 defined on ℝ: the sign of the argument. */
const SIGN_PRESERVING = new Set(['expm1', 'tanh', 'sinh', 'atan']);
/** Functions defined on all of ℝ. */
const DEFINED_ON_R = new Set(['exp', 'expm1', 'sin', 'cos', 'tanh', 'sinh', 'cosh', 'atan', 'sigmoid', 'abs']);

/** Whether e is defined (finite, in its functions' domains) for every t > 0. */
export function definedForPositiveT(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
      return true;
    case 'sym':
      return e.name === 't';
    case 'neg':
      return definedForPositiveT(e.arg);
    case 'add':
    case 'sub':
    case 'mul':
      return definedForPositiveT(e.left) && definedForPositiveT(e.right);
    case 'div':
      return definedForPositiveT(e.left) && (positiveForPositiveT(e.right) || negativeForPositiveT(e.right));
    case 'pow': {
      if (!definedForPositiveT(e.left) || !definedForPositiveT(e.right)) return false;
      // a positive base takes any real exponent; otherwise only integer exponents, and a negative
      // one needs a base that never vanishes
      if (positiveForPositiveT(e.left)) return true;
      if (e.right.kind !== 'num' || e.right.exact.den !== 1n) return false;
      return e.right.exact.num >= 0n || negativeForPositiveT(e.left);
    }
    case 'call':
      if (DEFINED_ON_R.has(e.fn)) return definedForPositiveT(e.arg);
      // sqrt, log, log1p: a positive argument is inside each domain; tan has poles
      return e.fn === 'sqrt' || e.fn === 'log' || e.fn === 'log1p' ? positiveForPositiveT(e.arg) : false;
  }
}

/** Whether e > 0 for every t > 0 (a proof when true). */
export function positiveForPositiveT(e: Expr): boolean {
  const p = polynomialOf(e);
  if (p !== undefined) return positiveOnHalfLine(p);
  switch (e.kind) {
    case 'num':
      return e.exact.num > 0n;
    case 'const':
      return true; // e and π
    case 'sym':
      return e.name === 't';
    case 'neg':
      return negativeForPositiveT(e.arg);
    case 'add':
      return positiveForPositiveT(e.left) && positiveForPositiveT(e.right);
    case 'sub':
      return positiveForPositiveT(e.left) && negativeForPositiveT(e.right);
    case 'mul':
    case 'div':
      return (positiveForPositiveT(e.left) && positiveForPositiveT(e.right)) || (negativeForPositiveT(e.left) && negativeForPositiveT(e.right));
    case 'pow':
      return positiveForPositiveT(e.left) && definedForPositiveT(e.right);
    case 'call':
      if (ALWAYS_POSITIVE.has(e.fn)) return definedForPositiveT(e.arg);
      if (SIGN_PRESERVING.has(e.fn) || e.fn === 'sqrt' || e.fn === 'log1p') return positiveForPositiveT(e.arg);
      if (e.fn === 'abs') return positiveForPositiveT(e.arg) || negativeForPositiveT(e.arg);
      return false;
  }
}

/** Whether e < 0 for every t > 0 (a proof when true). */
export function negativeForPositiveT(e: Expr): boolean {
  const p = polynomialOf(e);
  if (p !== undefined) return positiveOnHalfLine(p.map(qneg));
  switch (e.kind) {
    case 'num':
      return e.exact.num < 0n;
    case 'neg':
      return positiveForPositiveT(e.arg);
    case 'add':
      return negativeForPositiveT(e.left) && negativeForPositiveT(e.right);
    case 'sub':
      return negativeForPositiveT(e.left) && positiveForPositiveT(e.right);
    case 'mul':
    case 'div':
      return (positiveForPositiveT(e.left) && negativeForPositiveT(e.right)) || (negativeForPositiveT(e.left) && positiveForPositiveT(e.right));
    case 'call':
      return SIGN_PRESERVING.has(e.fn) ? negativeForPositiveT(e.arg) : false;
    default:
      return false;
  }
}
