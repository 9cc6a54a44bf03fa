import { describe, expect, it } from 'vitest';
import { mul, parseExpr, type Expr } from '../../src/expr/index.js';
import { SymbolicLimit, checkSymbolicDeadline, setSymbolicDeadline } from '../../src/symbolic/budget.js';
import { MAX_TREE_NODES, structuredDiff, unfoldedSize } from '../../src/symbolic/net-calculus.js';

/** σ(σ(…σ(w·x)…)) with `depth` nested sines: shared in memory, exponential once written out by products. */
function nested(depth: number): Expr {
  let e = parseExpr('sin(w*x)', ['w', 'x']);
  for (let i = 0; i < depth; i++) e = mul(e, e);
  return e;
}

describe('bounded symbolic work', () => {
  it('counts a tree written out, shared subtrees once per use', () => {
    expect(unfoldedSize(parseExpr('w*x', ['w', 'x']))).toBe(3);
    expect(unfoldedSize(nested(1))).toBe(2 * unfoldedSize(nested(0)) + 1);
    // 2^40 leaves: counted without walking them, and capped
    expect(unfoldedSize(nested(40), 1e6)).toBe(1e6);
  });

  it('refuses to send mathjs a tree past the bound instead of growing past memory', () => {
    const big = nested(20);
    expect(unfoldedSize(big)).toBeGreaterThan(MAX_TREE_NODES);
    expect(() => structuredDiff(big, 'w')).toThrow(SymbolicLimit);
    // a small one still goes through
    expect(() => structuredDiff(nested(2), 'w')).not.toThrow();
  });

  it('stops at the step deadline, and the deadline is restored afterwards', () => {
    const restore = setSymbolicDeadline(-1);
    try {
      expect(() => checkSymbolicDeadline('the limits')).toThrow(/the limits did not finish within the step's time budget/);
      expect(() => structuredDiff(nested(2), 'w')).toThrow(SymbolicLimit);
    } finally {
      restore();
    }
    expect(() => checkSymbolicDeadline('the limits')).not.toThrow();
  });
});
