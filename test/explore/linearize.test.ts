import fc from 'fast-check';
import { Matrix, pseudoInverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { gramSpectrum, linearize, minimumNormSolve, norm, projectOntoKernel, projectOntoM } from '../../src/explore/linearize.js';
import { buildModel } from '../../src/models/index.js';
import { cholesky, gramRows, mat, matvec, singularValuesJacobi, toRows, type Mat } from '../../src/numeric/linalg.js';
import { loadCase } from '../../src/models/case.js';

const RUNS = { seed: 42, numRuns: 60 };

/** A rows × cols matrix with entries in [−2, 2] and a row-major vector of cols entries. */
const wide = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
  .chain(([rows, extra]) =>
    fc.record({
      J: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: rows * (rows + extra), maxLength: rows * (rows + extra) }),
      v: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: rows + extra, maxLength: rows + extra }),
      rows: fc.constant(rows),
      cols: fc.constant(rows + extra),
    }),
  );

function factored(J: Mat): Mat | undefined {
  const ch = cholesky(gramRows(J));
  if (!ch.ok) return undefined;
  // Keep to well-conditioned draws of ordinary size: the comparison is about the formula, not ill-posed inputs.
  const s = singularValuesJacobi(J);
  return s[s.length - 1]! > 1e-3 * Math.max(1, s[0]!) ? ch.l : undefined;
}

describe('tangent projection and minimum-norm solve against the pseudo-inverse (ml-matrix SVD)', () => {
  it('P v = v − J⁺J v, J·Pv = 0 and P is idempotent', () => {
    fc.assert(
      fc.property(wide, ({ J: entries, v, rows, cols }) => {
        const J = mat(rows, cols, Float64Array.from(entries));
        const chol = factored(J);
        fc.pre(chol !== undefined);
        if (chol === undefined) return;
        const p = projectOntoKernel(J, chol, v);
        const Jm = new Matrix(toRows(J));
        const pinv = pseudoInverse(Jm);
        const vm = Matrix.columnVector(v);
        const expected = vm.sub(pinv.mmul(Jm.mmul(vm))).to1DArray();
        const scale = 1 + norm(v);
        p.forEach((x, i) => expect(Math.abs(x - expected[i]!)).toBeLessThan(1e-9 * scale));
        expect(norm(matvec(J, p))).toBeLessThan(1e-10 * scale);
        const pp = projectOntoKernel(J, chol, p);
        pp.forEach((x, i) => expect(Math.abs(x - p[i]!)).toBeLessThan(1e-10 * scale));
      }),
      RUNS,
    );
  });

  it('Jᵀ(JJᵀ)⁻¹u = J⁺u, the minimum-norm solution of J δ = u', () => {
    fc.assert(
      fc.property(wide, ({ J: entries, v, rows, cols }) => {
        const J = mat(rows, cols, Float64Array.from(entries));
        const chol = factored(J);
        fc.pre(chol !== undefined);
        if (chol === undefined) return;
        const u = v.slice(0, rows);
        const d = minimumNormSolve(J, chol, u);
        const expected = pseudoInverse(new Matrix(toRows(J))).mmul(Matrix.columnVector(u)).to1DArray();
        const scale = 1 + norm(u) * 1e3;
        d.forEach((x, i) => expect(Math.abs(x - expected[i]!)).toBeLessThan(1e-9 * scale));
        const back = matvec(J, d);
        back.forEach((x, i) => expect(Math.abs(x - u[i]!)).toBeLessThan(1e-9 * scale));
      }),
      RUNS,
    );
  });

  it('the singular values from the Gram matrix agree with one-sided Jacobi, and the rank is full', () => {
    fc.assert(
      fc.property(wide, ({ J: entries, rows, cols }) => {
        const J = mat(rows, cols, Float64Array.from(entries));
        fc.pre(factored(J) !== undefined);
        const sp = gramSpectrum(gramRows(J), cols);
        const jac = singularValuesJacobi(J);
        sp.sigma.forEach((s, i) => expect(Math.abs(s - jac[i]!)).toBeLessThan(1e-7 * jac[0]!));
        expect(sp.rank).toBe(rows);
        expect(sp.sigmaMin).toBe(sp.sigma[rows - 1]);
      }),
      RUNS,
    );
  });

  it('a rank-deficient J gets rank below its rows, with the tolerance stated', () => {
    // Row 2 = row 1 + row 0.
    const J = mat(3, 4, Float64Array.from([1, 2, 0, 1, 0, 1, 1, 3, 1, 3, 1, 4]));
    const sp = gramSpectrum(gramRows(J), 4);
    expect(sp.rank).toBe(2);
    expect(sp.sigmaMin).toBeLessThanOrEqual(sp.tol);
    expect(sp.tol).toBeGreaterThan(0);
  });
});

describe('projection onto M by minimum-norm Gauss–Newton', () => {
  const c = loadCase('cases/sphere-cylinder.yaml');
  const model = buildModel(c.model, c.data.m, c.data.k);
  const data = { x: c.data.x, y: c.data.y };

  it('lands on the sphere and the cylinder, close to where it started', () => {
    const start = Float64Array.from([1.52, 0.97, 0.53]);
    const p = projectOntoM(model, data, start, { tol: 1e-12 });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const [a, b, e] = Array.from(p.at.w);
    expect(Math.abs(a! ** 2 + b! ** 2 + e! ** 2 - 3.5)).toBeLessThan(1e-14);
    expect(Math.abs(a! ** 2 + b! ** 2 - 2 * a! - 0.25)).toBeLessThan(1e-14);
    expect(p.iterations).toBeLessThanOrEqual(4);
    expect(p.moved).toBeLessThan(0.1);
    // J at the result is the one returned with it.
    expect(Array.from(p.at.J.data)).toEqual(Array.from(linearize(model, data, p.at.w).J.data));
  });

  it('reports failure as a value when J vanishes (a critical point of F)', () => {
    const critical = loadCase('cases/product-critical.yaml');
    const m = buildModel(critical.model, critical.data.m, critical.data.k);
    const p = projectOntoM(m, { x: critical.data.x, y: [Float64Array.of(0.5)] }, Float64Array.of(0, 0), { tol: 1e-12 });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toContain('not positive definite');
  });
});
