import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/models/index.js';
import { intervalModelOf, pointBox, type IntervalData } from '../../src/models/interval-model.js';
import { contains, fromNumber, ulp, type Interval } from '../../src/kernel/interval.js';
import { dagCase, expressionCase, mlpCase, type Case } from './helpers.js';

/**
 * v ∈ I up to the float model's own rounding: the enclosure holds the TRUE value, and the float
 * kernels are within a few ulps of it (sigmoid′ near 0 computes 0.25000000000000006 > max σ′).
 */
function holdsFloat(I: Interval, v: number): boolean {
  const s = 4 * ulp(Math.max(Math.abs(I.lo), Math.abs(I.hi), Math.abs(v)));
  return I.lo - s <= v && v <= I.hi + s;
}


/**
 * A box around the case's point (radius r·max(1, |wⱼ|) per coordinate) and a point inside it
 * at fractions u ∈ [0, 1] of each interval.
 */
const boxed = <T extends Case>(arb: fc.Arbitrary<T>) =>
  arb.chain((c) =>
    fc.record({
      c: fc.constant(c),
      r: fc.constantFrom(0, 1e-12, 1e-8, 1e-4, 1e-2),
      u: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: c.w.length, maxLength: c.w.length }),
    }),
  );

function setup(c: Case, r: number, u: readonly number[]) {
  const model = buildModel(c.spec, c.m, c.k);
  const im = intervalModelOf(model, c.spec);
  const box: Interval[] = Array.from(c.w, (v) => {
    const h = r * Math.max(1, Math.abs(v));
    return { lo: v - h, hi: v + h };
  });
  const inside = Float64Array.from(box, (b, j) => Math.min(b.hi, Math.max(b.lo, b.lo + u[j]! * (b.hi - b.lo))));
  const data: IntervalData = { x: c.xs.map((x) => Array.from(x, fromNumber)), y: c.ys.map((y) => Array.from(y, fromNumber)) };
  return { model, im, box, inside, data };
}

/** Every float value lies in its enclosure, outputs and Jacobian alike. */
function checkContains(c: Case, r: number, u: readonly number[]): void {
  const { model, im, box, inside, data } = setup(c, r, u);
  const f = model.outputs(inside, c.xs);
  const F = im.outputs(box, data.x);
  f.forEach((v, i) => {
    if (Number.isFinite(v)) expect(holdsFloat(F[i]!, v), `output ${i}: ${v} ∉ [${F[i]!.lo}, ${F[i]!.hi}]`).toBe(true);
  });
  const J = model.jacobian(inside, c.xs);
  const JI = im.jacobian(box, data.x);
  J.forEach((v, i) => {
    if (Number.isFinite(v)) expect(holdsFloat(JI[i]!, v), `J entry ${i}: ${v} ∉ [${JI[i]!.lo}, ${JI[i]!.hi}]`).toBe(true);
  });
}

describe('interval models enclose the float model over a box', () => {
  it.each([
    ['mlp', mlpCase()],
    ['dag', dagCase()],
    ['expression', expressionCase()],
  ] as const)('%s: f and J at a point of the box lie in the enclosures over the box', (_kind, arb) => {
    fc.assert(
      fc.property(boxed(arb as fc.Arbitrary<Case>), ({ c, r, u }) => checkContains(c, r, u)),
      { seed: 42, numRuns: 120 },
    );
  });

  it('relu: the enclosures hold wherever relu is differentiable on the box', () => {
    fc.assert(
      fc.property(boxed(mlpCase(['relu'])), ({ c, r, u }) => checkContains(c, r, u)),
      { seed: 42, numRuns: 80 },
    );
  });
});

describe('widths stay sane', () => {
  it.each([
    ['mlp', mlpCase()],
    ['dag', dagCase()],
  ] as const)('%s: a point box gives enclosures a few ulps wide, a box of radius 1e-8 stays narrow', (_kind, arb) => {
    fc.assert(
      fc.property(arb as fc.Arbitrary<Case>, (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        const im = intervalModelOf(model, c.spec);
        const x = c.xs.map((xi) => Array.from(xi, fromNumber));
        const scale = (iv: Interval): number => 1 + Math.max(Math.abs(iv.lo), Math.abs(iv.hi));
        for (const iv of im.outputs(pointBox(c.w), x)) expect(iv.hi - iv.lo).toBeLessThanOrEqual(1e-13 * scale(iv));
        for (const iv of im.jacobian(pointBox(c.w), x)) expect(iv.hi - iv.lo).toBeLessThanOrEqual(1e-13 * scale(iv));
        const box = Array.from(c.w, (v) => ({ lo: v - 1e-8, hi: v + 1e-8 }));
        for (const iv of im.outputs(box, x)) expect(iv.hi - iv.lo).toBeLessThanOrEqual(1e-5 * scale(iv));
      }),
      { seed: 42, numRuns: 120 },
    );
  });
});

describe('exact data', () => {
  it('residuals use the exact targets: a decimal target gives an enclosure that excludes neither neighbour float', () => {
    const spec = { kind: 'expression', params: ['w'], inputs: ['x'], output: ['w*x'] } as const;
    const model = buildModel(spec, 1, 1);
    const im = intervalModelOf(model, spec);
    // y = 1/10 exactly is not a float: its enclosure is the two floats around it
    const [r] = im.residuals(pointBox([0.1]), { x: [[{ lo: 1, hi: 1 }]], y: [[{ lo: 0.09999999999999999, hi: 0.1 }]] });
    expect(contains(r!, 0)).toBe(true);
    expect(r!.hi - r!.lo).toBeLessThan(1e-16);
  });

  it('an expression that leaves its domain on the box is unbounded, not restricted', () => {
    const spec = { kind: 'expression', params: ['w'], inputs: ['x'], output: ['sqrt(w)*x'] } as const;
    const im = intervalModelOf(buildModel(spec, 1, 1), spec);
    const [f] = im.outputs([{ lo: -1, hi: 1 }], [[{ lo: 1, hi: 1 }]]);
    expect(f).toEqual({ lo: -Infinity, hi: Infinity });
    const [g] = im.jacobian([{ lo: 0.5, hi: 1 }], [[{ lo: 1, hi: 1 }]]);
    expect(contains(g!, 0.5 / Math.sqrt(0.7))).toBe(true);
  });
});
