/**
 * 65-digit references for the streamed construction: on the first d images, the block A,
 * B = D·A·D and v = A⁻¹y from the construction's own scalars q, and the solution of the system cut
 * to B's bidiagonal part (what a band of width 1 without its tail would be centred on).
 */
import { Dec, exact } from './decimal.js';
import { constructStreamed, type PixelData } from '../../../src/points/stream/construct.js';
export function reference(data: PixelData, d: number): { q: Float64Array; y: Float64Array; A: Dec[][]; B: Dec[][]; v: Dec[]; cut: Dec[] } {
  const sub: PixelData = { d, m: data.m, pixels: data.pixels.subarray(0, d * data.m), labels: data.labels.subarray(0, d) };
  const r = constructStreamed(sub, { seed: 1, band: 4, targets: 'label' });
  if (!r.ok) throw new Error(r.reason);
  const q = new Float64Array(d + 1);
  q.set(r.biases);
  let s = 0;
  for (let j = 0; j < r.m; j++) s += r.a[j]! * sub.pixels[r.order[d - 1]! * r.m + j]!;
  q[d] = s * r.scale;
  const y = Float64Array.from(r.order, (row) => sub.labels[row]!);
  const sigma = (t: Dec): Dec => (t.gt(0) ? t.times(new Dec(-1).div(t).exp()) : new Dec(0));
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (j <= i ? sigma(exact(q[i + 1]!).minus(exact(q[j]!))) : new Dec(0))));
  const at = (i: number, j: number): Dec => (i >= 0 && j < d ? A[i]![j]! : new Dec(0));
  const B = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => at(i, j).minus(at(i, j + 1)).minus(at(i - 1, j)).plus(at(i - 1, j + 1))));
  const v: Dec[] = [];
  for (let i = 0; i < d; i++) {
    let acc = new Dec(y[i]!);
    for (let j = 0; j < i; j++) acc = acc.minus(A[i]![j]!.times(v[j]!));
    v.push(acc.div(A[i]![i]!));
  }
  // B u = D y with B cut to its bidiagonal part, then v = D u
  const u: Dec[] = [];
  const cut: Dec[] = [];
  for (let i = 0; i < d; i++) {
    const rhs = new Dec(y[i]! - (i > 0 ? y[i - 1]! : 0));
    u.push((i > 0 ? rhs.minus(B[i]![i - 1]!.times(u[i - 1]!)) : rhs).div(B[i]![i]!));
    cut.push(i > 0 ? u[i]!.minus(u[i - 1]!) : u[i]!);
  }
  return { q, y, A, B, v, cut };
}

