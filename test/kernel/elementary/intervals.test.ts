/**
 * Interval inputs: f([a, b]) holds f(x) for every x in [a, b]. Checked against the 200-bit
 * references at the ends, at a sampled point inside and at every float next to an interior
 * extremum or pole (sin and cos at multiples of π/2, tan at its poles, cosh at 0, swish at its
 * minimum), so an enclosure that maps only the endpoints of a non-monotone function fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powReal } from '../../../src/kernel/elementary.js';
import { POW_GEN, UNARY } from './cases.js';
import { holds, refPow } from './reference.js';

const INTERVALS = 600;

/** [a, b] from a sample: a point, a few ulps, a short or a long stretch, or two samples sorted. */
const intervalOf = (gen: fc.Arbitrary<number>): fc.Arbitrary<[number, number, number]> =>
  fc.tuple(gen, gen, fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e-12, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), fc.constant(-1)), fc.double({ min: 0, max: 1, noNaN: true })).map(([x, y, w, u]) => {
    const [a, b] = w < 0 ? (x <= y ? [x, y] : [y, x]) : [x, x + Math.abs(x) * w + w];
    const bb = Number.isFinite(b) ? b : a;
    const inside = a + (bb - a) * u;
    return [a, bb, Math.min(bb, Math.max(a, inside))];
  });

describe('interval enclosures hold f over the whole interval', () => {
  for (const c of UNARY) {
    it(`${c.name}: ${INTERVALS} intervals, ends, an inner point and the extrema inside`, () => {
      const bad: string[] = [];
      const hostile = (c.hostileIntervals ?? []).map(([a, b]): [number, number, number] => [a, b, (a + b) / 2]);
      for (const [a, b, inside] of [...hostile, ...fc.sample(intervalOf(c.gen), { numRuns: INTERVALS, seed: 20261204 })]) {
        const r = c.f({ lo: a, hi: b });
        for (const x of new Set([a, b, inside, ...(c.interior?.(a, b) ?? [])])) {
          const ok = c.belowRange?.(x) ? r.lo <= 0 && r.hi > 0 : holds(r.lo, r.hi, () => c.ref(x));
          if (!ok) bad.push(`${c.name}([${a}, ${b}]) = [${r.lo}, ${r.hi}] misses f(${x})`);
        }
        if (bad.length >= 5) break;
      }
      expect(bad).toEqual([]);
    });
  }

  it('sin, cos and tan across their extrema and poles, and cosh and swish around their minima', () => {
    const f = (name: string) => UNARY.find((u) => u.name === name)!.f;
    expect(f('sin')({ lo: 1.5, hi: 1.6 }).hi).toBe(1);
    expect(f('sin')({ lo: 4.7, hi: 4.8 }).lo).toBe(-1);
    expect(f('cos')({ lo: -0.1, hi: 0.1 }).hi).toBe(1);
    expect(f('cos')({ lo: -1, hi: 0.5 }).hi).toBe(1);
    expect(f('cos')({ lo: -0.1, hi: 0.1 }).lo).toBeGreaterThan(0.99);
    expect(f('cos')({ lo: 3.1, hi: 3.2 }).lo).toBe(-1);
    expect(f('tan')({ lo: 1.5, hi: 1.6 })).toEqual({ lo: -Infinity, hi: Infinity });
    expect(f('tan')({ lo: -1.4, hi: 1.4 }).hi).toBeLessThan(Infinity);
    expect(f('cosh')({ lo: -1, hi: 2 }).lo).toBe(1);
    const s = f('swish')({ lo: -3, hi: 0 });
    expect(s.lo).toBeLessThanOrEqual(-0.2784645427610738);
    expect(s.lo).toBeGreaterThan(-0.2785);
  });

  it(`pow: ${INTERVALS} boxes [a, b] × [c, d], corners and an inner point`, () => {
    const bad: string[] = [];
    const boxes = fc.sample(fc.tuple(POW_GEN, POW_GEN, fc.double({ min: 0, max: 1, noNaN: true })), { numRuns: INTERVALS, seed: 20261205 });
    for (const [p, q, u] of boxes) {
      const [a, b] = p.x <= q.x ? [p.x, q.x] : [q.x, p.x];
      const [c, d] = p.y <= q.y ? [p.y, q.y] : [q.y, p.y];
      const r = powReal({ lo: a, hi: b }, { lo: c, hi: d });
      const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v)); // rounding may step outside
      const pts: [number, number][] = [[a, c], [a, d], [b, c], [b, d], [clamp(a + (b - a) * u, a, b), clamp(c + (d - c) * (1 - u), c, d)]];
      for (const [x, y] of pts) if (!holds(r.lo, r.hi, () => refPow(x, y))) bad.push(`[${a}, ${b}]^[${c}, ${d}] = [${r.lo}, ${r.hi}] misses ${x}^${y}`);
      if (bad.length >= 5) break;
    }
    expect(bad).toEqual([]);
  });
});
