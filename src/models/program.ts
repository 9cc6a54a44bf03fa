/**
 * A straight-line program over registers: its format, the local partials of its power ops, and
 * the one check of its indices.
 *
 * Instruction i writes register i (SSA), so a program is a list of (op, a, b, c, num) rows in
 * typed arrays, built once per model and run once per sample. A network unit is one AFFINE
 * (bias + Σ weight·register) and one ACT, so an mlp's program has about two rows per unit. The
 * sweeps that run it (forward, tangent, reverse, forward-over-reverse) are tape.ts's.
 */
import type { Activation } from './activation.js';
import type { Rational } from '../kernel/rational.js';

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

/**
 * The second-order partials of y = u^e (y given) into out: [φ_u, φ_e, φ_uu, φ_ue, φ_ee] =
 * [e u^(e−1), y log u, e(e−1) u^(e−2), u^(e−1)(1 + e log u), y log² u], the terms with y = 0 taken
 * as their limit 0. A scratch array, because both Hessian sweeps call it once per POW row.
 */
export function powPartials(u: number, e: number, y: number, out: Float64Array): Float64Array {
  const lu = Math.log(u);
  out[0] = e * Math.pow(u, e - 1);
  out[1] = powB(y, u);
  out[2] = e * (e - 1) * Math.pow(u, e - 2);
  out[3] = y === 0 ? 0 : Math.pow(u, e - 1) * (1 + e * lu);
  out[4] = y === 0 ? 0 : y * lu * lu;
  return out;
}

/** powPartials' scratch (one thread: each sweep reads it before the next call). */
export const POW_SCRATCH = new Float64Array(5);

/** Register operands per opcode (0: the row reads x, w, num or the affine lists instead). */
export const REG_ARITY = Int8Array.from(
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
