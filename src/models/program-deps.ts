/**
 * The dependency structure of a program, for sweeps that touch only what a parameter reaches:
 * which instructions read each register and each parameter (CSR lists), which registers depend on
 * w at all, and a max-heap of row indices for visiting a reverse sweep's frontier in order.
 */
import { OP, type Program } from './program.js';

/** Which instructions read each register, and which read each parameter (CSR lists). */
export interface Dependencies {
  /** 1 where the register depends on w (tangent adjoints elsewhere never reach a parameter) */
  readonly dep: Uint8Array;
  readonly consStart: Int32Array;
  readonly cons: Int32Array;
  readonly userStart: Int32Array;
  readonly users: Int32Array;
}

const depsCache = new WeakMap<Program, Dependencies>();

function operandsOf(p: Program, i: number, visit: (r: number) => void): void {
  const a = p.a[i]!;
  switch (p.op[i]) {
    case OP.INPUT:
    case OP.PARAM:
    case OP.CONST:
      return;
    case OP.NEG:
    case OP.POWC:
    case OP.UNARY:
    case OP.ACT:
      visit(a);
      return;
    case OP.AFFINE:
      for (let t = a; t < a + p.b[i]!; t++) visit(p.affReg[t]!);
      return;
    default:
      visit(a);
      visit(p.b[i]!);
  }
}

function paramsReadBy(p: Program, i: number, visit: (q: number) => void): void {
  if (p.op[i] === OP.PARAM) visit(p.a[i]!);
  else if (p.op[i] === OP.AFFINE) {
    if (p.c[i]! >= 0) visit(p.c[i]!);
    for (let t = p.a[i]!; t < p.a[i]! + p.b[i]!; t++) visit(p.affParam[t]!);
  }
}

/** Builds a CSR list from (key, value) pairs produced by `each`. */
export function csr(keys: number, each: (emit: (key: number, value: number) => void) => void): { start: Int32Array; list: Int32Array } {
  const count = new Int32Array(keys + 1);
  each((key) => count[key + 1]!++);
  for (let k = 0; k < keys; k++) count[k + 1]! += count[k]!;
  const list = new Int32Array(count[keys]!);
  const fill = count.slice(0, keys);
  each((key, value) => {
    list[fill[key]!++] = value;
  });
  return { start: count, list };
}

export function dependencies(p: Program): Dependencies {
  const hit = depsCache.get(p);
  if (hit) return hit;
  const c = csr(p.size, (emit) => {
    for (let i = 0; i < p.size; i++) operandsOf(p, i, (r) => emit(r, i));
  });
  const u = csr(p.nParams, (emit) => {
    for (let i = 0; i < p.size; i++) paramsReadBy(p, i, (q) => emit(q, i));
  });
  const dep = new Uint8Array(p.size);
  for (let i = 0; i < p.size; i++) {
    if (p.op[i] === OP.PARAM || p.op[i] === OP.AFFINE) dep[i] = 1;
    else operandsOf(p, i, (r) => {
      if (dep[r]) dep[i] = 1;
    });
  }
  const deps = { dep, consStart: c.start, cons: c.list, userStart: u.start, users: u.list };
  depsCache.set(p, deps);
  return deps;
}

/** A max-heap of register indices. */
export class MaxHeap {
  private readonly h: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.h = new Int32Array(Math.max(1, capacity));
  }
  push(x: number): void {
    const h = this.h;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! >= x) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = x;
  }
  top(): number {
    return this.h[0]!;
  }
  pop(): number {
    const h = this.h;
    const out = h[0]!;
    const last = h[--this.size]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && h[r]! > h[l]! ? r : l;
      if (h[c]! <= last) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return out;
  }
}
