/**
 * What a case's theorems will allocate, estimated before any of it is built, so that a case that
 * cannot fit is refused with exit 2 and the estimate instead of ending in a heap crash or a
 * native stack (SPEC, "Limits and hostile input").
 *
 * The terms, with n parameters, d data points and k outputs:
 *
 *   per parameter   about 1 KB: the point, its enclosure, the names, the compiled program and
 *                   the kernel's exact re-check (measured with /usr/bin/time: 1.9 GB peak at
 *                   n ≈ 1.0·10⁶, 4.3 GB at n ≈ 4.0·10⁶, mlp on xor);
 *   Jacobian        J(w), (d·k) × n binary64 numbers (the rank of Theorem 2.1 and its kin);
 *   Gram matrix     J Jᵀ, (d·k)² numbers (singular values and eigenvalue bounds);
 *   construction    the d × d triangular block of Lemma 3.3 (interval lower and upper bounds).
 *
 * The budget is the JavaScript heap limit of the running process (about 4 GB by default), which
 * NODE_OPTIONS=--max-old-space-size=MB raises or lowers; the typed arrays live outside that heap,
 * so counting them against it errs on the safe side.
 */
import { getHeapStatistics } from 'node:v8';
import type { ModelSpec } from '../cases/types.js';

/** Bytes per parameter beyond the matrices (see the measurement above). */
export const BYTES_PER_PARAMETER = 1000;
const F64 = 8;

/** One term of the estimate. */
export interface SizeTerm {
  readonly what: string;
  readonly bytes: number;
}

/** The estimate: its terms, the total and the largest term. */
export interface SizeEstimate {
  readonly n: number;
  readonly terms: readonly SizeTerm[];
  readonly bytes: number;
  readonly largest: SizeTerm;
}

/** n for each kind of model, without compiling it. */
export function parameterCount(model: ModelSpec, m: number, k: number): number {
  switch (model.kind) {
    case 'mlp': {
      const widths = [m, ...model.hidden, k];
      let n = 0;
      for (let l = 1; l < widths.length; l++) n += widths[l - 1]! * widths[l]! + widths[l]!;
      return n;
    }
    case 'dag':
      // one weight per edge, one bias per non-input node
      return model.edges.length + model.nodes.length - model.inputs.length;
    case 'expression':
      return model.params.length;
  }
}

const fmt = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 12,800,064,008 → "12.8 GB" (decimal units, as `free -g` does not, but as disks do). */
export function formatBytes(b: number): string {
  if (b >= 1e9) return `${(b / 1e9).toFixed(1)} GB`;
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  return `${(b / 1e3).toFixed(1)} kB`;
}

/** The memory the theorems need on a case with this model and d × m → k data. */
export function estimateWork(model: ModelSpec, d: number, m: number, k: number): SizeEstimate {
  const n = parameterCount(model, m, k);
  const rows = d * k;
  const terms: SizeTerm[] = [
    { what: `${fmt(n)} parameters at about ${fmt(BYTES_PER_PARAMETER)} bytes each`, bytes: n * BYTES_PER_PARAMETER },
    { what: `the Jacobian J, d·k × n = ${fmt(rows)} × ${fmt(n)} numbers`, bytes: rows * n * F64 },
    { what: `the Gram matrix J Jᵀ, ${fmt(rows)} × ${fmt(rows)} numbers`, bytes: rows * rows * F64 },
  ];
  if (model.kind !== 'expression') terms.push({ what: `the construction's ${fmt(d)} × ${fmt(d)} triangular block, as intervals`, bytes: 2 * d * d * F64 });
  let bytes = 0;
  let largest = terms[0]!;
  for (const t of terms) {
    bytes += t.bytes;
    if (t.bytes > largest.bytes) largest = t;
  }
  return { n, terms, bytes, largest };
}

/** The memory budget: the process's JavaScript heap limit. */
export function memoryBudget(): number {
  return getHeapStatistics().heap_size_limit;
}

/** The field a size refusal names: what the user would change. */
export function sizeField(model: ModelSpec): (string | number)[] {
  switch (model.kind) {
    case 'mlp':
      return ['model', 'hidden'];
    case 'dag':
      return ['model', 'edges'];
    case 'expression':
      return ['model', 'params'];
  }
}

/** Why the case does not fit in `budget` bytes, in one line; undefined when it fits. */
export function doesNotFit(model: ModelSpec, d: number, m: number, k: number, budget = memoryBudget()): string | undefined {
  const e = estimateWork(model, d, m, k);
  if (e.bytes <= budget) return undefined;
  return (
    `the theorems would need about ${formatBytes(e.bytes)} of memory (largest: ${e.largest.what}, ${formatBytes(e.largest.bytes)}); ` +
    `the budget is ${formatBytes(budget)} (the JavaScript heap limit; NODE_OPTIONS=--max-old-space-size=MB sets it)`
  );
}
