/**
 * Printing an Expr: plain infix text for certificates (SPEC.md: exp, log, ^, *, /, parentheses,
 * parseable by other computer-algebra systems), and a mathjs node for the symbolic layer. Both
 * spell out the functions other systems may lack: sigmoid(u) → 1/(1+exp(-u)),
 * log1p(u) → log(1+u), expm1(u) → exp(u)-1.
 */
import type { MathNode } from 'mathjs';
import { mathjs } from './mathjs-lazy.js';
import { type Expr } from '../kernel/expr-ast.js';
import { eq as ratEq, fromDecimal, mul as ratMul, rat, type Rational } from '../kernel/rational.js';

// Binding strength: higher binds tighter.
const PREC_ADD = 1;
const PREC_MUL = 2;
const PREC_NEG = 3;
const PREC_POW = 4;
const PREC_ATOM = 5;

/**
 * A literal's text. String() is the shortest text that reads back as the same binary64 number,
 * and it is the literal itself whenever it denotes the literal's exact value ("0.1"); otherwise
 * (1e-400, 10000000000000001) the exact value is written out, so that printing and reading
 * back keeps the number the formula means.
 */
function formatNumber(e: Expr & { kind: 'num' }): string {
  const s = String(e.value);
  const back = fromDecimal(s);
  if (back !== undefined && ratEq(back, e.exact)) return s;
  return exactNumeral(e.exact);
}

/** m·10^−k with the fewest digits, for a rational whose denominator divides a power of 10. */
function exactNumeral(r: Rational): string {
  if (r.den === 1n) return r.num.toString();
  let k = 0;
  let scaled = r;
  while (scaled.den !== 1n && k < 100_000) {
    scaled = ratMul(scaled, TEN);
    k++;
  }
  return scaled.den === 1n ? `${scaled.num}e-${k}` : `${r.num}/${r.den}`;
}

const TEN = rat(10n);

/** Plain infix text with minimal but unambiguous parentheses. */
export function exprToString(e: Expr): string {
  return print(e).text;
}

interface Printed {
  readonly text: string;
  readonly prec: number;
}

const wrap = (p: Printed, need: boolean): string => (need ? `(${p.text})` : p.text);

function print(e: Expr): Printed {
  switch (e.kind) {
    case 'num': {
      const s = formatNumber(e);
      // A negative number, one in exponent notation or a fraction is printed as a
      // parenthesised atom when it sits inside an operator (see the parent rules below).
      return { text: s, prec: e.value < 0 || Object.is(e.value, -0) || e.exact.num < 0n ? PREC_NEG : /[e/]/i.test(s) ? PREC_POW : PREC_ATOM };
    }
    case 'sym':
    case 'const':
      return { text: e.name, prec: PREC_ATOM };
    case 'neg': {
      const a = print(e.arg);
      // -(a+b), -(-a); -a^b is fine and means -(a^b) everywhere.
      return { text: `-${wrap(a, a.prec < PREC_POW)}`, prec: PREC_NEG };
    }
    case 'call': {
      const a = print(e.arg);
      switch (e.fn) {
        case 'sigmoid':
          return { text: `1/(1+exp(-${wrap(a, a.prec < PREC_POW)}))`, prec: PREC_MUL };
        case 'log1p':
          return { text: `log(1+${wrap(a, a.prec === PREC_NEG)})`, prec: PREC_ATOM };
        case 'expm1':
          return { text: `exp(${a.text})-1`, prec: PREC_ADD };
        default:
          return { text: `${e.fn}(${a.text})`, prec: PREC_ATOM };
      }
    }
    case 'add':
    case 'sub': {
      const l = print(e.left);
      const r = print(e.right);
      const op = e.kind === 'add' ? '+' : '-';
      // a - (b + c); a + (-b) keeps the sign visible to every parser.
      const needR = r.prec === PREC_ADD || r.prec === PREC_NEG;
      return { text: `${wrap(l, l.prec < PREC_ADD)}${op}${wrap(r, needR)}`, prec: PREC_ADD };
    }
    case 'mul':
    case 'div': {
      const l = print(e.left);
      const r = print(e.right);
      const op = e.kind === 'mul' ? '*' : '/';
      // (a+b)*c, a/(b*c), a*(-b); a*(b*c) too, so the text reads back as the same tree.
      return { text: `${wrap(l, l.prec < PREC_MUL)}${op}${wrap(r, r.prec <= PREC_NEG)}`, prec: PREC_MUL };
    }
    case 'pow': {
      const l = print(e.left);
      const r = print(e.right);
      // Always parenthesise a non-atomic base or exponent: a^b^c and -a^b differ among systems.
      return { text: `${wrap(l, l.prec < PREC_ATOM)}^${wrap(r, r.prec < PREC_ATOM)}`, prec: PREC_POW };
    }
  }
}

const BIN_OPS = {
  add: ['+', 'add'],
  sub: ['-', 'subtract'],
  mul: ['*', 'multiply'],
  div: ['/', 'divide'],
  pow: ['^', 'pow'],
} as const;

/**
 * A mathjs node for the same function (for `derivative`, `simplify`, printing). The functions
 * mathjs cannot differentiate are spelled out as in exprToString.
 */
export function toMathNode(e: Expr): MathNode {
  const { ConstantNode, FunctionNode, OperatorNode, SymbolNode } = mathjs();
  switch (e.kind) {
    case 'num':
      return e.value < 0
        ? new OperatorNode('-', 'unaryMinus', [new ConstantNode(-e.value)])
        : new ConstantNode(e.value);
    case 'sym':
    case 'const':
      return new SymbolNode(e.name);
    case 'neg':
      return new OperatorNode('-', 'unaryMinus', [paren(toMathNode(e.arg))]);
    case 'call': {
      const a = toMathNode(e.arg);
      const fn = (name: string, arg: MathNode): MathNode => new FunctionNode(new SymbolNode(name), [arg]);
      switch (e.fn) {
        case 'sigmoid':
          return new OperatorNode('/', 'divide', [
            new ConstantNode(1),
            paren(
              new OperatorNode('+', 'add', [
                new ConstantNode(1),
                fn('exp', new OperatorNode('-', 'unaryMinus', [paren(a)])),
              ]),
            ),
          ]);
        case 'log1p':
          return fn('log', new OperatorNode('+', 'add', [new ConstantNode(1), a]));
        case 'expm1':
          return new OperatorNode('-', 'subtract', [fn('exp', a), new ConstantNode(1)]);
        default:
          return fn(e.fn, a);
      }
    }
    default: {
      const [op, name] = BIN_OPS[e.kind];
      return new OperatorNode(op, name, [paren(toMathNode(e.left)), paren(toMathNode(e.right))]);
    }
  }
}

/** Parenthesise compound operands so mathjs' own printing keeps our tree's grouping. */
function paren(node: MathNode): MathNode {
  return node.type === 'OperatorNode' ? new (mathjs().ParenthesisNode)(node) : node;
}
