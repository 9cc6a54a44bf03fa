/**
 * Theorem 4.1 by the streamed route through the runner (src/proof/streamed-route.ts): the
 * certificate carries the generators (point.construction), `verify` re-proves it from them, and
 * every edit that would make it false is refused. The independent reference: the same point
 * expanded to its n numbers, without the generators, is proven a zero of F by the generic kernel
 * (its affine enclosure), and the generic route's counts agree.
 */
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import { inputDigest, verifyCertificate } from '../../../src/kernel/checker/index.js';
import { STREAMED_WORK, runCase } from '../../../src/proof/runner.js';
import { findTheorem } from '../../../theorems/index.js';

/** A seeded LCG, so the data are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function pixelCase(d: number, m: number, classes: number, oneHot: boolean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const r = lcg(d * 31 + m);
  const x: number[][] = [];
  const y: (number | number[])[] = [];
  for (let i = 0; i < d; i++) {
    x.push(Array.from({ length: m }, () => Math.floor(r() * 256)));
    const label = i < classes ? i : Math.floor(r() * classes);
    y.push(oneHot ? Array.from({ length: classes }, (_, o) => (o === label ? 1 : 0)) : label);
  }
  return { name: `pixels-${d}`, data: { x, y }, model: { kind: 'mlp', hidden: [d], activation: 'smoolu' }, loss: 'sum', point: 'construct', seed: 1, theorems: ['4.1'], ...extra };
}

const T41 = findTheorem('4.1')!;
const run = async (obj: Record<string, unknown>) => JSON.parse(JSON.stringify(await runCase(caseFromObject(obj, '/tmp/case.json'), [T41], { streamed: 'always' }))) as Record<string, any>;
const failed = (cert: unknown): string | undefined => verifyCertificate(cert).failed?.where;
const edited = (cert: Record<string, any>, edit: (c: Record<string, any>) => void): Record<string, any> => {
  const c = structuredClone(cert);
  edit(c);
  return c;
};
/** The digest made right again, so that the kernel must find the edit itself. */
const redigest = (c: Record<string, any>): void => {
  c.case.sha256 = inputDigest(c.case.name, c.input);
};

describe('the streamed route', () => {
  it('certifies Theorem 4.1 on label targets, and verify re-proves the generators', async () => {
    const cert = await run(pixelCase(40, 6, 4, false));
    expect(cert.point.construction.form).toBe('smoolu-banded/1');
    expect(cert.results[0].verdict).toBe('certified');
    expect(cert.results[0].claims).toMatchObject({ manifoldDimension: 40 * 6 + 40 + 40 + 1 - 40, hessian: { positive: 40, zero: 281, negative: 0 } });
    expect(failed(cert)).toBeUndefined();
  });

  it('certifies the one-hot targets of the shared layer (k = 3)', async () => {
    const cert = await run(pixelCase(30, 5, 3, true));
    const n = 30 * 5 + 30 + 3 * 30 + 3;
    expect(cert.case.n).toBe(n);
    expect(cert.results[0].verdict).toBe('certified');
    expect(cert.results[0].claims.manifoldDimension).toBe(n - 90);
    expect(failed(cert)).toBeUndefined();
  });

  it('writes a point the generic kernel proves a zero of F, and the generic route agrees on the counts', async () => {
    const obj = pixelCase(24, 4, 3, false);
    const cert = await run(obj);
    const plain = edited(cert, (c) => {
      delete c.point.construction;
      c.results = [];
    });
    const report = verifyCertificate(plain);
    expect(report.failed).toBeUndefined();
    expect(report.checks.find((c) => c.where === 'point.enclosure')?.status).toBe('ok');
    const generic = JSON.parse(JSON.stringify(await runCase(caseFromObject(obj, '/tmp/case.json'), [T41], { streamed: 'never' }))) as Record<string, any>;
    expect(generic.point.construction).toBeUndefined();
    expect(generic.results[0].claims.hessian).toEqual(cert.results[0].claims.hessian);
    expect(generic.results[0].claims.manifoldDimension).toBe(cert.results[0].claims.manifoldDimension);
  });

  it('refuses every edit that would make the certificate false', async () => {
    const cert = await run(pixelCase(40, 6, 4, false));
    const g = (c: Record<string, any>) => c.point.construction;
    const cases: [string, (c: Record<string, any>) => void][] = [
      ['a bias moved', (c) => (g(c).biases[7] += g(c).scale)],
      ['the box narrowed off the zero', (c) => (g(c).outputWeights[0].lo[5] = g(c).outputWeights[0].hi[5])],
      ['a pixel changed (digest redone)', (c) => { c.input.data.x[3][2] = (c.input.data.x[3][2] + 1) % 256; redigest(c); }],
      ['a label changed (digest redone)', (c) => { c.input.data.y[5] = (c.input.data.y[5] + 1) % 4; redigest(c); }],
      ['a pixel changed (digest kept)', (c) => (c.input.data.x[0][0] = (c.input.data.x[0][0] + 1) % 256)],
      ['a direction entry made fractional', (c) => (g(c).a[1] += 0.5)],
      ['an expanded value moved', (c) => (c.point.values[10] *= 2)],
      ['an expanded output weight outside its box', (c) => (c.point.values[40 * 6 + 40 + 3] = g(c).outputWeights[0].hi[3] + 1)],
      ['a larger eigenvalue bound claimed', (c) => (c.results[0].claims.minPositiveEigenvalueLowerBound *= 2)],
      ['wrong counts claimed', (c) => (c.results[0].claims.hessian.zero += 1)],
      ['a step missing', (c) => c.results[0].steps.splice(9, 1)],
      ['an interval step claimed exact', (c) => (c.results[0].steps[10].rigor = 'exact')],
      ['relabelled as Theorem 4.2', (c) => (c.results[0].theorem = '4.2')],
      ['the activation changed (digest redone)', (c) => { c.input.model.activation = 'softplus'; redigest(c); }],
      ['the targets form changed', (c) => (g(c).targets = 'one-hot')],
    ];
    for (const [what, edit] of cases) {
      const report = verifyCertificate(edited(cert, edit));
      if (process.env.SHOW) console.log(what, report.failed?.where, report.failed?.detail.slice(0, 120));
      expect(report.failed, what).toBeDefined();
    }
    // the generators alone (as above 10⁶ parameters): the kernel's streamed check must find each edit itself
    const bare = edited(cert, (c) => {
      delete c.point.names;
      delete c.point.values;
      delete c.point.enclosure;
    });
    expect(failed(bare)).toBeUndefined();
    const generatorEdits: [string, string, (c: Record<string, any>) => void][] = [
      ['a bias moved', '4.1/biases-interleave', (c) => (g(c).biases[7] += g(c).scale)],
      ['the box narrowed off the zero', '4.1/output-weights-enclosed', (c) => (g(c).outputWeights[0].lo[5] = g(c).outputWeights[0].hi[5])],
      ['a direction entry made fractional', '4.1/projection-separates', (c) => (g(c).a[1] += 0.5)],
      ['a scale that is not a power of two', '4.1/biases-interleave', (c) => (g(c).scale *= 3)],
    ];
    for (const [what, where, edit] of generatorEdits) expect(failed(edited(bare, edit)), what).toBe(where);
  });

  it('takes the route by itself from d·n = STREAMED_WORK on, and not below', async () => {
    const small = pixelCase(20, 4, 2, false);
    expect(20 * (20 * 6 + 1)).toBeLessThan(STREAMED_WORK);
    expect((await runCase(caseFromObject(small, '/tmp/case.json'), [T41])).point?.construction).toBeUndefined();
    const large = pixelCase(120, 70, 3, false);
    expect(120 * (120 * 72 + 1)).toBeGreaterThanOrEqual(STREAMED_WORK);
    const cert = JSON.parse(JSON.stringify(await runCase(caseFromObject(large, '/tmp/case.json'), [T41]))) as Record<string, any>;
    expect(cert.point.construction.form).toBe('smoolu-banded/1');
    expect(cert.results[0].verdict).toBe('certified');
    expect(failed(cert)).toBeUndefined();
  });

  it('leaves cases it does not fit to the generic route', async () => {
    const floats = pixelCase(12, 3, 2, false);
    (floats.data as { x: number[][] }).x[0]![0] = 0.5;
    const cert = await run(floats);
    expect(cert.point.construction).toBeUndefined();
    const relu = await run(pixelCase(12, 3, 2, false, { model: { kind: 'mlp', hidden: [12], activation: 'softplus' } }));
    expect(relu.point?.construction).toBeUndefined();
  });
});
