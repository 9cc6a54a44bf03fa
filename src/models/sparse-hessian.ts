/**
 * Σ_r c_r ∇²f_r(w) as a dense n × n matrix, by forward-over-reverse differentiation that only
 * touches the instructions a parameter actually reaches.
 *
 * Column j of the Hessian is the tangent of the reverse sweep along e_j. Along e_j the forward
 * tangent is nonzero only on D_j, the instructions downstream of w_j, and the tangent adjoints
 * only on D_j and the instructions that feed second-order terms back from it. In a network most
 * parameters reach a handful of instructions (a first-layer weight reaches its unit and the
 * output), so sweeping only those makes a column cost about what the parameter touches, not the
 * whole program: for a one-hidden-layer net of width 178 on 13 inputs (n = 2,671) this is about
 * a thousand times less work than dense sweeps.
 *
 * The arithmetic per instruction is that of the dense kernels in src/models/program.ts
 * (`forwardTangent`, `reverseTangent`), with v = e_j; the tests compare the two.
 */
import { OP, powB, powc1, powc2, type Program } from './program.js';
import { fnD1, fnD2, fnValue } from '../expr/index.js';
import { MaxHeap, csr, dependencies } from './program-deps.js';

/** val[i] for every instruction at (w, x). */
function forwardValues(p: Program, w: Float64Array, x: Float64Array, val: Float64Array): void {
  const { op, a: A, b: B, c: C, num, affParam, affReg } = p;
  const act = p.activation;
  for (let i = 0; i < p.size; i++) {
    const a = A[i]!;
    switch (op[i]) {
      case OP.INPUT: val[i] = x[a]!; break;
      case OP.PARAM: val[i] = w[a]!; break;
      case OP.CONST: val[i] = num[i]!; break;
      case OP.ADD: val[i] = val[a]! + val[B[i]!]!; break;
      case OP.SUB: val[i] = val[a]! - val[B[i]!]!; break;
      case OP.MUL: val[i] = val[a]! * val[B[i]!]!; break;
      case OP.DIV: val[i] = val[a]! / val[B[i]!]!; break;
      case OP.NEG: val[i] = -val[a]!; break;
      case OP.POW: val[i] = Math.pow(val[a]!, val[B[i]!]!); break;
      case OP.POWC: { const u = val[a]!; const e = num[i]!; val[i] = e === 2 ? u * u : Math.pow(u, e); break; }
      case OP.UNARY: val[i] = fnValue(B[i]!, val[a]!); break;
      case OP.ACT: val[i] = act!.f(val[a]!); break;
      case OP.AFFINE: {
        const ci = C[i]!;
        let s = ci >= 0 ? w[ci]! : 0;
        for (let t = a; t < a + B[i]!; t++) s += w[affParam[t]!]! * val[affReg[t]!]!;
        val[i] = s;
        break;
      }
      default: throw new Error(`bad opcode ${op[i]} at ${i}`);
    }
  }
}

/** The adjoints adj[i] = Σ_o seed_o ∂f_o/∂val[i], after forwardValues. */
function reverseAdjoints(p: Program, w: Float64Array, val: Float64Array, seed: Float64Array, adj: Float64Array): void {
  const { op, a: A, b: B, num, affParam, affReg, outputs } = p;
  const act = p.activation;
  adj.fill(0);
  for (let o = 0; o < outputs.length; o++) adj[outputs[o]!]! += seed[o]!;
  for (let i = p.size - 1; i >= 0; i--) {
    const g = adj[i]!;
    if (g === 0) continue;
    const a = A[i]!;
    switch (op[i]) {
      case OP.INPUT:
      case OP.PARAM:
      case OP.CONST: break;
      case OP.ADD: adj[a]! += g; adj[B[i]!]! += g; break;
      case OP.SUB: adj[a]! += g; adj[B[i]!]! -= g; break;
      case OP.MUL: { const b = B[i]!; adj[a]! += g * val[b]!; adj[b]! += g * val[a]!; break; }
      case OP.DIV: { const b = B[i]!; const vb = val[b]!; adj[a]! += g / vb; adj[b]! -= (g * val[i]!) / vb; break; }
      case OP.NEG: adj[a]! -= g; break;
      case OP.POW: {
        const b = B[i]!;
        const u = val[a]!;
        const e = val[b]!;
        adj[a]! += g * e * Math.pow(u, e - 1);
        adj[b]! += g * powB(val[i]!, u);
        break;
      }
      case OP.POWC: adj[a]! += g * powc1(val[a]!, num[i]!); break;
      case OP.UNARY: adj[a]! += g * fnD1(B[i]!, val[a]!); break;
      case OP.ACT: adj[a]! += g * act!.d1(val[a]!); break;
      case OP.AFFINE:
        for (let t = a; t < a + B[i]!; t++) adj[affReg[t]!]! += g * w[affParam[t]!]!;
        break;
      default: throw new Error(`bad opcode ${op[i]} at ${i}`);
    }
  }
}

/** Largest d·size for which the per-sample values and adjoints are kept (two doubles each). */
export const SPARSE_HESSIAN_MAX_STORE = 20_000_000;

/** For every AFFINE term t: its instruction; for every register and every parameter: its terms (CSR). */
interface Terms {
  readonly instr: Int32Array;
  readonly byRegStart: Int32Array;
  readonly byReg: Int32Array;
  readonly byParamStart: Int32Array;
  readonly byParam: Int32Array;
}

const termsCache = new WeakMap<Program, Terms>();

function termsOf(p: Program): Terms {
  const hit = termsCache.get(p);
  if (hit) return hit;
  const instr = new Int32Array(p.affReg.length).fill(-1);
  for (let i = 0; i < p.size; i++) {
    if (p.op[i] === OP.AFFINE) for (let t = p.a[i]!; t < p.a[i]! + p.b[i]!; t++) instr[t] = i;
  }
  const each = (key: Int32Array) => (emit: (k: number, v: number) => void) => {
    for (let t = 0; t < instr.length; t++) if (instr[t]! >= 0) emit(key[t]!, t);
  };
  const r = csr(p.size, each(p.affReg));
  const q = csr(p.nParams, each(p.affParam));
  const terms = { instr, byRegStart: r.start, byReg: r.list, byParamStart: q.start, byParam: q.list };
  termsCache.set(p, terms);
  return terms;
}

/**
 * Σ_r c_r ∇²f_r(w) over the samples xs (c sample-major, d·k weights), n × n row-major and
 * exactly symmetrised. `progress` receives the fraction of columns done.
 *
 * AFFINE rows (a unit's weighted sum, which may have thousands of terms) are never scanned
 * term by term unless their tangent adjoint is nonzero: the forward tangent is pushed from each
 * register of D_j into the terms that read it, and the terms that read w_j are listed per
 * parameter, so a sum over an output layer costs what the column touches in it.
 */
export function weightedHessianSparse(
  p: Program,
  w: Float64Array,
  xs: readonly Float64Array[],
  c: Float64Array,
  progress?: (fraction: number) => void,
): Float64Array {
  const n = p.nParams;
  const k = p.outputs.length;
  const size = p.size;
  const d = xs.length;
  if (d * size > SPARSE_HESSIAN_MAX_STORE) throw new RangeError(`weightedHessianSparse: ${d} samples × ${size} registers is too many to keep`);
  const act = p.activation;
  const { dep, consStart, cons, userStart, users } = dependencies(p);
  const { instr: termInstr, byRegStart, byReg, byParamStart, byParam } = termsOf(p);

  // One forward and one reverse sweep per sample: values and adjoints (seeded with c).
  const vals: Float64Array[] = [];
  const adjs: Float64Array[] = [];
  for (let i = 0; i < d; i++) {
    const seed = c.subarray(i * k, i * k + k);
    if (seed.every((s) => s === 0)) continue;
    const val = new Float64Array(size);
    const adj = new Float64Array(size);
    forwardValues(p, w, xs[i]!, val);
    reverseAdjoints(p, w, val, seed, adj);
    vals.push(val);
    adjs.push(adj);
  }

  const H = new Float64Array(n * n);
  if (vals.length === 0) return H;
  const tval = new Float64Array(size);
  const tadj = new Float64Array(size);
  const acc = new Float64Array(size); // pushed tangent sums of AFFINE rows
  const inD = new Int32Array(size).fill(-1);
  const queued = new Int32Array(size).fill(-1);
  const Dbuf = new Int32Array(size);
  const heap = new MaxHeap(size);
  // Per AFFINE row, the terms whose register has a nonzero tangent (a linked list per row,
  // valid while its stamp matches) and the terms that read w_j (built once per j).
  const pushHead = new Int32Array(size);
  const pushStamp = new Int32Array(size).fill(-1);
  const pushNext = new Int32Array(Math.max(1, termInstr.length));
  const parHead = new Int32Array(size);
  const parStamp = new Int32Array(size).fill(-1);
  const parNext = new Int32Array(Math.max(1, termInstr.length));
  let stamp = 0;
  const { op, a: A, b: B, c: C, num, affParam, affReg } = p;
  const every = Math.max(1, Math.floor(n / 100));

  for (let j = 0; j < n; j++) {
    if (progress && j % every === 0) progress(j / n);
    // D_j: the instructions downstream of w_j, ascending.
    let count = 0;
    for (let t = userStart[j]!; t < userStart[j + 1]!; t++) {
      const i = users[t]!;
      if (inD[i] !== j) {
        inD[i] = j;
        Dbuf[count++] = i;
      }
    }
    for (let q = 0; q < count; q++) {
      const i = Dbuf[q]!;
      for (let t = consStart[i]!; t < consStart[i + 1]!; t++) {
        const u = cons[t]!;
        if (inD[u] !== j) {
          inD[u] = j;
          Dbuf[count++] = u;
        }
      }
    }
    const D = Dbuf.subarray(0, count);
    D.sort();
    const row = j * n;
    for (let q = byParamStart[j]!; q < byParamStart[j + 1]!; q++) {
      const t = byParam[q]!;
      const i = termInstr[t]!;
      if (parStamp[i] !== j) {
        parStamp[i] = j;
        parHead[i] = -1;
      }
      parNext[t] = parHead[i]!;
      parHead[i] = t;
    }
    const addT = (r: number, x: number): void => {
      if (x === 0 || dep[r] === 0) return;
      tadj[r]! += x;
      if (inD[r] !== j && queued[r] !== j) {
        queued[r] = j;
        heap.push(r);
      }
    };

    for (let s = 0; s < vals.length; s++) {
      const val = vals[s]!;
      const adj = adjs[s]!;
      stamp++;
      // Forward tangent along e_j on D (tval is 0 elsewhere), pushing into AFFINE terms.
      for (let q = 0; q < count; q++) {
        const i = D[q]!;
        const a = A[i]!;
        let tv = 0;
        switch (op[i]) {
          case OP.PARAM: tv = a === j ? 1 : 0; break;
          case OP.ADD: tv = tval[a]! + tval[B[i]!]!; break;
          case OP.SUB: tv = tval[a]! - tval[B[i]!]!; break;
          case OP.MUL: { const b = B[i]!; tv = tval[a]! * val[b]! + val[a]! * tval[b]!; break; }
          case OP.DIV: { const b = B[i]!; tv = (tval[a]! - val[i]! * tval[b]!) / val[b]!; break; }
          case OP.NEG: tv = -tval[a]!; break;
          case OP.POW: {
            const b = B[i]!;
            const u = val[a]!;
            const e = val[b]!;
            tv = e * Math.pow(u, e - 1) * tval[a]! + powB(val[i]!, u) * tval[b]!;
            break;
          }
          case OP.POWC: tv = powc1(val[a]!, num[i]!) * tval[a]!; break;
          case OP.UNARY: tv = fnD1(B[i]!, val[a]!) * tval[a]!; break;
          case OP.ACT: tv = act!.d1(val[a]!) * tval[a]!; break;
          case OP.AFFINE: {
            // (w_c + Σ w_p r)˙ along e_j = [c = j] + Σ_{p = j} r + Σ w_p ṙ (the last pushed into acc)
            tv = acc[i]! + (C[i] === j ? 1 : 0);
            acc[i] = 0;
            if (parStamp[i] === j) for (let t = parHead[i]!; t >= 0; t = parNext[t]!) tv += val[affReg[t]!]!;
            break;
          }
          default: tv = 0;
        }
        tval[i] = tv;
        if (tv !== 0) {
          for (let q2 = byRegStart[i]!; q2 < byRegStart[i + 1]!; q2++) {
            const t = byReg[q2]!;
            const u = termInstr[t]!;
            acc[u]! += w[affParam[t]!]! * tv;
            if (pushStamp[u] !== stamp) {
              pushStamp[u] = stamp;
              pushHead[u] = -1;
            }
            pushNext[t] = pushHead[u]!;
            pushHead[u] = t;
          }
        }
      }

      // Reverse tangent: D (descending) merged with the registers that received tangent adjoints.
      let q = count - 1;
      while (q >= 0 || heap.size > 0) {
        let i: number;
        if (heap.size > 0 && (q < 0 || heap.top() > D[q]!)) {
          i = heap.pop();
          queued[i] = -1;
        } else i = D[q--]!;
        const g = adj[i]!;
        const tg = tadj[i]!;
        tadj[i] = 0;
        if (g === 0 && tg === 0) continue;
        const a = A[i]!;
        switch (op[i]) {
          case OP.INPUT:
          case OP.CONST: break;
          case OP.PARAM: H[row + a]! += tg; break;
          case OP.ADD: addT(a, tg); addT(B[i]!, tg); break;
          case OP.SUB: addT(a, tg); addT(B[i]!, -tg); break;
          case OP.NEG: addT(a, -tg); break;
          case OP.MUL: {
            const b = B[i]!;
            addT(a, tg * val[b]! + g * tval[b]!);
            addT(b, tg * val[a]! + g * tval[a]!);
            break;
          }
          case OP.DIV: {
            const b = B[i]!;
            const vb = val[b]!;
            const y = val[i]!;
            const ib2 = 1 / (vb * vb);
            addT(a, tg / vb - g * ib2 * tval[b]!);
            addT(b, (-tg * y) / vb + g * (-ib2 * tval[a]! + 2 * y * ib2 * tval[b]!));
            break;
          }
          case OP.POW: {
            const b = B[i]!;
            const u = val[a]!;
            const e = val[b]!;
            const y = val[i]!;
            const lu = Math.log(u);
            const pa = e * Math.pow(u, e - 1);
            const pb = powB(y, u);
            const paa = e * (e - 1) * Math.pow(u, e - 2);
            const pab = y === 0 ? 0 : Math.pow(u, e - 1) * (1 + e * lu);
            const pbb = y === 0 ? 0 : y * lu * lu;
            const ta = tval[a]!;
            const tb = tval[b]!;
            addT(a, tg * pa + g * (paa * ta + pab * tb));
            addT(b, tg * pb + g * (pab * ta + pbb * tb));
            break;
          }
          case OP.POWC: {
            const u = val[a]!;
            const e = num[i]!;
            addT(a, tg * powc1(u, e) + g * powc2(u, e) * tval[a]!);
            break;
          }
          case OP.UNARY: {
            const u = val[a]!;
            const fn = B[i]!;
            addT(a, tg * fnD1(fn, u) + g * fnD2(fn, u) * tval[a]!);
            break;
          }
          case OP.ACT: {
            const u = val[a]!;
            addT(a, tg * act!.d1(u) + g * act!.d2(u) * tval[a]!);
            break;
          }
          case OP.AFFINE: {
            // φ_{w_p} = r, φ_r = w_p, φ_{w_p r} = 1: the cross terms bring [p = j] and ṙ in
            const ci = C[i]!;
            if (tg !== 0) {
              if (ci >= 0) H[row + ci]! += tg;
              const end = a + B[i]!;
              for (let t = a; t < end; t++) {
                const pk = affParam[t]!;
                const rk = affReg[t]!;
                const x = tg * val[rk]! + g * tval[rk]!;
                if (x !== 0) H[row + pk]! += x;
                addT(rk, tg * w[pk]! + (pk === j ? g : 0));
              }
            } else {
              // only the terms whose register moves (g·ṙ) and those that read w_j (g into r)
              if (pushStamp[i] === stamp) {
                for (let t = pushHead[i]!; t >= 0; t = pushNext[t]!) H[row + affParam[t]!]! += g * tval[affReg[t]!]!;
              }
              if (parStamp[i] === j) for (let t = parHead[i]!; t >= 0; t = parNext[t]!) addT(affReg[t]!, g);
            }
            break;
          }
          default: throw new Error(`bad opcode ${op[i]} at ${i}`);
        }
      }
      for (let q2 = 0; q2 < count; q2++) tval[D[q2]!] = 0;
    }
  }
  // Column j was accumulated into row j; symmetrise exactly, (H + Hᵀ)/2.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = 0.5 * (H[i * n + j]! + H[j * n + i]!);
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  }
  progress?.(1);
  return H;
}
