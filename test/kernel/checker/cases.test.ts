import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { certificateOf, ROOT } from './helpers.js';

// The iris cases (d = 149) have their own file: they take seconds each.
const CASES = readdirSync(join(ROOT, 'cases'))
  .filter((f) => f.endsWith('.yaml') && !f.startsWith('iris'))
  .map((f) => f.replace(/\.yaml$/, ''));

describe('the certificate of every case in cases/ verifies', () => {
  it.each(CASES)('%s', async (name) => {
    const report = verifyCertificate(await certificateOf(name));
    expect(report.failed, report.failed && `${report.failed.where}: ${report.failed.detail}`).toBeUndefined();
    expect(report.counts.ok).toBeGreaterThan(0);
  });
});

describe('what verify re-derives on the case files', () => {
  it('re-proves a construction enclosure and re-finds the triangular block', async () => {
    const r = verifyCertificate(await certificateOf('xor'));
    const at = (where: string) => r.checks.find((c) => c.where === where)!;
    expect(at('point.enclosure').status).toBe('ok');
    expect(at('4.1/triangular-block-invertible')).toMatchObject({ status: 'ok' });
    expect(at('4.1/triangular-block-invertible').detail).toMatch(/triangular block/);
    expect(at('4.1/claims.minPositiveEigenvalueLowerBound').status).toBe('ok');
  });

  it('re-proves the Krawczyk enclosure of a searched point and its interval rank', async () => {
    const r = verifyCertificate(await certificateOf('dag-skip'));
    const at = (where: string) => r.checks.find((c) => c.where === where)!;
    expect(at('point.enclosure')).toMatchObject({ status: 'ok' });
    expect(at('point.enclosure').detail).toMatch(/Krawczyk test|F is affine in the wide coordinates/);
    expect(at('2.1/jacobian-full-rank').status).toBe('ok');
    // the float bound on λ_min⁺ stays float evidence
    expect(at('2.3/min-positive-eigenvalue-bound').status).toBe('float');
  });

  it('re-derives an exact rank deficiency at a critical point, with the fact about σ it uses', async () => {
    const r = verifyCertificate(await certificateOf('mlp-zero-critical'));
    const rank = r.checks.find((c) => c.where === '2.1/jacobian-full-rank')!;
    expect(rank.status).toBe('ok');
    expect(rank.detail).toMatch(/rank J = 1 < d·k = 3/);
  });

  it('re-derives the symbolic steps from the identities they show, not from their closed forms', async () => {
    const r = verifyCertificate(await certificateOf('product-generic'));
    expect(r.checks.filter((c) => c.status === 'unchecked')).toEqual([]);
    const symbolic = r.checks.filter((c) => c.where === '2.3/symbolic-gradient' || c.where === '2.3/hessian-identity');
    expect(symbolic.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(symbolic[0]!.detail).toMatch(/chain rule/);
    expect(r.failed).toBeUndefined();
  });
});
