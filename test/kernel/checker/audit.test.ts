/**
 * Edited certificates and cases that once passed the kernel with a false claim, found by reading
 * it for float steps on the certified path. Each row states the truth, worked out in exact
 * rationals beside the case, and the kernel must agree with it.
 */
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { cmp, fromNumber, rat, type Rational } from '../../../src/kernel/rational.js';
import { runCase } from '../../../src/proof/runner.js';
import { selectTheorems } from '../../../theorems/index.js';

type Json = Record<string, unknown>;
type Step = { id: string; verdict: string; rigor: string; data: Json };
type Result = { theorem: string; verdict: string; claims: Json; steps: Step[] };

async function check(spec: Json): Promise<Json> {
  const c = caseFromObject(spec, '');
  return JSON.parse(JSON.stringify(await runCase(c, selectTheorems(c)))) as Json;
}
const results = (cert: Json) => cert.results as Result[];

describe('a claimed λ_min⁺ bound far below 2⁻¹⁰²² is re-proved as that bound, not as the least float', () => {
  // f = 1e-157·w1·x + w2² at w = 0, x = 1, y = 0: J = (10⁻¹⁵⁷, 0), ∇²L = 2JᵀJ, λ_min⁺ = 2·10⁻³¹⁴ exactly
  const truth: Rational = rat(2n, 10n ** 314n);
  const spec = { data: { x: [[1]], y: [0] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: '1e-157*w1*x + w2^2' }, point: { params: { w1: 0, w2: 0 } }, theorems: ['2.3'] };
  it.each([1e-310, 1e-312, 5e-314, 2.5e-314, 1.5e-314, 1e-320, 5e-324])('the bound %s, edited in, verifies exactly when it is ≤ 2·10⁻³¹⁴', async (bound) => {
    const cert = await check(spec);
    const r = results(cert)[0]!;
    expect(r.verdict).toBe('certified');
    r.steps.find((s) => s.id === 'min-positive-eigenvalue-bound')!.data.bound = bound;
    r.claims.minPositiveEigenvalueLowerBound = bound;
    const rep = verifyCertificate(cert);
    const isTrue = cmp(fromNumber(bound), truth) <= 0;
    expect(rep.failed === undefined, `bound ${bound}: ${rep.failed?.where} ${rep.failed?.detail}`).toBe(isTrue);
  });
});
