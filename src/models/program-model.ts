/**
 * A Model backed by a Program: every kernel of the Model interface (and a few more that the loss
 * helpers use) as sweeps over the program, one sample at a time, with no finite differences.
 */
import type { Expr } from '../expr/index.js';
import type { Activation } from './activation.js';
import type { Program } from './program.js';
import { Tape } from './tape.js';
import type { Model } from './types.js';

/** A Model with the extra kernels the loss helpers use, and its program. */
export interface ProgramModel extends Model {
  readonly program: Program;
  readonly activation?: Activation;
  /** for `expression` models: the parsed output formulas, one per output */
  readonly formulas?: readonly Expr[];
  /** J v (d·k numbers, sample-major) by one tangent sweep per sample */
  jvp(w: Float64Array, xs: readonly Float64Array[], v: Float64Array): Float64Array;
  /** Jᵀ u (n numbers) by one reverse sweep per sample */
  vjp(w: Float64Array, xs: readonly Float64Array[], u: Float64Array): Float64Array;
  /** Σ_r c_r ∇²f_r(w) as an n × n row-major matrix (forward-over-reverse, one column per parameter) */
  weightedHessian(w: Float64Array, xs: readonly Float64Array[], c: Float64Array): Float64Array;
}

export interface ProgramModelInit {
  readonly kind: Model['kind'];
  readonly names: readonly string[];
  readonly m: number;
  readonly k: number;
  readonly program: Program;
  readonly activation?: Activation;
  readonly formulas?: readonly Expr[];
}

/** Wraps a program into a ProgramModel. */
export function programModel(init: ProgramModelInit): ProgramModel {
  return new CompiledModel(init);
}

class CompiledModel implements ProgramModel {
  readonly kind: Model['kind'];
  readonly n: number;
  readonly m: number;
  readonly k: number;
  readonly names: readonly string[];
  readonly program: Program;
  readonly activation?: Activation;
  readonly formulas?: readonly Expr[];

  constructor(init: ProgramModelInit) {
    const { program } = init;
    if (program.nParams !== init.names.length) throw new RangeError('program and names disagree on n');
    if (program.nInputs !== init.m || program.outputs.length !== init.k) {
      throw new RangeError('program and model disagree on m or k');
    }
    this.kind = init.kind;
    this.n = init.names.length;
    this.m = init.m;
    this.k = init.k;
    this.names = Object.freeze([...init.names]);
    this.program = program;
    if (init.activation !== undefined) this.activation = init.activation;
    if (init.formulas !== undefined) this.formulas = Object.freeze([...init.formulas]);
  }

  private checkW(w: Float64Array): void {
    if (w.length !== this.n) throw new RangeError(`expected ${this.n} parameters, got ${w.length}`);
  }

  private checkX(x: Float64Array, i: number): void {
    if (x.length !== this.m) throw new RangeError(`input ${i} has ${x.length} coordinates, expected ${this.m}`);
  }

  private checkLen(name: string, a: Float64Array, len: number): void {
    if (a.length !== len) throw new RangeError(`${name} has length ${a.length}, expected ${len}`);
  }

  forward(w: Float64Array, x: Float64Array): Float64Array {
    this.checkW(w);
    this.checkX(x, 0);
    const tape = new Tape(this.program);
    tape.forward(w, x);
    return Float64Array.from({ length: this.k }, (_, o) => tape.output(o));
  }

  outputs(w: Float64Array, xs: readonly Float64Array[]): Float64Array {
    this.checkW(w);
    const { k } = this;
    const tape = new Tape(this.program);
    const out = new Float64Array(xs.length * k);
    xs.forEach((x, i) => {
      this.checkX(x, i);
      tape.forward(w, x);
      for (let o = 0; o < k; o++) out[i * k + o] = tape.output(o);
    });
    return out;
  }

  jacobian(w: Float64Array, xs: readonly Float64Array[]): Float64Array {
    this.checkW(w);
    const { n, k } = this;
    const tape = new Tape(this.program);
    const seed = new Float64Array(k);
    const J = new Float64Array(xs.length * k * n);
    xs.forEach((x, i) => {
      this.checkX(x, i);
      tape.forward(w, x, 1);
      for (let o = 0; o < k; o++) {
        seed.fill(0);
        seed[o] = 1;
        const row = (i * k + o) * n;
        tape.reverse(w, seed, J.subarray(row, row + n));
      }
    });
    return J;
  }

  jvp(w: Float64Array, xs: readonly Float64Array[], v: Float64Array): Float64Array {
    this.checkW(w);
    this.checkLen('v', v, this.n);
    const { k } = this;
    const tape = new Tape(this.program);
    const out = new Float64Array(xs.length * k);
    const outs = this.program.outputs;
    xs.forEach((x, i) => {
      this.checkX(x, i);
      tape.forward(w, x, 1);
      tape.tangent(w, v);
      for (let o = 0; o < k; o++) out[i * k + o] = tape.tval[outs[o]!]!;
    });
    return out;
  }

  vjp(w: Float64Array, xs: readonly Float64Array[], u: Float64Array): Float64Array {
    this.checkW(w);
    this.checkLen('u', u, xs.length * this.k);
    const { k } = this;
    const tape = new Tape(this.program);
    const grad = new Float64Array(this.n);
    xs.forEach((x, i) => {
      this.checkX(x, i);
      const seed = u.subarray(i * k, i * k + k);
      if (seed.every((s) => s === 0)) return;
      tape.forward(w, x, 1);
      tape.reverse(w, seed, grad);
    });
    return grad;
  }

  weightedHessianVector(w: Float64Array, xs: readonly Float64Array[], c: Float64Array, v: Float64Array): Float64Array {
    this.checkW(w);
    this.checkLen('c', c, xs.length * this.k);
    this.checkLen('v', v, this.n);
    const { k } = this;
    const tape = new Tape(this.program);
    const grad = new Float64Array(this.n); // Σ c_r ∇f_r, a by-product
    const hv = new Float64Array(this.n);
    xs.forEach((x, i) => {
      this.checkX(x, i);
      const seed = c.subarray(i * k, i * k + k);
      if (seed.every((s) => s === 0)) return;
      tape.forward(w, x, 2);
      tape.tangent(w, v);
      tape.reverse(w, seed, grad);
      tape.reverseTangent(w, v, hv);
    });
    return hv;
  }

  weightedHessian(w: Float64Array, xs: readonly Float64Array[], c: Float64Array): Float64Array {
    this.checkW(w);
    this.checkLen('c', c, xs.length * this.k);
    const { n, k } = this;
    const tape = new Tape(this.program);
    const grad = new Float64Array(n);
    const e = new Float64Array(n);
    const H = new Float64Array(n * n);
    xs.forEach((x, i) => {
      this.checkX(x, i);
      const seed = c.subarray(i * k, i * k + k);
      if (seed.every((s) => s === 0)) return;
      tape.forward(w, x, 2);
      // The adjoints do not depend on the direction: one reverse sweep per sample, then one
      // tangent pair per parameter j gives column j (= row j, H being symmetric).
      tape.reverse(w, seed, grad);
      for (let j = 0; j < n; j++) {
        e[j] = 1;
        tape.tangent(w, e, j);
        tape.reverseTangent(w, e, H.subarray(j * n, j * n + n));
        e[j] = 0;
      }
    });
    return H;
  }
}
