import fc from 'fast-check';
import { all, create } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../../src/models/activation.js';
import { fromNumber } from '../../../src/kernel/rational.js';
import { constructionSigma, smooluFill, smooluLower, smooluUpper } from '../../../src/points/construct/sigma.js';

// An independent reference: smooLU in 60-digit decimal arithmetic, from the exact value of the
// double (its shortest decimal form is not its value).
const big = create(all!, { number: 'BigNumber', precision: 60 });
const exactBig = (z: number) => {
  const r = fromNumber(z);
  return big.bignumber(r.num.toString()).div(big.bignumber(r.den.toString()));
};
const smooluBig = (z: number) => {
  const t = exactBig(z);
  return t.lte(0) ? big.bignumber(0) : t.mul(big.exp(big.bignumber(-1).div(t)));
};
const le = (a: number, b: ReturnType<typeof smooluBig>): boolean => exactBig(a).lte(b);
const ge = (a: number, b: ReturnType<typeof smooluBig>): boolean => exactBig(a).gte(b);

const positive = fc.double({ min: 1e-4, max: 1e8, noNaN: true });
const always = { vanishes: () => true };

describe('smooLU enclosure', () => {
  it('smooluLower ≤ smooLU(z) ≤ smooluUpper at float points', () => {
    fc.assert(
      fc.property(positive, (z) => {
        const exact = smooluBig(z);
        expect(le(smooluLower(z), exact)).toBe(true);
        expect(ge(smooluUpper(z), exact)).toBe(true);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('smooluFill encloses smooLU over [zlo, zhi] and returns the kernel value at z', () => {
    const act = compileActivation('smoolu');
    fc.assert(
      fc.property(positive, fc.double({ min: 0, max: 1e-9, noNaN: true }), fc.double({ min: 0, max: 1e-9, noNaN: true }), (z, a, b) => {
        const zlo = z * (1 - a);
        const zhi = z * (1 + b);
        const f = new Float64Array(1);
        const lo = new Float64Array(1);
        const hi = new Float64Array(1);
        smooluFill(z, zlo, zhi, f, lo, hi, 0);
        expect(f[0]).toBe(act.f(z));
        expect(le(lo[0]!, smooluBig(zlo))).toBe(true);
        expect(ge(hi[0]!, smooluBig(zhi))).toBe(true);
        expect(hi[0]! - lo[0]!).toBeLessThanOrEqual(1e-6 * Math.max(1, f[0]!) + 1e-300);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('is 0 on t ≤ 0', () => {
    expect(smooluLower(-1)).toBe(0);
    expect(smooluUpper(0)).toBe(0);
  });
});

describe('constructionSigma', () => {
  it.each([
    ['smoolu', true],
    ['relu', true],
    ['tanh', false],
    ['sigmoid', false],
    ['softplus', false],
  ] as const)('%s: usable = %s', (name, ok) => {
    expect(constructionSigma(compileActivation(name), always).ok).toBe(ok);
  });

  it('takes a positive form, and a plain formula only when its vanishing is proven', () => {
    expect(constructionSigma(compileActivation({ name: 'bump', positive: 'exp(-1/t - t)' }), always).ok).toBe(true);
    const cubic = compileActivation({ name: 'cubic', expr: 't^3' });
    expect(constructionSigma(cubic, { vanishes: () => false }).ok).toBe(false);
  });

  it('encloses a user form with the interval evaluator', () => {
    const s = constructionSigma(compileActivation({ name: 'bump', positive: 'exp(-1/t - t)' }), always);
    if (!s.ok) throw new Error(s.reason);
    const lo = new Float64Array(1);
    const hi = new Float64Array(1);
    for (const z of [0.01, 0.5, 1, 2, 30]) {
      s.sigma.enclose(z, z, lo, hi, 0);
      const t = exactBig(z);
      const exact = big.exp(big.bignumber(-1).div(t).sub(t));
      expect(le(lo[0]!, exact) && ge(hi[0]!, exact)).toBe(true);
    }
    s.sigma.enclose(-2, -1, lo, hi, 0);
    expect([lo[0], hi[0]]).toEqual([0, 0]);
  });
});
