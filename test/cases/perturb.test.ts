import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { PERTURB_NOTE, perturbTargets, perturbationNote } from '../../src/cases/perturb.js';
import { cmp, fromNumber, sub, toNumber } from '../../src/kernel/rational.js';

const base = (y: unknown[], perturb: number, seed = 1) =>
  caseFromObject(
    {
      data: { x: y.map((_, i) => [i]), y },
      model: { kind: 'expression', params: ['a', 'b'], inputs: ['x'], output: 'a*x + b' },
      point: 'search',
      perturb,
      seed,
    },
    '',
  );

describe('perturbTargets', () => {
  it('leaves a case without perturb alone', () => {
    const c = base([0, 1], 0);
    expect(perturbTargets(c)).toBe(c);
  });

  it('moves every target by at most ε, keeps exact and float values equal, and says so', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(1e-3, 0.01, 0.5, 2),
        fc.integer({ min: 0, max: 1000 }),
        (ys, eps, seed) => {
          const c = base(ys, eps, seed);
          const p = perturbTargets(c);
          const epsR = fromNumber(eps);
          p.data.yExact.forEach((row, i) => {
            const moved = sub(row[0]!, c.data.yExact[i]![0]!);
            expect(cmp(moved.num < 0n ? { num: -moved.num, den: moved.den } : moved, epsR)).toBeLessThanOrEqual(0);
            // the float is the exact value
            expect(cmp(fromNumber(p.data.y[i]![0]!), row[0]!)).toBe(0);
          });
          expect(c.data.notes.some((n) => n.startsWith(PERTURB_NOTE))).toBe(false);
          if (p !== c) expect(perturbationNote(p)).toContain(`ε = ${eps}`);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('is idempotent: perturbing the perturbed case changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 5 }), (ys) => {
        const once = perturbTargets(base(ys, 0.01));
        expect(perturbTargets(once)).toBe(once);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('is reproducible from the seed, and different seeds give different targets', () => {
    const a = perturbTargets(base([0, 0, 0], 0.1, 3));
    const b = perturbTargets(base([0, 0, 0], 0.1, 3));
    const c = perturbTargets(base([0, 0, 0], 0.1, 4));
    expect(Array.from(a.data.y, (r) => r[0])).toEqual(Array.from(b.data.y, (r) => r[0]));
    expect(Array.from(a.data.y, (r) => r[0])).not.toEqual(Array.from(c.data.y, (r) => r[0]));
    // targets 0 become nonzero: off the critical value of f = a·b·x-like models
    for (const row of a.data.y) expect(row[0]).not.toBe(0);
    for (const row of a.data.y) expect(Math.abs(toNumber(fromNumber(row[0]!)))).toBeLessThanOrEqual(0.05);
  });
});
