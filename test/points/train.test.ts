import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { buildModel } from '../../src/models/index.js';
import { gradientDescent, trainPoint } from '../../src/points/train.js';

const data = { x: [Float64Array.of(-1), Float64Array.of(1)], y: [Float64Array.of(1), Float64Array.of(-1)] };

describe('gradientDescent', () => {
  it('lowers the loss at a small rate', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'tanh' }, 1, 1);
    const w0 = Float64Array.from({ length: model.n }, (_, i) => 0.3 * Math.cos(i));
    const r = gradientDescent(model, data, w0, { steps: 300, rate: 0.05 });
    expect(r.diverged).toBe(false);
    expect(r.lossEnd).toBeLessThan(r.lossStart / 10);
  });

  it('reports divergence instead of returning NaNs as a point', () => {
    const c = caseFromObject(
      { data: { x: [[-1], [1]], y: [1, -1] }, model: { kind: 'expression', params: ['a'], inputs: ['x'], output: 'a^3*x' }, point: { train: { steps: 200, rate: 10 } }, seed: 1 },
      '',
    );
    const p = trainPoint(c, buildModel(c.model, c.data.m, c.data.k), { steps: 200, rate: 10 });
    expect(p.found).toBe(false);
    if (!p.found) expect(p.reason).toMatch(/diverged/);
  });

  it('reports progress', () => {
    const c = caseFromObject(
      { data: { x: [[-1], [1]], y: [1, -1] }, model: { kind: 'mlp', hidden: [3], activation: 'tanh' }, point: { train: { steps: 100, rate: 0.05 } }, seed: 1 },
      '',
    );
    const seen: number[] = [];
    const p = trainPoint(c, buildModel(c.model, c.data.m, c.data.k), { steps: 100, rate: 0.05 }, (f) => seen.push(f));
    expect(p.found).toBe(true);
    expect(seen.length).toBeGreaterThan(10);
    expect(Math.max(...seen)).toBeLessThan(1);
  });
});
