import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/models/index.js';
import { hessianLoss } from '../../src/models/loss.js';
import { gramCols, mat, symmetricEigenvalues } from '../../src/numeric/linalg.js';
import { countSpectrum, gaussNewtonEigenvalues, trueHessianSpectrum } from '../../src/workspace/hessian.js';
import { mlpCase, expressionCase, type Case } from '../models/helpers.js';

function compare(c: Case): void {
  const model = buildModel(c.spec, c.m, c.k);
  const data = { x: c.xs, y: c.ys };
  const spec = trueHessianSpectrum(model, c.w, data);
  // independent: the models' dense Hessian of L, then the eigenvalues
  const ref = symmetricEigenvalues(mat(model.n, model.n, hessianLoss(model, c.w, data)));
  let scale = 1;
  for (const v of ref) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  if (!Number.isFinite(scale) || scale > 1e8) return; // overflowing formulas say nothing here
  ref.forEach((v, i) => expect(Math.abs(spec.eigenvalues[i]! - v)).toBeLessThanOrEqual(1e-10 * scale));
}

describe('trueHessianSpectrum', () => {
  it('equals the eigenvalues of the dense Hessian of L (models/loss.ts) on random mlps', () => {
    fc.assert(fc.property(mlpCase(), compare), { seed: 42, numRuns: 40 });
  });

  it('and on random expression models', () => {
    fc.assert(fc.property(expressionCase(), compare), { seed: 42, numRuns: 60 });
  });

  it('scales by the loss factor (the mean divides by d)', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'tanh' }, 1, 1);
    const w = Float64Array.from({ length: model.n }, (_, i) => Math.sin(i + 1));
    const data = { x: [Float64Array.of(-1), Float64Array.of(2)], y: [Float64Array.of(0.2), Float64Array.of(-0.4)] };
    const sum = trueHessianSpectrum(model, w, data);
    const mean = trueHessianSpectrum(model, w, data, { factor: 0.5 });
    sum.eigenvalues.forEach((v, i) => expect(mean.eigenvalues[i]).toBeCloseTo(v / 2, 12));
  });

  it('refuses n beyond its limit', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'tanh' }, 1, 1);
    expect(() => trueHessianSpectrum(model, new Float64Array(model.n), { x: [Float64Array.of(1)], y: [Float64Array.of(0)] }, { maxN: 5 })).toThrow(RangeError);
  });
});

describe('gaussNewtonEigenvalues', () => {
  it('are the nonzero eigenvalues of 2JᵀJ, from the d × d Gram matrix', () => {
    // multiples of 1/8: subnormal entries make linalg's tridiagonalisation return NaN (reported)
    const entry = fc.integer({ min: -16, max: 16 }).map((v) => v / 8);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((r) => fc.array(entry, { minLength: r * (r + 3), maxLength: r * (r + 3) }).map((a) => mat(r, r + 3, Float64Array.from(a)))), (J) => {
        const gn = gaussNewtonEigenvalues(J, 1);
        const full = symmetricEigenvalues(gramCols(J)).reverse();
        gn.forEach((v, i) => expect(Math.abs(v - 2 * full[i]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, full[0]!)));
        for (let i = J.rows; i < full.length; i++) expect(Math.abs(full[i]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, full[0]!));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('countSpectrum', () => {
  it('counts beyond ±tol', () => {
    expect(countSpectrum([-1, -1e-20, 0, 1e-20, 3], 1e-12)).toEqual({ positive: 1, zero: 3, negative: 1 });
  });
});
