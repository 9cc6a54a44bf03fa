import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextDown, nextUp } from '../../../src/kernel/interval.js';
import { down, down2, up, up2 } from '../../../src/points/construct/rounding.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('up / down', () => {
  it('step at least to the neighbouring float (bit-level nextUp / nextDown as the reference)', () => {
    fc.assert(
      fc.property(finite, (x) => {
        expect(up(x)).toBeGreaterThanOrEqual(nextUp(x));
        expect(down(x)).toBeLessThanOrEqual(nextDown(x));
        expect(up2(x)).toBeGreaterThanOrEqual(nextUp(nextUp(x)));
        expect(down2(x)).toBeLessThanOrEqual(nextDown(nextDown(x)));
      }),
      { seed: 42, numRuns: 20_000 },
    );
  });

  it('step at most a few ulps (they stay useful bounds)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        expect(up(x)).toBeLessThanOrEqual(nextUp(nextUp(x)));
        expect(down(x)).toBeGreaterThanOrEqual(nextDown(nextDown(x)));
      }),
      { seed: 42, numRuns: 5_000 },
    );
  });

  it.each([0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, 1, -1, Number.MAX_VALUE / 2])('handles %s', (x) => {
    expect(up(x)).toBeGreaterThan(x);
    expect(down(x)).toBeLessThan(x);
  });

  it('leaves infinities and NaN alone', () => {
    expect(up(Infinity)).toBe(Infinity);
    expect(up(-Infinity)).toBe(-Infinity);
    expect(down(-Infinity)).toBe(-Infinity);
    expect(down(Infinity)).toBe(Infinity);
    expect(up(NaN)).toBeNaN();
  });
});
