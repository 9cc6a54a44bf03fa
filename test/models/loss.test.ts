import fc from 'fast-check';
import { derivative } from 'mathjs';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/cases/types.js';
import { buildModel } from '../../src/models/index.js';
import { gradLoss, hessianLoss, hessianVectorLoss, lossValue, residuals, type Data } from '../../src/models/loss.js';
import type { Model } from '../../src/models/types.js';
import {
  dagCase,
  expressionCase,
  lossFormula,
  matVec,
  maxRelErr,
  mlpCase,
  scopeOf,
  toMathNode,
  type Case,
} from './helpers.js';

const dataOf = (c: Case): Data => ({ x: c.xs, y: c.ys });
const anyCase = fc.oneof(mlpCase(), dagCase(), expressionCase());
const moderate = (a: Float64Array): boolean => a.every((v) => Number.isFinite(v) && Math.abs(v) < 1e3);

/** Only the Model interface: exercises the loss helpers' fallback through J. */
function plain(model: Model): Model {
  return {
    kind: model.kind,
    n: model.n,
    m: model.m,
    k: model.k,
    names: model.names,
    forward: (w, x) => model.forward(w, x),
    outputs: (w, xs) => model.outputs(w, xs),
    jacobian: (w, xs) => model.jacobian(w, xs),
    weightedHessianVector: (w, xs, c, v) => model.weightedHessianVector(w, xs, c, v),
  };
}

/** ∇²L by 5-point differences of gradLoss. */
function fdHessian(model: Model, w: Float64Array, data: Data, h = 1e-3): Float64Array {
  const n = model.n;
  const H = new Float64Array(n * n);
  const wp = Float64Array.from(w);
  const g = (j: number, delta: number): Float64Array => {
    wp[j] = w[j]! + delta;
    const r = gradLoss(model, wp, data);
    wp[j] = w[j]!;
    return r;
  };
  for (let j = 0; j < n; j++) {
    const [a, b, c, d] = [g(j, 2 * h), g(j, h), g(j, -h), g(j, -2 * h)];
    for (let i = 0; i < n; i++) H[i * n + j] = (-a[i]! + 8 * b[i]! - 8 * c[i]! + d[i]!) / (12 * h);
  }
  return H;
}

describe('residuals and loss', () => {
  it('F = f − y sample-major, L = Σ F²', () => {
    const model = buildModel({ kind: 'expression', params: ['a'], inputs: ['x'], output: ['a*x', 'a+x'] }, 1, 2);
    const data: Data = { x: [Float64Array.of(1), Float64Array.of(2)], y: [Float64Array.of(0, 1), Float64Array.of(3, 0)] };
    const F = residuals(model, Float64Array.of(2), data);
    expect(Array.from(F)).toEqual([2, 2, 1, 4]);
    expect(lossValue(F)).toBe(25);
  });

  it('refuses mismatched data', () => {
    const model = buildModel({ kind: 'expression', params: ['a'], inputs: ['x'], output: ['a*x'] }, 1, 1);
    expect(() => residuals(model, Float64Array.of(1), { x: [Float64Array.of(1)], y: [] })).toThrow(RangeError);
    expect(() => residuals(model, Float64Array.of(1), { x: [Float64Array.of(1)], y: [Float64Array.of(1, 2)] })).toThrow(RangeError);
  });
});

describe('gradient and Hessian of the loss', () => {
  it('∇L = 2JᵀF, with and without the model kernels', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const data = dataOf(c);
        const J = model.jacobian(c.w, c.xs);
        fc.pre(moderate(J) && moderate(model.outputs(c.w, c.xs)));
        const F = residuals(model, c.w, data);
        const ref = new Float64Array(model.n);
        for (let r = 0; r < F.length; r++) for (let p = 0; p < model.n; p++) ref[p]! += 2 * F[r]! * J[r * model.n + p]!;
        expect(maxRelErr(gradLoss(model, c.w, data), ref)).toBeLessThan(1e-12);
        expect(maxRelErr(gradLoss(plain(model), c.w, data), ref)).toBeLessThan(1e-12);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('∇²L matches 5-point differences of ∇L and is symmetric', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const data = dataOf(c);
        fc.pre(moderate(model.jacobian(c.w, c.xs)) && moderate(model.outputs(c.w, c.xs)));
        const H = hessianLoss(model, c.w, data);
        fc.pre(moderate(H));
        const n = model.n;
        expect(maxRelErr(H, fdHessian(model, c.w, data))).toBeLessThan(1e-6);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(H[i * n + j]).toBe(H[j * n + i]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('the raw Σ c_r ∇²f_r is symmetric before symmetrising', () => {
    fc.assert(
      fc.property(anyCase, fc.integer({ min: 1, max: 1000 }), (c, seed) => {
        const model = buildModel(c.spec, c.m, c.k);
        const cw = Float64Array.from({ length: c.xs.length * c.k }, (_, i) => Math.sin(seed + i));
        const S = model.weightedHessian(c.w, c.xs, cw);
        fc.pre(moderate(S));
        const n = model.n;
        const St = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) St[i * n + j] = S[j * n + i]!;
        expect(maxRelErr(S, St)).toBeLessThan(1e-12);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('Hessian-vector products agree with the matrices', () => {
    fc.assert(
      fc.property(anyCase, fc.integer({ min: 1, max: 1000 }), (c, seed) => {
        const model = buildModel(c.spec, c.m, c.k);
        const data = dataOf(c);
        const n = model.n;
        const v = Float64Array.from({ length: n }, (_, i) => Math.cos(seed * (i + 1)));
        const cw = Float64Array.from({ length: c.xs.length * c.k }, (_, i) => Math.sin(seed + i));
        const S = model.weightedHessian(c.w, c.xs, cw);
        const H = hessianLoss(model, c.w, data);
        fc.pre(moderate(S) && moderate(H));
        expect(maxRelErr(model.weightedHessianVector(c.w, c.xs, cw, v), matVec(S, v, n, n))).toBeLessThan(1e-11);
        const Hv = matVec(H, v, n, n);
        expect(maxRelErr(hessianVectorLoss(model, c.w, data, v), Hv)).toBeLessThan(1e-11);
        expect(maxRelErr(hessianVectorLoss(plain(model), c.w, data, v), Hv)).toBeLessThan(1e-11);
        expect(maxRelErr(hessianLoss(plain(model), c.w, data), H)).toBeLessThan(1e-11);
        // J v and Jᵀ u by sweeps agree with J
        const J = model.jacobian(c.w, c.xs);
        expect(maxRelErr(model.jvp(c.w, c.xs, v), matVec(J, v, cw.length, n))).toBeLessThan(1e-12);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('at a point of M (F = 0) the Hessian is 2JᵀJ', () => {
    fc.assert(
      fc.property(mlpCase(), (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const f = model.outputs(c.w, c.xs);
        const ys = c.xs.map((_, i) => f.slice(i * c.k, i * c.k + c.k));
        const data: Data = { x: c.xs, y: ys };
        expect(lossValue(residuals(model, c.w, data))).toBe(0);
        const J = model.jacobian(c.w, c.xs);
        const n = model.n;
        const G = new Float64Array(n * n);
        for (let r = 0; r < f.length; r++)
          for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) G[p * n + q]! += 2 * J[r * n + p]! * J[r * n + q]!;
        expect(maxRelErr(hessianLoss(model, c.w, data), G)).toBeLessThan(1e-14);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('refuses n > 4000', () => {
    const model = buildModel({ kind: 'mlp', hidden: [2000], activation: 'tanh' }, 1, 1);
    expect(model.n).toBe(6001);
    expect(() => hessianLoss(model, new Float64Array(model.n), { x: [Float64Array.of(1)], y: [Float64Array.of(0)] })).toThrow(
      RangeError,
    );
  });
});

describe('Hessian of the loss against mathjs second derivatives (tiny cases)', () => {
  const cases: [string, ModelSpec, number, number, number[], number[][], number[][]][] = [
    ['mlp softplus', { kind: 'mlp', hidden: [2], activation: 'softplus' }, 1, 1, [0.3, -0.7, 0.1, 0.4, 1.2, -0.5, 0.2], [[0.5], [-1]], [[1], [0.3]]],
    ['mlp tanh k=2', { kind: 'mlp', hidden: [1, 2], activation: 'tanh' }, 1, 2, [0.9, -0.1, 0.5, -0.6, 0.2, 0.3, 1.1, -0.4, 0.7, 0.8, 0.05, -0.3], [[0.4], [1.3]], [[0.2, -0.1], [0.5, 0.6]]],
    ['mlp swish m=2', { kind: 'mlp', hidden: [2], activation: 'swish' }, 2, 1, [0.3, -0.7, 0.1, 0.4, 1.2, -0.5, 0.2, 0.6, -0.1], [[0.5, 1], [-1, 0.2]], [[1], [0.3]]],
    ['mlp smoolu, positive pre-activations', { kind: 'mlp', hidden: [2], activation: 'smoolu' }, 1, 1, [0.8, 1.1, 0.3, 0.2, 0.7, 0.5, 0.1], [[0.5], [2]], [[1], [0.3]]],
    [
      'dag sigmoid with skip',
      {
        kind: 'dag',
        nodes: ['x', 'h', 'g', 'y'],
        inputs: ['x'],
        outputs: ['y'],
        edges: [['x', 'h'], ['h', 'g'], ['x', 'g'], ['g', 'y'], ['x', 'y']],
        activation: 'sigmoid',
      },
      1,
      1,
      [0.4, -0.8, 0.6, 1.3, -0.2, 0.1, 0.3, -0.4],
      [[0.7], [-0.3]],
      [[0.9], [0.1]],
    ],
    ['expression', { kind: 'expression', params: ['a', 'b', 'c'], inputs: ['x'], output: ['a*exp(b*x) + c^2*sin(a*x) + c^b'] }, 1, 1, [0.6, -0.4, 1.5], [[0.5], [1.2]], [[1], [-0.5]]],
  ];

  it.each(cases)('%s', (_name, spec, m, k, w0, x0, y0) => {
    const w = Float64Array.from(w0);
    const xs = x0.map((r) => Float64Array.from(r));
    const ys = y0.map((r) => Float64Array.from(r));
    const model = buildModel(spec, m, k);
    expect(model.n).toBe(w.length);
    const c: Case = { spec, m, k, w, xs, ys };
    const L = toMathNode(lossFormula(c));
    const n = model.n;
    const scope = scopeOf(w);
    expect((L.compile().evaluate(scope) as number) / lossValue(residuals(model, w, dataOf(c)))).toBeCloseTo(1, 12);
    const ref = new Float64Array(n * n);
    const gref = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      const dp = derivative(L, `p${p}`, { simplify: false });
      gref[p] = dp.compile().evaluate(scope) as number;
      for (let q = p; q < n; q++) {
        const v = derivative(dp, `p${q}`, { simplify: false }).compile().evaluate(scope) as number;
        ref[p * n + q] = v;
        ref[q * n + p] = v;
      }
    }
    expect(maxRelErr(gradLoss(model, w, dataOf(c)), gref)).toBeLessThan(1e-12);
    expect(maxRelErr(hessianLoss(model, w, dataOf(c)), ref)).toBeLessThan(1e-11);
  });
});
