import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeNodeName, paramId, paramName } from '../../src/symbolic/param-ids.js';
import { parseExpr } from '../../src/expr/index.js';

describe('parameter identifiers', () => {
  it.each([
    ['W1[0,1]', 'mlp', 'W1_0_1'],
    ['b2[0]', 'mlp', 'b2_0'],
    ['W12[10,3]', 'mlp', 'W12_10_3'],
    ['w[a->b]', 'dag', 'w_a__b'],
    ['w[in_1->h-2]', 'dag', 'w_in_005f1__h_002d2'],
    ['b[out]', 'dag', 'b_out'],
    ['theta', 'expression', 'theta'],
  ] as const)('%s → %s', (name, kind, id) => {
    expect(paramId(name, kind)).toBe(id);
    expect(paramName(id, kind)).toBe(name);
    // every identifier is a plain symbol to the expression parser (and so to other systems)
    expect(parseExpr(id, [id])).toEqual({ kind: 'sym', name: id });
  });

  it('round-trips any dag node names, and escaped names never contain "__"', () => {
    const node = fc.string({ minLength: 1, maxLength: 8, unit: 'binary' });
    fc.assert(
      fc.property(node, node, (a, b) => {
        expect(escapeNodeName(a)).not.toContain('__');
        expect(escapeNodeName(a)).toMatch(/^[A-Za-z0-9_]+$/);
        const w = `w[${a}->${b}]`;
        expect(paramName(paramId(w, 'dag'), 'dag')).toBe(w);
        expect(paramName(paramId(`b[${a}]`, 'dag'), 'dag')).toBe(`b[${a}]`);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('is one-to-one on distinct dag names', () => {
    expect(paramId('w[a_->b]', 'dag')).not.toBe(paramId('w[a->_b]', 'dag'));
  });
});
