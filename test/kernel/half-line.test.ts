/**
 * Signs on t > 0 (half-line.ts) and Sturm's theorem (sturm.ts), against polynomials built from
 * known factors: the truth is known by construction, never read off a float evaluation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/kernel/expr-parse.js';
import { definedForPositiveT, negativeForPositiveT, positiveForPositiveT } from '../../src/kernel/half-line.js';
import { add, cmp, mul, neg, rat, ZERO, type Rational } from '../../src/kernel/rational.js';
import { polynomialOf, positiveOnHalfLine, rootsOnHalfLine, type Poly } from '../../src/kernel/sturm.js';

const q = (n: number, d = 1): Rational => rat(BigInt(n), BigInt(d));
function times(a: Poly, b: Poly): Rational[] {
  const out = new Array<Rational>(a.length + b.length - 1).fill(ZERO);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] = add(out[i + j]!, mul(a[i]!, b[j]!));
  return out;
}
/** p(x) exactly, by Horner. */
function at(p: Poly, x: Rational): Rational {
  let v = ZERO;
  for (let i = p.length - 1; i >= 0; i--) v = add(mul(v, x), p[i]!);
  return v;
}
const rational = fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 16 })).map(([n, d]) => q(n, d));
const positiveRational = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 16 })).map(([n, d]) => q(n, d));
/** (t − a)² + b with b > 0: positive everywhere, its minimum b possibly tiny. */
const positiveQuadratic = fc.tuple(rational, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 30 })).map(([a, b, k]): Poly => {
  const bb = rat(BigInt(b), 10n ** BigInt(k));
  return [add(mul(a, a), bb), mul(q(-2), a), q(1)];
});
/** A polynomial positive on t > 0: a positive constant times such quadratics, t and t + c (c > 0). */
const positiveOnT = fc
  .tuple(positiveRational, fc.array(fc.oneof(positiveQuadratic, positiveRational.map((c): Poly => [c, q(1)]), fc.constant<Poly>([ZERO, q(1)])), { minLength: 1, maxLength: 4 }))
  .map(([c, fs]) => fs.reduce<Poly>((p, f) => times(p, f), [c]));

describe("Sturm's theorem", () => {
  it('a product of factors positive on t > 0 is positive there, and has no root there', () => {
    fc.assert(
      fc.property(positiveOnT, (p) => {
        expect(positiveOnHalfLine(p)).toBe(true);
        expect(positiveOnHalfLine(p.map(neg))).toBe(false);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it('counts the distinct positive roots of ∏(t − rᵢ)^mᵢ · g, and then refuses positivity', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rational, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }), positiveQuadratic, (roots, g) => {
        if (roots.some(([r]) => r.num === 0n)) return;
        let p: Poly = g;
        for (const [r, m] of roots) for (let i = 0; i < m; i++) p = times(p, [neg(r), q(1)]);
        const positive = new Set(roots.filter(([r]) => r.num > 0n).map(([r]) => `${r.num}/${r.den}`));
        expect(rootsOnHalfLine(p)).toBe(positive.size);
        expect(positiveOnHalfLine(p)).toBe(positive.size === 0 && cmp(at(p, q(1, 1000)), ZERO) > 0);
      }),
      { seed: 8, numRuns: 400 },
    );
  });

  it('a positive verdict agrees with exact values at rational points', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 7 }), (cs) => {
        const p = polynomialOf(parseExpr(cs.map((c, i) => `(${c})*t^${i}`).join(' + '), ['t']))!;
        if (!positiveOnHalfLine(p)) return;
        for (let k = 1; k <= 200; k++) expect(cmp(at(p, q(k, 20)), ZERO)).toBe(1);
      }),
      { seed: 9, numRuns: 400 },
    );
  });

  it('reads formulas as polynomials only where they are', () => {
    expect(polynomialOf(parseExpr('(t - 1)^2 + 0.5', ['t']))).toEqual([q(3, 2), q(-2), q(1)]);
    expect(polynomialOf(parseExpr('t^2/4', ['t']))).toEqual([ZERO, ZERO, q(1, 4)]);
    expect(polynomialOf(parseExpr('t - t', ['t']))).toEqual([]);
    for (const s of ['1/t', 't^0.5', 'exp(t)', 't^-1', 'pi*t', 't^100']) expect(polynomialOf(parseExpr(s, ['t'])), s).toBeUndefined();
    expect(positiveOnHalfLine([])).toBe(false);
  });
});

describe('signs on t > 0', () => {
  it.each([
    'exp(-1/t)*(t^2 - t + 1)',
    'exp(-1/t^2)*(t^4 - 2*t^2 + 2)',
    '(t^2 - t + 1)*exp(-1/t)/t',
    'exp(-1/t - t)*(3 - 2*t + t^2)',
    'exp(-1/t)*(t^2 - 2*t + 1.0000000000001)',
    't*exp(-1/t)',
    'sqrt(t)*exp(-2/t)',
    'log1p(t)*exp(-1/t)',
    'tanh(t)^3 + exp(-1/t)',
    't^t',
    'exp(-1/t)*cosh(t - 1)',
  ])('proves %s > 0 for t > 0', (s) => {
    const e = parseExpr(s, ['t']);
    expect(positiveForPositiveT(e)).toBe(true);
    expect(definedForPositiveT(e)).toBe(true);
  });

  it.each([
    ['exp(-1/t)*(t - 1)^2', 'zero at t = 1'],
    ['exp(-1/t)*(t^2 - 2*t + 0.9999999999999)', 'negative near t = 1'],
    ['exp(-1/(t - 1))', 'undefined at t = 1'],
    ['t^(1/(t - 1))', 'undefined at t = 1'],
    ['sqrt(t - 1)', 'undefined below 1'],
    ['log(t) + 1', 'negative below 1/e'],
    ['exp(1/t)*sin(t)', 'negative at t = 4'],
    ['1/(t - 2)^2', 'undefined at t = 2'],
    ['tan(t) + 2', 'poles'],
    ['exp(-1/t)*(t - 1)', 'negative below 1'],
  ])('does not call %s positive (%s)', (s) => {
    expect(positiveForPositiveT(parseExpr(s, ['t']))).toBe(false);
  });

  it('negative forms and definedness', () => {
    expect(negativeForPositiveT(parseExpr('-exp(-1/t)*(t^2 - t + 1)', ['t']))).toBe(true);
    expect(negativeForPositiveT(parseExpr('-(t^2) - 1', ['t']))).toBe(true);
    expect(negativeForPositiveT(parseExpr('1 - t', ['t']))).toBe(false);
    expect(definedForPositiveT(parseExpr('1/(t - 1)', ['t']))).toBe(false);
    expect(definedForPositiveT(parseExpr('1/(t^2 + 1)', ['t']))).toBe(true);
    expect(definedForPositiveT(parseExpr('log(t)', ['t']))).toBe(true);
    expect(definedForPositiveT(parseExpr('log(t - 1)', ['t']))).toBe(false);
    expect(definedForPositiveT(parseExpr('(t - 1)^(-1)', ['t']))).toBe(false);
  });
});
