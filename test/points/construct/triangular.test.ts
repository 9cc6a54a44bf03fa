import fc from 'fast-check';
import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { add, cmp, div, fromNumber, mul, sub, type Rational } from '../../../src/kernel/rational.js';
import {
  encloseResidual,
  encloseSolutions,
  forwardSubstitute,
  inverseNormBounds,
  sigmaMinEstimate,
  TRANSFORMS,
  type TriangularBlock,
} from '../../../src/points/construct/triangular.js';

/** A packed lower-triangular point block (lo = hi = f) from rows. */
function block(rows: readonly (readonly number[])[]): TriangularBlock {
  const d = rows.length;
  const f = new Float64Array((d * (d + 1)) / 2);
  rows.forEach((r, i) => r.slice(0, i + 1).forEach((v, j) => (f[(i * (i + 1)) / 2 + j] = v)));
  return { d, f, lo: f, hi: f };
}

/** Exact forward substitution in rationals: the reference solution. */
function exactSolve(rows: readonly (readonly number[])[], y: readonly number[]): Rational[] {
  const v: Rational[] = [];
  rows.forEach((r, i) => {
    let s = fromNumber(y[i]!);
    for (let j = 0; j < i; j++) s = sub(s, mul(fromNumber(r[j]!), v[j]!));
    v.push(div(s, fromNumber(r[i]!)));
  });
  return v;
}

const inside = (v: Rational, lo: number, hi: number): boolean => cmp(fromNumber(lo), v) <= 0 && cmp(v, fromNumber(hi)) <= 0;

/** Random lower-triangular rows with a positive diagonal; `kind` shapes them like Lemma 3.3's A. */
const lowerRows = (d: number, kind: 'random' | 'ramps' | 'bounded') =>
  fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: d, maxLength: d }).chain((gaps) =>
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((noise) => {
      const t = gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []);
      return Array.from({ length: d }, (_, i) =>
        Array.from({ length: d }, (_, j) => {
          if (j > i) return 0;
          const z = t[i]! - (j === 0 ? 0 : t[j - 1]!);
          if (kind === 'ramps') return z * Math.exp(-1 / z); // smooLU, biases at the previous point
          if (kind === 'bounded') return Math.exp(-1 / z);
          // few-bit entries keep the exact reference's rationals small
          const q = Math.round(64 * noise[i * d + j]!) / 64;
          return j === i ? 1 + Math.abs(q) : q;
        }),
      );
    }),
  );

describe('forwardSubstitute', () => {
  it('agrees with a dense solve (ml-matrix)', () => {
    fc.assert(
      fc.property(lowerRows(8, 'ramps'), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }), (rows, y) => {
        const { v } = forwardSubstitute(block(rows), Float64Array.from(y));
        const ref = solve(new Matrix(rows), Matrix.columnVector(y)).to1DArray();
        v.forEach((x, i) => expect(x).toBeCloseTo(ref[i]!, 8));
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('encloseSolutions', () => {
  it.each(['random', 'ramps', 'bounded'] as const)('encloses the exact rational solution (%s blocks), every transform', (kind) => {
    fc.assert(
      fc.property(lowerRows(10, kind), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }), (rows, y) => {
        const exact = exactSolve(rows, y);
        const yv = Float64Array.from(y);
        for (const t of TRANSFORMS) {
          const e = encloseSolutions(block(rows), [yv], [yv], [t], 0);
          exact.forEach((v, j) => expect(inside(v, e.lo[0]![j]!, e.hi[0]![j]!)).toBe(true));
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('stays tight where plain interval substitution blows up (smooLU ramps, d = 300)', () => {
    const d = 300;
    const t = Array.from({ length: d }, (_, i) => 10 * i + 3 * Math.sin(i));
    const rows = Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => {
        const z = t[i]! - (j === 0 ? t[0]! - 10 : t[j - 1]!);
        return j > i ? 0 : z * Math.exp(-1 / z);
      }),
    );
    const y = Float64Array.from({ length: d }, (_, i) => Math.cos(i));
    const plain = encloseSolutions(block(rows), [y], [y], [{ left: false, right: false }], 0);
    const pre = encloseSolutions(block(rows), [y], [y]);
    expect(pre.relativeWidth).toBeLessThan(1e-9);
    expect(plain.relativeWidth).toBeGreaterThan(1e3 * pre.relativeWidth);
  });

  it('reports a lost enclosure when a diagonal interval touches 0', () => {
    const a: TriangularBlock = { d: 2, f: Float64Array.of(1, 1, 1), lo: Float64Array.of(1, 1, 0), hi: Float64Array.of(1, 1, 1) };
    const y = Float64Array.of(1, 1);
    expect(encloseSolutions(a, [y], [y]).relativeWidth).toBe(Infinity);
  });
});

describe('encloseResidual', () => {
  it('contains the exact residual A·v − y of a float v', () => {
    const rows = [[2, 0, 0], [1, 3, 0], [0.5, 0.25, 4]];
    const v = Float64Array.of(0.1, -0.3, 0.7);
    const y = Float64Array.of(0.3, -0.2, 0.1);
    const r = encloseResidual(block(rows), v, y, y);
    rows.forEach((row, i) => {
      let s = fromNumber(-y[i]!);
      row.forEach((a, j) => (s = add(s, mul(fromNumber(a), fromNumber(v[j]!)))));
      expect(inside(s, r.lo[i]!, r.hi[i]!)).toBe(true);
    });
  });
});

describe('inverseNormBounds', () => {
  it.each(['random', 'ramps', 'bounded'] as const)('bounds σ_min from below (%s blocks; SVD as the reference)', (kind) => {
    fc.assert(
      fc.property(lowerRows(7, kind), (rows) => {
        const sv = new SingularValueDecomposition(new Matrix(rows)).diagonal;
        const smin = Math.min(...sv);
        for (const t of TRANSFORMS) expect(inverseNormBounds(block(rows), t).sigmaMinLower).toBeLessThanOrEqual(smin);
        const est = sigmaMinEstimate(block(rows), 30);
        expect(est).toBeGreaterThanOrEqual(smin * (1 - 1e-9));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('is within a modest factor for smooLU ramps with D·A·D', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 40 }, (_, j) => (j > i ? 0 : ((z) => z * Math.exp(-1 / z))(10 * (i - j + 1)))),
    );
    const smin = Math.min(...new SingularValueDecomposition(new Matrix(rows)).diagonal);
    const lower = inverseNormBounds(block(rows), TRANSFORMS[0]!).sigmaMinLower;
    expect(lower).toBeGreaterThan(smin / 10);
  });
});
