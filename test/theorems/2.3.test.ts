import { describe, expect, it } from 'vitest';
import { add, mul, rat, fromNumber, toNumber } from '../../src/kernel/rational.js';
import { check, step } from './helpers.js';

describe('Proposition 2.3 on the case files', () => {
  it.each([
    // case, verdict, counts, rigor of the counts
    ['product-generic', 'certified', { positive: 1, zero: 1, negative: 0 }, 'exact'],
    ['two-outputs', 'certified', { positive: 4, zero: 1, negative: 0 }, 'exact'],
    ['two-outputs-mean', 'certified', { positive: 4, zero: 1, negative: 0 }, 'exact'],
    ['xor', 'certified', { positive: 4, zero: 13, negative: 0 }, 'interval'],
    ['dag-skip', 'supported', { positive: 3, zero: 8, negative: 0 }, 'interval'],
    ['product-critical', 'fails', undefined, 'exact'],
    ['mlp-zero-critical', 'fails', undefined, 'cited'],
  ] as const)('%s: %s', async (name, verdict, counts, rigor) => {
    const { result } = await check(name, '2.3');
    expect(result.verdict).toBe(verdict);
    expect(result.claims.hessian).toEqual(counts);
    expect(step(result, 'hessian-counts').rigor).toBe(rigor);
  });

  it('ReLU fails the smoothness hypothesis: no Hessian counts are claimed at a point with units at their kinks', async () => {
    const { result } = await check('relu-lemma', '2.3');
    expect(result.verdict).toBe('fails');
    expect(step(result, 'smooth-model').verdict).toBe('fails');
    expect(step(result, 'hessian-counts').verdict).toBe('skipped');
    expect(result.claims.hessian).toBeUndefined();
  });

  it('a critical point of M still gets its exact counts: rank J positive, none negative', async () => {
    const { result } = await check('mlp-zero-critical', '2.3');
    const s = step(result, 'hessian-counts');
    expect(s.verdict).toBe('fails');
    expect([s.data.positive, s.data.zero, s.data.negative]).toEqual([1, 9, 0]);
  });

  it('the proven bound on λ_min⁺ is below the true value and close to it', async () => {
    // f = w1·w2·x at (1, 0.1), x = 1: J = (0.1, 1), λ_min⁺ = 2(0.01 + 1) (0.1 as its binary64 value)
    const { result } = await check('product-generic', '2.3');
    const bound = result.claims.minPositiveEigenvalueLowerBound as number;
    const exact = 2 * (0.1 * 0.1 + 1);
    expect(bound).toBeLessThanOrEqual(exact);
    expect(bound).toBeGreaterThan(0.999 * exact);
    expect(step(result, 'min-positive-eigenvalue-bound').rigor).toBe('exact');
  });

  it('the construction gives an interval bound through its triangular block', async () => {
    const { result } = await check('xor', '2.3', { fullSpectrum: true });
    const s = step(result, 'min-positive-eigenvalue-bound');
    expect(s.rigor).toBe('interval');
    const numeric = step(result, 'hessian-counts').data.numeric as { counts: object; residualTermFrobenius: number; eigenvalues: number[] };
    // the float spectrum of the true Hessian agrees, and its smallest positive eigenvalue is above the bound
    expect(numeric.counts).toEqual({ positive: 4, zero: 13, negative: 0 });
    const positive = numeric.eigenvalues.filter((v) => v > 1e-6);
    expect(Math.min(...positive)).toBeGreaterThanOrEqual(s.data.bound as number);
  });

  it('prints the size of the residual term and the tolerance of the numeric counts', async () => {
    const { result } = await check('dag-skip', '2.3', { fullSpectrum: true });
    const s = step(result, 'hessian-counts');
    expect(s.summary).toMatch(/‖R‖_F = /);
    expect(s.summary).toMatch(/tol = /);
    const numeric = s.data.numeric as { rigor: string; residualTermFrobenius: number };
    expect(numeric.rigor).toBe('float');
    expect(numeric.residualTermFrobenius).toBeLessThan(1e-10);
  });

  it('by default computes no n × n spectrum: the nonzero eigenvalues come from the Gram matrix', async () => {
    // f = w1·w2·x at (1, 0.1), x = 1: J = (0.1, 1), so 2JJᵀ = 2(0.1² + 1), exactly, with 0.1 its binary64 value
    const { result } = await check('product-generic', '2.3');
    const numeric = step(result, 'hessian-counts').data.numeric as { gram: { eigenvalues: number[] }; dense: { skipped: string } };
    expect(numeric.dense.skipped).toMatch(/--full-spectrum/);
    const tenth = fromNumber(0.1);
    const exact = mul(rat(2n), add(mul(tenth, tenth), rat(1n)));
    expect(numeric.gram.eigenvalues).toHaveLength(1);
    expect(Math.abs(numeric.gram.eigenvalues[0]! - toNumber(exact))).toBeLessThanOrEqual(4 * Number.EPSILON * toNumber(exact));
    expect(step(result, 'hessian-counts').summary).toMatch(/--full-spectrum/);
  });

  it('the Gram eigenvalues carry the mean loss factor 2/d, and agree with the dense spectrum when it is asked for', async () => {
    const sum = await check('two-outputs', '2.3', { fullSpectrum: true });
    const mean = await check('two-outputs-mean', '2.3');
    const d = mean.cert.case.d;
    const gramMean = (step(mean.result, 'hessian-counts').data.numeric as { gram: { eigenvalues: number[] } }).gram.eigenvalues;
    const dense = (step(sum.result, 'hessian-counts').data.numeric as { eigenvalues: number[]; tol: number }).eigenvalues;
    // the dense spectrum (ascending, sum loss): its positive part is the Gram spectrum of the sum
    const positive = dense.filter((v) => v > 1e-9).sort((a, b) => b - a);
    expect(positive).toHaveLength(gramMean.length);
    positive.forEach((v, i) => expect(Math.abs(v / d - gramMean[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, v / d)));
  });

  it('refuses a loss that is not the square, pointing to Remark 2.2', async () => {
    const { result } = await check('product-abs', '2.3');
    const s = step(result, 'loss-is-square');
    expect(s.verdict).toBe('fails');
    expect(s.summary).toMatch(/Remark 2.2/);
    expect(result.claims).toEqual({});
  });
});
