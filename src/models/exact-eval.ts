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
  sub,
  type Rational,
} from '../kernel/rational.js';
import { UNARY_FNS } from '../expr/index.js';
import { Inexact, activationJet, isInteger, powInt, unaryJet } from './exact-jets.js';

export { Inexact } from './exact-jets.js';

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
