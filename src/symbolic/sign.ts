/**
 * Sign rules on the Expr tree: which signs an expression in one variable t can take when t is
 * known to be positive, non-positive, or any real, and whether it is C^∞ there by structure
 * (a composition of C^∞ functions whose arguments stay in their open domains).
 *
 * The rules are the ones a person uses: e^u > 0; products, quotients and sums of positives are
 * positive; an even power is non-negative; |tanh u| < 1 so 1 − tanh(u)² > 0; and so on. They
 * decide nothing by computation, so a conclusion is exact, and "don't know" is a fine answer.
 */
import type { Expr } from '../expr/index.js';
import { nextDown, nextUp } from '../kernel/interval.js';
import { ONE as R_ONE, cmp as ratCmp, eq as ratEq, fromNumber as ratFromNumber, sign as ratSign } from '../kernel/rational.js';

/** What is known about the variable. */
export type Assumption = 'pos' | 'nonpos' | 'real';

/** A set of signs as a bit mask: NEG | ZERO | POS. */
export type SignSet = number;
export const NEG = 1;
export const ZERO = 2;
export const POS = 4;
export const ANY = NEG | ZERO | POS;

/** The result of the sign analysis of one node. */
export interface SignInfo {
  /** signs the expression can take where it is defined (a superset of the truth) */
  readonly signs: SignSet;
  /** proven defined (and finite) for every admissible t */
  readonly defined: boolean;
  /** the first piece that keeps the structural C^∞ argument from going through, if any */
  readonly obstacle?: string;
}

/** Words for a sign set, e.g. "> 0", "≥ 0", "any sign". */
export function describeSigns(s: SignSet): string {
  switch (s) {
    case POS:
      return '> 0';
    case NEG:
      return '< 0';
    case ZERO:
      return '= 0';
    case POS | ZERO:
      return '≥ 0';
    case NEG | ZERO:
      return '≤ 0';
    case NEG | POS:
      return '≠ 0';
    default:
      return 'of unknown sign';
  }
}

const flip = (s: SignSet): SignSet => ((s & NEG) ? POS : 0) | (s & ZERO) | ((s & POS) ? NEG : 0);

const signOfNumber = (v: number): SignSet => (v > 0 ? POS : v < 0 ? NEG : v === 0 ? ZERO : ANY);

/** Signs of a product from the signs of its factors. */
function mulSigns(a: SignSet, b: SignSet): SignSet {
  let r = 0;
  for (const x of [NEG, ZERO, POS]) {
    if (!(a & x)) continue;
    for (const y of [NEG, ZERO, POS]) {
      if (!(b & y)) continue;
      r |= x === ZERO || y === ZERO ? ZERO : x === y ? POS : NEG;
    }
  }
  return r;
}

/** Signs of a sum from the signs of its terms. */
function addSigns(a: SignSet, b: SignSet): SignSet {
  let r = 0;
  for (const x of [NEG, ZERO, POS]) {
    if (!(a & x)) continue;
    for (const y of [NEG, ZERO, POS]) {
      if (!(b & y)) continue;
      if (x === ZERO) r |= y;
      else if (y === ZERO || x === y) r |= x;
      else r |= ANY;
    }
  }
  return r;
}

/**
 * A bound on |e| valid for every t: {bound, strict} means |e| < bound (strict) or ≤ bound.
 * Only the shapes that occur in derivatives of activations: tanh, sigmoid, atan, sin, cos,
 * numbers, and products and integer powers of those.
 */
function magnitude(e: Expr): { bound: number; strict: boolean } | undefined {
  switch (e.kind) {
    case 'num':
      // the float may round the literal down: the next float up bounds it
      return { bound: ratEq(ratFromNumber(e.value), e.exact) ? Math.abs(e.value) : nextUp(Math.abs(e.value)), strict: false };
    case 'neg':
      return magnitude(e.arg);
    case 'call':
      switch (e.fn) {
        case 'tanh':
        case 'sigmoid':
          return { bound: 1, strict: true };
        case 'atan':
          return { bound: Math.PI / 2, strict: true };
        case 'sin':
        case 'cos':
          return { bound: 1, strict: false };
        default:
          return undefined;
      }
    case 'mul': {
      const a = magnitude(e.left);
      const b = magnitude(e.right);
      if (!a || !b) return undefined;
      // |ab| < AB when one bound is strict and the other factor's bound is positive
      return { bound: a.bound * b.bound, strict: (a.strict && b.bound > 0) || (b.strict && a.bound > 0) };
    }
    case 'pow': {
      const a = magnitude(e.left);
      const k = exactInteger(e.right);
      if (!a || k === undefined || k < 1) return undefined;
      // a bound ≤ 1 stays ≤ 1 under powers, so no rounding can lift it over a bound of 1
      const bound = a.bound <= 1 ? a.bound ** k : Infinity;
      return { bound, strict: a.strict && a.bound > 0 };
    }
    default:
      return undefined;
  }
}

/** c − b > 0 for a number c when |b| stays below c. */
/** A literal's value when it is an integer and its float is that integer exactly. */
function exactInteger(e: Expr): number | undefined {
  return e.kind === 'num' && e.exact.den === 1n && Number.isSafeInteger(e.value) && BigInt(e.value) === e.exact.num ? e.value : undefined;
}

/** A float at most a literal's exact value (the literal's float may round it up). */
function floatBelow(e: Expr & { kind: 'num' }): number {
  return ratCmp(ratFromNumber(e.value), e.exact) <= 0 ? e.value : nextDown(e.value);
}

function positiveByBound(c: number, b: Expr): boolean {
  const m = magnitude(b);
  if (!m) return false;
  return c > m.bound || (c === m.bound && m.strict);
}

/** Whether e > 1 for every admissible t (for log(u) > 0): u = a + b with a ≥ 1 and b ≥ 0. */
function greaterThanOne(e: Expr, assume: Assumption): boolean {
  if (e.kind === 'num') return ratCmp(e.exact, R_ONE) > 0;
  if (e.kind === 'const') return true; // e ≈ 2.718, π ≈ 3.14
  if (e.kind !== 'add') return false;
  const tryPair = (a: Expr, b: Expr): boolean => {
    if (a.kind !== 'num' || ratCmp(a.exact, R_ONE) < 0) return false;
    const s = analyseSign(b, assume);
    return s.defined && (ratCmp(a.exact, R_ONE) > 0 ? (s.signs & NEG) === 0 : s.signs === POS);
  };
  return tryPair(e.left, e.right) || tryPair(e.right, e.left);
}

const withObstacle = (s: SignSet, defined: boolean, ...parts: (string | undefined)[]): SignInfo => {
  const obstacle = parts.find((p) => p !== undefined);
  return obstacle === undefined ? { signs: s, defined } : { signs: s, defined, obstacle };
};

/**
 * The sign analysis of `e` under `assume` about the variable (every symbol is the variable).
 * `signs` is sound where `defined` is true; `obstacle` names the first non-smooth piece.
 */
export function analyseSign(e: Expr, assume: Assumption): SignInfo {
  switch (e.kind) {
    case 'num':
      return { signs: signOfNumber(ratSign(e.exact)), defined: true };
    case 'const':
      return { signs: POS, defined: true };
    case 'sym':
      return { signs: assume === 'pos' ? POS : assume === 'nonpos' ? NEG | ZERO : ANY, defined: true };
    case 'neg': {
      const a = analyseSign(e.arg, assume);
      return withObstacle(flip(a.signs), a.defined, a.obstacle);
    }
    case 'add':
    case 'sub': {
      const a = analyseSign(e.left, assume);
      const b = analyseSign(e.right, assume);
      const bs = e.kind === 'sub' ? flip(b.signs) : b.signs;
      let s = addSigns(a.signs, bs);
      const defined = a.defined && b.defined;
      if (e.kind === 'sub' && e.left.kind === 'num' && positiveByBound(floatBelow(e.left), e.right)) s = POS;
      if (e.kind === 'add' && e.left.kind === 'num' && e.right.kind === 'neg' && positiveByBound(floatBelow(e.left), e.right.arg)) s = POS;
      return withObstacle(s, defined, a.obstacle, b.obstacle);
    }
    case 'mul': {
      const a = analyseSign(e.left, assume);
      const b = analyseSign(e.right, assume);
      return withObstacle(mulSigns(a.signs, b.signs), a.defined && b.defined, a.obstacle, b.obstacle);
    }
    case 'div': {
      const a = analyseSign(e.left, assume);
      const b = analyseSign(e.right, assume);
      const nonzero = (b.signs & ZERO) === 0;
      // where defined the quotient has the signs of a·b with b ≠ 0
      const s = mulSigns(a.signs, b.signs & ~ZERO || ANY);
      return withObstacle(s, a.defined && b.defined && nonzero, a.obstacle, b.obstacle, nonzero ? undefined : 'a denominator that may vanish');
    }
    case 'pow': {
      const a = analyseSign(e.left, assume);
      const b = analyseSign(e.right, assume);
      const r = e.right;
      if (exactInteger(r) !== undefined) {
        const k = exactInteger(r)!;
        const baseNonzero = (a.signs & ZERO) === 0;
        const defined = a.defined && (k >= 0 || baseNonzero);
        const obstacle = k < 0 && !baseNonzero ? 'a negative power of something that may vanish' : undefined;
        let s: SignSet;
        if (k === 0) s = POS;
        else if (k % 2 === 0) s = (a.signs & (NEG | POS) ? POS : 0) | (a.signs & ZERO);
        else s = a.signs;
        return withObstacle(s, defined, a.obstacle, obstacle);
      }
      if (e.left.kind === 'const' || (e.left.kind === 'num' && ratSign(e.left.exact) > 0)) {
        return withObstacle(POS, b.defined, b.obstacle);
      }
      // u^v with a non-integer v: real and smooth where u > 0
      const basePos = a.signs === POS;
      return withObstacle(basePos ? POS : ANY, a.defined && b.defined && basePos, a.obstacle, b.obstacle, basePos ? undefined : 'a power with a base that may not be positive');
    }
    case 'call': {
      const a = analyseSign(e.arg, assume);
      const keep = (s: SignSet, defined = a.defined, obstacle?: string): SignInfo => withObstacle(s, defined, a.obstacle, obstacle);
      switch (e.fn) {
        case 'exp':
        case 'cosh':
        case 'sigmoid':
          return keep(POS);
        case 'tanh':
        case 'sinh':
        case 'atan':
        case 'expm1':
          return keep(a.signs);
        case 'log1p': {
          // log1p(u) has the sign of u and is smooth for u > −1; u ≥ 0 is enough to know that
          const ok = (a.signs & NEG) === 0;
          return keep(a.signs, a.defined && ok, ok ? undefined : 'log1p of something that may be ≤ −1');
        }
        case 'log': {
          const ok = a.signs === POS;
          return keep(greaterThanOne(e.arg, assume) ? POS : ANY, a.defined && ok, ok ? undefined : 'log of something that may not be positive');
        }
        case 'sqrt': {
          const pos = a.signs === POS;
          const nonneg = (a.signs & NEG) === 0;
          return keep(pos ? POS : a.signs & ZERO ? (a.signs & POS) | ZERO : ANY, a.defined && nonneg, pos ? undefined : 'sqrt of something that may vanish');
        }
        case 'abs': {
          const nonzero = (a.signs & ZERO) === 0;
          const s = (a.signs & (NEG | POS) ? POS : 0) | (a.signs & ZERO);
          return keep(s, a.defined, nonzero ? undefined : 'abs of something that may vanish');
        }
        case 'sin':
        case 'cos':
          return keep(ANY);
        case 'tan':
          return keep(ANY, false, 'tan, whose argument may reach a pole');
      }
    }
  }
}

/** Whether e > 0 for every admissible t, by the sign rules alone. */
export function provablyPositive(e: Expr, assume: Assumption): boolean {
  const s = analyseSign(e, assume);
  return s.defined && s.signs === POS;
}

/** Whether the expression is a polynomial in t (numbers, t, + − ×, non-negative integer powers). */
export function isPolynomial(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'sym':
      return true;
    case 'const':
    case 'call':
    case 'div':
      return false;
    case 'neg':
      return isPolynomial(e.arg);
    case 'pow':
      return (exactInteger(e.right) ?? -1) >= 0 && isPolynomial(e.left);
    default:
      return isPolynomial(e.left) && isPolynomial(e.right);
  }
}
