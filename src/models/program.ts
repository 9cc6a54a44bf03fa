/**
 * A straight-line program over registers, and its AD kernels.
 *
 * Instruction i writes register i (SSA), so a program is a list of (op, a, b, c, num) rows in
 * typed arrays, built once per model and run once per sample. A network unit is one AFFINE
 * (bias + Σ weight·register) and one ACT, so an mlp's program has about two rows per unit.
 *
 * Kernels (w: parameters, x: one input, v: a direction in parameter space), on a Tape:
 * - forward:        val[i] = φᵢ(val[a], val[b])
 * - tangent:        tval[i] = φ_a·tval[a] + φ_b·tval[b]              (tval = (∂val/∂w)·v)
 * - reverse:        adj[a] += adj[i]·φ_a, adj[b] += adj[i]·φ_b, seeded with adj[out_o] = s_o;
 *                   parameters collect grad[p] += adj[i]·∂φᵢ/∂w_p.
 *                   Result: grad += Σ_o s_o ∇_w f_o.
 * - reverseTangent: the tangent (along v) of the reverse sweep, the seeds s held fixed:
 *                   tadj[a] += tadj[i]·φ_a + adj[i]·(φ_aa·tval[a] + φ_ab·tval[b]), likewise b;
 *                   parameters collect tgrad the same way.
 *                   Result: tgrad += Σ_o s_o ∇²_w f_o · v   (forward-over-reverse).
 * φ_a, φ_aa are the local partials of instruction i. Sweeps in reverse order see final adjoints
 * at row i, since every use of register i comes later. The adjoints do not depend on v, so a
 * full Hessian needs one reverse sweep and then one tangent pair per direction.
 */
import type { Activation } from './activation.js';
import type { Rational } from '../kernel/rational.js';
import { fnD1, fnD2, fnValue } from '../expr/index.js';

/** Opcodes. */
export const OP = {
  /** val = x[a] */
  INPUT: 0,
  /** val = w[a] */
  PARAM: 1,
  /** val = num */
  CONST: 2,
  ADD: 3,
  SUB: 4,
  MUL: 5,
  DIV: 6,
  NEG: 7,
  /** val = val[a]^val[b], for val[a] > 0 */
  POW: 8,
  /** val = val[a]^num (a constant exponent; any base where Math.pow is real) */
  POWC: 9,
  /** val = fn_b(val[a]), b the function code (expr-fns.ts) */
  UNARY: 10,
  /** val = σ(val[a]) */
  ACT: 11,
  /** val = w[c] + Σ_{k<b} w[affParam[a+k]]·val[affReg[a+k]]  (c = −1: no bias) */
  AFFINE: 12,
} as const;
export type Opcode = (typeof OP)[keyof typeof OP];

/** A compiled program: one row per instruction, register i holds instruction i's value. */
export interface Program {
  readonly size: number;
  readonly nParams: number;
  readonly nInputs: number;
  readonly op: Int32Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly c: Int32Array;
  readonly num: Float64Array;
  /**
   * The exact value of each CONST and POWC row's `num` where the program was compiled from a
   * formula: the rational its literals denote (null: not rational, e.g. π). Absent, or
   * undefined at a row, means `num` itself is exact.
   */
  readonly numExact?: readonly (Rational | null | undefined)[];
  readonly affParam: Int32Array;
  readonly affReg: Int32Array;
  /** output o is register outputs[o] */
  readonly outputs: Int32Array;
  /** first row that reads parameter p (size if none): tangents along e_p are 0 before it */
  readonly firstUse: Int32Array;
  readonly activation: Activation | undefined;
}

// Local partials of the power ops, shared by every sweep (here and sparse-hessian.ts) so that
// they agree to the last bit.
// y = a^c (constant c): y_a = c·a^(c−1), y_aa = c(c−1)·a^(c−2)
export const powc1 = (a: number, c: number): number => (c === 2 ? 2 * a : c * Math.pow(a, c - 1));
export const powc2 = (a: number, c: number): number => (c === 2 ? 2 : c * (c - 1) * Math.pow(a, c - 2));
// y = a^b: y_b = y·log a, with the limit 0 where y = 0 (a → 0⁺ with b > 0)
export const powB = (y: number, a: number): number => (y === 0 ? 0 : y * Math.log(a));

/** Register operands per opcode (0: the row reads x, w, num or the affine lists instead). */
const REG_ARITY = Int8Array.from(
  [OP.INPUT, OP.PARAM, OP.CONST, OP.ADD, OP.SUB, OP.MUL, OP.DIV, OP.NEG, OP.POW, OP.POWC, OP.UNARY, OP.ACT, OP.AFFINE].map(
    (o) => (o === OP.NEG || o === OP.POWC || o === OP.UNARY || o === OP.ACT ? 1 : o >= OP.ADD && o <= OP.POW ? 2 : 0),
  ),
);

/**
 * Every index a sweep follows, checked once: register operands point to earlier rows, parameter,
 * input, affine-list and output indices lie in their arrays. The sweeps below index typed arrays
 * without further checks (the `!`s), because this has held for the program they run.
 */
export function checkProgram(p: Program): void {
  const { size, op, a, b, c, affParam, affReg, outputs, nParams, nInputs, firstUse } = p;
  const fail = (what: string, i: number): never => {
    throw new Error(`malformed program: ${what} at row ${i}`);
  };
  if ([op, a, b, c, p.num].some((arr) => arr.length < size)) fail('a row array shorter than the program', size);
  if (affParam.length !== affReg.length) fail('affine lists of different lengths', 0);
  if (firstUse.length < nParams) fail('firstUse shorter than the parameters', 0);
  for (let i = 0; i < size; i++) {
    const o = op[i]!;
    if (!(o >= 0 && o < REG_ARITY.length)) fail(`opcode ${o}`, i);
    const arity = REG_ARITY[o]!;
    if (arity >= 1 && !(a[i]! >= 0 && a[i]! < i)) fail(`operand ${a[i]}`, i);
    if (arity === 2 && !(b[i]! >= 0 && b[i]! < i)) fail(`operand ${b[i]}`, i);
    if (o === OP.INPUT && !(a[i]! >= 0 && a[i]! < nInputs)) fail(`input ${a[i]}`, i);
    if (o === OP.PARAM && !(a[i]! >= 0 && a[i]! < nParams)) fail(`parameter ${a[i]}`, i);
    if (o === OP.AFFINE) {
      const start = a[i]!;
      const end = start + b[i]!;
      if (!(start >= 0 && b[i]! >= 0 && end <= affParam.length)) fail('affine list bounds', i);
      if (!(c[i]! >= -1 && c[i]! < nParams)) fail(`bias parameter ${c[i]}`, i);
      for (let k = start; k < end; k++) {
        if (!(affParam[k]! >= 0 && affParam[k]! < nParams)) fail(`affine parameter ${affParam[k]}`, i);
        if (!(affReg[k]! >= 0 && affReg[k]! < i)) fail(`affine register ${affReg[k]}`, i);
      }
    }
  }
  for (let q = 0; q < outputs.length; q++) if (!(outputs[q]! >= 0 && outputs[q]! < size)) fail(`output ${outputs[q]}`, size);
}

/** How many orders of local partials a forward pass caches (0: values only). */
export type Order = 0 | 1 | 2;

/**
 * Registers and scratch for one program: run `forward` for a sample, then any of the other
 * sweeps. One tape per call site; not shared across concurrent uses.
 */
export class Tape {
  readonly val: Float64Array;
  readonly tval: Float64Array;
  readonly adj: Float64Array;
  readonly tadj: Float64Array;
  /**
   * live[i] = 1 when row i has a structurally nonzero tangent input (after `tangent`): rows
   * that are not live contribute nothing to reverseTangent unless their own tadj is nonzero,
   * which makes Hessian columns along e_j cheap where e_j touches few rows.
   */
  private readonly live: Uint8Array;
  /** φ_a of the one-argument rows (UNARY, ACT, POWC), cached by forward: σ' costs an exp */
  private readonly l1: Float64Array;
  /** φ_aa of the same rows */
  private readonly l2: Float64Array;
  private order: Order = 0;
  private readonly act: Activation | undefined;

  constructor(readonly program: Program) {
    const n = program.size;
    this.val = new Float64Array(n);
    this.tval = new Float64Array(n);
    this.adj = new Float64Array(n);
    this.tadj = new Float64Array(n);
    this.live = new Uint8Array(n);
    this.l1 = new Float64Array(n);
    this.l2 = new Float64Array(n);
    this.act = program.activation;
    checkProgram(program);
    if (this.act === undefined && program.op.includes(OP.ACT)) throw new Error('program uses ACT but has no activation');
  }

  /** Value of output o after forward. */
  output(o: number): number {
    return this.val[this.program.outputs[o]!]!;
  }

  /** val[i] for every row at (w, x), and the local partials up to `order`. */
  forward(w: Float64Array, x: Float64Array, order: Order = 0): void {
    const { op, a, b, c, num, affParam, affReg, size } = this.program;
    const { val, l1, l2 } = this;
    const act = this.act!; // defined whenever an ACT row exists (checked in the constructor)
    this.order = order;
    for (let i = 0; i < size; i++) {
      const ai = a[i]!;
      switch (op[i]) {
        case OP.INPUT: val[i] = x[ai]!; break;
        case OP.PARAM: val[i] = w[ai]!; break;
        case OP.CONST: val[i] = num[i]!; break;
        case OP.ADD: val[i] = val[ai]! + val[b[i]!]!; break;
        case OP.SUB: val[i] = val[ai]! - val[b[i]!]!; break;
        case OP.MUL: val[i] = val[ai]! * val[b[i]!]!; break;
        case OP.DIV: val[i] = val[ai]! / val[b[i]!]!; break;
        case OP.NEG: val[i] = -val[ai]!; break;
        case OP.POW: val[i] = Math.pow(val[ai]!, val[b[i]!]!); break;
        case OP.POWC: {
          const u = val[ai]!;
          const e = num[i]!;
          val[i] = e === 2 ? u * u : Math.pow(u, e);
          if (order >= 1) l1[i] = powc1(u, e);
          if (order >= 2) l2[i] = powc2(u, e);
          break;
        }
        case OP.UNARY: {
          const u = val[ai]!;
          const fn = b[i]!;
          val[i] = fnValue(fn, u);
          if (order >= 1) l1[i] = fnD1(fn, u);
          if (order >= 2) l2[i] = fnD2(fn, u);
          break;
        }
        case OP.ACT: {
          const u = val[ai]!;
          val[i] = act.f(u);
          if (order >= 1) l1[i] = act.d1(u);
          if (order >= 2) l2[i] = act.d2(u);
          break;
        }
        case OP.AFFINE: {
          const ci = c[i]!;
          let s = ci >= 0 ? w[ci]! : 0;
          const end = ai + b[i]!;
          for (let k = ai; k < end; k++) s += w[affParam[k]!]! * val[affReg[k]!]!;
          val[i] = s;
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }

  private need(order: Order): void {
    if (this.order < order) throw new Error(`Tape: forward(…, ${order}) needed before this sweep`);
  }

  /**
   * tval = (∂val/∂w)·v, after forward(…, ≥ 1). Rows before the first use of a nonzero v_p are
   * 0 and skipped; `onlyParam`, when given, promises that v is zero except at that index.
   */
  tangent(w: Float64Array, v: Float64Array, onlyParam?: number): void {
    this.need(1);
    const { op, a, b, c, affParam, affReg, size, firstUse } = this.program;
    const { val, tval, l1, live } = this;
    let start = size;
    if (onlyParam !== undefined) start = firstUse[onlyParam]!;
    else for (let p = 0; p < v.length; p++) if (v[p] !== 0 && firstUse[p]! < start) start = firstUse[p]!;
    tval.fill(0, 0, start);
    live.fill(0, 0, start);
    for (let i = start; i < size; i++) {
      const ai = a[i]!;
      const o = op[i]!;
      // A row whose register operands all have structurally zero tangent has tangent 0 (rows
      // that read x, w or v directly are handled in the switch).
      const ar = REG_ARITY[o];
      if ((ar === 1 && live[ai] === 0) || (ar === 2 && live[ai] === 0 && live[b[i]!] === 0)) {
        tval[i] = 0;
        live[i] = 0;
        continue;
      }
      live[i] = 1;
      switch (o) {
        case OP.INPUT:
        case OP.CONST: tval[i] = 0; live[i] = 0; break;
        case OP.PARAM: tval[i] = v[ai]!; live[i] = v[ai] !== 0 ? 1 : 0; break;
        case OP.ADD: tval[i] = tval[ai]! + tval[b[i]!]!; break;
        case OP.SUB: tval[i] = tval[ai]! - tval[b[i]!]!; break;
        case OP.MUL: { const bi = b[i]!; tval[i] = tval[ai]! * val[bi]! + val[ai]! * tval[bi]!; break; }
        // (a/b)˙ = (ȧ − y·ḃ)/b
        case OP.DIV: { const bi = b[i]!; tval[i] = (tval[ai]! - val[i]! * tval[bi]!) / val[bi]!; break; }
        case OP.NEG: tval[i] = -tval[ai]!; break;
        case OP.POW: {
          const bi = b[i]!;
          const u = val[ai]!;
          const e = val[bi]!;
          tval[i] = e * Math.pow(u, e - 1) * tval[ai]! + powB(val[i]!, u) * tval[bi]!;
          break;
        }
        case OP.POWC:
        case OP.UNARY:
        case OP.ACT: tval[i] = l1[i]! * tval[ai]!; break;
        case OP.AFFINE: {
          // (w_c + Σ w_p r)˙ = v_c + Σ (v_p·r + w_p·ṙ)
          const ci = c[i]!;
          const end = ai + b[i]!;
          let any = ci >= 0 && v[ci] !== 0;
          for (let k = ai; k < end && !any; k++) any = live[affReg[k]!] !== 0 || v[affParam[k]!] !== 0;
          if (!any) {
            tval[i] = 0;
            live[i] = 0;
            break;
          }
          let s = ci >= 0 ? v[ci]! : 0;
          for (let k = ai; k < end; k++) {
            const pk = affParam[k]!;
            const rk = affReg[k]!;
            s += v[pk]! * val[rk]! + w[pk]! * tval[rk]!;
          }
          tval[i] = s;
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }

  /**
   * Reverse sweep after forward(…, ≥ 1): grad += Σ_o seed[o]·∇_w f_o; the final adjoints stay
   * in `adj` for reverseTangent. Outputs with seed 0 are not propagated.
   */
  reverse(w: Float64Array, seed: Float64Array, grad: Float64Array): void {
    this.need(1);
    const { op, a, b, c, affParam, affReg, outputs, size } = this.program;
    const { val, adj, l1 } = this;
    let top = -1;
    for (let o = 0; o < outputs.length; o++) if (seed[o] !== 0 && outputs[o]! > top) top = outputs[o]!;
    adj.fill(0, 0, size);
    for (let o = 0; o < outputs.length; o++) adj[outputs[o]!]! += seed[o]!;
    for (let i = top; i >= 0; i--) {
      const g = adj[i]!;
      if (g === 0) continue;
      const ai = a[i]!;
      switch (op[i]) {
        case OP.INPUT:
        case OP.CONST: break;
        case OP.PARAM: grad[ai]! += g; break;
        case OP.ADD: adj[ai]! += g; adj[b[i]!]! += g; break;
        case OP.SUB: adj[ai]! += g; adj[b[i]!]! -= g; break;
        case OP.MUL: { const bi = b[i]!; adj[ai]! += g * val[bi]!; adj[bi]! += g * val[ai]!; break; }
        // y = a/b: y_a = 1/b, y_b = −y/b
        case OP.DIV: { const bi = b[i]!; const vb = val[bi]!; adj[ai]! += g / vb; adj[bi]! -= (g * val[i]!) / vb; break; }
        case OP.NEG: adj[ai]! -= g; break;
        case OP.POW: {
          // y = a^b: y_a = b·a^(b−1), y_b = y·log a
          const bi = b[i]!;
          const u = val[ai]!;
          const e = val[bi]!;
          adj[ai]! += g * e * Math.pow(u, e - 1);
          adj[bi]! += g * powB(val[i]!, u);
          break;
        }
        case OP.POWC:
        case OP.UNARY:
        case OP.ACT: adj[ai]! += g * l1[i]!; break;
        case OP.AFFINE: {
          // y = w_c + Σ w_p·r: y_{w_c} = 1, y_{w_p} = r, y_r = w_p
          const ci = c[i]!;
          if (ci >= 0) grad[ci]! += g;
          const end = ai + b[i]!;
          for (let k = ai; k < end; k++) {
            const pk = affParam[k]!;
            const rk = affReg[k]!;
            grad[pk]! += g * val[rk]!;
            adj[rk]! += g * w[pk]!;
          }
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }

  /**
   * The tangent of the reverse sweep along v: tgrad += Σ_o seed[o]·∇²_w f_o·v. Needs
   * forward(…, 2), tangent(w, v) and reverse(w, seed, …) on this tape first.
   */
  reverseTangent(w: Float64Array, v: Float64Array, tgrad: Float64Array): void {
    this.need(2);
    const { op, a, b, c, affParam, affReg, size } = this.program;
    const { val, tval, adj, tadj, l1, l2, live } = this;
    tadj.fill(0, 0, size);
    for (let i = size - 1; i >= 0; i--) {
      const g = adj[i]!;
      const tg = tadj[i]!;
      // with tg = 0, every term has a factor tval of an operand or v_p: all 0 unless live
      if (tg === 0 && (g === 0 || live[i] === 0)) continue;
      const ai = a[i]!;
      switch (op[i]) {
        case OP.INPUT:
        case OP.CONST: break;
        case OP.PARAM: tgrad[ai]! += tg; break;
        case OP.ADD: tadj[ai]! += tg; tadj[b[i]!]! += tg; break;
        case OP.SUB: tadj[ai]! += tg; tadj[b[i]!]! -= tg; break;
        case OP.NEG: tadj[ai]! -= tg; break;
        case OP.MUL: {
          // φ_a = b, φ_b = a, φ_ab = 1
          const bi = b[i]!;
          tadj[ai]! += tg * val[bi]! + g * tval[bi]!;
          tadj[bi]! += tg * val[ai]! + g * tval[ai]!;
          break;
        }
        case OP.DIV: {
          // φ_a = 1/b, φ_b = −y/b, φ_aa = 0, φ_ab = −1/b², φ_bb = 2y/b²
          const bi = b[i]!;
          const vb = val[bi]!;
          const y = val[i]!;
          const ib2 = 1 / (vb * vb);
          tadj[ai]! += tg / vb - g * ib2 * tval[bi]!;
          tadj[bi]! += (-tg * y) / vb + g * (-ib2 * tval[ai]! + 2 * y * ib2 * tval[bi]!);
          break;
        }
        case OP.POW: {
          // φ_a = b a^(b−1), φ_b = y log a, φ_aa = b(b−1) a^(b−2),
          // φ_ab = a^(b−1)(1 + b log a), φ_bb = y log² a
          const bi = b[i]!;
          const u = val[ai]!;
          const e = val[bi]!;
          const y = val[i]!;
          const lu = Math.log(u);
          const pa = e * Math.pow(u, e - 1);
          const pb = powB(y, u);
          const paa = e * (e - 1) * Math.pow(u, e - 2);
          const pab = y === 0 ? 0 : Math.pow(u, e - 1) * (1 + e * lu);
          const pbb = y === 0 ? 0 : y * lu * lu;
          const ta = tval[ai]!;
          const tb = tval[bi]!;
          tadj[ai]! += tg * pa + g * (paa * ta + pab * tb);
          tadj[bi]! += tg * pb + g * (pab * ta + pbb * tb);
          break;
        }
        case OP.POWC:
        case OP.UNARY:
        case OP.ACT: tadj[ai]! += tg * l1[i]! + g * l2[i]! * tval[ai]!; break;
        case OP.AFFINE: {
          // φ_{w_p} = r, φ_r = w_p, φ_{w_p r} = 1: the cross term brings v_p and ṙ in
          const ci = c[i]!;
          if (ci >= 0) tgrad[ci]! += tg;
          const end = ai + b[i]!;
          for (let k = ai; k < end; k++) {
            const pk = affParam[k]!;
            const rk = affReg[k]!;
            tgrad[pk]! += tg * val[rk]! + g * tval[rk]!;
            tadj[rk]! += tg * w[pk]! + g * v[pk]!;
          }
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }
}
