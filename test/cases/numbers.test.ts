import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatumReader, exactFloat, isDatumError, readDatum, readDecimal } from '../../src/cases/numbers.js';
import { fromDecimal, fromNumber, rat, toNumber } from '../../src/kernel/rational.js';

describe('exactFloat', () => {
  it('agrees with fromNumber on every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(exactFloat(x)).toEqual(fromNumber(x));
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it.each([0.1, -0.5, 5e-324, -Number.MIN_VALUE, 2 ** -1022, 1 - 2 ** -53, Number.MAX_VALUE, 3])('agrees at %d', (x) => {
    expect(exactFloat(x)).toEqual(fromNumber(x));
  });
});

describe('readDatum', () => {
  it('reads decimal strings exactly and numbers as their binary64 value', () => {
    expect(readDatum('0.1')).toEqual({ float: 0.1, exact: rat(1n, 10n) });
    expect(readDatum(' -2.5e-3 ')).toEqual({ float: -0.0025, exact: rat(-1n, 400n) });
    expect(readDatum(0.1)).toEqual({ float: 0.1, exact: rat(3602879701896397n, 36028797018963968n) });
  });

  it('keeps float and exact consistent for decimal strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -300, max: 300 }), (n, e) => {
        const s = `${n}e${e}`;
        const r = readDatum(s);
        if (isDatumError(r)) return; // overflow or underflow: refused, tested below
        expect(r.exact).toEqual(fromDecimal(s));
        expect(r.float).toBe(Number(s));
        expect(toNumber(r.exact)).toBe(r.float);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it.each([
    [NaN, 'expected a finite number, got NaN'],
    [Infinity, 'expected a finite number, got Infinity'],
    ['abc', 'expected a number or a decimal string, got "abc"'],
    ['', 'expected a number or a decimal string, got an empty string'],
    ['0x10', 'expected a number or a decimal string, got "0x10"'],
    ['1e999', 'expected a finite number, got "1e999", which overflows binary64'],
    ['1e-400', 'expected a number binary64 can hold, got "1e-400", which underflows to 0'],
    ['1'.repeat(1001), 'a decimal string of 1,001 characters; the limit is 1,000'],
    [false, 'expected a number or a decimal string, got false'],
    [[1], 'expected a number or a decimal string, got a list of 1 entry'],
    [{}, 'expected a number or a decimal string, got a mapping'],
  ])('refuses %j', (v, msg) => {
    expect(readDatum(v)).toEqual({ error: msg });
  });

  it('accepts zero written with an exponent', () => {
    expect(readDecimal('0e-999', 'a number')).toEqual({ float: 0, exact: rat(0n) });
  });
});

describe('DatumReader', () => {
  it('returns the same values with and without its memo, -0 included', () => {
    const reader = new DatumReader(2);
    for (const v of [1, '0.5', 1, '0.5', -0, 0, 7, 8, 9, 0.25, 0.25]) {
      expect(reader.read(v)).toEqual(readDatum(v));
    }
    expect(Object.is((reader.read(-0) as { float: number }).float, -0)).toBe(true);
  });
});
