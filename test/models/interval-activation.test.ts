import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileActivation } from '../../src/models/activation.js';
import { intervalActivation } from '../../src/models/interval-activation.js';
import { contains, ulp, type Interval } from '../../src/kernel/interval.js';
import type { ActivationSpec } from '../../src/cases/types.js';

/**
 * v ∈ I up to the float model's own rounding: the enclosure holds the TRUE value, and the float
 * kernels are within a few ulps of it (sigmoid′ near 0 computes 0.25000000000000006 > max σ′).
 */
function holdsFloat(I: Interval, v: number): boolean {
  const s = 4 * ulp(Math.max(Math.abs(I.lo), Math.abs(I.hi), Math.abs(v)));
  return I.lo - s <= v && v <= I.hi + s;
}


const SPECS: readonly ActivationSpec[] = [
  'smoolu',
  'softplus',
  'tanh',
  'sigmoid',
  'swish',
  'relu',
  { name: 'bump', positive: 'exp(-1/t - t)' },
  { name: 'cubic', expr: 't^3 + sin(t)' },
];

const endpoint = fc.oneof(
  fc.double({ min: -40, max: 40, noNaN: true }),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.constantFrom(0, -0, 1e-300, -1e-300, 1e-3, 700, -700),
);

describe('interval activations', () => {
  it.each(SPECS.map((s) => [typeof s === 'string' ? s : s.name, s] as const))(
    '%s: σ(t) and σ′(t) at a point of T lie in the enclosures over T',
    (_name, spec) => {
      const act = compileActivation(spec);
      const ia = intervalActivation(act);
      fc.assert(
        fc.property(endpoint, endpoint, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, u) => {
          const T = { lo: Math.min(a, b), hi: Math.max(a, b) };
          const t = Math.min(T.hi, T.lo + u * (T.hi - T.lo));
          const v = act.f(t);
          if (Number.isFinite(v)) expect(holdsFloat(ia.value(T), v), `σ(${t}) = ${v} over [${T.lo}, ${T.hi}]`).toBe(true);
          const d = act.d1(t);
          // relu is not differentiable at 0: its enclosure over a box holding 0 is the whole line
          if (Number.isFinite(d)) expect(holdsFloat(ia.d1(T), d), `σ′(${t}) = ${d} over [${T.lo}, ${T.hi}]`).toBe(true);
        }),
        { seed: 42, numRuns: 300 },
      );
    },
  );

  it('are tight for the built-ins at a point: a few ulps', () => {
    for (const name of ['smoolu', 'softplus', 'tanh', 'sigmoid'] as const) {
      const ia = intervalActivation(compileActivation(name));
      for (const t of [-3, -0.5, 0.25, 1, 7]) {
        const v = ia.value({ lo: t, hi: t });
        const d = ia.d1({ lo: t, hi: t });
        expect(v.hi - v.lo).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(v.hi)));
        expect(d.hi - d.lo).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(d.hi)));
      }
    }
  });

  it('relu and rectified user forms say nothing about σ′ on a box that reaches 0', () => {
    expect(intervalActivation(compileActivation('relu')).d1({ lo: -1, hi: 1 })).toEqual({ lo: -Infinity, hi: Infinity });
    const bump = intervalActivation(compileActivation({ name: 'bump', positive: 'exp(-1/t - t)' }));
    expect(bump.d1({ lo: 0, hi: 1 })).toEqual({ lo: -Infinity, hi: Infinity });
    expect(bump.d1({ lo: -2, hi: -1 })).toEqual({ lo: 0, hi: 0 });
    // smooLU is C¹ with σ′ nondecreasing: across 0 the enclosure is [0, σ′(hi)]
    const s = intervalActivation(compileActivation('smoolu')).d1({ lo: -1, hi: 1 });
    expect(s.lo).toBe(0);
    expect(contains(s, 2 * Math.exp(-1))).toBe(true);
  });
});
