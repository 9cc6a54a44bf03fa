/**
 * Our own small, immutable expression AST. User text is read by the kernel's own parser
 * (expr-parse.ts, a whitelist grammar), and everything downstream (evaluation, differentiation,
 * printing, the model programs) works on this tree.
 *
 * A number carries two values: `exact`, the rational the text denotes ("0.1" is 1/10), which
 * every proof reads, and `value`, the nearest binary64 number, for the float evaluators only.
 */
import { ONE as R_ONE, ZERO as R_ZERO, eq as ratEq, fromNumber as ratFromNumber, neg as ratNeg, type Rational } from './rational.js';

/** The whitelisted one-argument functions. `sigmoid(x) = 1/(1+exp(-x))`. */
export const UNARY_FNS = [
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sinh',
  'cosh',
  'atan',
  'abs',
  'sigmoid',
] as const;
export type UnaryFn = (typeof UNARY_FNS)[number];

/** The named constants every expression may use (a caller's symbol of the same name wins). */
export const CONSTANTS = ['e', 'pi'] as const;
export type ConstantName = (typeof CONSTANTS)[number];

export type BinaryKind = 'add' | 'sub' | 'mul' | 'div' | 'pow';

export type Expr =
  | { readonly kind: 'num'; readonly value: number; readonly exact: Rational }
  | { readonly kind: 'sym'; readonly name: string }
  | { readonly kind: 'const'; readonly name: ConstantName }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: BinaryKind; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: UnaryFn; readonly arg: Expr };

/** A refused or malformed expression; the message is one line naming the offending piece. */
export class ExprError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExprError';
  }
}

const FN_SET: ReadonlySet<string> = new Set(UNARY_FNS);

/** Whether `name` is a whitelisted function (a Set lookup: `constructor` and friends are not). */
export function isUnaryFn(name: string): name is UnaryFn {
  return FN_SET.has(name);
}

export function isConstantName(name: string): name is ConstantName {
  return name === 'e' || name === 'pi';
}

/** The numeric value of a named constant. */
export function constantValue(name: ConstantName): number {
  return name === 'e' ? Math.E : Math.PI;
}

// Raw constructors: no simplification, frozen so that trees can be shared freely.

/**
 * A number node. Without `exact` the number is the binary64 value itself (exactly a dyadic
 * rational); the parser passes the rational the text denotes, with `value` its nearest float.
 */
export function num(value: number, exact?: Rational): Expr {
  if (!Number.isFinite(value)) throw new ExprError(`non-finite number "${value}"`);
  return Object.freeze({ kind: 'num', value, exact: exact ?? ratFromNumber(value) });
}
export const sym = (name: string): Expr => Object.freeze({ kind: 'sym', name });
export const constant = (name: ConstantName): Expr => Object.freeze({ kind: 'const', name });
export const negRaw = (arg: Expr): Expr => Object.freeze({ kind: 'neg', arg });
export const binRaw = (kind: BinaryKind, left: Expr, right: Expr): Expr => Object.freeze({ kind, left, right });
export const call = (fn: UnaryFn, arg: Expr): Expr => Object.freeze({ kind: 'call', fn, arg });

const ZERO = num(0);
const ONE = num(1);

const R_MINUS_ONE = ratNeg(R_ONE);

/**
 * Whether e is exactly the number 0, 1 or −1 (a plain boolean, so no narrowing in the false
 * branch). The exact value decides: `1e-400` is not 0, though its float is.
 */
const isNum = (e: Expr, v: 0 | 1 | -1): boolean =>
  e.kind === 'num' && ratEq(e.exact, v === 0 ? R_ZERO : v === 1 ? R_ONE : R_MINUS_ONE);

/** The value of an integer literal whose float is exact (a safe integer), else undefined. */
const intOf = (e: Expr): number | undefined =>
  e.kind === 'num' && e.exact.den === 1n && Number.isSafeInteger(e.value) && BigInt(e.value) === e.exact.num ? e.value : undefined;

/** Folds two integer literals with `op` only when the result is an exact safe integer. */
function foldInt(a: Expr, b: Expr, op: (x: number, y: number) => number): Expr | undefined {
  const x = intOf(a);
  const y = intOf(b);
  if (x === undefined || y === undefined) return undefined;
  const r = op(x, y);
  return Number.isSafeInteger(r) ? num(r) : undefined;
}

// Smart constructors: the light 0/1 folding used by diffExpr. Symbolic identities only
// (0·x = 0 is taken as an identity of expressions, as every CAS does).

export function neg(a: Expr): Expr {
  if (a.kind === 'num') return num(a.value === 0 ? 0 : -a.value, ratNeg(a.exact));
  if (a.kind === 'neg') return a.arg;
  return negRaw(a);
}

export function add(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return b;
  if (isNum(b, 0)) return a;
  const f = foldInt(a, b, (x, y) => x + y);
  if (f) return f;
  if (b.kind === 'neg') return sub(a, b.arg);
  return binRaw('add', a, b);
}

export function sub(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return a;
  if (isNum(a, 0)) return neg(b);
  const f = foldInt(a, b, (x, y) => x - y);
  if (f) return f;
  if (b.kind === 'neg') return add(a, b.arg);
  return binRaw('sub', a, b);
}

export function mul(a: Expr, b: Expr): Expr {
  if (isNum(a, 0) || isNum(b, 0)) return ZERO;
  if (isNum(a, 1)) return b;
  if (isNum(b, 1)) return a;
  if (isNum(a, -1)) return neg(b);
  if (isNum(b, -1)) return neg(a);
  const f = foldInt(a, b, (x, y) => x * y);
  if (f) return f;
  if (a.kind === 'neg' && b.kind === 'neg') return mul(a.arg, b.arg);
  if (a.kind === 'neg') return neg(mul(a.arg, b));
  if (b.kind === 'neg') return neg(mul(a, b.arg));
  return binRaw('mul', a, b);
}

export function div(a: Expr, b: Expr): Expr {
  if (isNum(a, 0)) return ZERO;
  if (isNum(b, 1)) return a;
  const x = intOf(a);
  const y = intOf(b);
  if (x !== undefined && y !== undefined && y !== 0 && Number.isInteger(x / y)) return num(x / y);
  if (a.kind === 'neg') return neg(div(a.arg, b));
  return binRaw('div', a, b);
}

export function pow(a: Expr, b: Expr): Expr {
  if (isNum(b, 0)) return ONE;
  if (isNum(b, 1)) return a;
  if (isNum(a, 1)) return ONE;
  return binRaw('pow', a, b);
}

/** Whether `e` mentions the symbol `name`. */
export function dependsOn(e: Expr, name: string): boolean {
  switch (e.kind) {
    case 'num':
    case 'const':
      return false;
    case 'sym':
      return e.name === name;
    case 'neg':
    case 'call':
      return dependsOn(e.arg, name);
    default:
      return dependsOn(e.left, name) || dependsOn(e.right, name);
  }
}

/** The symbols `e` mentions, in first-seen order. */
export function symbolsOf(e: Expr): string[] {
  const seen = new Set<string>();
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'num':
      case 'const':
        return;
      case 'sym':
        seen.add(x.name);
        return;
      case 'neg':
      case 'call':
        walk(x.arg);
        return;
      default:
        walk(x.left);
        walk(x.right);
    }
  };
  walk(e);
  return [...seen];
}

/** Number of nodes. */
export function exprSize(e: Expr): number {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
      return 1;
    case 'neg':
    case 'call':
      return 1 + exprSize(e.arg);
    default:
      return 1 + exprSize(e.left) + exprSize(e.right);
  }
}

/** Replaces symbols by expressions (`subst(e, {t: x})`); symbols not in the map stay. */
export function substitute(e: Expr, map: ReadonlyMap<string, Expr>): Expr {
  switch (e.kind) {
    case 'num':
    case 'const':
      return e;
    case 'sym':
      return map.get(e.name) ?? e;
    case 'neg':
      return negRaw(substitute(e.arg, map));
    case 'call':
      return call(e.fn, substitute(e.arg, map));
    default:
      return binRaw(e.kind, substitute(e.left, map), substitute(e.right, map));
  }
}

const PRECEDENCE: Record<BinaryKind, number> = { add: 1, sub: 1, mul: 2, div: 2, pow: 4 };
const SYMBOL: Record<BinaryKind, string> = { add: ' + ', sub: ' - ', mul: '*', div: '/', pow: '^' };

/** Plain infix text of a formula, parenthesised where precedence needs it (for messages). */
export function showExpr(e: Expr, outer = 0): string {
  switch (e.kind) {
    case 'num':
      return e.value < 0 ? `(${String(e.value)})` : String(e.value);
    case 'sym':
    case 'const':
      return e.name;
    case 'neg':
      return outer > 2 ? `(-${showExpr(e.arg, 3)})` : `-${showExpr(e.arg, 3)}`;
    case 'call':
      return `${e.fn}(${showExpr(e.arg)})`;
    default: {
      const p = PRECEDENCE[e.kind];
      // ^ groups to the right, the others to the left
      const text = `${showExpr(e.left, e.kind === 'pow' ? p + 1 : p)}${SYMBOL[e.kind]}${showExpr(e.right, e.kind === 'pow' ? p : p + 1)}`;
      return p < outer ? `(${text})` : text;
    }
  }
}
