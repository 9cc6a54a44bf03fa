/**
 * The residuals and the Jacobian of a model evaluated EXACTLY, in rational arithmetic, at a
 * binary64 point (an exact dyadic rational) and the case's exact data, where the model allows:
 * every operation rational (+ − × ÷, integer powers), and every function or activation met at
 * an argument where its value and derivative are known exactly (abs away from 0; exp, sin, tanh,
 * sigmoid, … at 0; a rectified σ at t < 0, where it is 0 with derivative 0; at t = 0 when σ is
 * C¹, which makes σ′(0) = 0; ReLU at t > 0, where it is t).
 *
 * Why: a point such as w = 0 of `w1*w2*x`, or an MLP at w = 0, is exactly critical, and a float
 * rank can never prove a rank deficiency. The exact Jacobian decides the rank by exact
 * elimination, in both directions. Where any value would be transcendental, the evaluation
 * declines with the reason and the caller falls back to interval or float arithmetic.
 */
import type { Activation } from './activation.js';
import { OP, type Program } from './program.js';
import {
  ONE,
  ZERO,
  add,
  cmp,
  div,
  fromNumber,
  isZero,
  mul,
  neg,
  rat,
  sign,
  sub,
  type Rational,
} from '../kernel/rational.js';
import { diffExpr, UNARY_FNS, type Expr, type UnaryFn } from '../expr/index.js';

/** An exact evaluation that could not be done, with the reason in words. */
export class Inexact extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Inexact';
  }
}

/** A value and its derivative, both exact. */
interface Jet {
  readonly value: Rational;
  readonly d1: Rational;
}

const HALF = rat(1n, 2n);
const QUARTER = rat(1n, 4n);

/** The exact square root of a rational that is a perfect square, else undefined. */
function exactSqrt(a: Rational): Rational | undefined {
  if (a.num < 0n) return undefined;
  const r = (x: bigint): bigint | undefined => {
    if (x < 2n) return x;
    let y = BigInt(Math.floor(Math.sqrt(Number(x))));
    // Newton's correction on BigInt, since the float guess may be off for large x
    for (;;) {
      const z = (y + x / y) >> 1n;
      if (z >= y) break;
      y = z;
    }
    while (y * y > x) y--;
    while ((y + 1n) * (y + 1n) <= x) y++;
    return y * y === x ? y : undefined;
  };
  const p = r(a.num);
  const q = r(a.den);
  return p === undefined || q === undefined ? undefined : rat(p, q);
}

/** Integer power of a rational (negative exponents allowed away from 0). */
function powInt(a: Rational, e: bigint): Rational {
  if (e < 0n) {
    if (isZero(a)) throw new Inexact('0 raised to a negative power');
    return powInt(div(ONE, a), -e);
  }
  let result = ONE;
  let base = a;
  let k = e;
  if (k > 4096n) throw new Inexact(`exponent ${k} too large for exact evaluation`);
  while (k > 0n) {
    if (k & 1n) result = mul(result, base);
    base = mul(base, base);
    k >>= 1n;
  }
  return result;
}

const isInteger = (a: Rational): boolean => a.den === 1n;

/** f(a) and f′(a) for a whitelisted function, where both are exactly known. */
export function unaryJet(fn: UnaryFn, a: Rational): Jet {
  const zero = isZero(a);
  switch (fn) {
    case 'abs':
      if (zero) throw new Inexact('abs is not differentiable at 0');
      return { value: sign(a) < 0 ? neg(a) : a, d1: sign(a) < 0 ? neg(ONE) : ONE };
    case 'sqrt': {
      const r = exactSqrt(a);
      if (r === undefined || isZero(r)) throw new Inexact('sqrt of a number that is not a nonzero perfect square');
      return { value: r, d1: div(ONE, mul(rat(2n), r)) };
    }
    case 'log':
      if (cmp(a, ONE) === 0) return { value: ZERO, d1: ONE };
      throw new Inexact('log away from 1');
    case 'exp':
      if (zero) return { value: ONE, d1: ONE };
      break;
    case 'expm1':
    case 'log1p':
    case 'sin':
    case 'tan':
    case 'tanh':
    case 'sinh':
    case 'atan':
      if (zero) return { value: ZERO, d1: ONE };
      break;
    case 'cos':
    case 'cosh':
      if (zero) return { value: ONE, d1: ZERO };
      break;
    case 'sigmoid':
      if (zero) return { value: HALF, d1: QUARTER };
      break;
  }
  throw new Inexact(`${fn} at a nonzero argument is not a rational number`);
}

/** Exact value of an expression at rational values of its symbols. */
export function evalExact(e: Expr, env: ReadonlyMap<string, Rational>): Rational {
  switch (e.kind) {
    case 'num':
      return e.exact;
    case 'const':
      throw new Inexact(`the constant ${e.name} is irrational`);
    case 'sym': {
      const v = env.get(e.name);
      if (v === undefined) throw new Inexact(`no value for ${e.name}`);
      return v;
    }
    case 'neg':
      return neg(evalExact(e.arg, env));
    case 'add':
      return add(evalExact(e.left, env), evalExact(e.right, env));
    case 'sub':
      return sub(evalExact(e.left, env), evalExact(e.right, env));
    case 'mul':
      return mul(evalExact(e.left, env), evalExact(e.right, env));
    case 'div': {
      const den = evalExact(e.right, env);
      if (isZero(den)) throw new Inexact('division by zero');
      return div(evalExact(e.left, env), den);
    }
    case 'pow': {
      const ex = evalExact(e.right, env);
      if (!isInteger(ex)) throw new Inexact('a power with a non-integer exponent');
      return powInt(evalExact(e.left, env), ex.num);
    }
    case 'call':
      return unaryJet(e.fn, evalExact(e.arg, env)).value;
  }
}

/**
 * σ(t) and σ′(t) exactly. A form that is 0 for t ≤ 0 (`formula.piecewise`) is 0 with derivative
 * 0 for t < 0; at t = 0 its value is 0, and its derivative is 0 when σ is C¹ (the left
 * derivative is 0), which `c1AtZero` must vouch for; for t > 0, and for plain forms everywhere,
 * the formula and its derivative are evaluated exactly.
 */
export function activationJet(act: Activation, t: Rational, c1AtZero: () => boolean): Jet {
  const { expr, piecewise } = act.formula;
  if (piecewise && sign(t) < 0) return { value: ZERO, d1: ZERO };
  if (piecewise && sign(t) === 0) {
    if (c1AtZero()) return { value: ZERO, d1: ZERO };
    throw new Inexact(`${act.name} is not known to be differentiable at 0`);
  }
  const env = new Map([['t', t]]);
  return { value: evalExact(expr, env), d1: evalExact(diffExpr(expr, 't'), env) };
}

/** Work limits: beyond them exact evaluation declines (it is a certificate path for small cases). */
export const EXACT_LIMITS = { maxRegisterSamples: 200_000, maxJacobianEntries: 200_000 } as const;

/** F and J of a model, exactly. */
export interface ExactJacobian {
  /** F exactly, sample-major (r = i·k + o) */
  readonly F: readonly Rational[];
  /** J exactly, (d·k) rows of n */
  readonly J: readonly (readonly Rational[])[];
}

/**
 * F(w) = f(w, xᵢ) − yᵢ and J(w) exactly, for a program at binary64 parameters w and exact
 * data. Throws Inexact (with the reason) where a value is not rational.
 */
export function exactResidualsAndJacobian(
  p: Program,
  w: Float64Array,
  xExact: readonly (readonly Rational[])[],
  yExact: readonly (readonly Rational[])[],
  c1AtZero: () => boolean,
): ExactJacobian {
  const n = p.nParams;
  const k = p.outputs.length;
  const d = xExact.length;
  if (d * p.size > EXACT_LIMITS.maxRegisterSamples) throw new Inexact(`too large for exact evaluation (${d} samples × ${p.size} registers)`);
  if (d * k * n > EXACT_LIMITS.maxJacobianEntries) throw new Inexact(`too large for exact evaluation (${d * k} × ${n} Jacobian)`);
  const W = Array.from(w, (v) => {
    if (!Number.isFinite(v)) throw new Inexact('a parameter is not finite');
    return fromNumber(v);
  });
  // Which registers depend on w: only their partials are needed in the reverse sweep.
  const dep = dependsOnParams(p);
  const F: Rational[] = [];
  const J: Rational[][] = [];
  const val: Rational[] = new Array(p.size);
  const da: (Rational | undefined)[] = new Array(p.size); // ∂val[i]/∂val[a]
  const db: (Rational | undefined)[] = new Array(p.size); // ∂val[i]/∂val[b]
  for (let i = 0; i < d; i++) {
    forwardExact(p, W, xExact[i]!, val, da, db, dep, c1AtZero);
    for (let o = 0; o < k; o++) {
      F.push(sub(val[p.outputs[o]!]!, yExact[i]![o]!));
      J.push(reverseExact(p, W, val, da, db, dep, p.outputs[o]!));
    }
  }
  return { F, J };
}

function dependsOnParams(p: Program): Uint8Array {
  const dep = new Uint8Array(p.size);
  for (let i = 0; i < p.size; i++) {
    const a = p.a[i]!;
    switch (p.op[i]) {
      case OP.INPUT:
      case OP.CONST:
        break;
      case OP.PARAM:
      case OP.AFFINE:
        dep[i] = 1;
        break;
      case OP.NEG:
      case OP.POWC:
      case OP.UNARY:
      case OP.ACT:
        dep[i] = dep[a]!;
        break;
      default:
        dep[i] = dep[a]! | dep[p.b[i]!]!;
    }
  }
  return dep;
}

/** The exact value of a CONST or POWC row's number: the formula's rational, or the float itself. */
function constantExact(p: Program, i: number): Rational {
  const q = p.numExact?.[i];
  if (q === null) throw new Inexact('a constant that is not rational (e, π or a function value)');
  if (q !== undefined) return q;
  const v = p.num[i]!;
  if (!Number.isFinite(v)) throw new Inexact('a non-finite constant');
  return fromNumber(v);
}

function forwardExact(
  p: Program,
  W: readonly Rational[],
  x: readonly Rational[],
  val: Rational[],
  da: (Rational | undefined)[],
  db: (Rational | undefined)[],
  dep: Uint8Array,
  c1AtZero: () => boolean,
): void {
  for (let i = 0; i < p.size; i++) {
    const a = p.a[i]!;
    const b = p.b[i]!;
    da[i] = undefined;
    db[i] = undefined;
    switch (p.op[i]) {
      case OP.INPUT:
        val[i] = x[a]!;
        break;
      case OP.PARAM:
        val[i] = W[a]!;
        break;
      case OP.CONST:
        val[i] = constantExact(p, i);
        break;
      case OP.ADD:
        val[i] = add(val[a]!, val[b]!);
        break;
      case OP.SUB:
        val[i] = sub(val[a]!, val[b]!);
        break;
      case OP.MUL:
        val[i] = mul(val[a]!, val[b]!);
        break;
      case OP.DIV:
        if (isZero(val[b]!)) throw new Inexact('division by zero');
        val[i] = div(val[a]!, val[b]!);
        break;
      case OP.NEG:
        val[i] = neg(val[a]!);
        break;
      case OP.POW: {
        const e = val[b]!;
        if (!isInteger(e)) throw new Inexact('a power with a non-integer exponent');
        val[i] = powInt(val[a]!, e.num);
        if (dep[a]) da[i] = mul(rat(e.num), powInt(val[a]!, e.num - 1n));
        // ∂(a^b)/∂b = a^b·log a: rational only when a = 1 (log 1 = 0)
        if (dep[b]) {
          if (cmp(val[a]!, ONE) !== 0) throw new Inexact('a power whose exponent depends on the parameters');
          db[i] = ZERO;
        }
        break;
      }
      case OP.POWC: {
        const c = constantExact(p, i);
        if (!isInteger(c)) throw new Inexact(`the power ^${p.num[i]!} with a non-integer exponent`);
        const e = c.num;
        val[i] = powInt(val[a]!, e);
        if (dep[a]) da[i] = e === 0n ? ZERO : mul(rat(e), powInt(val[a]!, e - 1n));
        break;
      }
      case OP.UNARY: {
        const jet = unaryJet(UNARY_FNS[b]!, val[a]!);
        val[i] = jet.value;
        da[i] = jet.d1;
        break;
      }
      case OP.ACT: {
        if (p.activation === undefined) throw new Error('program uses ACT but has no activation');
        const jet = activationJet(p.activation, val[a]!, c1AtZero);
        val[i] = jet.value;
        da[i] = jet.d1;
        break;
      }
      case OP.AFFINE: {
        const c = p.c[i]!;
        let s = c >= 0 ? W[c]! : ZERO;
        for (let t = a; t < a + b; t++) s = add(s, mul(W[p.affParam[t]!]!, val[p.affReg[t]!]!));
        val[i] = s;
        break;
      }
      default:
        throw new Error(`bad opcode ${p.op[i]} at ${i}`);
    }
  }
}

/** ∇_w of register `out`, exactly. */
function reverseExact(
  p: Program,
  W: readonly Rational[],
  val: readonly Rational[],
  da: readonly (Rational | undefined)[],
  db: readonly (Rational | undefined)[],
  dep: Uint8Array,
  out: number,
): Rational[] {
  const grad: Rational[] = new Array(p.nParams).fill(ZERO);
  const adj: (Rational | undefined)[] = new Array(out + 1);
  adj[out] = ONE;
  const push = (r: number, v: Rational): void => {
    if (!dep[r] || isZero(v)) return;
    const cur = adj[r];
    adj[r] = cur === undefined ? v : add(cur, v);
  };
  for (let i = out; i >= 0; i--) {
    const g = adj[i];
    if (g === undefined || isZero(g)) continue;
    const a = p.a[i]!;
    const b = p.b[i]!;
    switch (p.op[i]) {
      case OP.INPUT:
      case OP.CONST:
        break;
      case OP.PARAM:
        grad[a] = add(grad[a]!, g);
        break;
      case OP.ADD:
        push(a, g);
        push(b, g);
        break;
      case OP.SUB:
        push(a, g);
        push(b, neg(g));
        break;
      case OP.MUL:
        push(a, mul(g, val[b]!));
        push(b, mul(g, val[a]!));
        break;
      case OP.DIV:
        // y = a/b: y_a = 1/b, y_b = −y/b
        push(a, div(g, val[b]!));
        push(b, neg(div(mul(g, val[i]!), val[b]!)));
        break;
      case OP.NEG:
        push(a, neg(g));
        break;
      case OP.POW:
        if (da[i] !== undefined) push(a, mul(g, da[i]!));
        if (db[i] !== undefined) push(b, mul(g, db[i]!));
        break;
      case OP.POWC:
      case OP.UNARY:
      case OP.ACT:
        if (da[i] !== undefined) push(a, mul(g, da[i]!));
        break;
      case OP.AFFINE: {
        const c = p.c[i]!;
        if (c >= 0) grad[c] = add(grad[c]!, g);
        for (let t = a; t < a + b; t++) {
          const pk = p.affParam[t]!;
          const rk = p.affReg[t]!;
          grad[pk] = add(grad[pk]!, mul(g, val[rk]!));
          push(rk, mul(g, W[pk]!));
        }
        break;
      }
      default:
        throw new Error(`bad opcode ${p.op[i]} at ${i}`);
    }
  }
  return grad;
}

/** The outcome of exact Gaussian elimination on a rational matrix. */
export interface ExactRank {
  readonly rank: number;
  /** the pivot columns, one per unit of rank: the columns of an invertible rank × rank block */
  readonly pivotColumns: readonly number[];
  /** the pivot rows (the rows of that block) */
  readonly pivotRows: readonly number[];
}

/**
 * The rank of a rational matrix by Gaussian elimination with exact arithmetic (pivot: the first
 * nonzero entry of the column, so the result does not depend on rounding).
 */
export function exactRank(rows: readonly (readonly Rational[])[]): ExactRank {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  const A = rows.map((r) => [...r]);
  const rowIds = rows.map((_, i) => i);
  const pivotColumns: number[] = [];
  const pivotRows: number[] = [];
  let r = 0;
  for (let col = 0; col < n && r < m; col++) {
    let piv = -1;
    for (let i = r; i < m; i++) {
      if (!isZero(A[i]![col]!)) {
        piv = i;
        break;
      }
    }
    if (piv < 0) continue;
    [A[r], A[piv]] = [A[piv]!, A[r]!];
    [rowIds[r], rowIds[piv]] = [rowIds[piv]!, rowIds[r]!];
    const pr = A[r]!;
    for (let i = r + 1; i < m; i++) {
      const ri = A[i]!;
      if (isZero(ri[col]!)) continue;
      const f = div(ri[col]!, pr[col]!);
      for (let j = col; j < n; j++) if (!isZero(pr[j]!)) ri[j] = sub(ri[j]!, mul(f, pr[j]!));
    }
    pivotColumns.push(col);
    pivotRows.push(rowIds[r]!);
    r++;
  }
  return { rank: r, pivotColumns, pivotRows };
}

/**
 * A lower bound on the smallest eigenvalue of a symmetric rational matrix G, proven exactly:
 * G − μI is positive definite when every pivot of its exact LDLᵀ elimination is positive, and
 * then λ_min(G) > μ. Tries μ = guess·(1 − 2⁻ᵏ) for k = 30, 20, 10, 3, 1, then guess/16 (dyadics
 * just below the float estimate); returns undefined when even μ = 0 fails (G singular or not positive definite).
 */
export function provenEigenvalueLowerBound(G: readonly (readonly Rational[])[], guess: number): Rational | undefined {
  const tries: Rational[] = [];
  if (guess > 0 && Number.isFinite(guess)) {
    const g = fromNumber(guess);
    // tight first: the float estimate is accurate to about d·ε·‖G‖, so 1 − 2⁻³⁰ usually passes
    for (const k of [30n, 20n, 10n, 3n, 1n]) tries.push(mul(g, rat((1n << k) - 1n, 1n << k)));
    tries.push(mul(g, rat(1n, 16n)));
  }
  tries.push(ZERO);
  for (const mu of tries) {
    if (positiveDefiniteShifted(G, mu)) return mu;
  }
  return undefined;
}

function positiveDefiniteShifted(G: readonly (readonly Rational[])[], mu: Rational): boolean {
  const m = G.length;
  const A = G.map((row, i) => row.map((v, j) => (i === j ? sub(v, mu) : v)));
  for (let k = 0; k < m; k++) {
    const pivot = A[k]![k]!;
    if (sign(pivot) <= 0) return false;
    for (let i = k + 1; i < m; i++) {
      const f = div(A[i]![k]!, pivot);
      if (isZero(f)) continue;
      // lower triangle only: the (k, j) entry of the symmetric matrix is stored at (j, k)
      for (let j = k + 1; j <= i; j++) A[i]![j] = sub(A[i]![j]!, mul(f, A[j]![k]!));
    }
  }
  return true;
}
