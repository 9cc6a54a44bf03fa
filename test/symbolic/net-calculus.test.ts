import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/models/index.js';
import { gradLoss, hessianLoss } from '../../src/models/loss.js';
import { closedForm, MAX_CLOSED_FORM_N } from '../../src/symbolic/closed-form.js';
import { compileExpr, diffExpr, exprToString, parseExpr, type Expr } from '../../src/expr/index.js';
import { evaluateCalculus, netCalculus, structuredDiff } from '../../src/symbolic/net-calculus.js';
import { dagCase, expressionCase, mlpCase, type Case as ModelCase } from '../models/helpers.js';
import { safeExpr } from '../expr/arbitrary.js';
import { makeCase } from './case-helpers.js';

const SYMBOLS = ['a', 'b'];
const at = (e: Expr, a: number, b: number): number => compileExpr(e, SYMBOLS)(Float64Array.of(a, b));
const close = (x: number, y: number, tol: number): boolean => Math.abs(x - y) <= tol * Math.max(1, Math.abs(x), Math.abs(y));

describe('structuredDiff (mathjs derivatives with linearity applied by structure)', () => {
  it('agrees with our own diffExpr and with central differences on random expressions', () => {
    const point = fc.double({ min: -1.5, max: 1.5, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(safeExpr(SYMBOLS, 4), point, point, (e, a, b) => {
        const v = at(e, a, b);
        fc.pre(Number.isFinite(v) && Math.abs(v) < 1e6);
        const d = structuredDiff(e, 'a');
        const mine = at(d, a, b);
        const ours = at(diffExpr(e, 'a'), a, b);
        fc.pre(Number.isFinite(ours) && Math.abs(ours) < 1e6);
        expect(close(mine, ours, 1e-9)).toBe(true);
        // central differences at two step sizes; compare where they agree with each other
        const fd = (h: number): number => (at(e, a + h, b) - at(e, a - h, b)) / (2 * h);
        const f1 = fd(1e-4);
        const f2 = fd(5e-5);
        fc.pre(close(f1, f2, 1e-5));
        expect(close(mine, f2, 1e-4)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is 0 by structure for a variable the expression does not mention', () => {
    const count = { mathjs: 0, structuralZeros: 0 };
    expect(structuredDiff(parseExpr('exp(a)*sin(a)', SYMBOLS), 'b', count)).toMatchObject({ kind: 'num', value: 0, exact: { num: 0n, den: 1n } });
    expect(count).toEqual({ mathjs: 0, structuralZeros: 1 });
  });
});

/** One of the model tests' random cases as a case of our own. */
function asCase(mc: ModelCase) {
  return makeCase({ x: mc.xs.map((r) => Array.from(r)), y: mc.ys.map((r) => Array.from(r)), model: mc.spec });
}

function maxRel(a: Float64Array, b: Float64Array): number {
  let scale = 1;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(a[i]!), Math.abs(b[i]!));
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
  }
  return diff / scale;
}

describe('symbolic gradient and Hessian of tiny nets', () => {
  const check = (mc: ModelCase): void => {
    const c = asCase(mc);
    const model = buildModel(c.model, c.data.m, c.data.k);
    fc.pre(model.n <= MAX_CLOSED_FORM_N);
    const cf = closedForm(c, mc.w);
    fc.pre(cf.invalidAt === undefined);
    const v = evaluateCalculus(netCalculus(cf), mc.w);
    const data = { x: c.data.x, y: c.data.y };
    const g = gradLoss(model, mc.w, data);
    fc.pre(g.every(Number.isFinite));
    expect(maxRel(v.gradient, g)).toBeLessThan(1e-9);
    expect(maxRel(v.jacobian, model.jacobian(mc.w, c.data.x))).toBeLessThan(1e-9);
    expect(maxRel(v.hessian, hessianLoss(model, mc.w, data))).toBeLessThan(1e-8);
    // the identity's two terms add up to the Hessian
    expect(maxRel(v.hessian, v.gaussNewton.map((x, i) => x + v.curvature[i]!))).toBe(0);
  };

  it('mlp (smooth and piecewise activations) agrees with the numeric models', () => {
    fc.assert(fc.property(mlpCase(['softplus', 'tanh', 'sigmoid', 'swish', 'smoolu', 'relu'], { maxLayers: 2, maxWidth: 3, maxM: 2 }), check), {
      seed: 42,
      numRuns: 40,
    });
  });

  it('dag agrees with the numeric models', () => {
    fc.assert(fc.property(dagCase(['softplus', 'smoolu', 'tanh'], 3), check), { seed: 42, numRuns: 30 });
  });

  it('expression models agree with the numeric models', () => {
    fc.assert(fc.property(expressionCase(), check), { seed: 42, numRuns: 30 });
  });

  it('uses the mean loss scale', () => {
    const c = makeCase({ x: [[1], [2]], y: [1, 3], model: { kind: 'expression', params: ['u', 'v'], inputs: ['x'], output: ['u*x + v^2'] }, loss: { kind: 'mean' } });
    const w = Float64Array.of(0.5, -0.25);
    const sum = evaluateCalculus(netCalculus(closedForm(c, w), 1), w);
    const mean = evaluateCalculus(netCalculus(closedForm(c, w), 1 / 2), w);
    expect(mean.loss).toBeCloseTo(sum.loss / 2, 14);
    expect(mean.gradient[0]).toBeCloseTo(sum.gradient[0]! / 2, 14);
  });

  it('writes the loss as text another parser reads back to the same function', () => {
    const c = makeCase({ x: [[0, 1], [1, 0]], y: [1, 0], model: { kind: 'mlp', hidden: [2], activation: 'sigmoid' } });
    const w = Float64Array.from({ length: 9 }, (_, i) => 0.1 * i - 0.3);
    const nc = netCalculus(closedForm(c, w));
    const ids = nc.cf.ids;
    const reread = parseExpr(exprToString(nc.loss), ids);
    expect(compileExpr(reread, ids)(w)).toBeCloseTo(compileExpr(nc.loss, ids)(w), 14);
    for (const [p, g] of nc.gradient.entries()) {
      const back = parseExpr(exprToString(g), ids);
      expect(compileExpr(back, ids)(w)).toBeCloseTo(compileExpr(g, ids)(w), 12);
      expect(exprToString(g)).not.toMatch(/sigmoid|log1p|expm1/);
      expect(p).toBeLessThan(9);
    }
  });

  it('flags a ReLU unit sitting exactly at its kink', () => {
    const c = makeCase({ x: [[1]], y: [1], model: { kind: 'mlp', hidden: [1], activation: 'relu' } });
    // W1 = 1, b1 = −1: the hidden pre-activation is exactly 0
    const cf = closedForm(c, Float64Array.of(1, -1, 1, 0));
    expect(cf.invalidAt).toMatch(/exactly 0/);
    // smooLU is C^∞ at 0: the same place is fine
    const s = closedForm(makeCase({ x: [[1]], y: [1], model: { kind: 'mlp', hidden: [1], activation: 'smoolu' } }), Float64Array.of(1, -1, 1, 0));
    expect(s.invalidAt).toBeUndefined();
    expect(s.inactive).toHaveLength(1);
  });

  it('refuses more than MAX_CLOSED_FORM_N parameters', () => {
    const c = makeCase({ x: [[0, 0], [1, 1]], y: [0, 1], model: { kind: 'mlp', hidden: [20], activation: 'tanh' } });
    expect(() => closedForm(c, new Float64Array(81))).toThrow(RangeError);
  });
});
