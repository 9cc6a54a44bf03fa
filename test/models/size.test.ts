import { describe, expect, it } from 'vitest';
import { doesNotFit, estimateWork, parameterCount } from '../../src/models/size.js';
import { mlpParamCount } from '../../src/cases/model.js';
import type { ModelSpec } from '../../src/cases/types.js';

const mlp = (hidden: number[]): ModelSpec => ({ kind: 'mlp', hidden, activation: 'smoolu' });
const GB = 1e9;

describe('estimateWork', () => {
  it('counts an mlp the way the loader does', () => {
    for (const hidden of [[4], [3, 5], [14000, 14000]]) expect(BigInt(parameterCount(mlp(hidden), 2, 3))).toBe(mlpParamCount(2, hidden, 3));
  });

  it('counts a dag as its edges and its non-input nodes', () => {
    const dag: ModelSpec = { kind: 'dag', nodes: ['x', 'h', 'y'], inputs: ['x'], outputs: ['y'], edges: [['x', 'h'], ['h', 'y']], activation: 'smoolu' };
    expect(parameterCount(dag, 1, 1)).toBe(4);
  });

  it.each([
    ['hidden [14000, 14000] on xor', mlp([14000, 14000]), 4, 2, 1, 'parameters'],
    ['hidden [8000, 8000] on xor', mlp([8000, 8000]), 4, 2, 1, 'parameters'],
    ['d = 500, m = 100,000, hidden [500]', mlp([500]), 500, 100_000, 1, 'Jacobian'],
    ['d = 20,000, hidden [d]', mlp([20_000]), 20_000, 2, 1, 'Jacobian'],
  ])('refuses %s under a 4.3 GB budget, naming the largest term', (_, model, d, m, k, largest) => {
    const why = doesNotFit(model, d, m, k, 4.3 * GB);
    expect(why).toMatch(/would need about [\d.]+ GB/);
    expect(why).toContain(largest);
    expect(why).toContain('the budget is 4.3 GB');
  });

  it.each([
    ['xor, hidden [4]', mlp([4]), 4, 2, 1],
    ['hidden [2000, 2000] on xor (runs in 4.3 GB)', mlp([2000, 2000]), 4, 2, 1],
    ['the d = 2,000, m = 64 benchmark', mlp([2000]), 2000, 64, 1],
  ])('accepts %s', (_, model, d, m, k) => {
    expect(doesNotFit(model, d, m, k, 4.3 * GB)).toBeUndefined();
  });

  it('grows with the Jacobian d·k × n', () => {
    const a = estimateWork(mlp([100]), 100, 2, 1);
    const b = estimateWork(mlp([100]), 100, 2, 2);
    expect(b.terms[1]!.bytes).toBeGreaterThan(1.9 * a.terms[1]!.bytes);
  });
});
