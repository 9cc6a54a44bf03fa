import fc from 'fast-check';
import { derivative } from 'mathjs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../src/cases/types.js';
import { compileActivation } from '../../src/models/activation.js';
import { ModelError } from '../../src/models/errors.js';
import { toMathNode } from '../../src/expr/index.js';
import { close, fd5 } from '../expr/arbitrary.js';

const BUILTINS = ['smoolu', 'softplus', 'relu', 'tanh', 'sigmoid', 'swish'] as const;
const SMOOTH: readonly ActivationSpec[] = [
  'smoolu',
  'softplus',
  'tanh',
  'sigmoid',
  'swish',
  { name: 'bump', positive: 'exp(-1/t - t)' },
  { name: 'cubic', expr: 't^3 - t' },
  { name: 'mix', expr: 'sigmoid(t) * log1p(t^2) + atan(t)' },
];

/** t away from the kink at 0, where finite differences of rectified forms would straddle it. */
const tAway = fc.oneof(fc.double({ min: 0.05, max: 8, noNaN: true }), fc.double({ min: -8, max: -0.05, noNaN: true }));

describe('smoolu', () => {
  const s = compileActivation('smoolu');
  it.each([
    [1, Math.exp(-1), 2 * Math.exp(-1), Math.exp(-1)],
    [0.5, 0.5 * Math.exp(-2), Math.exp(-2) * 3, Math.exp(-2) * 8],
    [2, 2 * Math.exp(-0.5), Math.exp(-0.5) * 1.5, Math.exp(-0.5) / 8],
    [0, 0, 0, 0],
    [-3, 0, 0, 0],
  ])('at t = %d', (t, f, d1, d2) => {
    expect(s.f(t)).toBeCloseTo(f, 15);
    expect(s.d1(t)).toBeCloseTo(d1, 14);
    expect(s.d2(t)).toBeCloseTo(d2, 14);
  });

  it('has no NaN anywhere on the doubles, and underflows to 0 near 0⁺', () => {
    for (const t of [5e-324, 1e-310, 1e-300, 1e-200, 1e-3, 1 / 745, 1e300, Infinity, -Infinity, -0]) {
      for (const g of [s.f, s.d1, s.d2]) expect(Number.isNaN(g(t)), `t=${t}`).toBe(false);
    }
    expect(s.d1(1e-300)).toBe(0);
    expect(s.d2(1e-300)).toBe(0);
    expect(s.f(Infinity)).toBe(Infinity);
    expect(s.d1(1e300)).toBe(1);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (t) => [s.f(t), s.d1(t), s.d2(t)].every((v) => !Number.isNaN(v))),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('says its formula', () => {
    expect(s.text).toBe('t*exp(-1/t) for t > 0, 0 for t <= 0');
    expect(s.form).toBe('builtin');
    expect(s.formula.piecewise).toBe(true);
  });
});

describe('every built-in', () => {
  it.each(BUILTINS)('%s has no NaN on finite or infinite t', (name) => {
    const a = compileActivation(name);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (t) => [a.f(t), a.d1(t), a.d2(t)].every((v) => !Number.isNaN(v))),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('relu: d1 is the step, d2 is 0', () => {
    const r = compileActivation('relu');
    expect([r.f(-1), r.f(0), r.f(2)]).toEqual([0, 0, 2]);
    expect([r.d1(-1), r.d1(0), r.d1(2)]).toEqual([0, 0, 1]);
    expect([r.d2(-1), r.d2(0), r.d2(2)]).toEqual([0, 0, 0]);
  });

  it('softplus and sigmoid stay accurate far out', () => {
    const sp = compileActivation('softplus');
    expect(sp.f(800)).toBe(800);
    expect(sp.f(-800)).toBe(0);
    expect(sp.f(-40)).toBeCloseTo(Math.exp(-40), 30);
    const sg = compileActivation('sigmoid');
    expect(sg.d1(-40) / Math.exp(-40)).toBeCloseTo(1, 12);
    expect(sg.d2(-40) / Math.exp(-40)).toBeCloseTo(1, 12);
    expect(sg.d2(40) / -Math.exp(-40)).toBeCloseTo(1, 12);
  });
});

describe.each(SMOOTH.map((s) => [typeof s === 'string' ? s : s.name, s] as const))('%s', (_name, spec) => {
  const a = compileActivation(spec);

  it('d1 and d2 match 5-point differences away from 0', () => {
    fc.assert(
      fc.property(tAway, (t) => {
        expect(close(a.d1(t), fd5(a.f, t, 1e-3 * Math.min(1, Math.abs(t) / 4)), 1e-7)).toBe(true);
        expect(close(a.d2(t), fd5(a.d1, t, 1e-3 * Math.min(1, Math.abs(t) / 4)), 1e-7)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('f, d1, d2 match mathjs on the same formula', () => {
    const node = toMathNode(a.formula.expr);
    const plain = { simplify: false };
    const d1 = derivative(node, 't', plain).compile();
    const d2 = derivative(derivative(node, 't', plain), 't', plain).compile();
    const f = node.compile();
    fc.assert(
      fc.property(tAway, (t) => {
        const zero = a.formula.piecewise && t <= 0;
        const at = (c: { evaluate(scope: object): unknown }): number => (zero ? 0 : (c.evaluate({ t }) as number));
        expect(close(a.f(t), at(f), 1e-12)).toBe(true);
        expect(close(a.d1(t), at(d1), 1e-10)).toBe(true);
        expect(close(a.d2(t), at(d2), 1e-10)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('user activations', () => {
  it('positive: is 0 on t <= 0 and the formula on t > 0', () => {
    const a = compileActivation({ name: 'bump', positive: 'exp(-1/t - t)' });
    expect(a.form).toBe('positive');
    expect(a.name).toBe('bump');
    expect(a.text).toBe('exp(-1/t-t) for t > 0, 0 for t <= 0');
    expect([a.f(-1), a.f(0), a.d1(-2), a.d2(0)]).toEqual([0, 0, 0, 0]);
    expect(a.f(0.5)).toBeCloseTo(Math.exp(-2.5), 15);
    expect(a.f(0.5)).toBeCloseTo(a.f(2), 15);
  });

  it('expr: is the formula everywhere', () => {
    const a = compileActivation({ name: 'cubic', expr: 't^3' });
    expect(a.form).toBe('expr');
    expect(a.text).toBe('t^3');
    expect([a.f(-2), a.d1(-2), a.d2(-2)]).toEqual([-8, 12, -12]);
  });

  it.each([
    [{ name: 'x', positive: 'evaluate("1")' }, 'model.activation.positive: unknown function "evaluate"'],
    [{ name: 'x', expr: 'exp(-1/z)' }, 'model.activation.expr: unknown symbol "z" (allowed: t)'],
    [{ name: 'x', expr: 't.constructor' }, 'model.activation.expr: property or index access "t.constructor" is not allowed'],
  ] as const)('refuses %j', (spec, message) => {
    expect(() => compileActivation(spec)).toThrow(ModelError);
    expect(() => compileActivation(spec)).toThrow(message);
  });
});
