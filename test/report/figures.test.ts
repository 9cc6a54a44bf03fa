/**
 * Which pictures each step of a real certificate gets, and that the objects drawn from the
 * certificate's point are the ones the proof's evidence describes.
 */
import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/proof/certificate.js';
import type { StepResult } from '../../src/proof/types.js';
import { figuresOf } from '../../src/report/figures.js';
import { carriedScalars, lastHiddenLayer, numberOf } from '../../src/report/network.js';
import { smallestGapRatio } from '../../src/render/svg/carried.js';
import { buildPage } from '../../src/report/page.js';
import { certificateOf } from './certs.js';
import { THEOREMS } from '../../theorems/index.js';

/** theorem/step → picture kinds, for every step that has any. */
function kinds(cert: Certificate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of buildPage(cert, THEOREMS).theorems) {
    for (const s of t.steps) if (s.figures.length > 0) out[`${t.result.theorem}/${s.result.id}`] = s.figures.map((f) => (f.sameAs ? `same ${f.figure.kind}` : f.figure.kind));
  }
  return out;
}

describe('pictures chosen from the evidence', () => {
  it.each([
    [
      'xor',
      [],
      {
        // the counts: the dense spectrum (a picture of its own) is computed only with --full-spectrum
        '2.3/hessian-counts': ['counts'],
        '3.3/biases-interleave': ['number-line'],
        '3.3/triangular-block-invertible': ['triangular-block'],
        '4.1/biases-interleave': ['same number-line'],
        '4.1/triangular-block-invertible': ['same triangular-block'],
        '4.1/hessian-spectrum': ['counts'],
      },
    ],
    [
      'deep-bump',
      ['3.4'],
      { '3.4/scalars-stay-distinct': ['carried-scalars'], '3.4/biases-interleave': ['number-line'], '3.4/triangular-block-invertible': ['triangular-block'] },
    ],
    // A graph network: no layered point to evaluate, so A is the pattern the step proves.
    ['dag-layer', ['3.3'], { '3.3/biases-interleave': ['number-line'], '3.3/triangular-block-invertible': ['triangular-block'] }],
    ['product-abs', ['2.2'], { '2.2/loss-across-M': ['line-plot'] }],
    // The failing hypothesis on σ: σ drawn with the step's witness tanh(−1) marked.
    ['tanh', ['3.3'], { '3.3/activation-vanishes-nonpositive': ['activation'] }],
  ])('%s %j', async (name, theorems, expected) => {
    expect(kinds(await certificateOf(name, theorems))).toEqual(expected);
  });

  it('the witness is marked where the step found it: σ(−1) = −0.762 for tanh', async () => {
    const step = buildPage(await certificateOf('tanh', ['3.3']), THEOREMS).theorems[0]!.steps.find((s) => s.result.id === 'activation-vanishes-nonpositive')!;
    const f = step.figures[0]!.figure;
    expect(f.title).toBe('The activation and the witness σ(−1) = −0.762');
    expect(f.svg).toContain('<title>σ(−1) = −0.762</title>');
    expect(f.svg).toMatch(/<circle [^>]*fill="#cf222e"/);
  });

  it.each([
    ['xor', ['data', 'activation', 'network', 'walk']],
    ['dag-layer', ['data', 'activation', 'walk']],
    ['product-abs', ['data', 'walk']],
  ])('%s: pictures of the case itself', async (name, expected) => {
    expect(buildPage(await certificateOf(name, ['4.1'].filter(() => name === 'xor')), THEOREMS).overview.map((f) => f.figure.kind)).toEqual(expected);
  });
});

describe('pictures from evidence a step could give', () => {
  const step = (data: StepResult['data'], verdict: StepResult['verdict'] = 'holds'): StepResult => ({ id: 'some-step', verdict, rigor: 'float', summary: '', data, ms: 0 });
  const ctx = async () => {
    const cert = await certificateOf('product-generic', ['2.1']);
    return { cert, theorem: cert.results[0]!, lastLayer: () => undefined };
  };

  it.each([
    ['singular values with a tolerance', { singularValues: [5.8, 3.1, 0.91], tol: 1.4e-14 }, ['singular-values']],
    ['eigenvalues one record down, with counts beside them (the spectrum wins)', { positive: 1, zero: 1, numeric: { eigenvalues: [0, 2], tol: 1e-12 } }, ['spectrum']],
    ['counts alone', { positive: 3, zero: 8, negative: 0, minPositiveEigenvalueLowerBound: 1.5 }, ['counts']],
    ['a loss sampled along a line', { t: [-1, 0, 1], loss: [1, 0, 1], square: [1, 0, 1] }, ['line-plot']],
    ['a sample of a list ("…" inside) draws nothing', { t: [-1, '…', 1], loss: [1, 0, 1] }, []],
    ['a triangular block known by its diagonal', { d: 2, zerosAboveDiagonal: 1, diagonal: [1, 2] }, ['triangular-block']],
    ['a triangular block with only a sample of its diagonal draws nothing', { d: 20, zerosAboveDiagonal: 190, diagonal: [1, 2] }, []],
  ])('%s', async (_what, data, expected) => {
    expect(figuresOf(step(data as StepResult['data']), await ctx()).map((f) => f.kind)).toEqual(expected);
  });

  it('a skipped step has no pictures', async () => {
    expect(figuresOf(step({ singularValues: [1, 2] }, 'skipped'), await ctx())).toEqual([]);
  });
});

describe('the last hidden layer read off the point', () => {
  const stepData = (cert: Certificate, theorem: string, id: string) => cert.results.find((r) => r.theorem === theorem)!.steps.find((s) => s.id === id)!.data;

  it.each([
    ['xor', '3.3'],
    ['deep-bump', '3.4'],
    ['sine', '3.3'],
  ])('%s: A is lower triangular with the diagonal the proof reports, and β the biases it placed', async (name, theorem) => {
    const cert = await certificateOf(name, [theorem]);
    const net = lastHiddenLayer(cert)!;
    const d = cert.case.d;
    expect(net.units).toBe(d);
    expect(net.A).toHaveLength(d);
    for (let i = 0; i < d; i++) {
      for (let j = i + 1; j < d; j++) expect(net.A[i]![j]).toBe(0);
      expect(net.A[i]![i]).toBeGreaterThan(0);
    }
    const tri = stepData(cert, theorem, 'triangular-block-invertible');
    const diagonal = (tri.diagonal as number[]).map(numberOf);
    diagonal.forEach((v, i) => expect(net.A[i]![i]! / v).toBeCloseTo(1, 9));
    const biases = (stepData(cert, theorem, 'biases-interleave').biases as number[]).map(numberOf);
    expect(net.beta).toEqual([...biases].sort((a, b) => a - b));
    // Interleaving, the reason for the triangle: β₁ < p₁ and p_{j−1} ≤ βⱼ < pⱼ.
    net.p!.forEach((p, j) => {
      expect(net.beta[j]!).toBeLessThan(p);
      if (j > 0) expect(net.beta[j]!).toBeGreaterThanOrEqual(net.p![j - 1]!);
    });
  });

  it('xor: the scalars are the exact projections the proof sorted, and rows follow its order', async () => {
    const cert = await certificateOf('xor', ['3.3']);
    const net = lastHiddenLayer(cert)!;
    const proj = stepData(cert, '3.3', 'projection-separates');
    expect(net.p).toEqual((proj.tSorted as (number | string)[]).map(numberOf));
    expect(net.rowOrder).toEqual(proj.order);
  });

  it('sine: the two spare units of the width-10 layer are left out of the d × d block', async () => {
    const net = lastHiddenLayer(await certificateOf('sine', ['3.3']))!;
    expect([net.units, net.width]).toEqual([8, 10]);
  });

  it.each(['deep-bump', 'deep-smoolu'])('%s: the carried scalars read off the point are the ones the proof separated, layer by layer', async (name) => {
    const cert = await certificateOf(name, ['3.4']);
    const carried = carriedScalars(cert)!;
    const steps = cert.results[0]!.steps;
    // the first column is the exact projection the proof sorted
    const tSorted = (steps.find((s) => s.id === 'projection-separates')!.data.tSorted as unknown[]).map(numberOf);
    const first = [...carried.columns[0]!.values].sort((a, b) => a - b);
    first.forEach((v, i) => expect(v).toBeCloseTo(tSorted[i]!, 12));
    // each later column's smallest gap is the separation the step proved in interval arithmetic
    const layers = steps.find((s) => s.id === 'scalars-stay-distinct')!.data.layers as { separation: number }[];
    expect(carried.columns).toHaveLength(layers.length + 1);
    layers.forEach((l, i) => expect(smallestGapRatio(carried.columns[i + 1]!.values)).toBeCloseTo(l.separation, 6));
  });

  it('no carried scalars for one hidden layer', async () => {
    expect(carriedScalars(await certificateOf('xor', ['3.3']))).toBeUndefined();
  });

  it('none for models that are not layered, or without a point', async () => {
    expect(lastHiddenLayer(await certificateOf('dag-layer', ['3.3']))).toBeUndefined();
    expect(lastHiddenLayer(await certificateOf('product-generic', ['2.1']))).toBeUndefined();
    const tanh = await certificateOf('tanh', ['3.3']);
    expect(tanh.point).toBeNull();
    expect(lastHiddenLayer(tanh)).toBeUndefined();
  });

  it.each([
    [3, 3],
    ['0.1', 0.1],
    ['1/3', 1 / 3],
    ['-2/4', -0.5],
    [null, Number.NaN],
  ])('numberOf(%j) = %d', (v, x) => expect(numberOf(v)).toBe(x));
});
