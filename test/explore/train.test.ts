import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { exploreTrain, relabelledDistance, trainJson, trainSettings } from '../../src/explore/explore-train.js';
import { renderTrain } from '../../src/explore/render-train.js';
import { descend, trainIntoM, trainStart } from '../../src/explore/train.js';
import { buildModel, mlpLayout } from '../../src/models/index.js';
import { rngFor } from '../../src/numeric/random.js';
import { residualTolerance } from '../../src/points/search.js';
import { THEOREMS } from '../../theorems/index.js';

const xor = loadCase('cases/xor.yaml');
const xorModel = buildModel(xor.model, xor.data.m, xor.data.k);
const xorData = { x: xor.data.x, y: xor.data.y };

describe('training XOR into M', () => {
  it('reaches M from one of a few seeds, and the Hessian counts there match n − d', async () => {
    const r = await exploreTrain(xor, { theorems: THEOREMS, tries: 4 });
    expect(r.chosen).toBeDefined();
    expect(r.tries.length).toBeLessThanOrEqual(4);
    expect(r.chosen!.reached).toBe(true);
    expect(r.chosen!.residual).toBeLessThanOrEqual(r.tol);
    expect(r.chosen!.loss).toBeLessThan(1e-20 * 3);
    const sp = r.spectrum!;
    expect('skipped' in sp).toBe(false);
    if ('skipped' in sp) return;
    // Proposition 2.3 on M: d = 4 positive, n − d = 13 zero, none negative (float, at the stated tolerance).
    expect(sp.spectrum.counts).toEqual({ positive: 4, zero: 13, negative: 0 });
    expect(sp.widened).toEqual({ positive: 4, zero: 13, negative: 0 });
    expect(sp.matches).toBe(true);
    expect(sp.spectrum.residualTerm.frobenius).toBeLessThan(sp.spectrum.tol);
    // The trained point's own certificate agrees.
    const t23 = r.end!.results.find((x) => x.theorem === '2.3')!;
    expect(t23.claims.hessian).toEqual({ positive: 4, zero: 13, negative: 0 });
    expect(r.end!.results.find((x) => x.theorem === '2.1')!.claims).toEqual({ manifoldDimension: 13 });
  });

  it('compares with the constructed point: both on M, far apart, same local dimension', async () => {
    const r = await exploreTrain(xor, { theorems: THEOREMS, tries: 4 });
    const cmp = r.comparison!;
    expect('skipped' in cmp).toBe(false);
    if ('skipped' in cmp) return;
    expect(cmp.method).toBe('construct');
    expect(cmp.other.residual).toBeLessThanOrEqual(r.tol);
    expect(r.trained!.localDimension).toBe(13);
    expect(cmp.other.localDimension).toBe(13);
    expect(cmp.distance).toBeGreaterThan(10);
    expect(cmp.relabelled).toBeDefined();
    expect(cmp.relabelled!).toBeLessThanOrEqual(cmp.distance + 1e-12);
    const text = renderTrain(r).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Compared with the constructed point');
    expect(text).toContain('as Proposition 2.3 predicts on M');
    const j = trainJson(r) as { train: { reached: boolean }; spectrum: { counts: unknown; predicted: unknown }; end: { format: string } };
    expect(j.train.reached).toBe(true);
    expect(j.spectrum.counts).toEqual(j.spectrum.predicted);
    expect(j.end.format).toBe('overparam-certificate/1');
  });

  it('says so when no run reaches M (seed 2 settles in a local minimum with L = 2/3), without a certificate', async () => {
    const r = await exploreTrain(xor, { theorems: THEOREMS, tries: 1, seed: 2 });
    expect(r.tries[0]!.loss).toBeCloseTo(2 / 3, 6);
    expect(r.chosen).toBeUndefined();
    expect(r.end).toBeNull();
    expect(renderTrain(r).join('\n')).toContain('No run reached M');
  });
});

describe('the pieces', () => {
  it('trainStart draws the start of `point: train` for the seed', () => {
    const rng = rngFor(3, 'train');
    const expected = Array.from({ length: 5 }, () => 0.5 * rng.normal());
    expect(Array.from(trainStart(5, 3))).toEqual(expected);
  });

  it('descend lowers the loss, records it, and reports divergence as a value', () => {
    const tol = residualTolerance(xorData);
    const w0 = trainStart(xorModel.n, 1);
    const d = descend(xorModel, xorData, w0, { steps: 200, rate: 0.05, tol, every: 20 });
    expect(d.lossEnd).toBeLessThan(d.lossStart);
    expect(d.history.map((h) => h[0])).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200]);
    const bad = descend(xorModel, xorData, w0, { steps: 200, rate: 1e6, tol, every: 1 });
    expect(bad.diverged).toBe(true);
    expect(bad.steps).toBeLessThan(200);
  });

  it('trainIntoM stops at the first seed that reaches M', () => {
    const tol = residualTolerance(xorData);
    const tries = trainIntoM(xorModel, xorData, { steps: 3000, rate: 0.05, seed: 2, tries: 5, tol });
    expect(tries.at(-1)!.reached).toBe(true);
    expect(tries.slice(0, -1).every((t) => !t.reached)).toBe(true);
    expect(tries.map((t) => t.seed)).toEqual(tries.map((_, i) => 2 + i));
  });

  it('trainSettings: options, then the case, then the defaults', () => {
    expect(trainSettings(xor)).toEqual({ steps: 3000, rate: 0.05, tries: 5, seed: 1, scale: 0.5 });
    const own = { ...xor, point: { kind: 'train' as const, steps: 77, rate: 0.2 } };
    expect(trainSettings(own, { rate: 0.1 })).toMatchObject({ steps: 77, rate: 0.1 });
  });

  it('relabelledDistance is 0 between a point and its hidden units permuted, and sees through no other change', () => {
    const layout = mlpLayout(2, [4], 1);
    const [hidden, output] = [layout.layers[0]!, layout.layers[1]!];
    const a = trainStart(layout.n, 9);
    const perm = [2, 0, 3, 1];
    const b = Float64Array.from(a);
    perm.forEach((src, dst) => {
      for (let q = 0; q < hidden.fanIn; q++) b[hidden.wOffset + dst * hidden.fanIn + q] = a[hidden.wOffset + src * hidden.fanIn + q]!;
      b[hidden.bOffset + dst] = a[hidden.bOffset + src]!;
      b[output.wOffset + dst] = a[output.wOffset + src]!;
    });
    expect(relabelledDistance(xor, a, b)).toBe(0);
    const c = Float64Array.from(b);
    c[output.bOffset] = c[output.bOffset]! + 0.5;
    expect(relabelledDistance(xor, a, c)).toBeCloseTo(0.5, 14);
    expect(relabelledDistance(loadCase('cases/deep-smoolu.yaml'), a, b)).toBeUndefined();
  });
});
