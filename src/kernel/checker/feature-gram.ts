/**
 * The verifier's re-check of a zero found by solving for the output weights of an mlp
 * (MATH.md, "A trained network", 2a), in float arithmetic with proven error bounds so that it
 * scales to d in the thousands (O(d²·h) work, no interval matrix products).
 *
 * Setting: an enclosure box whose wide coordinates are all output-layer parameters (weights and
 * biases) and whose hidden parameters are single points. Then the last hidden layer's features
 * Φ (d × (h+1), the bias column 1) are the same on the whole box, and F is affine in the output
 * weights: for output o, F_o(V) = Φ·V_o − y_o.
 *
 *   1. Φ is enclosed as a midpoint matrix M and a radius matrix R (entrywise), layer by layer:
 *      each pre-activation z is a float dot product with the a priori bound
 *      |fl(Σ aᵢbᵢ) − Σ aᵢbᵢ| ≤ γ_n·Σ|aᵢbᵢ| (plus the underflow range), and σ(z) comes from σ's
 *      proven interval enclosure (sigma.ts).
 *   2. λ_min(ΦΦᵀ) ≥ μ for every Φ in M ± R: ΦΦᵀ = fl(MMᵀ) + E with
 *      ‖E‖₂ ≤ γ_q‖M‖²_F + 2‖M‖_F‖R‖_F + ‖R‖²_F, and λ_min(fl(MMᵀ)) ≥ s − ‖ΔA‖ where the float
 *      Cholesky factorization of fl(MMᵀ) − sI ran to completion: by Higham (Accuracy and
 *      Stability of Numerical Algorithms, 2nd ed., Theorem 10.3) L̂L̂ᵀ = A + ΔA with
 *      |ΔA| ≤ γ_{d+1}|L̂||L̂|ᵀ, so ‖ΔA‖₂ ≤ γ_{d+1}‖L̂‖²_F, and L̂L̂ᵀ ⪰ 0. To that are added
 *      the rounding of the shifted diagonal, the underflow range Higham's model leaves out,
 *      and the measured defect |L̂ᵢᵢ² − vᵢ| of each square root (provenAbove).
 *   3. With G = ΦΦᵀ invertible, V*_o = c_o − Φᵀ G⁻¹ (Φc_o − y_o) is a zero of F_o (the
 *      minimum-norm correction), and |V*_oj − c_oj| ≤ ‖Φ_{:,j}‖₂ · ‖r_o‖₂ / μ. The box must
 *      hold c ± that bound: then it holds a true zero of F (not a unique one: the zeros in
 *      the output weights form an affine family of dimension k·(h+1−d)).
 *   4. rank J = d·k on the whole box: the output-weight columns of J are I_k ⊗ Φ, and
 *      JJᵀ ⪰ I_k ⊗ ΦΦᵀ ⪰ μ·I, so also λ_min(JJᵀ) ≥ μ there.
 */
import { fromRational, mul as mulIv, nextDown, nextUp, sqrt as sqrtIv } from '../interval.js';
import type { Rational } from '../rational.js';
import { enclosed, toInterval } from './hnum.js';
import type { Sigma } from './sigma.js';

const U = 2 ** -53;
const ETA = 2 ** -1074;

/** A float ≥ γ_n = n·u/(1 − n·u). */
function gamma(n: number): number {
  return nextUp(nextUp(n * U) / nextDown(1 - n * U));
}

/** A float ≥ √x (the interval square root checks its own rounding; no accuracy of Math.sqrt is assumed). */
const sqrtUp = (x: number): number => sqrtIv({ lo: x, hi: x }).hi;

/** a·b rounded up, for a, b ≥ 0. */
const upMul = (a: number, b: number): number => nextUp(a * b);
/** a + b rounded up. */
const upAdd = (a: number, b: number): number => nextUp(a + b);

/** A float ≥ the exact sum of the nonnegative floats whose float sum is s (n terms). */
function upSumOf(s: number, n: number): number {
  // n rounded products and n − 1 rounded additions: within γ_{n+1} of the exact sum, and the underflow range
  return upAdd(upMul(s, upAdd(1, gamma(n + 1))), 2 * (n + 1) * ETA);
}

/** What the verifier needs of the certificate for this route. */
export interface FeatureProblem {
  readonly m: number;
  readonly k: number;
  readonly hidden: readonly number[];
  readonly sigma: Sigma;
  /** the box's lower ends (hidden parameters are points there) */
  readonly at: readonly number[];
  /** the certificate's point values (the centre c) */
  readonly centre: readonly number[];
  /** the box, as [lo, hi] per parameter */
  readonly box: readonly (readonly [number, number])[];
  readonly x: readonly (readonly Rational[])[];
  readonly y: readonly (readonly Rational[])[];
}

export type FeatureFact =
  | {
      readonly ok: true;
      /** λ_min(ΦΦᵀ) ≥ mu, proven */
      readonly mu: number;
      /** the largest |V*ⱼ − cⱼ| bound met */
      readonly move: number;
      /** proves λ_min(ΦΦᵀ) > t for a larger t, when asked */
      readonly above: (t: number) => boolean;
    }
  | { readonly ok: false; readonly why: string };

/** The output layer's parameter offsets for an mlp: weights (k × h row-major), then biases. */
export function outputLayer(m: number, hidden: readonly number[], k: number): { readonly weights: number; readonly biases: number; readonly n: number } {
  let n = 0;
  let fan = m;
  for (const h of hidden) {
    n += h * fan + h;
    fan = h;
  }
  return { weights: n, biases: n + k * fan, n: n + k * fan + k };
}

/** The features of the last hidden layer at every input: M ± R, each d × (h+1) row-major. */
function features(p: FeatureProblem): { readonly M: Float64Array; readonly R: Float64Array; readonly q: number } | string {
  const d = p.x.length;
  const h = p.hidden[p.hidden.length - 1]!;
  const q = h + 1;
  const M = new Float64Array(d * q);
  const R = new Float64Array(d * q);
  for (let i = 0; i < d; i++) {
    let mid = Float64Array.from(p.x[i]!, (r) => {
      const iv = fromRational(r);
      return 0.5 * iv.lo + 0.5 * iv.hi;
    });
    let rad = Float64Array.from(p.x[i]!, (r, j) => {
      const iv = fromRational(r);
      return nextUp(Math.max(iv.hi - mid[j]!, mid[j]! - iv.lo));
    });
    let offset = 0;
    let fan = p.m;
    for (const width of p.hidden) {
      const nextMid = new Float64Array(width);
      const nextRad = new Float64Array(width);
      const g = gamma(fan + 2);
      for (let u = 0; u < width; u++) {
        const row = offset + u * fan;
        const b = p.at[offset + width * fan + u]!;
        let s = b;
        let a = Math.abs(b);
        let r = 0;
        for (let j = 0; j < fan; j++) {
          const w = p.at[row + j]!;
          s += w * mid[j]!;
          const aw = Math.abs(w);
          a += aw * Math.abs(mid[j]!);
          r += aw * rad[j]!;
        }
        // |z − fl(s)| ≤ Σ|w|·rad + γ·Σ|w||mid| (+ underflow), each float sum stepped up to a bound
        const A = upSumOf(a, fan + 1);
        const radius = upAdd(upAdd(upSumOf(r, fan), upMul(g, A)), 4 * (fan + 2) * ETA);
        const zlo = nextDown(s - radius);
        const zhi = nextUp(s + radius);
        if (!Number.isFinite(zlo) || !Number.isFinite(zhi)) return `a pre-activation of hidden unit ${u + 1} is not finite at input ${i + 1}`;
        const v = toInterval(p.sigma.value(enclosed({ lo: zlo, hi: zhi })));
        if (!Number.isFinite(v.lo) || !Number.isFinite(v.hi)) return `σ is not enclosed at a pre-activation of hidden unit ${u + 1}, input ${i + 1}`;
        const c = 0.5 * v.lo + 0.5 * v.hi;
        nextMid[u] = c;
        nextRad[u] = nextUp(Math.max(v.hi - c, c - v.lo));
      }
      offset += width * fan + width;
      fan = width;
      mid = nextMid;
      rad = nextRad;
    }
    M.set(mid, i * q);
    R.set(rad, i * q);
    M[i * q + h] = 1;
    R[i * q + h] = 0;
  }
  return { M, R, q };
}

/** fl(MMᵀ), d × d, symmetric (lower triangle computed, mirrored). */
function gram(M: Float64Array, d: number, q: number): Float64Array {
  const G = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    const oa = a * q;
    for (let b = 0; b <= a; b++) {
      const ob = b * q;
      let s0 = 0;
      let s1 = 0;
      let l = 0;
      for (; l + 1 < q; l += 2) {
        s0 += M[oa + l]! * M[ob + l]!;
        s1 += M[oa + l + 1]! * M[ob + l + 1]!;
      }
      if (l < q) s0 += M[oa + l]! * M[ob + l]!;
      const s = s0 + s1;
      G[a * d + b] = s;
      G[b * d + a] = s;
    }
  }
  return G;
}

/**
 * Float Cholesky of A − sI (row by row, lower triangle); the factor, or undefined when a pivot
 * is not positive. The diagonal A_ii − s is formed in float first (its rounding is accounted
 * for by the caller). `defect` bounds |L_ii² − v_i| for each pivot v_i and its computed square
 * root, measured with an exact product, so that the bound does not rest on √'s rounding.
 */
function cholesky(A: Float64Array, d: number, s: number): { readonly L: Float64Array; readonly defect: number } | undefined {
  const L = new Float64Array(d * d);
  let defect = 0;
  for (let i = 0; i < d; i++) {
    const oi = i * d;
    for (let j = 0; j <= i; j++) {
      const oj = j * d;
      let t0 = 0;
      let t1 = 0;
      let l = 0;
      for (; l + 1 < j; l += 2) {
        t0 += L[oi + l]! * L[oj + l]!;
        t1 += L[oi + l + 1]! * L[oj + l + 1]!;
      }
      if (l < j) t0 += L[oi + l]! * L[oj + l]!;
      const a = i === j ? A[oi + i]! - s : A[oi + j]!;
      const v = a - (t0 + t1);
      if (i === j) {
        if (!(v > 0) || !Number.isFinite(v)) return undefined;
        const r = Math.sqrt(v);
        // r² enclosed exactly (interval product), so |r² − v| is bounded with no trust in √
        const sq = mulIv({ lo: r, hi: r }, { lo: r, hi: r });
        defect = Math.max(defect, nextUp(Math.max(Math.abs(sq.hi - v), Math.abs(v - sq.lo))));
        L[oi + i] = r;
      } else L[oi + j] = v / L[oj + j]!;
    }
  }
  return { L, defect };
}

/** An estimate of λ_min(A) from its Cholesky factor: inverse iteration (float, for the shift only). */
function smallestEigenvalueEstimate(L: Float64Array, d: number): number {
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  let est = 0;
  for (let it = 0; it < 40; it++) {
    // w = L⁻ᵀ L⁻¹ v
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = v[i]!;
      for (let l = 0; l < i; l++) s -= L[i * d + l]! * y[l]!;
      y[i] = s / L[i * d + i]!;
    }
    const w = new Float64Array(d);
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let l = i + 1; l < d; l++) s -= L[l * d + i]! * w[l]!;
      w[i] = s / L[i * d + i]!;
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += w[i]! * w[i]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) return 0;
    const next = 1 / norm;
    const done = Math.abs(next - est) <= 1e-6 * next;
    est = next;
    v = w.map((x) => x / norm);
    if (done) break;
  }
  return est;
}

/** A float ≥ ‖X‖²_F for the float matrix X. */
function frobeniusSquaredUp(X: Float64Array): number {
  let s = 0;
  for (let i = 0; i < X.length; i++) s += X[i]! * X[i]!;
  return upSumOf(s, X.length);
}

/**
 * Whether λ_min(ΦΦᵀ) ≥ s − slack is proven by a Cholesky factorization of fl(MMᵀ) − sI; the
 * proven bound (rounded down), or undefined.
 */
function provenAbove(G: Float64Array, d: number, s: number, delta1: number): number | undefined {
  const f = cholesky(G, d, s);
  if (f === undefined) return undefined;
  const L = f.L;
  let maxDiag = 0;
  let maxPivot = 0;
  for (let i = 0; i < d; i++) {
    maxDiag = Math.max(maxDiag, Math.abs(G[i * d + i]! - s));
    maxPivot = Math.max(maxPivot, L[i * d + i]!);
  }
  // the diagonal's own rounding: |fl(Gᵢᵢ − s) − (Gᵢᵢ − s)| ≤ u·|Gᵢᵢ − s|
  const diagErr = upMul(upMul(2, U), upAdd(maxDiag, s));
  // Higham's ΔA: the two interleaved partial sums and their merge give each term of an inner
  // product at most ⌈j/2⌉ + 1 roundings, within the j + 1 his Lemma 8.4 allows for any order
  const chol = upMul(gamma(d + 1), frobeniusSquaredUp(L));
  // Higham's model has no underflow: a product may lose η/2 absolutely, and a quotient
  // L_ij = v/L_jj η/2, which L_ij·L_jj turns into η/2·L_jj; per entry ≤ (d + max L_jj)·η, and
  // ‖·‖₂ ≤ d·(largest entry)
  const under = upMul(upMul(2 * d, upAdd(d, maxPivot)), ETA);
  // the square roots' own defect, and the rounding of the pivot around it (γ₁ of L_ii² + defect)
  const root = upMul(2, f.defect);
  const slack = upAdd(upAdd(upAdd(upAdd(diagErr, chol), delta1), under), root);
  const mu = nextDown(s - slack);
  return mu > 0 ? mu : undefined;
}

/** The re-check of the module header, steps 1–3. */
export function featureGramFact(p: FeatureProblem): FeatureFact {
  const d = p.x.length;
  const h = p.hidden[p.hidden.length - 1]!;
  if (h + 1 < d) return { ok: false, why: `the last hidden layer has ${h} units and a bias, fewer than d = ${d}` };
  const f = features(p);
  if (typeof f === 'string') return { ok: false, why: f };
  const { M, R, q } = f;
  const G = gram(M, d, q);
  const fm2 = frobeniusSquaredUp(M);
  const fr2 = frobeniusSquaredUp(R);
  const fm = sqrtUp(fm2);
  const fr = sqrtUp(fr2);
  // ‖ΦΦᵀ − fl(MMᵀ)‖₂ for every Φ in M ± R
  const delta1 = upAdd(upAdd(upMul(gamma(q), fm2), upMul(upMul(2, fm), fr)), upAdd(fr2, 2 * d * (q + 2) * ETA));
  const L0 = cholesky(G, d, 0);
  if (L0 === undefined) return { ok: false, why: `the float Cholesky factorization of the ${d} × ${d} feature Gram matrix ΦΦᵀ breaks down: the features are numerically dependent` };
  const est = smallestEigenvalueEstimate(L0.L, d);
  let mu: number | undefined;
  let usedShift = 0;
  for (const frac of [0.5, 0.1, 0.01]) {
    usedShift = frac * est;
    mu = provenAbove(G, d, usedShift, delta1);
    if (mu !== undefined) break;
  }
  if (mu === undefined) return { ok: false, why: `λ_min(ΦΦᵀ) ≈ ${est.toExponential(2)} is not proven positive: the rounding allowance ${delta1.toExponential(2)} and the Cholesky error are too large beside it` };
  // step 3: the minimum-norm zero lies within ‖Φ_{:,j}‖₂·‖r_o‖₂/μ of the centre
  const { weights, biases } = outputLayer(p.m, p.hidden, p.k);
  const colNorm = new Float64Array(q);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < q; j++) {
      const mag = upAdd(Math.abs(M[i * q + j]!), R[i * q + j]!);
      colNorm[j] = upAdd(colNorm[j]!, upMul(mag, mag));
    }
  }
  for (let j = 0; j < q; j++) colNorm[j] = sqrtUp(colNorm[j]!);
  let move = 0;
  const param = (o: number, j: number): number => (j < h ? weights + o * h + j : biases + o);
  for (let o = 0; o < p.k; o++) {
    const c = Float64Array.from({ length: q }, (_, j) => p.centre[param(o, j)]!);
    const g = gamma(q + 2);
    let r2 = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      let a = 0;
      let r = 0;
      for (let j = 0; j < q; j++) {
        s += M[i * q + j]! * c[j]!;
        a += Math.abs(M[i * q + j]! * c[j]!);
        r += R[i * q + j]! * Math.abs(c[j]!);
      }
      const radius = upAdd(upAdd(upSumOf(r, q), upMul(g, upSumOf(a, q))), 4 * (q + 2) * ETA);
      const y = fromRational(p.y[i]![o]!);
      const lo = nextDown(nextDown(s - radius) - y.hi);
      const hi = nextUp(nextUp(s + radius) - y.lo);
      const mag = Math.max(Math.abs(lo), Math.abs(hi));
      if (!Number.isFinite(mag)) return { ok: false, why: `the residual at input ${i + 1} is not finite` };
      r2 = upAdd(r2, upMul(mag, mag));
    }
    const rNorm = sqrtUp(r2);
    for (let j = 0; j < q; j++) {
      const bound = nextUp(upMul(colNorm[j]!, rNorm) / mu);
      move = Math.max(move, bound);
      const at = param(o, j);
      const [lo, hi] = p.box[at]!;
      if (!(nextDown(c[j]! - bound) >= lo && nextUp(c[j]! + bound) <= hi)) {
        return { ok: false, why: `the zero lies within ${bound.toExponential(2)} of the centre in output weight ${at}, and the box [${lo}, ${hi}] does not hold that` };
      }
    }
  }
  const proven = mu;
  const above = (t: number): boolean => {
    if (t <= proven) return true;
    // a shift above t by twice the slack the first proof needed
    const slack = Math.max(0, usedShift - proven);
    const again = provenAbove(G, d, t + 2 * slack + Math.abs(t) * 1e-12, delta1);
    return again !== undefined && again >= t;
  };
  return { ok: true, mu: proven, move, above };
}

/** The route applies: an mlp whose box is wide in exactly its output-layer coordinates. */
export function featureRouteApplies(m: number, hidden: readonly number[], k: number, n: number, wide: readonly number[]): boolean {
  if (hidden.length === 0) return false;
  const out = outputLayer(m, hidden, k);
  // every output-layer coordinate wide (a construction's box is wide in d·k of them only)
  return out.n === n && wide.length === n - out.weights && wide.every((j) => j >= out.weights);
}

