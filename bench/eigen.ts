/**
 * Timings of the symmetric eigenvalue kernel (Householder tridiagonalisation + implicit QL) on
 * random symmetric matrices, with ml-matrix's EigenvalueDecomposition beside it for n ≤ 500.
 *
 *   npx tsx bench/eigen.ts [n ...]      default sizes: 100 200 500 1000 2000
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { mat, symmetricEigenvalues, tridiagonalize, type Mat } from '../src/numeric/linalg.js';

/** A seeded random symmetric matrix (xorshift, so runs are comparable). */
function randomSymmetric(n: number, seed: number): Mat {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32 - 0.5;
  };
  const a = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rnd();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  return a;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100, 200, 500, 1000, 2000];
symmetricEigenvalues(randomSymmetric(50, 7)); // warm up the JIT

console.log('n      eigenvalues(ms)  of which tridiag(ms)  ml-matrix EVD(ms)  max |Δλ| vs ml-matrix');
for (const n of sizes) {
  const a = randomSymmetric(n, n);
  const [, tTri] = time(() => tridiagonalize(a));
  const [lam, tEig] = time(() => symmetricEigenvalues(a));
  let ml = '', diff = '';
  if (n <= 500) {
    const rows: number[][] = [];
    for (let i = 0; i < n; i++) rows.push(Array.from(a.data.subarray(i * n, (i + 1) * n)));
    const [evd, tMl] = time(() => new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }));
    const ref = Float64Array.from(evd.realEigenvalues).sort();
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(ref[i]! - lam[i]!));
    ml = tMl.toFixed(1);
    diff = m.toExponential(2);
  }
  console.log(
    `${String(n).padEnd(7)}${tEig.toFixed(1).padEnd(17)}${tTri.toFixed(1).padEnd(22)}${ml.padEnd(19)}${diff}`,
  );
}
