/**
 * The streamed construction (src/points/stream) on the first 2,000 Fashion-MNIST training images
 * (Debian's dataset-fashion-mnist; .ci/run installs it), against the dense route of
 * construct/triangular.ts on the same scalars: the exactness of the integer projection, the
 * σ″ tail bound against the true tails, and the banded box against the dense one.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dec, encloses, exact } from './decimal.js';
import { reference } from './stream-reference.js';
import { parseIdxBytes } from '../../../src/cases/idx.js';
import { smooluFill } from '../../../src/points/construct/sigma.js';
import { encloseSolutions, inverseNormBounds, sigmaMinEstimate, TRANSFORMS, type TriangularBlock } from '../../../src/points/construct/triangular.js';
import { bandedInverseNormBounds, encloseBanded, rowTail } from '../../../src/points/stream/banded.js';
import { constructStreamed, type PixelData } from '../../../src/points/stream/construct.js';

const DIR = '/usr/share/datasets/fashion-mnist/';
const D = 2000;

let data: PixelData;
beforeAll(() => {
  const images = parseIdxBytes(readFileSync(`${DIR}train-images-idx3-ubyte.gz`));
  const labels = parseIdxBytes(readFileSync(`${DIR}train-labels-idx1-ubyte.gz`));
  const m = images.shape[1]! * images.shape[2]!;
  data = { d: D, m, pixels: images.bytes.subarray(0, D * m), labels: labels.bytes.subarray(0, D) };
});

/** q₀ = β₁ and the sorted scalars, as the construction made them. */
function scalarsOf(r: Extract<ReturnType<typeof constructStreamed>, { ok: true }>): Float64Array {
  const q = new Float64Array(r.d + 1);
  q.set(r.biases);
  let s = 0;
  const last = r.order[r.d - 1]!;
  for (let j = 0; j < r.m; j++) s += r.a[j]! * data.pixels[last * r.m + j]!;
  q[r.d] = s * r.scale;
  return q;
}

/** The dense block A of the same scalars, every entry enclosed. */
function denseBlock(q: Float64Array): TriangularBlock {
  const d = q.length - 1;
  const size = (d * (d + 1)) / 2;
  const f = new Float64Array(size);
  const lo = new Float64Array(size);
  const hi = new Float64Array(size);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const z = q[i + 1]! - q[j]!;
      smooluFill(z, z - Math.abs(z) * 2 ** -52, z + Math.abs(z) * 2 ** -52, f, lo, hi, (i * (i + 1)) / 2 + j);
    }
  }
  return { d, f, lo, hi };
}

describe('the banded solve against 65-digit references (the first 60 images)', () => {
  let ref: ReturnType<typeof reference>;
  beforeAll(() => {
    ref = reference(data, 60);
  });

  it('bounds every row tail of D·A·D by the σ″ integral, and not vacuously', () => {
    const { q, B } = ref;
    for (const w of [1, 3, 10]) {
      let tight = 0;
      for (let i0 = w + 1; i0 < B.length; i0++) {
        let tail = new Dec(0);
        for (let j0 = 0; j0 <= i0 - w - 1; j0++) {
          expect(B[i0]![j0]!.gt(0)).toBe(true);
          tail = tail.plus(B[i0]![j0]!);
        }
        const bound = rowTail(q, i0 + 1, w);
        expect(tail.lte(exact(bound))).toBe(true);
        tight = Math.max(tight, tail.toNumber() / bound);
      }
      expect(tight).toBeGreaterThan(0.01);
    }
  });

  it('holds the exact solution for every band width', () => {
    for (const band of [1, 2, 8, 100]) {
      const e = encloseBanded({ q: ref.q, band }, [ref.y], [ref.y]);
      ref.v.forEach((v, j) => expect(encloses(e.lo[0]![j]!, e.hi[0]![j]!, v)).toBe(true));
    }
  });

  it('needs its tail term: the band alone, solved exactly, misses the solution by more than the box is wide', () => {
    const { y, v, cut } = ref;
    const e = encloseBanded({ q: ref.q, band: 1 }, [y], [y]);
    let miss = 0;
    let width = 0;
    v.forEach((vi, i) => {
      miss = Math.max(miss, cut[i]!.minus(vi).abs().toNumber());
      width = Math.max(width, e.hi[0]![i]! - e.lo[0]![i]!);
    });
    expect(miss).toBeGreaterThan(0);
    // a tail-free box is only as wide as its roundings: far narrower than what the cut misses by
    expect(miss).toBeGreaterThan(1e-13 * Math.max(...v.map((x) => x.abs().toNumber())));
    expect(width).toBeGreaterThan(miss);
  });
});

describe('the streamed construction on the first 2,000 images', () => {
  it('projects exactly: the float projections are the exact integer dot products, strictly increasing', () => {
    const r = constructStreamed(data, { seed: 1, band: 16, targets: 'label' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const a = Array.from(r.a, (v) => BigInt(v));
    let previous: bigint | undefined;
    for (let rank = 1; rank < r.d; rank++) {
      const row = r.order[rank - 1]!;
      let t = 0n;
      for (let j = 0; j < r.m; j++) t += a[j]! * BigInt(data.pixels[row * r.m + j]!);
      if (previous !== undefined) expect(t > previous).toBe(true);
      previous = t;
      // βⱼ₊₁ = q_j = c·t exactly (c a power of two, t an integer below 2⁵³)
      expect(Number(t) * r.scale).toBe(r.biases[rank]);
    }
    expect(r.biases[0]).toBeLessThan(r.biases[1]!);
  });

  it('encloses what the dense interval solve encloses, for every band width, and more tightly', () => {
    const r = constructStreamed(data, { seed: 1, band: 16, targets: 'label' });
    if (!r.ok) throw new Error(r.reason);
    const q = scalarsOf(r);
    const y = Float64Array.from(r.order, (row) => data.labels[row]!);
    // the dense route's far entries carry rounding errors of the size of A itself: a looser box
    const dense = encloseSolutions(denseBlock(q), [y], [y]);
    expect(dense.relativeWidth).toBeLessThan(1e-5);
    for (const band of [1, 4, 16]) {
      const e = encloseBanded({ q, band }, [y], [y]);
      expect(e.relativeWidth).toBeLessThan(band === 1 ? 1e-5 : 1e-9);
      // two proven boxes of the same solution meet in every coordinate
      for (let j = 0; j < r.d; j++) {
        expect(e.lo[0]![j]!).toBeLessThanOrEqual(dense.hi[0]![j]!);
        expect(dense.lo[0]![j]!).toBeLessThanOrEqual(e.hi[0]![j]!);
      }
    }
  });

  it('bounds σ_min(A) below as the dense route does, and fits the data in float', () => {
    const r = constructStreamed(data, { seed: 1, band: 16, targets: 'label', sigmaMin: true });
    if (!r.ok) throw new Error(r.reason);
    const a = denseBlock(scalarsOf(r));
    const dense = inverseNormBounds(a, TRANSFORMS[0]!);
    expect(r.sigmaMinLower!).toBeGreaterThan(0);
    expect(Math.abs(r.sigmaMinLower! - dense.sigmaMinLower) / dense.sigmaMinLower).toBeLessThan(1e-6);
    // a lower bound: below the float estimate from above by inverse iteration
    expect(r.sigmaMinLower!).toBeLessThanOrEqual(sigmaMinEstimate(a, 12) * (1 + 1e-12));
    expect(r.residual.relative).toBeLessThan(1e-6);
  });

  it('shares one block among the one-hot columns (Remark 4.2): k = 10 boxes, as tight', () => {
    const r = constructStreamed(data, { seed: 1, band: 16, targets: 'one-hot' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.k).toBe(10);
    expect(r.n).toBe(D * 784 + D + 10 * D + 10);
    expect(r.enclosure.relativeWidth).toBeLessThan(1e-9);
    expect(r.residual.relative).toBeLessThan(1e-6);
  });

  it('refuses two equal images, naming them', () => {
    const pixels = data.pixels.slice(0, 3 * data.m);
    pixels.copyWithin(2 * data.m, 0, data.m);
    const r = constructStreamed({ d: 3, m: data.m, pixels, labels: Uint8Array.of(0, 1, 2) }, { seed: 1, band: 4, targets: 'label' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/rows 1 and 3 have equal inputs|rows 3 and 1 have equal inputs/);
  });
});
