/**
 * Numeric evaluation of an Expr: a closure tree built once (no `eval`, no `new Function`, no
 * mathjs evaluator), then called per point with the symbol values in a Float64Array.
 */
import { ExprError, constantValue, type Expr } from '../kernel/expr-ast.js';
import { fnCode, fnValue } from './functions.js';

type Compiled = (values: Float64Array) => number;

/**
 * Compiles `e` into a function of `values`, where `values[i]` is the value of `symbols[i]`.
 * Throws ExprError if `e` mentions a symbol not in `symbols`.
 */
export function compileExpr(e: Expr, symbols: readonly string[]): Compiled {
  const index = new Map<string, number>();
  symbols.forEach((s, i) => index.set(s, i));
  const build = (x: Expr): Compiled => {
    switch (x.kind) {
      case 'num': {
        const v = x.value;
        return () => v;
      }
      case 'const': {
        const v = constantValue(x.name);
        return () => v;
      }
      case 'sym': {
        const i = index.get(x.name);
        if (i === undefined) throw new ExprError(`unknown symbol "${x.name}" (allowed: ${symbols.join(', ') || 'none'})`);
        return (vals) => vals[i]!;
      }
      case 'neg': {
        const a = build(x.arg);
        return (vals) => -a(vals);
      }
      case 'call': {
        const a = build(x.arg);
        const code = fnCode(x.fn);
        return (vals) => fnValue(code, a(vals));
      }
      case 'add': {
        const a = build(x.left);
        const b = build(x.right);
        return (vals) => a(vals) + b(vals);
      }
      case 'sub': {
        const a = build(x.left);
        const b = build(x.right);
        return (vals) => a(vals) - b(vals);
      }
      case 'mul': {
        const a = build(x.left);
        const b = build(x.right);
        return (vals) => a(vals) * b(vals);
      }
      case 'div': {
        const a = build(x.left);
        const b = build(x.right);
        return (vals) => a(vals) / b(vals);
      }
      case 'pow': {
        const a = build(x.left);
        if (x.right.kind === 'num' && x.right.value === 2) return (vals) => { const u = a(vals); return u * u; };
        const b = build(x.right);
        return (vals) => Math.pow(a(vals), b(vals));
      }
    }
  };
  return build(e);
}

/** Evaluates `e` at `env` (symbol name → value). For repeated evaluation use compileExpr. */
export function evalExpr(e: Expr, env: Readonly<Record<string, number>>): number {
  const names = Object.keys(env);
  const values = Float64Array.from(names, (n) => env[n]!);
  return compileExpr(e, names)(values);
}
