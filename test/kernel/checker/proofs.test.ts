import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rat } from '../../../src/kernel/rational.js';
import { exactRank, invert, krawczyk, peelTriangular, provePositiveDefinite, symmetricEigenvaluesJacobi, type Entry } from '../../../src/kernel/checker/proofs.js';

const small = fc.integer({ min: -9, max: 9 });

describe('the verifier’s own kernels', () => {
  it('invert: A·A⁻¹ = I for diagonally dominant A', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((p) => fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: p * p, maxLength: p * p })), (a) => {
        const p = Math.round(Math.sqrt(a.length));
        for (let i = 0; i < p; i++) a[i * p + i] = p + 1;
        const inv = invert(a, p)!;
        for (let i = 0; i < p; i++) {
          for (let j = 0; j < p; j++) {
            let s = 0;
            for (let l = 0; l < p; l++) s += a[i * p + l]! * inv[l * p + j]!;
            expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-13);
          }
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('invert keeps the exact zeros of a permuted triangular matrix in its inverse', () => {
    // rows and columns of a lower-triangular matrix shuffled: the inverse is the shuffled upper-triangular inverse
    const L = [
      [2, 0, 0, 0],
      [3, 5, 0, 0],
      [7, 1, 4, 0],
      [9, 2, 6, 8],
    ];
    const rows = [2, 0, 3, 1];
    const cols = [1, 3, 0, 2];
    const a = rows.flatMap((r) => cols.map((c) => L[r]![c]!));
    const inv = invert(a, 4)!;
    // (P L Q)⁻¹ = Qᵀ L⁻¹ Pᵀ: entry (i, j) is L⁻¹[cols[i]][rows[j]], zero above L⁻¹'s diagonal
    let zeros = 0;
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        if (rows[j]! > cols[i]!) {
          expect(inv[i * 4 + j]).toBe(0);
          zeros++;
        }
      }
    }
    expect(zeros).toBe(6);
  });

  it('exactRank: a product [I; B]·[I C] of rank r has rank r exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.array(small, { minLength: 9, maxLength: 9 }), fc.array(small, { minLength: 9, maxLength: 9 }), (extraRows, extraCols, r, b, c) => {
        const left = (i: number, k: number): number => (i < r ? (i === k ? 1 : 0) : b[(i * 3 + k) % 9]!);
        const right = (k: number, j: number): number => (j < r ? (j === k ? 1 : 0) : c[(k * 3 + j) % 9]!);
        const m = Array.from({ length: r + extraRows }, (_, i) =>
          Array.from({ length: r + extraCols }, (_, j) => {
            let s = 0;
            for (let k = 0; k < r; k++) s += left(i, k) * right(k, j);
            return rat(BigInt(s));
          }),
        );
        expect(exactRank(m)).toBe(r);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('peelTriangular finds the order of a shuffled triangular pattern and refuses a full block', () => {
    const nz = (kind: 'zero' | 'nonzero'): Entry => ({ kind, rigor: 'exact' });
    const tri = [
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ];
    const rows = [2, 0, 1];
    const cols = [1, 2, 0];
    const r = peelTriangular(3, 3, (i, j) => nz(tri[rows[i]!]![cols[j]!] ? 'nonzero' : 'zero'));
    expect(r.ok).toBe(true);
    const full = peelTriangular(2, 2, () => nz('nonzero'));
    expect(full).toEqual({ ok: false, placed: 0 });
    const unknownDiagonal = peelTriangular(1, 1, () => ({ kind: 'unknown' }));
    expect(unknownDiagonal.ok).toBe(false);
  });

  it('provePositiveDefinite agrees with the eigenvalues of B·Bᵀ + λI', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((p) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: p * p, maxLength: p * p })), fc.double({ min: 0.01, max: 2, noNaN: true }), (b, lambda) => {
        const p = Math.round(Math.sqrt(b.length));
        const G: number[] = [];
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
          let s = i === j ? lambda : 0;
          for (let k = 0; k < p; k++) s += b[i * p + k]! * b[j * p + k]!;
          G.push(s);
        }
        const eig = symmetricEigenvaluesJacobi(G, p);
        const iv = G.map((x) => ({ lo: x, hi: x }));
        expect(provePositiveDefinite(iv, p, eig[0]! * 0.9)).toBe(true);
        expect(provePositiveDefinite(iv, p, eig[0]! * 1.1 + 1e-9)).toBe(false);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('krawczyk proves √2 on a box around it and fails on a box that misses it', () => {
    const g = (u: number) => [{ lo: u * u - 2 - 1e-15, hi: u * u - 2 + 1e-15 }];
    const jac = (lo: number, hi: number) => [{ lo: 2 * lo, hi: 2 * hi }];
    const c = 1.4142135623730951;
    expect(krawczyk([{ lo: c - 1e-9, hi: c + 1e-9 }], [c], g(c), jac(c - 1e-9, c + 1e-9), jac(c, c)).ok).toBe(true);
    expect(krawczyk([{ lo: 1.5 - 1e-9, hi: 1.5 + 1e-9 }], [1.5], g(1.5), jac(1.5, 1.5), jac(1.5, 1.5)).ok).toBe(false);
  });
});
