import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import { toString } from '../../../src/kernel/rational.js';
import type { Case } from '../../../src/cases/types.js';
import { equalInputGroups } from '../../../theorems/steps/data.js';

/** The groups by the exact values' text: the plain definition. */
function groupsByText(c: Case): number[][] {
  const byKey = new Map<string, number[]>();
  c.data.xExact.forEach((row, i) => {
    const key = row.map(toString).join(',');
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  return [...byKey.values()].filter((g) => g.length > 1);
}

const caseOf = (x: unknown[][]): Case =>
  caseFromObject(
    { name: 't', data: { x, y: x.map(() => 0) }, model: { kind: 'mlp', hidden: [2], activation: 'smoolu' }, loss: 'sum', point: 'construct' },
    't.json',
  );

describe('equal inputs', () => {
  it('groups rows by exact value, whatever wrote them', () => {
    // 0.5 as a number and as a decimal string, −0 and 0, 0.1 as a double and as the decimal
    const c = caseOf([[0.5, 0], ['0.5', -0], [0.1, 1], ['0.1', 1], [0.1, 1], ['0.50', '0']]);
    expect(equalInputGroups(c)).toEqual([[0, 1, 5], [2, 4]]);
  });

  it('agrees with grouping by the exact values written out', () => {
    const datum = fc.oneof(
      fc.constantFrom<unknown>(0, -0, 1, 0.5, '0.5', 0.1, '0.1', '1.0', 2 ** -1074, 1e300),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(datum, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 30 }), (x) => {
        const c = caseOf(x);
        expect(equalInputGroups(c)).toEqual(groupsByText(c));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
