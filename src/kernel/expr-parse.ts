/**
 * The formula language, read by recursive descent: numbers, identifiers, + − * / ^, unary
 * minus and plus, parentheses, the whitelisted one-argument functions and the constants e and
 * pi. Nothing else is accepted; every refusal is an ExprError whose one-line message names the
 * piece. No evaluator, property lookup or library parser ever sees the text.
 *
 * Precedence follows the usual calculator conventions (those of mathjs, which case files were
 * first written for): `^` binds tightest and to the right, its exponent may carry a sign
 * (`2^-1`); unary minus binds looser than `^` (`-2^2 = −4`); implicit multiplication (`2t`,
 * `(t)(t+1)`) binds tighter than `*` and `/`, except that `number / number symbol` reads as
 * `(number/number)·symbol` (`1/2t` is t/2).
 *
 * Every number becomes a `num` node with its exact rational (`0.1` is 1/10, `1e-400` is
 * 10⁻⁴⁰⁰) beside its nearest binary64 value.
 */
import {
  ExprError,
  binRaw,
  call,
  constant,
  isConstantName,
  isUnaryFn,
  negRaw,
  num,
  sym,
  type BinaryKind,
  type Expr,
} from './expr-ast.js';
import { fromDecimal, rat, type Rational } from './rational.js';

/** Longest accepted text, in characters. */
export const MAX_EXPR_LENGTH = 10_000;
/** Deepest accepted tree (a sum of n terms is n deep; each parenthesis counts as a level). */
export const MAX_EXPR_DEPTH = 1_000;
/** Largest accepted tree, in nodes. */
export const MAX_EXPR_NODES = 20_000;

type TokenKind = 'num' | 'ident' | 'op' | 'str' | 'newline' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** offset of the token's first character */
  readonly at: number;
  /** offset just past the token */
  readonly end: number;
}

/** Operator spellings, longest first, so that `==` is not read as `=` `=`. */
const OPERATORS = ['>>>', '<<', '>>', '==', '!=', '<=', '>=', '.*', './', '.^', '+', '-', '*', '/', '^', '(', ')', ',', ';', '=', '[', ']', '{', '}', '.', '?', ':', '!', "'", '%', '&', '|', '~', '<', '>', '@', '#', '\\'];
/** Words that other calculators read as operators: refused as operators, not as unknown symbols. */
const WORD_OPERATORS: ReadonlySet<string> = new Set(['mod', 'to', 'in', 'and', 'or', 'xor', 'not']);
/** Words that name values other than numbers or that are not finite. */
const NON_FINITE: ReadonlySet<string> = new Set(['Infinity', 'NaN']);
const OTHER_CONSTANTS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'undefined']);

const IDENT_START = /[\p{L}_$]/u;
const IDENT_PART = /[\p{L}\p{N}_$]/u;
const DIGIT = /[0-9]/;

/** At most 40 characters of `s` on one line, for messages. */
function show(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n') {
      out.push({ kind: 'newline', text: ch, at: i, end: i + 1 });
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      const radix = /^0[xXbBoO]/.exec(text.slice(i, i + 2));
      if (radix !== null) {
        const digits = /^0[xX][0-9a-fA-F]+|^0[bB][01]+|^0[oO][0-7]+/.exec(text.slice(i));
        if (digits === null) throw new ExprError(`syntax error: malformed number "${show(text.slice(i, i + 12))}" (char ${i + 1})`);
        i += digits[0].length;
      } else {
        while (i < n && DIGIT.test(text[i]!)) i++;
        if (text[i] === '.') {
          i++;
          while (i < n && DIGIT.test(text[i]!)) i++;
        }
        // an exponent only when digits follow: `2e` is 2·e, as in the calculators
        const exp = /^[eE][+-]?[0-9]/.exec(text.slice(i, i + 3));
        if (exp !== null) {
          i += exp[0].length;
          while (i < n && DIGIT.test(text[i]!)) i++;
        }
      }
      out.push({ kind: 'num', text: text.slice(start, i), at: start, end: i });
      continue;
    }
    if (IDENT_START.test(ch)) {
      while (i < n && IDENT_PART.test(text[i]!)) i++;
      out.push({ kind: 'ident', text: text.slice(start, i), at: start, end: i });
      continue;
    }
    const prev = out[out.length - 1];
    if (ch === '"' || (ch === "'" && (prev === undefined || !isOperand(prev)))) {
      // a string literal ("..." always; '...' where no operand precedes, else it is a transpose)
      const close = text.indexOf(ch, i + 1);
      const body = close < 0 ? text.slice(i + 1) : text.slice(i + 1, close);
      out.push({ kind: 'str', text: body, at: start, end: close < 0 ? n : close + 1 });
      i = close < 0 ? n : close + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw new ExprError(`syntax error: unexpected character "${ch}" (char ${i + 1})`);
    out.push({ kind: 'op', text: op, at: start, end: i + op.length });
    i += op.length;
  }
  out.push({ kind: 'end', text: '', at: n, end: n });
  return out;
}

/** Whether a token ends an operand (so a following quote is a transpose, not a string). */
function isOperand(t: Token): boolean {
  return t.kind === 'num' || t.kind === 'ident' || t.kind === 'str' || (t.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}'));
}

/** The exact value of a numeral token. */
function numeralValue(text: string): Rational | undefined {
  const radix = /^0([xXbBoO])(.+)$/.exec(text);
  if (radix !== null) return rat(BigInt(`0${radix[1]!.toLowerCase()}${radix[2]!}`));
  return fromDecimal(text);
}

/**
 * The syntactic class of a parsed operand, for the implicit-multiplication rules: a bare
 * number, a signed number, an operator result (a power, a sign applied to something), or
 * anything else (a symbol, a call, a parenthesis, a product).
 */
type Shape = 'number' | 'signed-number' | 'operator' | 'other';

interface Parsed {
  readonly e: Expr;
  readonly shape: Shape;
  /** depth of the tree under e, counting parentheses as levels */
  readonly depth: number;
}

/**
 * Parses `text` into an Expr whose symbols are among `allowedSymbols` (plus the constants `e`
 * and `pi`, unless a caller's symbol has that name). Throws ExprError with a one-line message
 * naming the refused piece, e.g. `unknown function "evaluate"`.
 */
export function parseExpr(text: string, allowedSymbols: readonly string[]): Expr {
  if (typeof text !== 'string') throw new ExprError('expression must be a string');
  if (text.length > MAX_EXPR_LENGTH) {
    throw new ExprError(`expression too long (${text.length} characters, at most ${MAX_EXPR_LENGTH})`);
  }
  if (text.trim() === '') throw new ExprError('empty expression');
  const tokens = tokenize(text);
  // An `=` anywhere makes the text a definition, whatever its left side names.
  const eqAt = tokens.findIndex((t) => t.kind === 'op' && t.text === '=');
  if (eqAt >= 0) {
    const lhs = tokens.slice(0, eqAt);
    const definesFunction = lhs.length >= 3 && lhs[0]!.kind === 'ident' && lhs[1]!.text === '(' && lhs[lhs.length - 1]!.text === ')';
    throw new ExprError(definesFunction ? `function definition "${show(text)}" is not allowed` : `assignment "${show(text)}" is not allowed`);
  }
  const allowed = new Set(allowedSymbols);
  const whole = show(text);
  let pos = 0;
  let parens = 0;
  let nodes = 0;
  let level = 0;

  const peek = (): Token => {
    // newlines separate expressions at the top level and are blanks inside parentheses
    while (parens > 0 && tokens[pos]!.kind === 'newline') pos++;
    return tokens[pos]!;
  };
  const next = (): Token => {
    const t = peek();
    pos++;
    return t;
  };
  const isOp = (t: Token, o: string): boolean => t.kind === 'op' && t.text === o;

  const count = (depth: number): void => {
    if (++nodes > MAX_EXPR_NODES) throw new ExprError(`expression too large (more than ${MAX_EXPR_NODES} nodes)`);
    if (depth > MAX_EXPR_DEPTH) throw new ExprError(`expression too deep (more than ${MAX_EXPR_DEPTH} levels)`);
  };
  const enter = (): void => {
    if (++level > MAX_EXPR_DEPTH) throw new ExprError(`expression too deep (more than ${MAX_EXPR_DEPTH} levels)`);
  };
  const leave = (): void => {
    level--;
  };
  const binary = (kind: BinaryKind, a: Parsed, b: Parsed, shape: Shape = 'other'): Parsed => {
    const depth = 1 + Math.max(a.depth, b.depth);
    count(depth);
    return { e: binRaw(kind, a.e, b.e), shape, depth };
  };

  /** The refusal for a token that cannot stand where it is. */
  const refuse = (t: Token): never => {
    if (t.kind === 'end') throw new ExprError(`syntax error: Unexpected end of expression (char ${t.at + 1})`);
    if (t.kind === 'newline' || isOp(t, ';')) throw new ExprError(`several expressions ("${whole}") are not allowed`);
    if (t.kind === 'op') {
      switch (t.text) {
        case '?':
          throw new ExprError(`conditional "${whole}" is not allowed`);
        case ':':
          throw new ExprError(`range "${whole}" is not allowed`);
        case '[':
          throw new ExprError(`matrix "${show(text.slice(t.at, matching(t, '[', ']')))}" is not allowed`);
        case '{':
          throw new ExprError(`object "${show(text.slice(t.at, matching(t, '{', '}')))}" is not allowed`);
        case ')':
        case ',':
        case ']':
        case '}':
          throw new ExprError(`syntax error: Value expected (char ${t.at + 1})`);
        default:
          throw new ExprError(`operator "${t.text}" is not allowed (in "${whole}")`);
      }
    }
    if (t.kind === 'ident' && WORD_OPERATORS.has(t.text)) throw new ExprError(`operator "${t.text}" is not allowed (in "${whole}")`);
    if (t.kind === 'str') throw new ExprError(`string "${t.text.slice(0, 40)}" is not allowed`);
    throw new ExprError(`syntax error: Unexpected ${t.kind === 'num' ? 'number' : 'symbol'} "${t.text}" (char ${t.at + 1})`);
  };

  /** The offset just past the bracket that closes the one at token t (or the end of the text). */
  const matching = (t: Token, open: string, close: string): number => {
    let depth = 0;
    for (let k = tokens.indexOf(t); k < tokens.length; k++) {
      const u = tokens[k]!;
      if (isOp(u, open)) depth++;
      else if (isOp(u, close) && --depth === 0) return u.end;
    }
    return text.length;
  };

  const expression = (): Parsed => {
    let left = product();
    for (;;) {
      const t = peek();
      if (isOp(t, '+') || isOp(t, '-')) {
        next();
        left = binary(t.text === '+' ? 'add' : 'sub', left, product());
      } else return left;
    }
  };

  const product = (): Parsed => {
    let left = implicitProduct();
    for (;;) {
      const t = peek();
      if (isOp(t, '*') || isOp(t, '/')) {
        next();
        left = binary(t.text === '*' ? 'mul' : 'div', left, implicitProduct());
      } else return left;
    }
  };

  /** Whether the token at pos can start an implicitly multiplied factor after `last`. */
  const startsFactor = (last: Parsed): boolean => {
    const t = peek();
    if (t.kind === 'ident') return !WORD_OPERATORS.has(t.text);
    if (isOp(t, '(')) return true;
    return t.kind === 'num' && last.shape !== 'number' && last.shape !== 'operator' && last.shape !== 'signed-number';
  };

  const implicitProduct = (): Parsed => {
    let node = numberRatio();
    let last = node;
    while (startsFactor(last)) {
      last = numberRatio();
      node = binary('mul', node, last);
    }
    return node;
  };

  /** `number / number` directly followed by a factor: the ratio binds first (`1/2t` = t/2). */
  const numberRatio = (): Parsed => {
    let node = unary();
    while ((node.shape === 'number' || node.shape === 'signed-number') && isOp(peek(), '/')) {
      const save = pos;
      next();
      const t = peek();
      const after = tokens[pos + 1];
      if (t.kind === 'num' && after !== undefined && ((after.kind === 'ident' && !WORD_OPERATORS.has(after.text)) || isOp(after, '('))) {
        node = binary('div', node, unary(), 'number');
      } else {
        pos = save;
        break;
      }
    }
    return node;
  };

  const unary = (): Parsed => {
    const t = peek();
    if (isOp(t, '-') || isOp(t, '+')) {
      next();
      enter();
      const a = unary();
      leave();
      if (t.text === '+') return { ...a, shape: a.shape === 'number' ? 'signed-number' : 'operator' };
      const depth = a.depth + 1;
      count(depth);
      return { e: negRaw(a.e), shape: a.shape === 'number' ? 'signed-number' : 'operator', depth };
    }
    if (isOp(t, '~') || (t.kind === 'ident' && t.text === 'not')) throw new ExprError(`operator "${t.text}" is not allowed (in "${whole}")`);
    return power();
  };

  const power = (): Parsed => {
    const base = primary();
    const t = peek();
    if (isOp(t, '^')) {
      next();
      enter();
      const ex = unary();
      leave();
      return binary('pow', base, ex, 'operator');
    }
    if (isOp(t, '!') || isOp(t, "'") || isOp(t, '.^')) throw new ExprError(`operator "${t.text}" is not allowed (in "${whole}")`);
    return base;
  };

  /** Refuses `.name` and `[…]` after an operand that began at `start`. */
  const noAccess = (start: number): void => {
    const t = peek();
    if (isOp(t, '.')) {
      const name = tokens[pos + 1];
      const end = name !== undefined && name.kind === 'ident' ? name.end : t.end;
      throw new ExprError(`property or index access "${show(text.slice(start, end))}" is not allowed`);
    }
    if (isOp(t, '[')) throw new ExprError(`property or index access "${show(text.slice(start, matching(t, '[', ']')))}" is not allowed`);
  };

  const primary = (): Parsed => {
    const t = next();
    if (t.kind === 'num') {
      const exact = numeralValue(t.text);
      if (exact === undefined) throw new ExprError(`number "${show(t.text)}" is out of range (its exponent is too large)`);
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new ExprError(`number "${show(t.text)}" is too large for binary64`);
      count(1);
      return { e: num(value, exact), shape: 'number', depth: 1 };
    }
    if (t.kind === 'ident') {
      if (isOp(peek(), '(')) {
        if (!isUnaryFn(t.text)) throw new ExprError(`unknown function "${t.text}"`);
        next();
        parens++;
        enter();
        const args: Parsed[] = [];
        if (!isOp(peek(), ')')) {
          for (;;) {
            args.push(expression());
            if (isOp(peek(), ',')) next();
            else break;
          }
        }
        const close = peek();
        if (!isOp(close, ')')) refuse(close);
        parens--;
        next();
        leave();
        if (args.length !== 1) throw new ExprError(`function "${t.text}" takes 1 argument, got ${args.length}`);
        noAccess(t.at);
        const depth = args[0]!.depth + 1;
        count(depth);
        return { e: call(t.text, args[0]!.e), shape: 'other', depth };
      }
      noAccess(t.at);
      if (WORD_OPERATORS.has(t.text)) throw new ExprError(`operator "${t.text}" is not allowed (in "${whole}")`);
      count(1);
      if (allowed.has(t.text)) return { e: sym(t.text), shape: 'other', depth: 1 };
      if (isConstantName(t.text)) return { e: constant(t.text), shape: 'other', depth: 1 };
      if (NON_FINITE.has(t.text)) throw new ExprError(`non-finite number "${t.text}"`);
      if (OTHER_CONSTANTS.has(t.text)) throw new ExprError(`constant "${t.text}" is not allowed`);
      const list = allowedSymbols.length > 0 ? allowedSymbols.join(', ') : 'none';
      throw new ExprError(`unknown symbol "${t.text}" (allowed: ${list})`);
    }
    if (isOp(t, '(')) {
      parens++;
      enter();
      const inner = expression();
      const close = peek();
      if (!isOp(close, ')')) refuse(close);
      parens--;
      next();
      leave();
      noAccess(t.at);
      const depth = inner.depth + 1;
      if (depth > MAX_EXPR_DEPTH) throw new ExprError(`expression too deep (more than ${MAX_EXPR_DEPTH} levels)`);
      return { e: inner.e, shape: 'other', depth };
    }
    return refuse(t);
  };

  const root = expression();
  const t = peek();
  if (t.kind !== 'end') {
    // trailing blank lines are not a second expression
    let k = pos;
    while (tokens[k]!.kind === 'newline') k++;
    if (tokens[k]!.kind !== 'end') refuse(t);
  }
  return root.e;
}
