import fc from 'fast-check';
import { derivative, parse } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  ExprError,
  MAX_EXPR_LENGTH,
  compileExpr,
  diffExpr,
  evalExpr,
  exprToString,
  parseExpr,
  symbolsOf,
  toMathNode,
  type Expr,
} from '../../src/expr/index.js';
import { close, fd5, safeExpr } from './arbitrary.js';

const refused = (text: string, symbols: readonly string[] = ['t']): string => {
  try {
    parseExpr(text, symbols);
  } catch (err) {
    expect(err).toBeInstanceOf(ExprError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${text}`);
};

describe('parseExpr refuses what is outside the whitelist', () => {
  it.each([
    ['import({}, {})', 'unknown function "import"'],
    ['evaluate("1")', 'unknown function "evaluate"'],
    ['parse("1")', 'unknown function "parse"'],
    ['createUnit("foo")', 'unknown function "createUnit"'],
    ['f(x) = 1', 'function definition "f(x) = 1" is not allowed'],
    ['a.constructor', 'property or index access "a.constructor" is not allowed'],
    ['x[0]', 'property or index access "x[0]" is not allowed'],
    ['"abc"', 'string "abc" is not allowed'],
    ['[1,2]', 'matrix "[1,2]" is not allowed'],
    ['cos.constructor("return process")()', 'property or index access "cos.constructor" is not allowed'],
    ['cos.constructor("return process")', 'property or index access "cos.constructor" is not allowed'],
    ['1 ? 2 : 3', 'conditional "1 ? 2 : 3" is not allowed'],
    ['t = 3', 'assignment "t = 3" is not allowed'],
    ['z', 'unknown symbol "z" (allowed: t)'],
    ['t * cm', 'unknown symbol "cm" (allowed: t)'],
    ['1:3', 'range "1:3" is not allowed'],
    ['{a: 1}', 'object "{a: 1}" is not allowed'],
    ['t; t', 'several expressions ("t; t") are not allowed'],
    ['t mod 2', 'operator "mod" is not allowed (in "t mod 2")'],
    ['t!', 'operator "!" is not allowed (in "t!")'],
    ['t == 1', 'operator "==" is not allowed (in "t == 1")'],
    ["t'", `operator "'" is not allowed (in "t'")`],
    ['log(t, 2)', 'function "log" takes 1 argument, got 2'],
    ['sin()', 'function "sin" takes 1 argument, got 0'],
    ['true', 'constant "true" is not allowed'],
    ['1e400', 'number "1e400" is too large for binary64'],
    ['Infinity', 'non-finite number "Infinity"'],
    ['t +', 'syntax error: Unexpected end of expression (char 4)'],
    ['', 'empty expression'],
    ['constructor', 'unknown symbol "constructor" (allowed: t)'],
    ['constructor(t)', 'unknown function "constructor"'],
    ['__proto__(t)', 'unknown function "__proto__"'],
    ['t(1)', 'unknown function "t"'],
  ])('%s', (text, message) => {
    expect(refused(text)).toBe(message);
  });

  it('names every allowed symbol in the message', () => {
    expect(refused('q', ['w1', 'w2', 'x'])).toBe('unknown symbol "q" (allowed: w1, w2, x)');
    expect(refused('q', [])).toBe('unknown symbol "q" (allowed: none)');
  });

  it('limits length and depth', () => {
    expect(refused('t+'.repeat(MAX_EXPR_LENGTH / 2) + 't')).toBe(
      `expression too long (${MAX_EXPR_LENGTH + 1} characters, at most ${MAX_EXPR_LENGTH})`,
    );
    expect(refused('('.repeat(1500) + 't' + ')'.repeat(1500))).toMatch(/^expression too deep/);
    expect(refused('('.repeat(4900) + 't' + ')'.repeat(4900))).toMatch(/^expression too deep/);
    expect(refused(Array(1500).fill('t').join('+'))).toMatch(/^expression too deep/);
  });
});

describe('parseExpr accepts the whitelist', () => {
  const at = (text: string, t: number): number => evalExpr(parseExpr(text, ['t']), { t });
  it.each([
    ['t*exp(-1/t)', 2, 2 * Math.exp(-0.5)],
    ['2t^2', 3, 18],
    ['-t^2', 3, -9],
    ['+t', 3, 3],
    ['2^3^2', 0, 512],
    ['(t)(t+1)', 2, 6],
    ['sigmoid(t)', 0, 0.5],
    ['log1p(t) + expm1(t)', 0, 0],
    ['sqrt(t) + abs(-t) + atan(1)*4/pi', 4, 7],
    ['e^t', 1, Math.E],
    ['sinh(t) - cosh(t) + tanh(0) + tan(0) + sin(0) + cos(0)', 1, Math.sinh(1) - Math.cosh(1) + 1],
    ['0x10 + 1e-3', 0, 16.001],
  ])('%s at t = %d', (text, t, value) => {
    expect(at(text, t)).toBeCloseTo(value, 12);
  });

  it('lets a caller symbol named e shadow the constant', () => {
    expect(evalExpr(parseExpr('e + 1', ['e']), { e: 5 })).toBe(6);
    expect(evalExpr(parseExpr('e + 1', ['t']), { t: 0 })).toBeCloseTo(Math.E + 1, 15);
  });

  it('produces frozen trees', () => {
    const e = parseExpr('t + 1', ['t']);
    expect(Object.isFrozen(e)).toBe(true);
  });
});

/** Values of x, y where random safe expressions are compared. */
const point = fc.tuple(fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }));
const SYMS = ['x', 'y'] as const;
const moderate = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e4;

function mathjsAt(e: ReturnType<typeof toMathNode>, x: number, y: number): number {
  return e.compile().evaluate({ x, y }) as number;
}

describe('evaluation, printing and differentiation agree with mathjs and finite differences', () => {
  it('compileExpr = evalExpr = mathjs on toMathNode = mathjs on exprToString', () => {
    fc.assert(
      fc.property(safeExpr(SYMS), point, (e, [x, y]) => {
        const v = compileExpr(e, SYMS)(Float64Array.of(x, y));
        fc.pre(moderate(v));
        expect(evalExpr(e, { x, y })).toBe(v);
        expect(close(mathjsAt(toMathNode(e), x, y), v, 1e-12)).toBe(true);
        expect(close(mathjsAt(parse(exprToString(e)), x, y), v, 1e-12)).toBe(true);
        // our own parser reads our printing back to the same function
        const back = parseExpr(exprToString(e), [...SYMS]);
        expect(close(compileExpr(back, SYMS)(Float64Array.of(x, y)), v, 1e-12)).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('diffExpr matches mathjs derivative and 5-point differences', () => {
    fc.assert(
      fc.property(safeExpr(SYMS), point, fc.constantFrom(...SYMS), (e, [x, y], s) => {
        const f = compileExpr(e, SYMS);
        const v = f(Float64Array.of(x, y));
        fc.pre(moderate(v));
        const d = compileExpr(diffExpr(e, s), SYMS)(Float64Array.of(x, y));
        fc.pre(moderate(d));
        const g = (u: number): number => f(s === 'x' ? Float64Array.of(u, y) : Float64Array.of(x, u));
        const numeric = fd5(g, s === 'x' ? x : y);
        const symbolic = mathjsAt(derivative(toMathNode(e), s, { simplify: false }), x, y);
        expect(close(d, symbolic, 1e-9), `d=${d} mathjs=${symbolic} for ${exprToString(e)}`).toBe(true);
        expect(close(d, numeric, 1e-6), `d=${d} fd=${numeric} for ${exprToString(e)}`).toBe(true);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('second derivatives match mathjs and differences of the first', () => {
    fc.assert(
      fc.property(safeExpr(SYMS, 3), point, (e, [x, y]) => {
        const d1 = compileExpr(diffExpr(e, 'x'), SYMS);
        const d2e = diffExpr(diffExpr(e, 'x'), 'y');
        const d2 = compileExpr(d2e, SYMS)(Float64Array.of(x, y));
        fc.pre(moderate(d2) && moderate(d1(Float64Array.of(x, y))));
        const numeric = fd5((u) => d1(Float64Array.of(x, u)), y);
        const m = derivative(derivative(toMathNode(e), 'x', { simplify: false }), 'y', { simplify: false });
        expect(close(d2, mathjsAt(m, x, y), 1e-9)).toBe(true);
        expect(close(d2, numeric, 1e-5)).toBe(true);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('folds 0 and 1 and keeps constants exact', () => {
    const p = (s: string): Expr => parseExpr(s, ['x', 'y']);
    expect(exprToString(diffExpr(p('3*x + y'), 'x'))).toBe('3');
    expect(exprToString(diffExpr(p('y^2'), 'x'))).toBe('0');
    expect(exprToString(diffExpr(p('x^3'), 'x'))).toBe('3*x^2');
    expect(exprToString(diffExpr(p('exp(2*x)'), 'x'))).toBe('exp(2*x)*2');
    expect(exprToString(diffExpr(p('x*exp(-1/x)'), 'x'))).toBe('exp(-1/x)+x*(exp(-1/x)*(1/x^2))');
    expect(exprToString(diffExpr(p('log(x)'), 'x'))).toBe('1/x');
    expect(symbolsOf(diffExpr(p('x*y + y'), 'y'))).toEqual(['x']);
  });

  it('differentiates abs away from 0', () => {
    const d = compileExpr(diffExpr(parseExpr('abs(x^3 - 1)', ['x']), 'x'), ['x']);
    expect(d(Float64Array.of(2))).toBeCloseTo(12, 12);
    expect(d(Float64Array.of(0.5))).toBeCloseTo(-0.75, 12);
  });
});

describe('exprToString', () => {
  const p = (s: string): string => exprToString(parseExpr(s, ['a', 'b', 'c']));
  it.each([
    ['a - (b + c)', 'a-(b+c)'],
    ['a / (b * c)', 'a/(b*c)'],
    ['(a + b) * c', '(a+b)*c'],
    ['a * -b', 'a*(-b)'],
    ['-(a + b)', '-(a+b)'],
    ['(-a)^2', '(-a)^2'],
    ['-a^2', '-a^2'],
    ['a^b^c', 'a^(b^c)'],
    ['(a^b)^c', '(a^b)^c'],
    ['a / sigmoid(b)', 'a/(1/(1+exp(-b)))'],
    ['log1p(a) * expm1(b)', 'log(1+a)*(exp(b)-1)'],
    ['a - expm1(b)', 'a-(exp(b)-1)'],
    ['0.001^a', '0.001^a'],
    ['1e-7^a', '(1e-7)^a'],
  ])('%s → %s', (text, printed) => {
    expect(p(text)).toBe(printed);
  });
});
