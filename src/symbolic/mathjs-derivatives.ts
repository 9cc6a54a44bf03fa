/**
 * Derivatives of an Expr by mathjs `derivative` (the algebra system trusted for derivatives),
 * as compiled functions of one variable. Used to cross-check our own diffExpr and nerdamer's
 * limits numerically. The trees come from the whitelisted Expr (toMathNode), never from user
 * text, so compiling them reaches only the functions the whitelist allows.
 */
import type { MathNode } from 'mathjs';
import { mathjs } from '../expr/mathjs-lazy.js';
import { toMathNode, type Expr } from '../expr/index.js';

/** t ↦ value of one derivative. */
export type RealFn = (t: number) => number;

/**
 * The functions e, e′, …, e^(order) of `variable` by repeated mathjs differentiation
 * (simplification off: it is slow and not needed for evaluation).
 */
export function mathjsDerivatives(e: Expr, order: number, variable = 't'): RealFn[] {
  let node: MathNode = toMathNode(e);
  const out: RealFn[] = [];
  for (let j = 0; j <= order; j++) {
    const compiled = node.compile();
    out.push((t: number) => {
      const v: unknown = compiled.evaluate({ [variable]: t });
      return typeof v === 'number' ? v : NaN;
    });
    if (j < order) node = mathjs().derivative(node, variable, { simplify: false });
  }
  return out;
}
