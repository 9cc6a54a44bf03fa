import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextUp } from '../../../src/kernel/interval.js';
import { fromNumber, rat } from '../../../src/kernel/rational.js';
import { bitLength, fromRationalP, pAdd, pDiv, pExp, pMul, toFloatInterval, withPrecision } from '../../../src/kernel/checker/precise.js';

const q = fc.double({ min: -700, max: 700, noNaN: true });

describe('tight enclosures (precise.ts)', () => {
  it('bitLength is the length of |m| in binary, also just around powers of two where a double rounds onto them', () => {
    const ref = (m: bigint): number => (m === 0n ? 0 : (m < 0n ? -m : m).toString(2).length);
    const edge: bigint[] = [0n, 1n, -1n];
    for (const k of [1, 31, 32, 33, 52, 53, 54, 64, 100, 120, 240, 1023, 1024, 1100]) {
      const p = 1n << BigInt(k);
      for (const m of [p - 2n, p - 1n, p, p + 1n, p + 2n]) edge.push(m, -m);
    }
    for (const m of edge) expect(bitLength(m), String(m)).toBe(ref(m));
    fc.assert(fc.property(fc.bigInt({ min: -(1n << 1200n), max: 1n << 1200n }), (m) => bitLength(m) === ref(m)), { numRuns: 2000 });
  });

  it('e^q: at most one float gap wide, and holding Math.exp(q) (faithful in V8)', () => {
    fc.assert(
      fc.property(q, (x) => {
        const e = toFloatInterval(pExp(fromRationalP(fromNumber(x))));
        expect(e.hi <= nextUp(e.lo)).toBe(true);
        expect(e.lo <= Math.exp(x) && Math.exp(x) <= e.hi).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('e^a · e^b encloses e^(a+b), and e^q · e^(−q) encloses 1: identities, not the float library', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), (a, b) => {
        const A = fromRationalP(fromNumber(a));
        const B = fromRationalP(fromNumber(b));
        const prod = toFloatInterval(pMul(pExp(A), pExp(B)));
        const sum = toFloatInterval(pExp(pAdd(A, B)));
        expect(prod.lo <= sum.hi && sum.lo <= prod.hi).toBe(true);
        const one = toFloatInterval(pMul(pExp(A), pExp(fromRationalP(fromNumber(-a)))));
        expect(one.lo <= 1 && 1 <= one.hi).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rationals that are not floats are enclosed tightly; division by an interval holding 0 has no value', () => {
    const third = toFloatInterval(fromRationalP(rat(1n, 3n)));
    expect(third.lo <= 1 / 3 && 1 / 3 <= third.hi && third.hi <= nextUp(third.lo)).toBe(true);
    expect(pDiv(fromRationalP(rat(1n)), { lo: fromRationalP(rat(-1n)).lo, hi: fromRationalP(rat(1n)).hi })).toBeUndefined();
  });

  it('more bits give a tighter sum of cancelling terms', () => {
    const big = fromRationalP(rat(10n ** 30n));
    const third = fromRationalP(rat(1n, 3n));
    const at = (bits: number) => withPrecision(bits, () => toFloatInterval(pAdd(pAdd(big, third), fromRationalP(rat(-(10n ** 30n))))));
    const loose = at(80);
    const tight = at(300);
    expect(tight.hi - tight.lo).toBeLessThan(loose.hi - loose.lo);
    expect(tight.lo <= 1 / 3 && 1 / 3 <= tight.hi).toBe(true);
  });
});
