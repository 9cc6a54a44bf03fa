import { derivative } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../src/models/activation.js';
import { OP } from '../../src/models/program.js';
import { Tape } from '../../src/models/tape.js';
import { ProgramBuilder } from '../../src/models/program-builder.js';
import { buildModel } from '../../src/models/index.js';
import { parseExpr, substitute, sym, toMathNode } from '../../src/expr/index.js';
import { maxRelErr } from './helpers.js';

/**
 * One formula per op, both operands depending on the parameters a, b so that every first and
 * second local partial (including the cross terms) takes part.
 */
const FORMULAS = [
  'a*b*x',
  'a/b',
  'x*a/(1+b^2)',
  '-(a*b)',
  'a - b*x',
  '(1+a^2)^b',
  'b^a',
  'a^3',
  'a^(-2)',
  'a^0.5',
  'e^(a*b)',
  'pi^(a*b)',
  'sqrt(a*b)',
  'exp(a*b)',
  'log(a*b)',
  'log1p(a*b)',
  'expm1(a*b)',
  'sin(a*b)',
  'cos(a*b)',
  'tan(a*b)',
  'tanh(a*b)',
  'sinh(a*b)',
  'cosh(a*b)',
  'atan(a*b)',
  'abs(a*b - 2)',
  'sigmoid(a*b)',
  'sigmoid(-3*a*b)',
  'a*exp(b) / (b + a^2)',
] as const;

describe('every op: gradient and Hessian against mathjs', () => {
  const w = Float64Array.of(0.7, 1.3);
  const x = 0.4;
  it.each(FORMULAS)('%s', (text) => {
    const model = buildModel({ kind: 'expression', params: ['a', 'b'], inputs: ['x'], output: [text] }, 1, 1);
    const e = substitute(parseExpr(text, ['a', 'b', 'x']), new Map([['x', parseExpr(String(x), [])]]));
    const node = toMathNode(e);
    const scope = { a: w[0]!, b: w[1]! };
    const ev = (n: typeof node): number => n.compile().evaluate(scope) as number;
    const g = ['a', 'b'].map((p) => ev(derivative(node, p, { simplify: false })));
    const H = ['a', 'b'].flatMap((p) =>
      ['a', 'b'].map((q) => ev(derivative(derivative(node, p, { simplify: false }), q, { simplify: false }))),
    );
    const xs = [Float64Array.of(x)];
    expect(model.forward(w, xs[0]!)[0]).toBeCloseTo(ev(node), 13);
    expect(maxRelErr(model.jacobian(w, xs), g)).toBeLessThan(1e-13);
    expect(maxRelErr(model.weightedHessian(w, xs, Float64Array.of(1)), H)).toBeLessThan(1e-13);
    const c = Float64Array.of(-2.5);
    const v = Float64Array.of(0.3, -1.1);
    const Hv = [c[0]! * (H[0]! * v[0]! + H[1]! * v[1]!), c[0]! * (H[2]! * v[0]! + H[3]! * v[1]!)];
    expect(maxRelErr(model.weightedHessianVector(w, xs, c, v), Hv)).toBeLessThan(1e-13);
  });
});

describe('program builder and kernels, directly', () => {
  it('shares identical instructions but never AFFINE rows', () => {
    const pb = new ProgramBuilder(2, 1);
    const x = pb.input(0);
    const p = pb.param(0);
    expect(pb.input(0)).toBe(x);
    expect(pb.mul(p, x)).toBe(pb.mul(p, x));
    expect(pb.affine(1, [0], [x])).not.toBe(pb.affine(1, [0], [x]));
    expect(pb.constant(0)).not.toBe(pb.constant(-0));
    expect(() => pb.param(2)).toThrow(RangeError);
    expect(() => pb.add(x, 99)).toThrow(RangeError);
    expect(() => pb.act(x)).toThrow('no activation');
  });

  it('refuses sweeps whose forward pass did not cache enough', () => {
    const pb = new ProgramBuilder(1, 1);
    pb.output(pb.unary('exp', pb.mul(pb.param(0), pb.input(0))));
    const tape = new Tape(pb.build());
    const w = Float64Array.of(1);
    tape.forward(w, Float64Array.of(2));
    expect(() => tape.reverse(w, Float64Array.of(1), new Float64Array(1))).toThrow('forward(…, 1) needed');
    tape.forward(w, Float64Array.of(2), 1);
    tape.tangent(w, w);
    expect(() => tape.reverseTangent(w, w, new Float64Array(1))).toThrow('forward(…, 2) needed');
  });

  it('AFFINE without bias, ACT, POW: forward, tangent, reverse, forward-over-reverse', () => {
    // f(w, x) = σ(w0·x0 + w1·x1)^w2 · w3, σ = softplus (positive, so the power is real)
    const act = compileActivation('softplus');
    const pb = new ProgramBuilder(4, 2, act);
    const z = pb.affine(-1, [0, 1], [pb.input(0), pb.input(1)]);
    const s = pb.act(z);
    pb.output(pb.mul(pb.pow(s, pb.param(2)), pb.param(3)));
    const p = pb.build();
    expect(Array.from(p.op.slice(0, 4))).toEqual([OP.INPUT, OP.INPUT, OP.AFFINE, OP.ACT]);
    expect(p.c[2]).toBe(-1);
    // w0, w1 are first read by the AFFINE row, w2 and w3 by their PARAM rows
    expect(Array.from(p.firstUse)).toEqual([2, 2, 4, 6]);

    const f = parseExpr('log(1 + exp(w0*x0 + w1*x1))^w2 * w3', ['w0', 'w1', 'w2', 'w3', 'x0', 'x1']);
    const node = toMathNode(substitute(f, new Map([['x0', sym('X0')], ['x1', sym('X1')]])));
    const w = Float64Array.of(0.3, -0.8, 1.7, 0.9);
    const xv = Float64Array.of(1.2, 0.4);
    const scope = { w0: w[0]!, w1: w[1]!, w2: w[2]!, w3: w[3]!, X0: xv[0]!, X1: xv[1]! };
    const names = ['w0', 'w1', 'w2', 'w3'];
    const ev = (n: typeof node): number => n.compile().evaluate(scope) as number;
    const g = names.map((q) => ev(derivative(node, q, { simplify: false })));
    const H = names.flatMap((a) => names.map((b) => ev(derivative(derivative(node, a, { simplify: false }), b, { simplify: false }))));

    const tape = new Tape(p);
    tape.forward(w, xv, 2);
    expect(tape.output(0)).toBeCloseTo(ev(node), 14);

    const grad = new Float64Array(4);
    tape.reverse(w, Float64Array.of(1), grad);
    expect(maxRelErr(grad, g)).toBeLessThan(1e-13);

    const v = Float64Array.of(0.5, -0.25, 1, 2);
    tape.tangent(w, v);
    const jv = g.reduce((acc, gi, i) => acc + gi * v[i]!, 0);
    expect(tape.tval[p.outputs[0]!]).toBeCloseTo(jv, 13);

    const hv = new Float64Array(4);
    tape.reverseTangent(w, v, hv);
    const ref = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].reduce((acc, j) => acc + H[i * 4 + j]! * v[j]!, 0));
    expect(maxRelErr(hv, ref)).toBeLessThan(1e-13);
  });
});
