import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxAround, floatInverse, krawczykTest, type SquareSystem } from '../../src/kernel/krawczyk.js';
import { add, contains, fromNumber, mul, sqr, sub, type Interval } from '../../src/kernel/interval.js';
import { cmp, div as rdiv, fromNumber as rat, mul as rmul, sub as rsub, type Rational } from '../../src/kernel/rational.js';

const ONE: Interval = { lo: 1, hi: 1 };
const TWO: Interval = { lo: 2, hi: 2 };

/** G(u) = u² − 2: the zero √2. */
const sqrt2: SquareSystem = {
  size: 1,
  value: ([u]) => [sub(sqr(u!), TWO)],
  jacobian: ([u]) => [mul(TWO, u!)],
};

/** The circle x² + y² = 1 meets the line x = y at (1/√2, 1/√2). */
const circleLine: SquareSystem = {
  size: 2,
  value: ([x, y]) => [sub(add(sqr(x!), sqr(y!)), ONE), sub(x!, y!)],
  jacobian: ([x, y]) => [mul(TWO, x!), mul(TWO, y!), ONE, { lo: -1, hi: -1 }],
};

describe('krawczykTest', () => {
  it('proves √2 in a small box and its refinement holds the float √2', () => {
    const c = [1.41421356237];
    const t = krawczykTest(sqrt2, c, boxAround(c, [1e-8]));
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(contains(t.refined[0]!, Math.SQRT2)).toBe(true);
    expect(t.contraction).toBeLessThan(1e-6);
  });

  it('proves the intersection of a circle and a line', () => {
    const c = [0.7071067811865476, 0.7071067811865476];
    const t = krawczykTest(circleLine, c, boxAround(c, [1e-10, 1e-10]));
    expect(t.ok).toBe(true);
  });

  it('says "singular" where G′ vanishes at the centre (u² at 0)', () => {
    const sq: SquareSystem = { size: 1, value: ([u]) => [sqr(u!)], jacobian: ([u]) => [mul(TWO, u!)] };
    const t = krawczykTest(sq, [0], boxAround([0], [1e-6]));
    expect(t).toMatchObject({ ok: false, reason: 'singular' });
  });

  it('fails, with the Newton correction named, when the centre is far from the zero for the box', () => {
    const t = krawczykTest(sqrt2, [1], boxAround([1], [1e-6]));
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.reason).toBe('not-contained');
    expect(t.detail).toMatch(/Newton correction/);
  });

  it('fails on a box where the Jacobian is unbounded', () => {
    const pole: SquareSystem = {
      size: 1,
      value: ([u]) => [u!],
      // finite at the centre, unbounded on any wider box (a kink inside it)
      jacobian: ([u]) => [u!.lo === u!.hi ? ONE : { lo: -Infinity, hi: Infinity }],
    };
    expect(krawczykTest(pole, [0], boxAround([0], [1e-3]))).toMatchObject({ ok: false, reason: 'unbounded' });
  });
});

/** Exact solution of A u = b over the rationals (Gaussian elimination, A nonsingular). */
function solveExact(A: number[][], b: number[]): Rational[] {
  const p = b.length;
  const M = A.map((row, i) => [...row.map(rat), rat(b[i]!)]);
  for (let c = 0; c < p; c++) {
    const piv = M.findIndex((r, i) => i >= c && r[c]!.num !== 0n);
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = rdiv(M[r]![c]!, M[c]![c]!);
      M[r] = M[r]!.map((v, j) => rsub(v, rmul(f, M[c]![j]!)));
    }
  }
  return M.map((r, i) => rdiv(r[p]!, r[i]!));
}

describe('krawczykTest against exact solutions', () => {
  // Diagonally dominant A (so nonsingular and well conditioned), any b: the float solution as
  // the centre, and the proven box must hold the exact rational solution.
  const entry = fc.integer({ min: -1000, max: 1000 }).map((i) => i / 1000);
  const system = fc.integer({ min: 1, max: 4 }).chain((p) =>
    fc.record({
      A: fc.array(fc.array(entry, { minLength: p, maxLength: p }), { minLength: p, maxLength: p }),
      b: fc.array(fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }).map((v) => Math.round(v * 2 ** 20) / 2 ** 20), { minLength: p, maxLength: p }),
    }),
  );
  it('a proven box holds the exact solution of a linear system', () => {
    fc.assert(
      fc.property(system, ({ A, b }) => {
        const p = b.length;
        A.forEach((row, i) => (row[i] = p + 1 + Math.abs(row[i]!)));
        const flat = A.flat();
        const inv = floatInverse(flat, p)!;
        const u = Array.from({ length: p }, (_, i) => b.reduce((s, bj, j) => s + inv[i * p + j]! * bj, 0));
        const sys: SquareSystem = {
          size: p,
          value: (box) =>
            A.map((row, i) => sub(row.reduce<Interval>((s, aij, j) => add(s, mul(fromNumber(aij), box[j]!)), { lo: 0, hi: 0 }), fromNumber(b[i]!))),
          jacobian: () => flat.map(fromNumber),
        };
        const t = krawczykTest(sys, u, boxAround(u, u.map((x) => 1e-10 * Math.max(1, Math.abs(x)))));
        expect(t.ok).toBe(true);
        if (!t.ok) return;
        const exact = solveExact(A, b);
        t.box.forEach((x, i) => {
          expect(cmp(rat(x.lo), exact[i]!)).toBeLessThanOrEqual(0);
          expect(cmp(exact[i]!, rat(x.hi))).toBeLessThanOrEqual(0);
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('floatInverse', () => {
  it('inverts a well-conditioned matrix and refuses a singular one', () => {
    // [[4, 1], [2, 3]]⁻¹ = [[3, −1], [−2, 4]] / 10
    const inv = floatInverse([4, 1, 2, 3], 2)!;
    [0.3, -0.1, -0.2, 0.4].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 15));
    expect(floatInverse([1, 2, 2, 4], 2)).toBeUndefined();
  });
});
