/**
 * Every point enclosure of src/kernel/elementary.ts holds the true value, computed by decimal.js
 * at 62 digits or more (reference.ts), at 10⁴ arguments per function: the hostile points of
 * cases.ts, then fast-check samples. Nothing is compared with Math.* and no slack is allowed: a
 * reference ball that an endpoint cuts is recomputed with more digits until it is decided.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powReal } from '../../../src/kernel/elementary.js';
import { nextDown, nextUp } from '../../../src/kernel/float.js';
import { POW_GEN, POW_HOSTILE, UNARY, type UnaryCase } from './cases.js';
import { BASE_DIGITS, Dec, exact, holds, judge, refExp, refPow } from './reference.js';

export const POINTS = 10_000;

/** Floats strictly between lo and hi, at most `cap` (a width in ulps). */
function ulpsBetween(lo: number, hi: number, cap = 16): number {
  let n = 0;
  for (let x = lo; x < hi && n <= cap; x = nextUp(x)) n++;
  return n;
}

/** The first few arguments whose enclosure misses, or is wider than 4 ulps where that is asserted. */
function misses(c: UnaryCase, xs: readonly number[]): string[] {
  const bad: string[] = [];
  for (const x of xs) {
    const r = c.f({ lo: x, hi: x });
    const ok = c.belowRange?.(x) ? r.lo >= 0 && r.hi > 0 : holds(r.lo, r.hi, () => c.ref(x));
    if (!ok) bad.push(`${c.name}(${x}) ∉ [${r.lo}, ${r.hi}]`);
    else if (c.tight && Number.isFinite(r.lo) && Number.isFinite(r.hi) && Math.min(Math.abs(r.lo), Math.abs(r.hi)) >= 2 ** -1021 && ulpsBetween(r.lo, r.hi) > 4) {
      bad.push(`${c.name}(${x}): [${r.lo}, ${r.hi}] is ${ulpsBetween(r.lo, r.hi)} ulps wide`);
    }
    if (bad.length >= 5) break;
  }
  return bad;
}

describe('point enclosures hold the 200-bit value', () => {
  for (const c of UNARY) {
    it(`${c.name}: ${POINTS} arguments`, () => {
      const xs = [...c.hostile, ...fc.sample(c.gen, { numRuns: POINTS - c.hostile.length, seed: 20261202 })];
      expect(xs.length).toBeGreaterThanOrEqual(POINTS);
      expect(misses(c, xs)).toEqual([]);
    });
  }

  it(`pow: ${POINTS} pairs x^y, x > 0`, () => {
    const ps = [...POW_HOSTILE, ...fc.sample(POW_GEN, { numRuns: POINTS - POW_HOSTILE.length, seed: 20261203 })];
    const bad: string[] = [];
    for (const { x, y } of ps) {
      const r = powReal({ lo: x, hi: x }, { lo: y, hi: y });
      if (!holds(r.lo, r.hi, () => refPow(x, y))) bad.push(`${x}^${y} ∉ [${r.lo}, ${r.hi}]`);
      if (bad.length >= 5) break;
    }
    expect(bad).toEqual([]);
  });
});

describe('the limits and the special values', () => {
  it('at ±∞ and at the ends of the domains', () => {
    const at = (c: string, x: number) => UNARY.find((u) => u.name === c)!.f({ lo: x, hi: x });
    const I = Infinity;
    expect(at('exp', -I)).toEqual({ lo: 0, hi: 0 });
    expect(at('exp', I)).toEqual({ lo: I, hi: I });
    expect(at('expm1', -I)).toEqual({ lo: -1, hi: -1 });
    expect(at('log', 0)).toEqual({ lo: -I, hi: -I });
    expect(at('log', I)).toEqual({ lo: I, hi: I });
    expect(at('log1p', -1)).toEqual({ lo: -I, hi: -I });
    expect(at('tanh', I)).toEqual({ lo: 1, hi: 1 });
    expect(at('tanh', -I)).toEqual({ lo: -1, hi: -1 });
    expect(at('sigmoid', -I)).toEqual({ lo: 0, hi: 0 });
    expect(at('softplus', I)).toEqual({ lo: I, hi: I });
    expect(at('expNegInv', I)).toEqual({ lo: 1, hi: 1 });
    expect(at('atan', I).lo).toBeLessThan(Math.PI / 2 + 1e-15);
    expect(at('atan', I).hi).toBeGreaterThanOrEqual(Math.PI / 2);
    for (const fn of ['sin', 'cos']) expect(at(fn, I)).toEqual({ lo: -1, hi: 1 });
    expect(at('tan', 1e300)).toEqual({ lo: -I, hi: I });
    expect(Number.isNaN(at('exp', NaN).lo)).toBe(true);
    // real powers take the base in (0, ∞]: a box with no positive base is EMPTY; 0 is a limit at an end
    expect(Number.isNaN(powReal({ lo: 0, hi: 0 }, { lo: 2, hi: 2 }).lo)).toBe(true);
    expect(powReal({ lo: 0, hi: 1 }, { lo: 2, hi: 2 })).toEqual({ lo: 0, hi: 1 });
    expect(powReal({ lo: 0, hi: 1 }, { lo: -2, hi: -2 })).toEqual({ lo: 1, hi: I });
    expect(powReal({ lo: 5, hi: 5 }, { lo: 0, hi: 0 })).toEqual({ lo: 1, hi: 1 });
    expect(Number.isNaN(powReal({ lo: -2, hi: -1 }, { lo: 2, hi: 2 }).lo)).toBe(true);
  });
});

describe('the membership test itself', () => {
  it('refuses an enclosure that misses by one float, and decides touching balls with more digits', () => {
    for (const x of [1e-5, 0.3, 1, 700, -700]) {
      const r = (refExp(x) as Dec).toNumber();
      // [r, r] misses unless the truth is r (never, for x ≠ 0): one side of r is empty of it
      const below = holds(nextDown(r), r, () => refExp(x));
      const above = holds(r, nextUp(r), () => refExp(x));
      expect(below !== above).toBe(true);
      expect(holds(r, r, () => refExp(x))).toBe(false);
      expect(holds(nextDown(r), nextUp(r), () => refExp(x))).toBe(true);
    }
    // tanh(2⁻¹⁰⁷⁴) lies below 2⁻¹⁰⁷⁴ by 2⁻³²²²/3: 62 digits cannot tell, more digits can
    const t = Number.MIN_VALUE;
    expect(judge(t, t, exact(t), BASE_DIGITS)).not.toBe('out');
    const tanh = UNARY.find((u) => u.name === 'tanh')!;
    expect(holds(t, t, () => tanh.ref(t))).toBe(false);
    expect(holds(0, t, () => tanh.ref(t))).toBe(true);
  });

  it('refAtan agrees with decimal.js\'s own atan', async () => {
    const { refAtan, refAtanDecimal } = await import('./reference.js');
    for (const x of [1e-10, 0.01, 0.3, 1, 1.5, 7, 1e5, -0.7, -123.4]) { const a = refAtan(x) as Dec; expect(a.minus(refAtanDecimal(x)).abs().lte(a.abs().times("1e-58"))).toBe(true); }
  });
});
