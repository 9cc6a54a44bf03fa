import { describe, expect, it } from 'vitest';
import { check, step } from './helpers.js';

describe('Theorem 4.1 on the case files', () => {
  it.each([
    // case, verdict, manifold dimension, Hessian counts, failing step
    ['xor', 'certified', 13, { positive: 4, zero: 13, negative: 0 }, undefined],
    ['iris', 'certified', 748, { positive: 447, zero: 748, negative: 0 }, undefined],
    ['dag-layer', 'certified', 14, { positive: 4, zero: 14, negative: 0 }, undefined],
    ['deep-smoolu', 'certified', 19, { positive: 4, zero: 19, negative: 0 }, undefined],
    ['deep-bump', 'certified', 48, { positive: 8, zero: 48, negative: 0 }, undefined],
    ['relu-lemma', 'fails', undefined, undefined, 'activation-smooth'],
    ['tanh', 'fails', undefined, undefined, 'activation-vanishes-nonpositive'],
    ['narrow', 'fails', undefined, undefined, 'width-at-least-d'],
    ['iris-raw', 'fails', undefined, undefined, 'distinct-inputs'],
  ] as const)('%s: %s', async (name, verdict, dimension, hessian, failing) => {
    const { result } = await check(name, '4.1');
    expect(result.verdict).toBe(verdict);
    expect(result.claims.manifoldDimension).toBe(dimension);
    expect(result.claims.hessian).toEqual(hessian);
    expect(result.steps.filter((s) => s.verdict === 'fails').map((s) => s.id)).toEqual(failing === undefined ? [] : [failing]);
  });

  it('proves rank J = d exactly from the triangular block, and bounds λ_min⁺ rigorously', async () => {
    const { result, cert } = await check('xor', '4.1');
    const rank = step(result, 'jacobian-full-rank');
    expect(rank.rigor).toBe('exact');
    expect(rank.data.rank).toBe(4);
    const h = step(result, 'hessian-spectrum');
    expect(h.rigor).toBe('interval');
    const bound = result.claims.minPositiveEigenvalueLowerBound as number;
    expect(bound).toBeGreaterThan(0);
    // at most 2σ_min(A)² as estimated by inverse iteration (the bound must not exceed it)
    expect(bound).toBeLessThanOrEqual(2 * (h.data.sigmaMinEstimate as number) ** 2);
    // the certificate carries the constructed point and its box
    expect(cert.point?.method).toBe('construct');
    expect(cert.point?.enclosure?.length).toBe(17);
  });
});
