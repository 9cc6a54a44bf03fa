import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, ModelError, mlpLayout, mlpNames } from '../../src/models/index.js';
import { buildMlp } from '../../src/models/mlp.js';
import {
  GLOBAL_FORMULA_ACTIVATIONS,
  fdJacobian,
  mathjsPartial,
  maxRelErr,
  mlpCase,
  mlpFormulas,
  toMathNode,
} from './helpers.js';
import { compileExpr } from '../../src/expr/index.js';

describe('mlp layout and names', () => {
  it('names m = 2, hidden [3], k = 1 exactly as SPEC.md', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'smoolu' }, 2, 1);
    expect(model.n).toBe(13);
    expect(model.names).toEqual([
      'W1[0,0]', 'W1[0,1]', 'W1[1,0]', 'W1[1,1]', 'W1[2,0]', 'W1[2,1]',
      'b1[0]', 'b1[1]', 'b1[2]',
      'W2[0,0]', 'W2[0,1]', 'W2[0,2]',
      'b2[0]',
    ]);
    expect(model.kind).toBe('mlp');
    expect(model.activation?.name).toBe('smoolu');
  });

  it('lays out every layer W row-major then b, and counts n = Σ (fanIn + 1)·width', () => {
    const L = mlpLayout(3, [4, 2], 2);
    expect(L.layers.map((l) => [l.layer, l.fanIn, l.width, l.wOffset, l.bOffset])).toEqual([
      [1, 3, 4, 0, 12],
      [2, 4, 2, 16, 24],
      [3, 2, 2, 26, 30],
    ]);
    expect(L.n).toBe(32);
    const names = mlpNames(L);
    expect(names[16]).toBe('W2[0,0]');
    expect(names[17]).toBe('W2[0,1]');
    expect(names[20]).toBe('W2[1,0]');
    expect(names[31]).toBe('b3[1]');
  });

  it('xor-sized: n = dm + 2d + 1 for hidden [d], k = 1', () => {
    expect(mlpLayout(2, [4], 1).n).toBe(4 * 2 + 2 * 4 + 1);
  });

  it('refuses a bad width with the field path', () => {
    expect(() => buildMlp([3, 0], 'tanh', 2, 1)).toThrow(new ModelError('model.hidden[1]', 'must be a positive integer, got 0'));
    expect(() => mlpLayout(0, [1], 1)).toThrow(RangeError);
  });
});

describe('mlp forward', () => {
  it('computes W2 σ(W1 x + b1) + b2 by hand', () => {
    const model = buildModel({ kind: 'mlp', hidden: [2], activation: 'tanh' }, 2, 1);
    // W1 = [[1, 2], [3, 4]], b1 = [0.5, -0.5], W2 = [[2, -1]], b2 = [0.25]
    const w = Float64Array.of(1, 2, 3, 4, 0.5, -0.5, 2, -1, 0.25);
    const x = Float64Array.of(0.1, -0.2);
    const h0 = Math.tanh(0.1 - 0.4 + 0.5);
    const h1 = Math.tanh(0.3 - 0.8 - 0.5);
    expect(model.forward(w, x)[0]).toBeCloseTo(2 * h0 - h1 + 0.25, 15);
    expect(Array.from(model.outputs(w, [x, x]))).toEqual([model.forward(w, x)[0], model.forward(w, x)[0]]);
  });

  it('refuses wrong sizes', () => {
    const model = buildModel({ kind: 'mlp', hidden: [2], activation: 'tanh' }, 2, 1);
    expect(() => model.forward(new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
    expect(() => model.forward(new Float64Array(9), new Float64Array(3))).toThrow(RangeError);
  });
});

describe('mlp Jacobian', () => {
  it('matches 5-point differences (random nets, smooth activations)', () => {
    fc.assert(
      fc.property(mlpCase(), (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const J = model.jacobian(c.w, c.xs);
        expect(J.length).toBe(c.xs.length * c.k * model.n);
        expect(maxRelErr(J, fdJacobian(model, c.w, c.xs))).toBeLessThan(1e-6);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('matches mathjs derivative of the net written as a formula', () => {
    fc.assert(
      fc.property(mlpCase(GLOBAL_FORMULA_ACTIVATIONS, { maxLayers: 2, maxWidth: 3, maxM: 2 }), (c) => {
        const spec = c.spec;
        if (spec.kind !== 'mlp') throw new Error('mlp expected');
        const model = buildModel(spec, c.m, c.k);
        const J = model.jacobian(c.w, c.xs);
        const ref = new Float64Array(J.length);
        const names = Array.from({ length: model.n }, (_, i) => `p${i}`);
        c.xs.forEach((x, i) => {
          mlpFormulas(spec.hidden, spec.activation, c.m, c.k, x).forEach((f, o) => {
            // the formula itself evaluates to the model's output
            expect(compileExpr(f, names)(c.w)).toBeCloseTo(model.forward(c.w, x)[o]!, 12);
            const node = toMathNode(f);
            for (let p = 0; p < model.n; p++) ref[(i * c.k + o) * model.n + p] = mathjsPartial(node, p, c.w);
          });
        });
        expect(maxRelErr(J, ref)).toBeLessThan(1e-10);
      }),
      { seed: 42, numRuns: 12 },
    );
  });

  it('matches mathjs for smoolu where every pre-activation is positive', () => {
    const hidden = [2, 2];
    const model = buildModel({ kind: 'mlp', hidden, activation: 'smoolu' }, 2, 1);
    const w = Float64Array.from({ length: model.n }, (_, i) => 0.3 + 0.1 * (i % 7));
    const xs = [Float64Array.of(0.5, 1.2), Float64Array.of(2, 0.1)];
    const J = model.jacobian(w, xs);
    const ref = new Float64Array(J.length);
    xs.forEach((x, i) => {
      const node = toMathNode(mlpFormulas(hidden, 'smoolu', 2, 1, x)[0]!);
      for (let p = 0; p < model.n; p++) ref[i * model.n + p] = mathjsPartial(node, p, w);
    });
    expect(maxRelErr(J, ref)).toBeLessThan(1e-12);
  });

  it('columns of the output weights are the hidden activations (the A block of Theorem 4.1)', () => {
    const model = buildModel({ kind: 'mlp', hidden: [3], activation: 'smoolu' }, 1, 1);
    const w = Float64Array.of(1, 1, 1, -0.5, 0.5, 1.5, 0.3, -0.2, 0.1, 0);
    const xs = [Float64Array.of(1), Float64Array.of(2)];
    const J = model.jacobian(w, xs);
    const s = (t: number): number => (t > 0 ? t * Math.exp(-1 / t) : 0);
    xs.forEach((x, i) => {
      for (let j = 0; j < 3; j++) expect(J[i * 10 + 6 + j]).toBeCloseTo(s(x[0]! + w[3 + j]!), 15);
      expect(J[i * 10 + 9]).toBe(1);
    });
  });
});
