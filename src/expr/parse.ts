/**
 * User expression text → Expr, through a whitelist. mathjs is used to parse only; its node tree
 * is walked here and every node kind we do not know is refused, so nothing the user writes can
 * reach an evaluator, a property lookup or a function we did not list (mathjs security notes:
 * `import`, `evaluate`, `parse`, `createUnit`, accessors, assignments).
 */
import type { MathNode } from 'mathjs';
import { mathjs } from './mathjs-lazy.js';
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
} from '../kernel/expr-ast.js';

/** Longest accepted text, in characters. */
export const MAX_EXPR_LENGTH = 10_000;
/** Deepest accepted tree (a sum of n terms is n deep). */
export const MAX_EXPR_DEPTH = 1_000;
/** Largest accepted tree, in nodes. */
export const MAX_EXPR_NODES = 20_000;

const BINARY: ReadonlyMap<string, BinaryKind> = new Map([
  ['add', 'add'],
  ['subtract', 'sub'],
  ['multiply', 'mul'],
  ['divide', 'div'],
  ['pow', 'pow'],
]);

/** A short rendering of a node for messages (one line, at most 40 characters). */
function show(node: MathNode): string {
  let s: string;
  try {
    s = node.toString();
  } catch {
    s = node.type;
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
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
  let root: MathNode;
  try {
    root = mathjs().parse(text);
  } catch (err) {
    // mathjs' parser recurses: very deep nesting overflows the stack before we see a tree.
    if (err instanceof RangeError) throw new ExprError('expression too deeply nested');
    const msg = err instanceof Error ? err.message : String(err);
    throw new ExprError(`syntax error: ${msg.split('\n')[0]}`);
  }
  const allowed = new Set(allowedSymbols);
  let nodes = 0;

  const convert = (node: MathNode, depth: number): Expr => {
    if (depth > MAX_EXPR_DEPTH) throw new ExprError(`expression too deep (more than ${MAX_EXPR_DEPTH} levels)`);
    if (++nodes > MAX_EXPR_NODES) throw new ExprError(`expression too large (more than ${MAX_EXPR_NODES} nodes)`);
    switch (node.type) {
      case 'ConstantNode': {
        const value: unknown = (node as unknown as { value: unknown }).value;
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) throw new ExprError(`non-finite number "${show(node)}"`);
          return num(value);
        }
        if (typeof value === 'string') throw new ExprError(`string "${value.slice(0, 40)}" is not allowed`);
        throw new ExprError(`constant "${show(node)}" is not allowed`);
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        if (allowed.has(name)) return sym(name);
        if (isConstantName(name)) return constant(name);
        const list = allowedSymbols.length > 0 ? allowedSymbols.join(', ') : 'none';
        throw new ExprError(`unknown symbol "${name}" (allowed: ${list})`);
      }
      case 'ParenthesisNode':
        return convert((node as unknown as { content: MathNode }).content, depth + 1);
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; op: string; args: MathNode[] };
        if (op.fn === 'unaryMinus' && op.args.length === 1) return negRaw(convert(op.args[0]!, depth + 1));
        if (op.fn === 'unaryPlus' && op.args.length === 1) return convert(op.args[0]!, depth + 1);
        const kind = BINARY.get(op.fn);
        if (kind !== undefined && op.args.length === 2) {
          return binRaw(kind, convert(op.args[0]!, depth + 1), convert(op.args[1]!, depth + 1));
        }
        throw new ExprError(`operator "${op.op}" is not allowed (in "${show(node)}")`);
      }
      case 'FunctionNode': {
        const fnNode = node as unknown as { fn: MathNode; args: MathNode[] };
        if (fnNode.fn.type !== 'SymbolNode') {
          // e.g. a.constructor(...): refuse the callee itself by its kind
          return convert(fnNode.fn, depth + 1);
        }
        const name = (fnNode.fn as unknown as { name: string }).name;
        if (!isUnaryFn(name)) throw new ExprError(`unknown function "${name}"`);
        if (fnNode.args.length !== 1) {
          throw new ExprError(`function "${name}" takes 1 argument, got ${fnNode.args.length}`);
        }
        return call(name, convert(fnNode.args[0]!, depth + 1));
      }
      case 'AccessorNode':
        throw new ExprError(`property or index access "${show(node)}" is not allowed`);
      case 'AssignmentNode':
        throw new ExprError(`assignment "${show(node)}" is not allowed`);
      case 'FunctionAssignmentNode':
        throw new ExprError(`function definition "${show(node)}" is not allowed`);
      case 'ArrayNode':
        throw new ExprError(`matrix "${show(node)}" is not allowed`);
      case 'ObjectNode':
        throw new ExprError(`object "${show(node)}" is not allowed`);
      case 'ConditionalNode':
        throw new ExprError(`conditional "${show(node)}" is not allowed`);
      case 'RangeNode':
        throw new ExprError(`range "${show(node)}" is not allowed`);
      case 'BlockNode':
        throw new ExprError(`several expressions ("${show(node)}") are not allowed`);
      case 'RelationalNode':
        throw new ExprError(`comparison "${show(node)}" is not allowed`);
      default:
        throw new ExprError(`"${show(node)}" (${node.type}) is not allowed`);
    }
  };
  return convert(root, 0);
}
