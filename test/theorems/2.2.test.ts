import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import theorem2_2 from '../../theorems/2.2.js';
import { check, step } from './helpers.js';

describe('Remark 2.2 on the case files', () => {
  it.each([
    // case, verdict, expected growth exponent across M, what the second-order step says
    ['product-abs', 'supported', 1, /not differentiable on M/],
    ['product-power3', 'supported', 3, /∇²L̂ = 0 on M/],
    ['two-outputs-mean', 'supported', 2, /divided by d = 2/],
  ] as const)('%s: %s, L̂ grows like |t|^%s across M', async (name, verdict, a, second) => {
    const { result } = await check(name, '2.2');
    expect(result.verdict).toBe(verdict);
    expect(result.claims.manifoldDimension).toBe(1);
    expect(step(result, 'same-zero-set').rigor).toBe('exact');
    const profile = step(result, 'loss-across-M');
    expect(profile.rigor).toBe('float');
    expect(profile.data.exponentLeft as number).toBeCloseTo(a, 1);
    expect(profile.data.exponentRight as number).toBeCloseTo(a, 1);
    expect((profile.data.picture as string[]).length).toBeGreaterThan(5);
    const s = step(result, 'second-order-at-M');
    expect(s.rigor).toBe('exact');
    expect(s.summary).toMatch(second);
  });

  it('shows the kink of Σ|fᵢ|: one-sided slopes of opposite sign', async () => {
    const { result } = await check('product-abs', '2.2');
    const d = step(result, 'loss-across-M').data as { slopeLeft: number; slopeRight: number };
    expect(d.slopeLeft).toBeLessThan(0);
    expect(d.slopeRight).toBeGreaterThan(0);
    expect(d.slopeRight).toBeCloseTo(-d.slopeLeft, 2);
  });

  it('the mean halves every eigenvalue of the sum', async () => {
    const { result } = await check('two-outputs-mean', '2.2');
    const d = step(result, 'second-order-at-M').data as { sumEigenvalues: number[]; meanEigenvalues: number[] };
    d.sumEigenvalues.forEach((v, i) => expect(d.meanEigenvalues[i]).toBeCloseTo(v / 2, 10));
  });

  it('runs by default only where the loss is not the plain sum', () => {
    expect(theorem2_2.fits(loadCase('cases/product-generic.yaml'))).toBe(false);
    expect(theorem2_2.fits(loadCase('cases/product-abs.yaml'))).toBe(true);
  });
});
