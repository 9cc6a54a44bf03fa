import { describe, expect, it } from 'vitest';
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
    const { result } = await check('xor', '2.3');
    const s = step(result, 'min-positive-eigenvalue-bound');
    expect(s.rigor).toBe('interval');
    const numeric = step(result, 'hessian-counts').data.numeric as { counts: object; residualTermFrobenius: number; eigenvalues: number[] };
    // the float spectrum of the true Hessian agrees, and its smallest positive eigenvalue is above the bound
    expect(numeric.counts).toEqual({ positive: 4, zero: 13, negative: 0 });
    const positive = numeric.eigenvalues.filter((v) => v > 1e-6);
    expect(Math.min(...positive)).toBeGreaterThanOrEqual(s.data.bound as number);
  });

  it('prints the size of the residual term and the tolerance of the numeric counts', async () => {
    const { result } = await check('dag-skip', '2.3');
    const s = step(result, 'hessian-counts');
    expect(s.summary).toMatch(/‖R‖_F = /);
    expect(s.summary).toMatch(/tol = /);
    const numeric = s.data.numeric as { rigor: string; residualTermFrobenius: number };
    expect(numeric.rigor).toBe('float');
    expect(numeric.residualTermFrobenius).toBeLessThan(1e-10);
  });

  it('refuses a loss that is not the square, pointing to Remark 2.2', async () => {
    const { result } = await check('product-abs', '2.3');
    const s = step(result, 'loss-is-square');
    expect(s.verdict).toBe('fails');
    expect(s.summary).toMatch(/Remark 2.2/);
    expect(result.claims).toEqual({});
  });
});
