/**
 * The kernel's streamed check of Theorem 4.1 (src/kernel/checker/streamed.ts) on the first 2,000
 * Fashion-MNIST training images: it certifies the construction's generators, and refuses every
 * edit that would make a claim false (a box that misses the zero, moved biases, changed data, a
 * direction whose float projections are not exact, equal images).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIdxBytes } from '../../../src/cases/idx.js';
import { judgeStreamed, type StreamedInput } from '../../../src/kernel/checker/streamed.js';
import { constructStreamed, type PixelData } from '../../../src/points/stream/construct.js';
import { reference } from '../../points/construct/stream-reference.js';

const DIR = '/usr/share/datasets/fashion-mnist/';
const D = 2000;

let data: PixelData;
const inputs = new Map<string, StreamedInput>();
beforeAll(() => {
  const images = parseIdxBytes(readFileSync(`${DIR}train-images-idx3-ubyte.gz`));
  const labels = parseIdxBytes(readFileSync(`${DIR}train-labels-idx1-ubyte.gz`));
  const m = images.shape[1]! * images.shape[2]!;
  data = { d: D, m, pixels: images.bytes.subarray(0, D * m), labels: labels.bytes.subarray(0, D) };
  for (const targets of ['label', 'one-hot'] as const) {
    const r = constructStreamed(data, { seed: 1, band: 8, targets });
    if (!r.ok) throw new Error(r.reason);
    inputs.set(targets, { ...data, targets, a: r.a, scale: r.scale, biases: r.biases, lo: r.enclosure.lo, hi: r.enclosure.hi, band: 8 });
  }
});

const copy = (c: StreamedInput): StreamedInput => ({
  ...c,
  a: c.a.slice(),
  biases: c.biases.slice(),
  lo: c.lo.map((x) => x.slice()),
  hi: c.hi.map((x) => x.slice()),
  pixels: c.pixels.slice(),
  labels: c.labels.slice(),
});
const firstOpen = (c: StreamedInput): string | undefined => judgeStreamed(c).steps.find((s) => s.verdict !== 'holds')?.id;

describe("the kernel's streamed check of Theorem 4.1", () => {
  it.each(['label', 'one-hot'])('certifies the construction on the first 2,000 images (%s)', (targets) => {
    const j = judgeStreamed(inputs.get(targets)!);
    expect(j.verdict).toBe('certified');
    expect(j.k).toBe(targets === 'label' ? 1 : 10);
    expect(j.steps.map((s) => s.id)).toEqual([
      'distinct-inputs',
      'activation-vanishes-nonpositive',
      'activation-positive',
      'activation-smooth',
      'width-at-least-d',
      'projection-separates',
      'scalars-stay-distinct',
      'biases-interleave',
      'triangular-block-invertible',
      'output-weights-enclosed',
      'residual-zero',
      'jacobian-full-rank',
      'manifold-dimension',
      'hessian-spectrum',
    ]);
    expect(j.relativeWidth).toBeLessThan(1e-9);
    expect(j.sigmaMinLower).toBeGreaterThan(1);
  });

  it('refuses a box that is too narrow to hold the zero', () => {
    const c = copy(inputs.get('label')!);
    const mid = 0.5 * c.lo[0]![700]! + 0.5 * c.hi[0]![700]!;
    c.lo[0]![700] = mid;
    c.hi[0]![700] = mid;
    expect(firstOpen(c)).toBe('output-weights-enclosed');
  });

  it('refuses a box moved off the zero by a few of its widths', () => {
    const c = copy(inputs.get('one-hot')!);
    const w = c.hi[3]![1234]! - c.lo[3]![1234]!;
    c.lo[3]![1234]! += 3 * w;
    c.hi[3]![1234]! += 3 * w;
    expect(firstOpen(c)).toBe('output-weights-enclosed');
  });

  it('refuses the box once one label is changed', () => {
    const c = copy(inputs.get('label')!);
    c.labels[17] = (c.labels[17]! + 1) % 10;
    expect(firstOpen(c)).toBe('output-weights-enclosed');
  });

  it('refuses once one pixel is changed', () => {
    const c = copy(inputs.get('label')!);
    c.pixels[5 * c.m + 400] = c.pixels[5 * c.m + 400] === 0 ? 1 : 0;
    expect(judgeStreamed(c).verdict).not.toBe('certified');
  });

  it('refuses biases at midpoints, which its tail lemma does not cover', () => {
    const c = copy(inputs.get('label')!);
    c.biases[10] = 0.5 * c.biases[10]! + 0.5 * c.biases[11]!;
    expect(firstOpen(c)).toBe('biases-interleave');
  });

  it('refuses a direction whose float projections are not proven exact', () => {
    const c = copy(inputs.get('label')!);
    c.a[3] = 2 ** 50;
    expect(firstOpen(c)).toBe('projection-separates');
    const f = copy(inputs.get('label')!);
    f.a[3] = 0.5;
    expect(firstOpen(f)).toBe('projection-separates');
  });

  it('refuses scalars spread so far apart that their differences may round', () => {
    const c = copy(inputs.get('label')!);
    // β₁ = c·(−2⁵³ + 2): a multiple of c below 2⁵³ in magnitude, far below the data
    c.biases[0] = (-(2 ** 53) + 2) * c.scale;
    expect(firstOpen(c)).toBe('biases-interleave');
  });

  it('refuses equal images', () => {
    const c = copy(inputs.get('label')!);
    c.pixels.copyWithin(9 * c.m, 2 * c.m, 3 * c.m);
    const j = judgeStreamed(c);
    expect(j.verdict).toBe('open');
    expect(j.steps.at(-1)!.why).toMatch(/rows (3 and 10|10 and 3) have equal projections/);
  });

  it('uses its tail bound: a box around the solution of the band alone, which misses the zero, is refused', () => {
    const ref = reference(data, 60);
    let miss = 0;
    ref.v.forEach((v, i) => (miss = Math.max(miss, ref.cut[i]!.minus(v).abs().toNumber())));
    const eps = miss / 4;
    const c: StreamedInput = {
      ...data,
      d: 60,
      pixels: data.pixels.subarray(0, 60 * data.m),
      labels: data.labels.subarray(0, 60),
      targets: 'label',
      ...(() => {
        const r = constructStreamed({ ...data, d: 60, pixels: data.pixels.subarray(0, 60 * data.m), labels: data.labels.subarray(0, 60) }, { seed: 1, band: 4, targets: 'label' });
        if (!r.ok) throw new Error(r.reason);
        return { a: r.a, scale: r.scale, biases: r.biases };
      })(),
      lo: [Float64Array.from(ref.cut, (x) => x.toNumber() - eps)],
      hi: [Float64Array.from(ref.cut, (x) => x.toNumber() + eps)],
      band: 1,
    };
    expect(firstOpen(c)).toBe('output-weights-enclosed');
  });
});
