import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/models/index.js';
import type { ProgramModel } from '../../src/models/program-model.js';
import { weightedHessianSparse } from '../../src/models/sparse-hessian.js';
import { dagCase, expressionCase, mlpCase, type Case } from './helpers.js';

/** Σ c_r ∇²f_r by the model's own dense forward-over-reverse (one full sweep per parameter). */
function dense(model: ProgramModel, c: Case, weights: Float64Array): Float64Array {
  const H = model.weightedHessian(c.w, c.xs, weights);
  const n = model.n;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  return H;
}

function agree(c: Case): void {
  const model = buildModel(c.spec, c.m, c.k);
  const weights = Float64Array.from({ length: c.xs.length * c.k }, (_, r) => Math.sin(3 * r + 1));
  const want = dense(model, c, weights);
  const got = weightedHessianSparse(model.program, c.w, c.xs, weights);
  let scale = 1;
  for (const v of want) if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < want.length; i++) {
    if (!Number.isFinite(want[i]!)) continue;
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-12 * scale);
  }
  // exactly symmetric
  const n = model.n;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(got[i * n + j]).toBe(got[j * n + i]);
}

describe('weightedHessianSparse', () => {
  it('agrees with the dense forward-over-reverse Hessian on random mlps', () => {
    fc.assert(fc.property(mlpCase(), agree), { seed: 42, numRuns: 60 });
  });

  it('agrees on random dags (skip connections included)', () => {
    fc.assert(fc.property(dagCase(), agree), { seed: 42, numRuns: 60 });
  });

  it('agrees on random expression models', () => {
    fc.assert(fc.property(expressionCase(), agree), { seed: 42, numRuns: 80 });
  });

  it('gives 0 when every weight is 0', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'tanh' }, 2, 1);
    const w = Float64Array.from({ length: model.n }, (_, i) => 0.1 * (i + 1));
    const xs = [Float64Array.of(1, 2), Float64Array.of(-1, 0.5)];
    expect(weightedHessianSparse(model.program, w, xs, new Float64Array(2)).every((v) => v === 0)).toBe(true);
  });
});
