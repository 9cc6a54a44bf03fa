/**
 * User expression text → Expr: the kernel's own whitelist parser (src/kernel/expr-parse.ts),
 * re-exported here so that the symbolic layer and the kernel read formulas the same way.
 */
export { MAX_EXPR_DEPTH, MAX_EXPR_LENGTH, MAX_EXPR_NODES, parseExpr } from '../kernel/expr-parse.js';
