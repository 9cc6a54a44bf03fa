/**
 * An independent reference for the output-weight solve (src/kernel/checker/feature-gram.ts):
 * the last hidden layer's features, their Gram matrix, its positive definiteness and the
 * minimum-norm zero of the output weights, all in decimal.js at 65 significant digits from the
 * exact values of the binary64 inputs. It shares no code with the kernel: its own forward pass
 * and parameter layout (SPEC.md: W1 row-major, b1, W2, b2, …), its own activations, its own
 * Cholesky factorization.
 */
import { Dec, exact } from '../../points/construct/decimal.js';

export type Act = 'tanh' | 'sigmoid' | 'softplus' | 'relu';

const ONE = new Dec(1);

function act(a: Act, z: Dec): Dec {
  switch (a) {
    case 'tanh':
      return z.tanh();
    case 'sigmoid':
      return ONE.div(ONE.plus(z.neg().exp()));
    case 'softplus':
      return ONE.plus(z.exp()).ln();
    case 'relu':
      return z.isNeg() ? new Dec(0) : z;
  }
}

export interface RefNet {
  readonly m: number;
  readonly hidden: readonly number[];
  readonly k: number;
  readonly act: Act;
}

/** Where the output layer's parameters start: weights (k × h row-major), then the k biases. */
export function outputOffsets(net: RefNet): { readonly weights: number; readonly biases: number; readonly n: number } {
  let at = 0;
  let fan = net.m;
  for (const h of net.hidden) {
    at += h * fan + h;
    fan = h;
  }
  return { weights: at, biases: at + net.k * fan, n: at + net.k * fan + net.k };
}

/** Φ: d rows of the last hidden layer's values at the inputs, and a 1 for the bias. */
export function features(net: RefNet, w: readonly number[], x: readonly (readonly Dec[])[]): Dec[][] {
  return x.map((xi) => {
    let a: Dec[] = [...xi];
    let at = 0;
    let fan = net.m;
    for (const h of net.hidden) {
      const out: Dec[] = [];
      for (let u = 0; u < h; u++) {
        let z = exact(w[at + h * fan + u]!);
        for (let j = 0; j < fan; j++) z = z.plus(exact(w[at + u * fan + j]!).times(a[j]!));
        out.push(act(net.act, z));
      }
      at += h * fan + h;
      fan = h;
      a = out;
    }
    return [...a, ONE];
  });
}

export function gram(Phi: readonly (readonly Dec[])[]): Dec[][] {
  return Phi.map((a) => Phi.map((b) => a.reduce((s, v, l) => s.plus(v.times(b[l]!)), new Dec(0))));
}

/** The Cholesky factor of G − sI, or undefined when a pivot is not above `floor` (65-digit rounding stays far below it). */
export function cholesky(G: readonly (readonly Dec[])[], s: Dec, floor = new Dec('1e-45')): Dec[][] | undefined {
  const d = G.length;
  const L: Dec[][] = Array.from({ length: d }, () => Array.from({ length: d }, () => new Dec(0)));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let t = i === j ? G[i]![i]!.minus(s) : G[i]![j]!;
      for (let l = 0; l < j; l++) t = t.minus(L[i]![l]!.times(L[j]![l]!));
      if (i === j) {
        if (!t.gt(floor)) return undefined;
        L[i]![i] = t.sqrt();
      } else L[i]![j] = t.div(L[j]![j]!);
    }
  }
  return L;
}

/** λ_min(G) bracketed by bisection on positive definiteness of G − sI. */
export function lambdaMin(G: readonly (readonly Dec[])[], steps = 50): { readonly lo: Dec; readonly hi: Dec } {
  let lo = new Dec(0);
  let hi = G.reduce((m, row, i) => Dec.max(m, row[i]!), new Dec(0));
  for (let it = 0; it < steps; it++) {
    const mid = lo.plus(hi).div(2);
    if (cholesky(G, mid, new Dec(0)) !== undefined) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}

/** Solves G t = r by the Cholesky factor L of G. */
function solve(L: readonly (readonly Dec[])[], r: readonly Dec[]): Dec[] {
  const d = L.length;
  const y: Dec[] = [];
  for (let i = 0; i < d; i++) {
    let s = r[i]!;
    for (let l = 0; l < i; l++) s = s.minus(L[i]![l]!.times(y[l]!));
    y.push(s.div(L[i]![i]!));
  }
  const t: Dec[] = new Array<Dec>(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let l = i + 1; l < d; l++) s = s.minus(L[l]![i]!.times(t[l]!));
    t[i] = s.div(L[i]![i]!);
  }
  return t;
}

/**
 * The minimum-norm zero of F_o(V) = Φ·V − y_o closest to the centre c in every output o: the
 * k·(h+1) output parameters, in the certificate's order (weights, then biases), or undefined
 * when ΦΦᵀ is not positive definite.
 */
export function minNormZero(net: RefNet, Phi: readonly (readonly Dec[])[], centre: readonly number[], y: readonly (readonly Dec[])[]): Dec[] | undefined {
  const L = cholesky(gram(Phi), new Dec(0), new Dec(0));
  if (L === undefined) return undefined;
  const { weights, biases } = outputOffsets(net);
  const h = net.hidden[net.hidden.length - 1]!;
  const q = h + 1;
  const param = (o: number, j: number): number => (j < h ? weights + o * h + j : biases + o);
  const out: Dec[] = new Array<Dec>(net.k * q);
  for (let o = 0; o < net.k; o++) {
    const c = Array.from({ length: q }, (_, j) => exact(centre[param(o, j)]!));
    const r = Phi.map((row, i) => row.reduce((s, v, j) => s.plus(v.times(c[j]!)), new Dec(0)).minus(y[i]![o]!));
    const t = solve(L, r);
    for (let j = 0; j < q; j++) {
      const shift = Phi.reduce((s, row, i) => s.plus(row[j]!.times(t[i]!)), new Dec(0));
      out[param(o, j) - weights] = c[j]!.minus(shift);
    }
  }
  return out;
}
