import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmp, fromDecimal, fromNumber, mul, rat, type Rational } from '../../../src/kernel/rational.js';
import { findProjection, integerRows } from '../../../src/points/construct/projection.js';

const exactRows = (x: readonly (readonly number[])[]): Rational[][] => x.map((r) => r.map(fromNumber));
const floatRows = (x: readonly (readonly number[])[]): Float64Array[] => x.map((r) => Float64Array.from(r));
const all = (m: number): number[] => Array.from({ length: m }, (_, j) => j);

/** a·x in exact rational arithmetic, computed independently of the module's integer rows. */
const project = (a: Float64Array, row: readonly Rational[], coords: readonly number[]): Rational =>
  coords.reduce((s, c, j) => {
    const p = mul(fromNumber(a[j]!), row[c]!);
    return rat(s.num * p.den + p.num * s.den, s.den * p.den);
  }, rat(0n));

describe('integerRows', () => {
  it('brings each row to integers over its least common denominator', () => {
    const x = [[fromDecimal('0.1')!, fromDecimal('0.25')!, rat(3n)]];
    const r = integerRows(x, [0, 1, 2]);
    expect(r.D).toEqual([20n]);
    expect(r.X).toEqual([2n, 5n, 60n]);
  });
});

describe('findProjection', () => {
  it('separates XOR with the moment curve (s = 2)', () => {
    const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const out = findProjection(integerRows(exactRows(x), all(2)), floatRows(x), all(2), { seed: 1 });
    expect(out.found).toBe(true);
    if (!out.found) return;
    expect(out.projection.strategy).toBe('moment');
    expect(Array.from(out.projection.a)).toEqual([1, 2]);
    expect(Array.from(out.projection.order)).toEqual([0, 2, 1, 3]);
  });

  it('proves an order that exact rational arithmetic confirms, on random distinct data', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((m) =>
          fc.uniqueArray(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: m, maxLength: m }), {
            minLength: 1,
            maxLength: 25,
            selector: (r) => r.join(','),
          }),
        ),
        fc.integer({ min: 0, max: 1000 }),
        (x, seed) => {
          const m = x[0]!.length;
          const ex = exactRows(x.map((r) => r.map((v) => v / 4)));
          const out = findProjection(integerRows(ex, all(m)), floatRows(x.map((r) => r.map((v) => v / 4))), all(m), { seed });
          expect(out.found).toBe(true);
          if (!out.found) return;
          const p = out.projection;
          const t = ex.map((row) => project(p.a, row, all(m)));
          for (let r = 1; r < x.length; r++) expect(cmp(t[p.order[r - 1]!]!, t[p.order[r]!]!)).toBe(-1);
          // the module's own exact values agree
          t.forEach((ti, i) => expect(cmp(ti, rat(p.num[i]!, p.den[i]!))).toBe(0));
          p.a.forEach((v) => expect(Number.isInteger(v) && Math.abs(v) < 2 ** 53).toBe(true));
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });

  it('names two equal rows instead of searching forever', () => {
    const x = [[1, 2], [3, 4], [1, 2]];
    const out = findProjection(integerRows(exactRows(x), all(2)), floatRows(x), all(2), { seed: 1 });
    expect(out.found).toBe(false);
    if (out.found) return;
    expect(out.equalRows).toEqual([0, 2]);
    expect(out.reason).toContain('rows 1 and 3');
  });

  it('uses only the coordinates it is given', () => {
    const x = [[0, 5], [1, 5], [2, 7]];
    const out = findProjection(integerRows(exactRows(x), [0]), floatRows(x), [0], { seed: 3 });
    expect(out.found && out.projection.a.length).toBe(1);
  });
});
