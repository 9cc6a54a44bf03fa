import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpr, parseExpr } from '../../src/expr/index.js';
import { evalInterval } from '../../src/expr/interval-eval.js';
import { provePositiveOnHalfLine } from '../../src/symbolic/prove-sign.js';
import { analyseSign, POS } from '../../src/symbolic/sign.js';
import { safeExpr } from './arbitrary.js';

describe('evalInterval', () => {
  it('encloses the float value at every sample of the box', () => {
    const end = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(safeExpr(['t'], 4), end, end, fc.double({ min: 0, max: 1, noNaN: true }), (e, a, b, s) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const t = lo + s * (hi - lo);
        const v = compileExpr(e, ['t'])(Float64Array.of(t));
        fc.pre(Number.isFinite(v));
        const enc = evalInterval(e, { lo, hi });
        // the float value is within a few ulps of the true one: allow that much slack
        const slack = 1e-9 * Math.max(1, Math.abs(v));
        expect(enc.lo - slack).toBeLessThanOrEqual(v);
        expect(enc.hi + slack).toBeGreaterThanOrEqual(v);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('sign rules and bisection', () => {
  it.each([
    ['exp(-1/t - t)', true],
    ['t*exp(-1/t)', true],
    ['1 - tanh(t)^2', true],
    ['sigmoid(t)*(1 - sigmoid(t))', true],
    ['log(1 + t)', true],
    ['t - 1', false],
    ['sin(t)', false],
  ])('%s > 0 on t > 0 by the sign rules: %s', (text, expected) => {
    const s = analyseSign(parseExpr(text, ['t']), 'pos');
    expect(s.defined && s.signs === POS).toBe(expected);
  });

  it('proves by bisection what the sign rules cannot, and finds a proven counterexample otherwise', () => {
    const ok = provePositiveOnHalfLine(parseExpr('t^2 - t + 1', ['t']));
    expect(ok.verdict).toBe('holds');
    expect(ok.rigor).toBe('interval');
    const bad = provePositiveOnHalfLine(parseExpr('t^2 - 3*t + 2', ['t']));
    expect(bad.verdict).toBe('fails');
    if (bad.verdict === 'fails') {
      expect(bad.witness.t).toBeGreaterThan(1);
      expect(bad.witness.t).toBeLessThan(2);
      expect(bad.witness.proven).toBe(true);
    }
  });
});
