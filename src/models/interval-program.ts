/**
 * A model program (src/models/program.ts) run in interval arithmetic: a forward sweep that
 * encloses every register over a box of parameters and inputs, caching enclosures of the local
 * partials, and a reverse sweep that encloses one output's gradient.
 *
 * Why reverse mode is sound in intervals: a gradient entry is a sum over paths of products of
 * local partials; each local partial is enclosed over the whole box, so evaluating the same sums
 * and products in interval arithmetic encloses the gradient at every point of the box. Rows of
 * a Jacobian cost one reverse sweep each, as in the float tape.
 *
 * Constants: a CONST row holds a binary64 value, taken exactly. The mlp and dag programs have
 * none; expression models are evaluated from their formulas instead (interval-model.ts), where
 * e and π are enclosed.
 */
import { ENTIRE, add, div, fromNumber, log, mul, neg, sub, type Interval } from '../kernel/interval.js';
import { UNARY_FNS } from '../expr/index.js';
import { dualPow, constantDual, unaryEnclosure } from './interval-expr.js';
import { intervalActivation, type IntervalActivation } from './interval-activation.js';
import { OP, type Program } from './program.js';

const ZERO: Interval = { lo: 0, hi: 0 };
const isZero = (a: Interval): boolean => a.lo === 0 && a.hi === 0;

/** Registers and local partials of one program in intervals; one tape per call site. */
export class IntervalTape {
  readonly val: Interval[];
  /** ∂row/∂(first operand) of the one-operand rows (UNARY, ACT, POWC) and POW */
  private readonly l1: Interval[];
  /** ∂row/∂(second operand) of POW rows */
  private readonly l2: Interval[];
  private readonly adj: Interval[];
  private readonly act: IntervalActivation | undefined;
  private box: readonly Interval[] = [];

  constructor(readonly program: Program) {
    const n = program.size;
    this.val = new Array<Interval>(n).fill(ZERO);
    this.l1 = new Array<Interval>(n).fill(ZERO);
    this.l2 = new Array<Interval>(n).fill(ZERO);
    this.adj = new Array<Interval>(n).fill(ZERO);
    this.act = program.activation === undefined ? undefined : intervalActivation(program.activation);
  }

  /** Output o's enclosure after forward. */
  output(o: number): Interval {
    return this.val[this.program.outputs[o]!]!;
  }

  /** Encloses every register over the box (parameters `w`, input `x`) and the local partials. */
  forward(w: readonly Interval[], x: readonly Interval[]): void {
    const { op, a, b, c, num, affParam, affReg, size } = this.program;
    const { val, l1, l2 } = this;
    this.box = w;
    for (let i = 0; i < size; i++) {
      const ai = a[i]!;
      switch (op[i]) {
        case OP.INPUT: val[i] = x[ai]!; break;
        case OP.PARAM: val[i] = w[ai]!; break;
        case OP.CONST: val[i] = fromNumber(num[i]!); break;
        case OP.ADD: val[i] = add(val[ai]!, val[b[i]!]!); break;
        case OP.SUB: val[i] = sub(val[ai]!, val[b[i]!]!); break;
        case OP.MUL: val[i] = mul(val[ai]!, val[b[i]!]!); break;
        case OP.DIV: val[i] = div(val[ai]!, val[b[i]!]!); break;
        case OP.NEG: val[i] = neg(val[ai]!); break;
        case OP.POW: {
          // y = u^e = exp(e·log u) needs u > 0 on the box
          const u = val[ai]!;
          const e = val[b[i]!]!;
          if (!(u.lo > 0)) {
            val[i] = ENTIRE;
            l1[i] = ENTIRE;
            l2[i] = ENTIRE;
            break;
          }
          const y = dualPow(constantDual(u), constantDual(e), undefined, 0).v;
          val[i] = y;
          l1[i] = mul(e, div(y, u)); // e·u^(e−1)
          l2[i] = mul(y, log(u)); // y·log u
          break;
        }
        case OP.POWC: {
          const u = val[ai]!;
          const e = num[i]!;
          const r = dualPow({ v: u, d: [{ lo: 1, hi: 1 }] }, constantDual(fromNumber(e)), Number.isInteger(e) ? e : undefined, 1);
          val[i] = r.v;
          l1[i] = r.d?.[0] ?? ZERO;
          break;
        }
        case OP.UNARY: {
          const r = unaryEnclosure(UNARY_FNS[b[i]!]!, val[ai]!);
          val[i] = r?.v ?? ENTIRE;
          l1[i] = r?.d1 ?? ENTIRE;
          break;
        }
        case OP.ACT: {
          const act = this.act!;
          val[i] = act.value(val[ai]!);
          l1[i] = act.d1(val[ai]!);
          break;
        }
        case OP.AFFINE: {
          const ci = c[i]!;
          let s = ci >= 0 ? w[ci]! : ZERO;
          const end = ai + b[i]!;
          for (let k = ai; k < end; k++) s = add(s, mul(w[affParam[k]!]!, val[affReg[k]!]!));
          val[i] = s;
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }

  /**
   * After forward: grad (length n, overwritten) encloses ∇_w of output o over the box.
   * Adjoints that are exactly 0 are not propagated.
   */
  reverse(o: number, grad: Interval[]): void {
    const { op, a, b, c, affParam, affReg, outputs, size } = this.program;
    const { val, adj, l1, l2, box } = this;
    grad.fill(ZERO);
    adj.fill(ZERO, 0, size);
    const top = outputs[o]!;
    adj[top] = { lo: 1, hi: 1 };
    for (let i = top; i >= 0; i--) {
      const g = adj[i]!;
      if (isZero(g)) continue;
      const ai = a[i]!;
      switch (op[i]) {
        case OP.INPUT:
        case OP.CONST: break;
        case OP.PARAM: grad[ai] = add(grad[ai]!, g); break;
        case OP.ADD: adj[ai] = add(adj[ai]!, g); adj[b[i]!] = add(adj[b[i]!]!, g); break;
        case OP.SUB: adj[ai] = add(adj[ai]!, g); adj[b[i]!] = sub(adj[b[i]!]!, g); break;
        case OP.MUL: {
          const bi = b[i]!;
          adj[ai] = add(adj[ai]!, mul(g, val[bi]!));
          adj[bi] = add(adj[bi]!, mul(g, val[ai]!));
          break;
        }
        case OP.DIV: {
          // y = a/b: y_a = 1/b, y_b = −y/b
          const bi = b[i]!;
          const vb = val[bi]!;
          adj[ai] = add(adj[ai]!, div(g, vb));
          adj[bi] = sub(adj[bi]!, div(mul(g, val[i]!), vb));
          break;
        }
        case OP.NEG: adj[ai] = sub(adj[ai]!, g); break;
        case OP.POW: {
          const bi = b[i]!;
          adj[ai] = add(adj[ai]!, mul(g, l1[i]!));
          adj[bi] = add(adj[bi]!, mul(g, l2[i]!));
          break;
        }
        case OP.POWC:
        case OP.UNARY:
        case OP.ACT: adj[ai] = add(adj[ai]!, mul(g, l1[i]!)); break;
        case OP.AFFINE: {
          const ci = c[i]!;
          if (ci >= 0) grad[ci] = add(grad[ci]!, g);
          const end = ai + b[i]!;
          for (let k = ai; k < end; k++) {
            const pk = affParam[k]!;
            const rk = affReg[k]!;
            grad[pk] = add(grad[pk]!, mul(g, val[rk]!));
            adj[rk] = add(adj[rk]!, mul(g, box[pk]!));
          }
          break;
        }
        default: throw new Error(`bad opcode ${op[i]} at row ${i}`);
      }
    }
  }
}
