import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../src/models/activation.js';
import { buildModel } from '../../src/models/index.js';
import { fromRows, singularValuesJacobi, defaultRankTol, numericalRank, symmetricEigenvalues } from '../../src/numeric/linalg.js';
import { fromNumber, rat, toNumber, toString, type Rational } from '../../src/kernel/rational.js';
import { Inexact, exactResidualsAndJacobian } from '../../src/models/exact-eval.js';
import { activationJet, unaryJet } from '../../src/models/exact-jets.js';
import { exactRank, provenEigenvalueLowerBound } from '../../src/models/exact-rank.js';

const ints = (rows: number, cols: number) =>
  fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

const asRational = (m: number[][]): Rational[][] => m.map((r) => r.map((v) => rat(BigInt(v))));

describe('exactRank', () => {
  it('agrees with the float rank of small integer matrices (singular values by one-sided Jacobi)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((r) => fc.integer({ min: 1, max: 6 }).chain((c) => ints(r, c))),
        (m) => {
          const sv = singularValuesJacobi(fromRows(m));
          const floatRank = numericalRank(sv, defaultRankTol(sv[0] ?? 0, m.length, m[0]!.length) * 10);
          const r = exactRank(asRational(m));
          expect(r.rank).toBe(floatRank);
          expect(r.pivotColumns).toHaveLength(r.rank);
          // the pivot block is invertible: its own rank is full
          const block = r.pivotRows.map((i) => r.pivotColumns.map((j) => rat(BigInt(m[i]![j]!))));
          expect(exactRank(block).rank).toBe(r.rank);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('sees a rank deficiency that rounding would blur', () => {
    // rows (1, 0.1) and (10, 1): dependent exactly in rationals (0.1 meaning 1/10)
    expect(exactRank([[rat(1n), rat(1n, 10n)], [rat(10n), rat(1n)]]).rank).toBe(1);
  });
});

describe('provenEigenvalueLowerBound', () => {
  it('returns μ ≤ λ_min for symmetric positive definite BBᵀ + I, close to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((r) => ints(r, r + 1)), (b) => {
        const m = b.length;
        const G = Array.from({ length: m }, (_, i) =>
          Array.from({ length: m }, (_, j) => b[i]!.reduce((s, v, k) => s + v * b[j]![k]!, 0) + (i === j ? 1 : 0)),
        );
        const lmin = symmetricEigenvalues(fromRows(G))[0]!;
        const mu = provenEigenvalueLowerBound(asRational(G), lmin);
        expect(mu).toBeDefined();
        const v = toNumber(mu!);
        expect(v).toBeLessThanOrEqual(lmin * (1 + 1e-12));
        expect(v).toBeGreaterThan(0.99 * lmin);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('gives nothing for a singular matrix', () => {
    expect(provenEigenvalueLowerBound(asRational([[1, 1], [1, 1]]), 0)).toBeUndefined();
  });
});

describe('exact evaluation', () => {
  it.each([
    ['exp', 0, '1', '1'],
    ['sigmoid', 0, '1/2', '1/4'],
    ['cos', 0, '1', '0'],
    ['abs', -3, '3', '-1'],
    ['sqrt', 0.25, '1/2', '1'],
    ['log', 1, '0', '1'],
  ] as const)('%s(%s) = %s with derivative %s', (fn, x, value, d1) => {
    const j = unaryJet(fn, fromNumber(x));
    expect(toString(j.value)).toBe(value);
    expect(toString(j.d1)).toBe(d1);
  });

  it.each([
    ['abs', 0],
    ['exp', 1],
    ['sqrt', 2],
    ['log', 2],
  ] as const)('declines %s(%s)', (fn, x) => {
    expect(() => unaryJet(fn, fromNumber(x))).toThrow(Inexact);
  });

  it('knows a rectified σ on t ≤ 0, and declines ReLU′(0)', () => {
    const smoolu = compileActivation('smoolu');
    expect(toString(activationJet(smoolu, rat(-1n), () => false).value)).toBe('0');
    expect(toString(activationJet(smoolu, rat(0n), () => true).d1)).toBe('0');
    expect(() => activationJet(compileActivation('relu'), rat(0n), () => false)).toThrow(Inexact);
    expect(toString(activationJet(compileActivation('relu'), rat(3n, 2n), () => false).d1)).toBe('1');
    expect(() => activationJet(smoolu, rat(1n), () => true)).toThrow(Inexact);
  });

  it('matches the float Jacobian of a rational model at random points', () => {
    const model = buildModel(
      { kind: 'expression', params: ['a', 'b', 'c'], inputs: ['x'], output: ['a*b*x + c^2/(1 + a^2)', 'a - b*c*x^3'] },
      1,
      2,
    );
    const coord = fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.tuple(coord, coord, coord), fc.array(coord, { minLength: 1, maxLength: 3 }), (w3, xs) => {
        const w = Float64Array.from(w3);
        const x = xs.map((v) => Float64Array.of(v));
        const exact = exactResidualsAndJacobian(
          model.program,
          w,
          xs.map((v) => [fromNumber(v)]),
          xs.map(() => [rat(0n), rat(0n)]),
          () => false,
        );
        const J = model.jacobian(w, x);
        const f = model.outputs(w, x);
        exact.J.forEach((row, r) => row.forEach((v, p) => expect(toNumber(v)).toBeCloseTo(J[r * 3 + p]!, 10)));
        exact.F.forEach((v, r) => expect(toNumber(v)).toBeCloseTo(f[r]!, 10));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
