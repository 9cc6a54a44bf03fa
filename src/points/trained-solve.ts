/**
 * The verified solve for the output weights of a trained mlp whose last hidden layer has at
 * least d − 1 units (with its bias, at least d features): MATH.md, "A trained network", 2a.
 *
 * With every hidden parameter held at its value, F is affine in the output weights: for output
 * o, F_o(V) = Φ·V_o − y_o, Φ the d × (h+1) matrix of the last hidden layer's features (and a
 * column of ones for the bias). So:
 *
 *   1. the output weights are refined by minimum-norm steps V_o ← V_o − Φᵀ(ΦΦᵀ)⁻¹F_o through
 *      the d × d Gram matrix G = ΦΦᵀ (the same for every output), until F is at rounding level;
 *   2. λ_min(G) ≥ μ is bounded by a float Cholesky factorization of G − sI with Higham's a
 *      priori error bound (Theorem 10.3 of Accuracy and Stability of Numerical Algorithms), and
 *      a generous allowance for the rounding of Φ and of G (the kernel's bound, computed from its
 *      own enclosure of Φ, is the one that counts; this one only sizes the box and the claim);
 *   3. the minimum-norm zero V*_o = V_o − Φᵀ G⁻¹ F_o(V_o) lies within ‖Φ_{:,j}‖₂‖F_o‖₂/μ of V_o
 *      in coordinate j, so a box of a few times that radius around V (hidden coordinates held
 *      as points) holds a true zero of F;
 *   4. rank J = d·k on that box, since its output-weight columns are I_k ⊗ Φ with ΦΦᵀ ⪰ μI;
 *      and λ_min(JJᵀ) ≥ μ, so the smallest positive Hessian eigenvalue on M is ≥ 2c·μ.
 *
 * The kernel re-derives all of it from the certificate (src/kernel/checker/feature-gram.ts);
 * this module only finds the box. O(d²·h + d³) work: no J of size d × n is formed.
 */
import { compileActivation } from '../models/activation.js';
import { mlpLayout } from '../models/mlp.js';
import { nextDown, nextUp, type Interval } from '../kernel/interval.js';
import type { Case } from '../cases/types.js';

const U = 2 ** -53;
const gammaOf = (n: number): number => (n * U) / (1 - n * U);

/** A successful solve, or why not. */
export type OutputSolve =
  | {
      readonly status: 'proven';
      /** the refined point: hidden parameters as given, output weights refined */
      readonly values: Float64Array;
      /** one interval per parameter: output weights wide, hidden ones points */
      readonly box: readonly Interval[];
      /** λ_min(ΦΦᵀ) ≥ mu */
      readonly mu: number;
      /** the float estimate of λ_min(ΦΦᵀ) */
      readonly lambdaEstimate: number;
      /** refinement steps taken */
      readonly steps: number;
      /** max |Fᵣ| after refinement (float) */
      readonly residual: number;
      /** the widest interval of the box */
      readonly maxWidth: number;
      /** ‖refined point − trained weights‖∞ (float) */
      readonly moved: number;
      readonly d: number;
      readonly features: number;
    }
  | { readonly status: 'unknown'; readonly reason: string };

/** Whether the output-weight route applies to the case: an mlp with at least d features feeding the outputs. */
export function outputSolveApplies(c: Case): boolean {
  return c.model.kind === 'mlp' && c.model.hidden.length > 0 && c.model.hidden[c.model.hidden.length - 1]! + 1 >= c.data.d;
}

/** Φ (d × (h+1), row-major) at w, in float. */
function featuresAt(c: Case, w: Float64Array): { readonly Phi: Float64Array; readonly q: number } {
  if (c.model.kind !== 'mlp') throw new Error('features of a non-mlp');
  const sigma = compileActivation(c.model.activation);
  const layout = mlpLayout(c.data.m, c.model.hidden, c.data.k);
  const h = c.model.hidden[c.model.hidden.length - 1]!;
  const q = h + 1;
  const d = c.data.d;
  const Phi = new Float64Array(d * q);
  for (let i = 0; i < d; i++) {
    let a: Float64Array = c.data.x[i]!;
    for (const L of layout.layers.slice(0, -1)) {
      const out = new Float64Array(L.width);
      for (let u = 0; u < L.width; u++) {
        let s = w[L.bOffset + u]!;
        const row = L.wOffset + u * L.fanIn;
        for (let j = 0; j < L.fanIn; j++) s += w[row + j]! * a[j]!;
        out[u] = sigma.f(s);
      }
      a = out;
    }
    Phi.set(a, i * q);
    Phi[i * q + h] = 1;
  }
  return { Phi, q };
}

function gram(Phi: Float64Array, d: number, q: number): Float64Array {
  const G = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s0 = 0;
      let s1 = 0;
      let l = 0;
      const oa = a * q;
      const ob = b * q;
      for (; l + 1 < q; l += 2) {
        s0 += Phi[oa + l]! * Phi[ob + l]!;
        s1 += Phi[oa + l + 1]! * Phi[ob + l + 1]!;
      }
      if (l < q) s0 += Phi[oa + l]! * Phi[ob + l]!;
      G[a * d + b] = G[b * d + a] = s0 + s1;
    }
  }
  return G;
}

/** Lower Cholesky factor of G − sI, or undefined when a pivot is not positive. */
function choleskyShifted(G: Float64Array, d: number, s: number): Float64Array | undefined {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let t = i === j ? G[i * d + i]! - s : G[i * d + j]!;
      for (let l = 0; l < j; l++) t -= L[i * d + l]! * L[j * d + l]!;
      if (i === j) {
        if (!(t > 0)) return undefined;
        L[i * d + i] = Math.sqrt(t);
      } else L[i * d + j] = t / L[j * d + j]!;
    }
  }
  return L;
}

/** x = (LLᵀ)⁻¹ b. */
function cholSolve(L: Float64Array, d: number, b: Float64Array): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let l = 0; l < i; l++) s -= L[i * d + l]! * y[l]!;
    y[i] = s / L[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let l = i + 1; l < d; l++) s -= L[l * d + i]! * x[l]!;
    x[i] = s / L[i * d + i]!;
  }
  return x;
}

/** λ_min(LLᵀ) estimated by inverse iteration. */
function lambdaMin(L: Float64Array, d: number): number {
  let v = new Float64Array(d).fill(1 / Math.sqrt(d));
  let est = 0;
  for (let it = 0; it < 40; it++) {
    const w = cholSolve(L, d, v);
    const norm = Math.hypot(...w);
    if (!(norm > 0) || !Number.isFinite(norm)) return 0;
    const next = 1 / norm;
    if (Math.abs(next - est) <= 1e-6 * next) return next;
    est = next;
    v = w.map((x) => x / norm);
  }
  return est;
}

/** Residuals of output o at V_o: Φ·V_o − y_o, and the magnitudes Σ|Φᵢⱼ V_oj| for the rounding allowance. */
function residualOf(Phi: Float64Array, d: number, q: number, v: Float64Array, y: (i: number) => number): { readonly r: Float64Array; readonly mag: Float64Array } {
  const r = new Float64Array(d);
  const mag = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    let a = 0;
    for (let j = 0; j < q; j++) {
      const t = Phi[i * q + j]! * v[j]!;
      s += t;
      a += Math.abs(t);
    }
    r[i] = s - y(i);
    mag[i] = a + Math.abs(y(i));
  }
  return { r, mag };
}

/**
 * Steps 1–3 of the module header at the point w; `maxMove`: how far the refined point may lie
 * from `from` (the trained weights, of which w is the polish) in the max norm.
 */
export function solveOutputWeights(c: Case, w: Float64Array, maxMove: number, from: Float64Array = w, refineSteps = 3): OutputSolve {
  if (c.model.kind !== 'mlp' || !outputSolveApplies(c)) return { status: 'unknown', reason: 'the last hidden layer has fewer than d − 1 units' };
  const { d, k } = c.data;
  const layout = mlpLayout(c.data.m, c.model.hidden, k);
  const out = layout.layers[layout.layers.length - 1]!;
  const { Phi, q } = featuresAt(c, w);
  const h = q - 1;
  const param = (o: number, j: number): number => (j < h ? out.wOffset + o * h + j : out.bOffset + o);
  const G = gram(Phi, d, q);
  const L = choleskyShifted(G, d, 0);
  if (L === undefined) return { status: 'unknown', reason: `the ${d} × ${d} feature Gram matrix ΦΦᵀ is not positive definite in floating point: the last hidden layer's features are numerically dependent on these inputs` };
  const lambda = lambdaMin(L, d);
  const values = Float64Array.from(w);
  const V = Array.from({ length: k }, (_, o) => Float64Array.from({ length: q }, (_, j) => w[param(o, j)]!));
  const yOf = (o: number) => (i: number) => c.data.y[i]![o]!;
  let steps = 0;
  for (; steps < refineSteps; steps++) {
    let improved = false;
    for (let o = 0; o < k; o++) {
      const before = residualOf(Phi, d, q, V[o]!, yOf(o)).r;
      const t = cholSolve(L, d, before);
      const next = Float64Array.from(V[o]!);
      for (let i = 0; i < d; i++) {
        const ti = t[i]!;
        if (ti === 0) continue;
        for (let j = 0; j < q; j++) next[j]! -= Phi[i * q + j]! * ti;
      }
      const after = residualOf(Phi, d, q, next, yOf(o)).r;
      if (Math.max(...after.map(Math.abs)) < Math.max(...before.map(Math.abs))) {
        V[o] = next;
        improved = true;
      }
    }
    if (!improved) break;
  }
  for (let o = 0; o < k; o++) for (let j = 0; j < q; j++) values[param(o, j)] = V[o]![j]!;
  let moved = 0;
  for (let j = 0; j < values.length; j++) moved = Math.max(moved, Math.abs(values[j]! - from[j]!));
  if (moved > maxMove) return { status: 'unknown', reason: `the minimum-norm correction of the output weights lands ${moved.toExponential(2)} from the trained weights, past the radius ${maxMove.toPrecision(3)} searched` };
  // step 2: λ_min(G) ≥ μ, with allowances for the rounding of Φ (σ within a few ulps) and of G
  let fro = 0;
  for (let i = 0; i < Phi.length; i++) fro += Phi[i]! * Phi[i]!;
  const allowance = (gammaOf(q + 2) + 16 * U) * fro * 1.01;
  let mu = 0;
  for (const frac of [0.5, 0.1, 0.01]) {
    const s = frac * lambda;
    const Ls = choleskyShifted(G, d, s);
    if (Ls === undefined) continue;
    let lf = 0;
    for (let i = 0; i < Ls.length; i++) lf += Ls[i]! * Ls[i]!;
    const bound = s - gammaOf(d + 2) * lf * 1.01 - 4 * U * (s + Math.max(...Array.from({ length: d }, (_, i) => G[i * d + i]!))) - allowance;
    if (bound > 0) {
      mu = nextDown(bound);
      break;
    }
  }
  if (!(mu > 0)) return { status: 'unknown', reason: `λ_min(ΦΦᵀ) ≈ ${lambda.toExponential(2)} is too small beside the rounding allowance ${allowance.toExponential(2)} to be proven positive` };
  // step 3: the box, each output weight within a margin of 4 of its bound
  const colNorm = new Float64Array(q);
  for (let i = 0; i < d; i++) for (let j = 0; j < q; j++) colNorm[j]! += Phi[i * q + j]! ** 2;
  const box: Interval[] = Array.from(w, (v) => ({ lo: v, hi: v }));
  let residual = 0;
  let maxWidth = 0;
  for (let o = 0; o < k; o++) {
    const { r, mag } = residualOf(Phi, d, q, V[o]!, yOf(o));
    let r2 = 0;
    for (let i = 0; i < d; i++) {
      residual = Math.max(residual, Math.abs(r[i]!));
      // what the kernel will see: the float residual and the rounding of Φ·V (σ's enclosure too)
      const e = Math.abs(r[i]!) + (gammaOf(q + 2) + 16 * U) * mag[i]!;
      r2 += e * e;
    }
    const rNorm = Math.sqrt(r2);
    for (let j = 0; j < q; j++) {
      const at = param(o, j);
      const v = V[o]![j]!;
      const rad = Math.max(4 * (Math.sqrt(colNorm[j]!) * rNorm) / mu, 4 * Number.MIN_VALUE);
      values[at] = v;
      box[at] = { lo: nextDown(v - rad), hi: nextUp(v + rad) };
      maxWidth = Math.max(maxWidth, box[at]!.hi - box[at]!.lo);
    }
  }
  return { status: 'proven', values, box, mu, lambdaEstimate: lambda, steps, residual, maxWidth, moved, d, features: q };
}
