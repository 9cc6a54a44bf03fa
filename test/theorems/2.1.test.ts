import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { runCase } from '../../src/proof/runner.js';
import { findTheorem } from '../../theorems/index.js';
import { check, step } from './helpers.js';

/**
 * f = tanh(w1 + w3) + w2·x at two inputs 1e-10 apart: J = [[s, 0, s], [s, 1e-10, s]] has full
 * rank but σ_min ≈ 7e-11, so the Krawczyk test cannot contract on any box it tries, and tanh
 * keeps J from being exact: the rank is only a float fact.
 */
const nearlyCritical = caseFromObject(
  {
    data: { x: [[0], ['1e-10']], y: ['0.3', '0.3000000001'] },
    model: { kind: 'expression', params: ['w1', 'w2', 'w3'], inputs: ['x'], output: 'tanh(w1 + w3) + w2*x' },
    point: { params: { w1: Math.atanh(0.3), w2: 1, w3: 0 } },
    seed: 1,
  },
  '(nearly critical)',
);

describe('Theorem 2.1 on the case files', () => {
  it.each([
    // case, verdict, manifoldDimension, the step that fails (if any) with its rigor
    ['product-critical', 'fails', undefined, ['jacobian-full-rank', 'exact']],
    ['product-generic', 'certified', 1, undefined],
    ['product-perturbed', 'certified', 1, undefined],
    ['mlp-zero-critical', 'fails', undefined, ['jacobian-full-rank', 'cited']],
    ['dag-skip', 'certified', 8, undefined],
    ['two-outputs', 'certified', 1, undefined],
    ['relu-not-smooth', 'fails', undefined, ['smooth-model', 'exact']],
    ['xor', 'certified', 13, undefined],
  ] as const)('%s: %s', async (name, verdict, dimension, failing) => {
    const { result } = await check(name, '2.1');
    expect(result.verdict).toBe(verdict);
    expect(result.claims.manifoldDimension).toBe(dimension);
    const failed = result.steps.filter((s) => s.verdict === 'fails').map((s) => [s.id, s.rigor]);
    expect(failed).toEqual(failing === undefined ? [] : [failing]);
  });

  it('says plainly why a critical point stops the argument, with samples of M beyond it', async () => {
    const { result } = await check('product-critical', '2.1');
    const rank = step(result, 'jacobian-full-rank');
    expect(rank.summary).toMatch(/J = 0 exactly/);
    expect(rank.summary).toMatch(/critical point/);
    expect(rank.summary).toMatch(/not generic/);
    expect(rank.data.critical).toBe(true);
    const sampling = rank.data.sampling as { rigor: string; reached: number; points: { rank: number }[] };
    expect(sampling.rigor).toBe('float');
    expect(sampling.reached).toBeGreaterThan(0);
    for (const p of sampling.points) expect(p.rank).toBe(1);
    expect(step(result, 'manifold-near-point').verdict).toBe('skipped');
  });

  it('ReLU fails smoothness with its one-sided derivatives, and the manifold step is skipped', async () => {
    const { result } = await check('relu-not-smooth', '2.1');
    const s = step(result, 'smooth-model');
    expect(s.summary).toMatch(/not smooth/);
    expect(s.summary).toMatch(/0 \(left\) and 1 \(right\)/);
    expect(step(result, 'manifold-near-point').verdict).toBe('skipped');
  });

  it('with perturb: ε the certificate carries the moved target and the critical value is gone', async () => {
    const { cert, result } = await check('product-perturbed', '2.1');
    const y = cert.input.data.y as number[];
    expect(y[0]).not.toBe(0);
    expect(Math.abs(y[0]!)).toBeLessThanOrEqual(0.01);
    expect(cert.input.notes.some((n) => n.startsWith('perturb:'))).toBe(true);
    expect(step(result, 'jacobian-full-rank').verdict).toBe('holds');
    // the searched point is proven by the Krawczyk test: a true zero in a box, full rank on all of it
    expect(step(result, 'residual-vanishes').rigor).toBe('interval');
    expect(step(result, 'jacobian-full-rank').data.method).toBe('interval');
    expect(step(result, 'manifold-near-point').rigor).toBe('cited');
    expect(cert.point?.method).toBe('search');
  });

  it('grades a float rank float and prints its tolerance and singular values', async () => {
    const cert = await runCase(nearlyCritical, [findTheorem('2.1')!]);
    const result = cert.results[0]!;
    const r = step(result, 'jacobian-full-rank');
    expect(r.verdict).toBe('holds');
    expect(r.rigor).toBe('float');
    expect(r.summary).toMatch(/tol = /);
    expect(r.summary).toMatch(/no interval proof/);
    expect(r.data.tol as number).toBeGreaterThan(0);
    const sv = r.data.singularValues as number[];
    expect(sv.length).toBe(2);
    expect(sv[1]!).toBeGreaterThan(r.data.tol as number);
    expect(sv[1]!).toBeLessThan(1e-9);
    expect(step(result, 'manifold-near-point').rigor).toBe('float');
    expect(result.verdict).toBe('supported');
  });

  it('certifies the constructed point with the exact rank of the triangular block', async () => {
    const { result } = await check('xor', '2.1');
    expect(step(result, 'jacobian-full-rank').data.method).toBe('construction');
    expect(step(result, 'residual-vanishes').rigor).toBe('interval');
    expect(step(result, 'manifold-near-point').rigor).toBe('cited');
  });
});
