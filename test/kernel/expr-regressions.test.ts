/**
 * Four formulas whose verdicts once rested on floats standing in for their exact meaning, run
 * through the real runner (and the verifier): constants folded in binary64, 0 × (undefined)
 * taken as 0, every abs taken as a kink, and a correct certificate with a sqrt rejected.
 */
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { runCase } from '../../src/proof/runner.js';
import { verifyCertificate } from '../../src/kernel/checker/index.js';
import { selectTheorems } from '../../theorems/index.js';

function caseOf(y: number, output: string, point: Record<string, number>) {
  return caseFromObject(
    { data: { x: [[1]], y: [y] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output }, loss: 'sum', point: { params: point }, seed: 1, theorems: ['2.1', '2.3'] },
    'regression.yaml',
  );
}

async function run(y: number, output: string, point: Record<string, number>) {
  const c = caseOf(y, output, point);
  const cert = await runCase(c, selectTheorems(c));
  const verdicts = Object.fromEntries(cert.results.map((r) => [r.theorem, r.verdict]));
  const step = (theorem: string, id: string) => cert.results.find((r) => r.theorem === theorem)!.steps.find((s) => s.id === id)!;
  return { cert, verdicts, step };
}

describe('formulas are judged by what they mean, not by their floats', () => {
  it('1e16 + 1 − 1e16 is 1: f = w1² + w2² + 1 ≥ 1, M is empty, nothing is certified', async () => {
    const { verdicts, step } = await run(0, '(w1^2 + w2^2 + 1)*(1e16 + 1 - 1e16) + (1 - (1e16 + 1 - 1e16))*w1*x', { w1: 0, w2: 0 });
    expect(verdicts['2.1']).not.toBe('certified');
    expect(verdicts['2.3']).not.toBe('certified');
    expect(step('2.1', 'residual-vanishes').verdict).not.toBe('holds');
  }, 60_000);

  it('0·sqrt(u) is undefined where u < 0: no interval-proven zero where sqrt is undefined', async () => {
    const { verdicts, step } = await run(0.5, 'w2*x + w1^2 + 0*sqrt(w2 - 0.50000000000005)', { w1: 0, w2: 0.5000000000001 });
    expect(verdicts['2.1']).not.toBe('certified');
    expect(step('2.1', 'residual-vanishes').rigor).toBe('float');
  }, 60_000);

  it('abs(w1² + 1) is smooth: it never reaches its kink', async () => {
    const { verdicts, step } = await run(2, 'w2*x + abs(w1^2 + 1)', { w1: 0, w2: 1 });
    expect(step('2.1', 'smooth-model').verdict).toBe('holds');
    expect(verdicts['2.1']).toBe('certified');
    expect(verdicts['2.3']).not.toBe('fails');
  }, 60_000);

  it('sqrt(w1) at w1 = 4: certified, and the certificate verifies', async () => {
    const { cert, verdicts } = await run(3, 'w2*x + sqrt(w1)', { w1: 4, w2: 1 });
    expect(verdicts['2.1']).toBe('certified');
    const report = verifyCertificate(JSON.parse(JSON.stringify(cert)));
    expect(report.failed, report.failed?.detail).toBeUndefined();
  }, 60_000);
});
