import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/cases/types.js';
import { buildModel, ModelError } from '../../src/models/index.js';
import { compileExpr } from '../../src/expr/index.js';
import { expressionCase, expressionFormulas, fdJacobian, mathjsPartial, maxRelErr, toMathNode } from './helpers.js';

type ExpressionSpec = Extract<ModelSpec, { kind: 'expression' }>;
const spec = (output: string[], params = ['w1', 'w2'], inputs = ['x']): ExpressionSpec => ({
  kind: 'expression',
  params,
  inputs,
  output,
});

describe('expression models', () => {
  it('f = w1·w2·x: outputs, names, Jacobian (w2 x, w1 x), formulas', () => {
    const model = buildModel(spec(['w1*w2*x']), 1, 1);
    expect(model.names).toEqual(['w1', 'w2']);
    expect(model.kind).toBe('expression');
    expect(model.activation).toBeUndefined();
    const w = Float64Array.of(3, -2);
    const xs = [Float64Array.of(0.5), Float64Array.of(2)];
    expect(Array.from(model.outputs(w, xs))).toEqual([-3, -12]);
    expect(Array.from(model.jacobian(w, xs))).toEqual([-1, 1.5, -4, 6]);
    expect(model.formulas?.length).toBe(1);
    // the non-generic case of MATH.md: J = 0 at w = 0
    expect(Array.from(model.jacobian(new Float64Array(2), [Float64Array.of(1)]))).toEqual([0, 0]);
  });

  it('handles powers, constants and several outputs', () => {
    const model = buildModel(spec(['w1^2 * x + e^w2', 'w1^w2 + pi*sqrt(x)', '(1+w1^2)^x']), 1, 3);
    const w = Float64Array.of(1.5, 0.5);
    const x = Float64Array.of(4);
    const f = model.forward(w, x);
    expect(f[0]).toBeCloseTo(2.25 * 4 + Math.exp(0.5), 14);
    expect(f[1]).toBeCloseTo(Math.pow(1.5, 0.5) + Math.PI * 2, 14);
    expect(f[2]).toBeCloseTo(Math.pow(3.25, 4), 12);
    expect(maxRelErr(model.jacobian(w, [x]), fdJacobian(model, w, [x]))).toBeLessThan(1e-8);
  });

  it.each<[string, ExpressionSpec, number, number, string]>([
    ['a refused output', spec(['w1*x', 'evaluate("1")']), 1, 2, 'model.output[1]: unknown function "evaluate"'],
    ['an unknown symbol', spec(['w1*y']), 1, 1, 'model.output[0]: unknown symbol "y" (allowed: w1, w2, x)'],
    ['an accessor', spec(['w1.constructor']), 1, 1, 'model.output[0]: property or index access "w1.constructor" is not allowed'],
    ['a duplicate name', spec(['w1'], ['w1', 'w1']), 1, 1, 'model.params[1]: duplicate name "w1"'],
    ['a param named like an input', spec(['w1'], ['w1', 'x']), 1, 1, 'model.inputs[0]: duplicate name "x"'],
    ['a reserved name', spec(['w1'], ['w1', 'exp']), 1, 1, 'model.params[1]: "exp" is a reserved name'],
    ['a bad name', spec(['w1'], ['w[1]']), 1, 1, 'model.params[0]: "w[1]" is not a valid name (letters, digits, _; not starting with a digit)'],
    ['too few outputs', spec(['w1*x']), 1, 2, 'model.output: has 1 expressions but the data have k = 2 outputs'],
    ['too many inputs', spec(['w1*x']), 2, 1, 'model.inputs: has 1 names but the data have m = 2 inputs'],
  ])('refuses %s', (_what, s, m, k, message) => {
    expect(() => buildModel(s, m, k)).toThrow(ModelError);
    expect(() => buildModel(s, m, k)).toThrow(message);
  });

  it('shares common subexpressions in the program', () => {
    const a = buildModel(spec(['exp(w1*x) + exp(w1*x)']), 1, 1);
    const b = buildModel(spec(['exp(w1*x) + exp(w2*x)']), 1, 1);
    expect(a.program.size).toBeLessThan(b.program.size);
  });
});

describe('expression Jacobian (random formulas)', () => {
  const moderate = (a: Float64Array): boolean => a.every((v) => Number.isFinite(v) && Math.abs(v) < 1e4);

  it('matches 5-point differences', () => {
    fc.assert(
      fc.property(expressionCase(), (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const J = model.jacobian(c.w, c.xs);
        fc.pre(moderate(model.outputs(c.w, c.xs)) && moderate(J));
        expect(maxRelErr(J, fdJacobian(model, c.w, c.xs))).toBeLessThan(1e-6);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('matches mathjs derivative of the same formulas', () => {
    fc.assert(
      fc.property(expressionCase(), (c) => {
        const s = c.spec as ExpressionSpec;
        const model = buildModel(s, c.m, c.k);
        const J = model.jacobian(c.w, c.xs);
        fc.pre(moderate(model.outputs(c.w, c.xs)) && moderate(J));
        const names = Array.from({ length: model.n }, (_, i) => `p${i}`);
        const ref = new Float64Array(J.length);
        c.xs.forEach((x, i) => {
          expressionFormulas(s, x).forEach((f, o) => {
            expect(compileExpr(f, names)(c.w)).toBeCloseTo(model.forward(c.w, x)[o]!, 10);
            const node = toMathNode(f);
            for (let p = 0; p < model.n; p++) ref[(i * c.k + o) * model.n + p] = mathjsPartial(node, p, c.w);
          });
        });
        expect(maxRelErr(J, ref)).toBeLessThan(1e-9);
      }),
      { seed: 42, numRuns: 80 },
    );
  });
});
