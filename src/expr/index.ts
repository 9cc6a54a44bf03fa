/**
 * Safe user expressions: parse (through a whitelist), evaluate, differentiate, print.
 * The one entry point for the rest of the code base; the pieces live in expr-*.ts.
 */
export {
  CONSTANTS,
  ExprError,
  UNARY_FNS,
  add,
  binRaw,
  call,
  constant,
  dependsOn,
  div,
  exprSize,
  isConstantName,
  isUnaryFn,
  mul,
  neg,
  negRaw,
  num,
  pow,
  sub,
  substitute,
  sym,
  symbolsOf,
  type BinaryKind,
  type ConstantName,
  type Expr,
  type UnaryFn,
} from '../kernel/expr-ast.js';
export { MAX_EXPR_DEPTH, MAX_EXPR_LENGTH, MAX_EXPR_NODES, parseExpr } from './parse.js';
export { compileExpr, evalExpr } from './evaluate.js';
export { diffExpr } from './diff.js';
export { exprToString, toMathNode } from './print.js';
export { fnCode, fnD1, fnD2, fnValue, sigmoid, sigmoidD1, sigmoidD2 } from './functions.js';
