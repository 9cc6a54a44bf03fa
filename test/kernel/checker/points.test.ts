import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import { runCase } from '../../../src/proof/runner.js';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { selectTheorems } from '../../../theorems/index.js';

type Cert = Record<string, unknown> & { point: { values: number[]; enclosure?: [number, number][] } | null; results: { theorem: string; verdict: string; steps: { id: string; verdict: string; rigor: string; summary: string; data: Record<string, unknown> }[] }[] };

async function certify(obj: Record<string, unknown>): Promise<Cert> {
  const c = caseFromObject({ seed: 1, loss: 'sum', theorems: ['2.1', '2.3'], ...obj }, 'test.yaml');
  return JSON.parse(JSON.stringify(await runCase(c, selectTheorems(c)))) as Cert;
}

const product = (y: number | string, point: unknown) => ({
  data: { x: [[1]], y: [y] },
  model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' },
  point,
});

const step = (c: Cert, theorem: string, id: string) => c.results.find((r) => r.theorem === theorem)!.steps.find((s) => s.id === id)!;

describe('a given point far from M', () => {
  it('gets no enclosure, says why, is not on M; its honest certificate verifies', async () => {
    const c = await certify(product('0.1', { params: { w1: 1, w2: 0.5 } }));
    expect(c.point?.enclosure).toBeUndefined();
    const found = step(c, '2.1', 'point-found');
    expect(found.summary).toMatch(/no enclosure proven/);
    expect((found.data.enclosure as { detail: string }).detail).toMatch(/too far from M/);
    expect(step(c, '2.1', 'residual-vanishes')).toMatchObject({ verdict: 'unknown', rigor: 'float' });
    expect(c.results[0]!.verdict).toBe('inconclusive');
    expect(verifyCertificate(c).failed).toBeUndefined();
  });

  it('a forged enclosure around it is rejected at point.enclosure', async () => {
    const c = await certify(product('0.1', { params: { w1: 1, w2: 0.5 } }));
    c.point!.enclosure = [
      [1, 1],
      [0.5 - 1e-9, 0.5 + 1e-9],
    ];
    const r = verifyCertificate(c);
    expect(r.failed?.where).toBe('point.enclosure');
  });

  it('a forged claim that it is on M is rejected at the residual step', async () => {
    const c = await certify(product('0.1', { params: { w1: 1, w2: 0.5 } }));
    const s = step(c, '2.1', 'residual-vanishes');
    s.verdict = 'holds';
    expect(verifyCertificate(c).failed?.where).toBe('2.1/residual-vanishes');
  });
});

describe('a point on the critical set of w1·w2·x', () => {
  it('the exact tier decides the rank deficiency at w = 0, and verify re-derives it exactly', async () => {
    const c = await certify(product(0, { params: { w1: 0, w2: 0 } }));
    expect(step(c, '2.1', 'jacobian-full-rank')).toMatchObject({ verdict: 'fails', rigor: 'exact' });
    const r = verifyCertificate(c);
    expect(r.failed).toBeUndefined();
    expect(r.checks.find((x) => x.where === '2.1/jacobian-full-rank')?.detail).toMatch(/rank J = 0 < d·k = 1/);
  });

  it('an enclosure forged around w = 0 is rejected: the block is singular there', async () => {
    const c = await certify(product(0, { params: { w1: 0, w2: 0 } }));
    c.point!.enclosure = [
      [-1e-10, 1e-10],
      [0, 0],
    ];
    const r = verifyCertificate(c);
    expect(r.failed?.where).toBe('point.enclosure');
    expect(r.failed?.detail).toMatch(/singular/);
  });

  it('a searched point near it, on the regular part of M, is proven with its interval rank', async () => {
    const c = await certify(product('0.01', 'search'));
    expect(c.point?.enclosure).toBeDefined();
    expect(step(c, '2.1', 'jacobian-full-rank')).toMatchObject({ verdict: 'holds', rigor: 'interval' });
    expect(c.results.map((r) => r.verdict)).toEqual(['certified', 'certified']);
    expect(verifyCertificate(c).failed).toBeUndefined();
  });
});
