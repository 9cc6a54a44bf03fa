/**
 * Building a Program: one call per instruction, with common subexpressions shared (an identical
 * instruction on identical operands returns the existing register), and Expr trees compiled in.
 */
import type { Activation } from './activation.js';
import { OP, type Opcode, type Program } from './program.js';
import { compileExpr, fnCode, type Expr, type UnaryFn } from '../expr/index.js';
import { evalExactExpr } from '../kernel/expr-exact.js';
import { toNumber as ratToNumber, toString as ratToString, type Rational } from '../kernel/rational.js';

/** Accumulates instructions; `build()` freezes them into typed arrays. */
export class ProgramBuilder {
  private readonly op: number[] = [];
  private readonly a: number[] = [];
  private readonly b: number[] = [];
  private readonly c: number[] = [];
  private readonly num: number[] = [];
  private readonly numExact: (Rational | null | undefined)[] = [];
  private readonly affParam: number[] = [];
  private readonly affReg: number[] = [];
  private readonly outs: number[] = [];
  private readonly memo = new Map<string, number>();
  private readonly constTree = new WeakMap<Expr, boolean>();

  constructor(
    readonly nParams: number,
    readonly nInputs: number,
    readonly activation?: Activation,
  ) {}

  /** Number of instructions so far. */
  get size(): number {
    return this.op.length;
  }

  private emit(op: Opcode, a: number, b = 0, c = -1, num = 0, exact?: Rational | null): number {
    // AFFINE rows own a slice of the affine lists, so they are never shared; constants with one
    // float but different exact values (1e16 and 1e16 + 1) are different rows.
    const exactKey = exact === undefined ? '' : exact === null ? ',irrational' : `,${ratToString(exact)}`;
    const key = op === OP.AFFINE ? undefined : `${op},${a},${b},${Object.is(num, -0) ? '-0' : num}${exactKey}`;
    if (key !== undefined) {
      const hit = this.memo.get(key);
      if (hit !== undefined) return hit;
    }
    const r = this.op.length;
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    this.c.push(c);
    this.num.push(num);
    this.numExact.push(exact);
    if (key !== undefined) this.memo.set(key, r);
    return r;
  }

  private reg(r: number): number {
    if (!Number.isInteger(r) || r < 0 || r >= this.op.length) throw new RangeError(`no register ${r}`);
    return r;
  }

  input(j: number): number {
    if (!Number.isInteger(j) || j < 0 || j >= this.nInputs) throw new RangeError(`no input ${j}`);
    return this.emit(OP.INPUT, j);
  }

  param(p: number): number {
    if (!Number.isInteger(p) || p < 0 || p >= this.nParams) throw new RangeError(`no parameter ${p}`);
    return this.emit(OP.PARAM, p);
  }

  /** A constant; `exact` is its exact value when v only approximates it (null: not rational). */
  constant(v: number, exact?: Rational | null): number {
    return this.emit(OP.CONST, 0, 0, -1, v, exact);
  }

  add(x: number, y: number): number {
    return this.emit(OP.ADD, this.reg(x), this.reg(y));
  }
  sub(x: number, y: number): number {
    return this.emit(OP.SUB, this.reg(x), this.reg(y));
  }
  mul(x: number, y: number): number {
    return this.emit(OP.MUL, this.reg(x), this.reg(y));
  }
  div(x: number, y: number): number {
    return this.emit(OP.DIV, this.reg(x), this.reg(y));
  }
  neg(x: number): number {
    return this.emit(OP.NEG, this.reg(x));
  }
  /** x^y with y a register (needs x > 0 where it is used). */
  pow(x: number, y: number): number {
    return this.emit(OP.POW, this.reg(x), this.reg(y));
  }
  /** x^e with a constant exponent. */
  powConst(x: number, e: number, exact?: Rational | null): number {
    return this.emit(OP.POWC, this.reg(x), 0, -1, e, exact);
  }
  unary(fn: UnaryFn, x: number): number {
    return this.emit(OP.UNARY, this.reg(x), fnCode(fn));
  }
  act(x: number): number {
    if (this.activation === undefined) throw new Error('ProgramBuilder: no activation given');
    return this.emit(OP.ACT, this.reg(x));
  }

  /** w[bias] + Σ_k w[params[k]]·regs[k]; bias −1 for none. */
  affine(bias: number, params: readonly number[], regs: readonly number[]): number {
    if (params.length !== regs.length) throw new RangeError('affine: params and regs differ in length');
    if (bias !== -1 && (!Number.isInteger(bias) || bias < 0 || bias >= this.nParams)) {
      throw new RangeError(`no parameter ${bias}`);
    }
    const start = this.affParam.length;
    for (let k = 0; k < params.length; k++) {
      const p = params[k]!;
      if (!Number.isInteger(p) || p < 0 || p >= this.nParams) throw new RangeError(`no parameter ${p}`);
      this.affParam.push(p);
      this.affReg.push(this.reg(regs[k]!));
    }
    return this.emit(OP.AFFINE, start, params.length, bias);
  }

  /**
   * Compiles an expression; `symbolRegs` maps each symbol to its register. Constant subtrees
   * are evaluated now, e^u becomes exp(u) and a constant exponent uses POWC.
   */
  expr(e: Expr, symbolRegs: ReadonlyMap<string, number>): number {
    if (e.kind !== 'num' && this.isConstant(e)) return this.constant(...this.folded(e));
    switch (e.kind) {
      case 'num':
        return this.constant(e.value, e.exact);
      case 'const':
        return this.constant(e.name === 'e' ? Math.E : Math.PI, null);
      case 'sym': {
        const r = symbolRegs.get(e.name);
        if (r === undefined) throw new RangeError(`no register for symbol "${e.name}"`);
        return r;
      }
      case 'neg':
        return this.neg(this.expr(e.arg, symbolRegs));
      case 'call':
        return this.unary(e.fn, this.expr(e.arg, symbolRegs));
      case 'add':
        return this.add(this.expr(e.left, symbolRegs), this.expr(e.right, symbolRegs));
      case 'sub':
        return this.sub(this.expr(e.left, symbolRegs), this.expr(e.right, symbolRegs));
      case 'mul':
        return this.mul(this.expr(e.left, symbolRegs), this.expr(e.right, symbolRegs));
      case 'div':
        return this.div(this.expr(e.left, symbolRegs), this.expr(e.right, symbolRegs));
      case 'pow': {
        if (e.left.kind === 'const' && e.left.name === 'e') return this.unary('exp', this.expr(e.right, symbolRegs));
        if (this.isConstant(e.right)) {
          const [k, exact] = this.folded(e.right);
          return this.powConst(this.expr(e.left, symbolRegs), k, exact);
        }
        return this.pow(this.expr(e.left, symbolRegs), this.expr(e.right, symbolRegs));
      }
    }
  }

  /**
   * A constant subformula folded: its exact value where it is rational (from the literals'
   * exact values, so 1e16 + 1 − 1e16 is 1, not the float sum 0) with the nearest float, else
   * the float evaluation marked not rational.
   */
  private folded(e: Expr): [number, Rational | null] {
    const v = evalExactExpr(e, new Map());
    if (v.kind === 'rational') {
      const x = ratToNumber(v.value);
      if (Number.isFinite(x)) return [x, v.value];
    }
    return [compileExpr(e, [])(new Float64Array(0)), null];
  }

  /** Whether e mentions no symbol (memoised per node, so compiling stays linear). */
  private isConstant(e: Expr): boolean {
    const known = this.constTree.get(e);
    if (known !== undefined) return known;
    let r: boolean;
    switch (e.kind) {
      case 'num':
      case 'const':
        r = true;
        break;
      case 'sym':
        r = false;
        break;
      case 'neg':
      case 'call':
        r = this.isConstant(e.arg);
        break;
      default:
        r = this.isConstant(e.left) && this.isConstant(e.right);
    }
    this.constTree.set(e, r);
    return r;
  }

  /** Marks register r as the next output. */
  output(r: number): void {
    this.outs.push(this.reg(r));
  }

  build(): Program {
    const firstUse = new Int32Array(this.nParams).fill(this.op.length);
    const use = (p: number, i: number): void => {
      if (p >= 0 && i < firstUse[p]!) firstUse[p] = i;
    };
    for (let i = 0; i < this.op.length; i++) {
      if (this.op[i] === OP.PARAM) use(this.a[i]!, i);
      if (this.op[i] === OP.AFFINE) {
        use(this.c[i]!, i);
        for (let k = this.a[i]!; k < this.a[i]! + this.b[i]!; k++) use(this.affParam[k]!, i);
      }
    }
    return Object.freeze({
      size: this.op.length,
      nParams: this.nParams,
      nInputs: this.nInputs,
      op: Int32Array.from(this.op),
      a: Int32Array.from(this.a),
      b: Int32Array.from(this.b),
      c: Int32Array.from(this.c),
      num: Float64Array.from(this.num),
      numExact: Object.freeze([...this.numExact]),
      affParam: Int32Array.from(this.affParam),
      affReg: Int32Array.from(this.affReg),
      outputs: Int32Array.from(this.outs),
      firstUse,
      activation: this.activation,
    });
  }
}
