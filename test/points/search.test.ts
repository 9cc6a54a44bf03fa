import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { perturbTargets } from '../../src/cases/perturb.js';
import { buildModel } from '../../src/models/index.js';
import { residuals } from '../../src/models/loss.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { pointOf } from '../../src/workspace/point.js';
import { levenbergMarquardt, maxAbs, residualTolerance, searchPoint, searchZeros } from '../../src/points/search.js';
import type { Case } from '../../src/cases/types.js';

const searchCase = (c: Case) => searchPoint(c, buildModel(c.model, c.data.m, c.data.k));

const product = buildModel({ kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: ['w1*w2*x'] }, 1, 1);

describe('levenbergMarquardt', () => {
  it('reaches a zero of F from random starts on an overparameterized mlp', () => {
    const model = buildModel({ kind: 'mlp', hidden: [5], activation: 'tanh' }, 1, 1);
    const data = { x: [Float64Array.of(-1), Float64Array.of(0), Float64Array.of(1)], y: [Float64Array.of(0.5), Float64Array.of(-0.2), Float64Array.of(0.3)] };
    const r = searchZeros(model, data, 7, { starts: 4 });
    expect(r.found.length).toBeGreaterThan(0);
    const w = r.found[0]!;
    expect(maxAbs(residuals(model, w, data))).toBeLessThanOrEqual(residualTolerance(data));
    expect(r.tries.at(-1)!.converged).toBe(true);
  });

  it('takes the minimum-norm step: from (1, 1) towards w1·w2 = 2 it moves along J = (1, 1)', () => {
    const data = { x: [Float64Array.of(1)], y: [Float64Array.of(2)] };
    const r = levenbergMarquardt(product, data, Float64Array.of(1, 1), { maxIterations: 50 });
    expect(r.converged).toBe(true);
    // symmetric start, symmetric problem: the iterates stay on w1 = w2 and land at √2
    expect(r.w[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(r.w[1]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('cannot leave a critical point by itself, and says so', () => {
    const data = { x: [Float64Array.of(1)], y: [Float64Array.of(0.1)] };
    const r = levenbergMarquardt(product, data, Float64Array.of(0, 0));
    expect(r.converged).toBe(false);
    expect(r.stopped).toMatch(/critical/);
  });

  it('lands on M for random targets of the product model (seeded, property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (y, seed) => {
        const data = { x: [Float64Array.of(1)], y: [Float64Array.of(y)] };
        const r = searchZeros(product, data, seed, { starts: 6 });
        expect(r.found.length).toBe(1);
        expect(Math.abs(r.found[0]![0]! * r.found[0]![1]! - y)).toBeLessThanOrEqual(residualTolerance(data));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('point: search', () => {
  const obj = {
    data: { x: [[1]], y: [0.1] },
    model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' },
    point: 'search',
    seed: 5,
  };

  it('reports what it tried and is reproducible', () => {
    const a = searchCase(caseFromObject(obj, ''));
    const b = searchCase(caseFromObject(obj, ''));
    expect(a.found).toBe(true);
    if (!a.found || !b.found) return;
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(a.method).toBe('search');
    expect(Array.isArray(a.data.tries)).toBe(true);
    expect(a.summary).toMatch(/Levenberg–Marquardt/);
  });

  it('starts from the given point when the targets are perturbed, and leaves a critical one', () => {
    const c = caseFromObject({ ...obj, data: { x: [[1]], y: [0] }, point: { params: { w1: 0, w2: 0 } }, perturb: 0.01 }, '');
    const p = pointOf(new Workspace(perturbTargets(c)));
    expect(p.found).toBe(true);
    expect(p.method).toBe('search');
    const tries = p.data.tries as { from: string; converged: boolean }[];
    expect(tries[0]!.from).toBe('given');
    expect(tries[0]!.converged).toBe(false);
  });
});
