/**
 * Edited certificates and cases that once passed the kernel with a false claim, found by reading
 * it for float steps on the certified path. Each row states the truth, worked out in exact
 * rationals beside the case, and the kernel must agree with it.
 */
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import { verifyCertificate } from '../../../src/kernel/checker/index.js';
import { exactSqrt } from '../../../src/kernel/expr-exact.js';
import { unary } from '../../../src/kernel/checker/expression.js';
import { exact } from '../../../src/kernel/checker/hnum.js';
import { add, cmp, fromNumber, mul, rat, type Rational } from '../../../src/kernel/rational.js';
import { runCase } from '../../../src/proof/runner.js';
import { selectTheorems } from '../../../theorems/index.js';
import { certificateOf } from './helpers.js';

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

describe('exact square roots of large rationals finish (a float seed walked ⌊√x⌋ one step at a time)', () => {
  const sq = (r: Rational): Rational => mul(r, r);
  // w⁴ + 1 for a double w: a 221-bit numerator whose float square root is off by about 2⁵⁷
  const w = fromNumber(0.1);
  const big = add(sq(sq(w)), rat(1n));
  const rows: [string, Rational, Rational | undefined][] = [
    ['(0.1)⁴ + 1, not a square', big, undefined],
    ['((0.1)⁴ + 1)², a square', sq(big), big],
    ['(3¹⁰⁰⁰/7³⁰⁰)², past 2¹⁰²⁴', sq(rat(3n ** 1000n, 7n ** 300n)), rat(3n ** 1000n, 7n ** 300n)],
    ['(3¹⁰⁰⁰)² + 1, not a square', add(sq(rat(3n ** 1000n)), rat(1n)), undefined],
    ['(2⁶⁰⁰ + 1)²/4', sq(rat((1n << 600n) + 1n, 2n)), rat((1n << 600n) + 1n, 2n)],
    ['9/4', rat(9n, 4n), rat(3n, 2n)],
    ['2', rat(2n), undefined],
  ];
  it.each(rows)('%s', (_, r, root) => {
    const s = exactSqrt(r);
    expect(s === undefined ? undefined : `${s.num}/${s.den}`).toBe(root === undefined ? undefined : `${root.num}/${root.den}`);
    // the verifier's formula evaluator: an exact value and derivative 1/(2√r) exactly where √r is rational
    const u = unary('sqrt', exact(r))!;
    if (root === undefined) expect(u.v.kind).toBe('interval');
    else expect(u.v.kind === 'exact' && u.d1.kind === 'exact' && cmp(u.v.r, root) === 0 && cmp(mul(mul(u.d1.r, root), rat(2n)), rat(1n)) === 0).toBe(true);
  });

  it('check finishes on f = sqrt(w1⁴ + 1)·x + w2 − 1 at w = (0.1, 0), a point off M, where nothing is certified', async () => {
    const cert = await check({ data: { x: [[1]], y: [1] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'sqrt(w1^4 + 1)*x + w2 - 1' }, point: { params: { w1: 0.1, w2: 0 } }, theorems: ['2.1'] });
    // F(0.1, 0) = √1.0001 − 2 ≠ 0
    expect(results(cert)[0]!.verdict).not.toBe('certified');
  }, 20_000);
});

describe('the grade of a λ_min⁺ bound is the kernel\'s own proof, never the one the certificate states', () => {
  // xor is checked at a constructed box (an interval proof); product-generic at an exact point
  // with a rational J (an exact proof); tanh at an exact point whose J is not rational
  const rows: [string, string, string, boolean][] = [
    ['xor', 'interval', 'exact', false],
    ['xor', 'interval', 'symbolic', false],
    ['xor', 'interval', 'interval', true],
    ['product-generic', 'exact', 'exact', true],
    ['product-generic', 'exact', 'interval', true],
  ];
  it.each(rows)('%s: a bound proven %s, stated as %s, verifies: %s', async (name, proven, stated, verifies) => {
    const cert = await certificateOf(name);
    const r = results(cert).find((x) => x.theorem === '2.3')!;
    const s = r.steps.find((x) => x.id === 'min-positive-eigenvalue-bound')!;
    expect(s.rigor).toBe(proven);
    s.rigor = stated;
    const rep = verifyCertificate(cert);
    expect(rep.failed === undefined, `${rep.failed?.where}: ${rep.failed?.detail}`).toBe(verifies);
  });
});
