import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  cmp,
  div,
  fromDecimal,
  fromNumber,
  mul,
  parse,
  rat,
  sub,
  toDecimal,
  toJson,
  toNumber,
  toString,
} from '../../src/kernel/rational.js';

describe('rational', () => {
  it('rat reduces over a power-of-two denominator as Euclid does (the shortcut for dyadic data)', () => {
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), fc.integer({ min: 0, max: 200 }), (num, k) => {
        const den = 1n << BigInt(k);
        const r = rat(num, den);
        const g = gcd(num, den);
        return r.num === (num === 0n ? 0n : num / g) && r.den === (num === 0n ? 1n : den / g) && r.den > 0n;
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the exact binary64 value of a number', () => {
    expect(toString(fromNumber(0.1))).toBe('3602879701896397/36028797018963968');
    expect(toString(fromNumber(-2.5))).toBe('-5/2');
    expect(toString(fromNumber(5e-324))).toBe(`1/${(2n ** 1074n).toString()}`);
    expect(toString(fromNumber(2 ** 60))).toBe((2n ** 60n).toString());
  });

  it('reads decimal strings exactly', () => {
    expect(toString(fromDecimal('0.1')!)).toBe('1/10');
    expect(toString(fromDecimal('-2.5e-3')!)).toBe('-1/400');
    expect(toString(fromDecimal('12')!)).toBe('12');
    expect(toString(fromDecimal('.5')!)).toBe('1/2');
    for (const bad of ['', '.', 'abc', '1..2', 'NaN', 'Infinity', '0x10', '1e']) expect(fromDecimal(bad)).toBeUndefined();
  });

  it('round-trips every finite double through fromNumber and toNumber', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(toNumber(fromNumber(x))).toBe(x === 0 ? 0 : x);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('gives every finite double in lowest terms, as rat() would reduce it', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = fromNumber(x);
        expect(rat(r.num, r.den)).toEqual(r);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('writes every finite double back as that number, and other dyadics as their decimals', () => {
    // independent of toJson's shortcut: the exact decimal of the value, read back by Number
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(toJson(fromNumber(x))).toBe(x === 0 ? 0 : x);
      }),
      { seed: 42, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.integer({ min: 0, max: 80 }), (p, e) => {
        const a = rat(p, 2n ** BigInt(e));
        const j = toJson(a);
        const exactlyDouble = toNumber(a) === Number(toDecimal(a)!) && cmp(fromNumber(toNumber(a)), a) === 0;
        if (exactlyDouble) expect(j).toBe(toNumber(a));
        else expect(j).toBe(toDecimal(a));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('agrees with BigInt cross-multiplication on field operations', () => {
    const small = fc.tuple(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }));
    fc.assert(
      fc.property(small, small, ([an, ad], [bn, bd]) => {
        const a = rat(an, ad);
        const b = rat(bn, bd);
        // (a + b) − b = a, and (a·b)/b = a when b ≠ 0
        expect(cmp(sub(add(a, b), b), a)).toBe(0);
        if (bn !== 0n) expect(cmp(div(mul(a, b), b), a)).toBe(0);
        // order agrees with the float order where floats can tell
        const fa = Number(an) / Number(ad);
        const fb = Number(bn) / Number(bd);
        if (Math.abs(fa - fb) > 1e-9) expect(cmp(a, b)).toBe(fa < fb ? -1 : 1);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('writes exact JSON: numbers when binary64 is exact, decimal strings otherwise', () => {
    expect(toJson(fromNumber(0.1))).toBe(0.1);
    expect(toJson(fromDecimal('0.1')!)).toBe('0.1');
    expect(toJson(fromDecimal('0.5')!)).toBe(0.5);
    expect(toDecimal(rat(1n, 3n))).toBeUndefined();
    expect(toJson(rat(1n, 3n))).toBe('1/3');
    expect(toDecimal(fromDecimal('-0.0125')!)).toBe('-0.0125');
    expect(parse('-7/3')).toEqual(rat(-7n, 3n));
  });
});
