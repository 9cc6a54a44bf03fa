/**
 * mathjs node → Expr, folding 0s and 1s through the smart constructors on the way. Used to bring
 * mathjs `derivative` results back into our tree (where they are evaluated, printed and
 * differentiated again): mathjs leaves `0 * 1 + …` debris when its own simplify is off, and its
 * simplify is far too slow for Hessians. Only trees that came from toMathNode and mathjs'
 * derivative rules are expected; anything else is refused with an ExprError.
 */
import type { MathNode } from 'mathjs';
import { ExprError, add, call, constant, div, isUnaryFn, mul, neg, num, pow, sub, sym, type Expr } from '../expr/index.js';

const ONE = num(1);

/** Converts a mathjs node built from our functions (plus sec and sech from derivatives). */
export function fromMathNode(node: MathNode): Expr {
  switch (node.type) {
    case 'ConstantNode': {
      const v: unknown = (node as unknown as { value: unknown }).value;
      if (typeof v !== 'number') throw new ExprError(`unexpected constant ${String(v)}`);
      return num(v);
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name;
      return name === 'e' || name === 'pi' ? constant(name) : sym(name);
    }
    case 'ParenthesisNode':
      return fromMathNode((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
      const a = args.map(fromMathNode);
      switch (fn) {
        case 'unaryMinus':
          return neg(a[0]!);
        case 'unaryPlus':
          return a[0]!;
        case 'add':
          return a.reduce((x, y) => add(x, y));
        case 'subtract':
          return sub(a[0]!, a[1]!);
        case 'multiply':
          return a.reduce((x, y) => mul(x, y));
        case 'divide':
          return div(a[0]!, a[1]!);
        case 'pow': {
          const [b, e] = a as [Expr, Expr];
          // e^u is exp(u)
          if (b.kind === 'const' && b.name === 'e') return call('exp', e);
          return pow(b, e);
        }
        default:
          throw new ExprError(`unexpected operator ${fn}`);
      }
    }
    case 'FunctionNode': {
      const { fn, args } = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const name = fn.name ?? '';
      if (args.length !== 1) throw new ExprError(`unexpected call ${name} with ${args.length} arguments`);
      const a = fromMathNode(args[0]!);
      if (name === 'sec') return div(ONE, call('cos', a));
      if (name === 'sech') return div(ONE, call('cosh', a));
      // log(e) = 1, from d/dx e^x
      if (name === 'log' && a.kind === 'const' && a.name === 'e') return ONE;
      if (isUnaryFn(name)) return call(name, a);
      throw new ExprError(`unexpected function ${name}`);
    }
    default:
      throw new ExprError(`unexpected node ${node.type}`);
  }
}
