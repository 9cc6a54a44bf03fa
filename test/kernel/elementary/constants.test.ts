/**
 * The constants written as literals in src/kernel/elementary-core.ts and elementary.ts, against
 * decimal.js at 62 digits: the error bounds that the kernels' proofs use for them (stated in their
 * comments) and the significant-bit counts that make n·C exact.
 */
import { describe, expect, it } from 'vitest';
import * as C from '../../../src/kernel/elementary-core.js';
import { EULER, PI } from '../../../src/kernel/elementary.js';
import { E as E_INTERVAL, PI as PI_INTERVAL } from '../../../src/kernel/expr-interval.js';
import { Dec, exact, holds } from './reference.js';

const two = (k: number): Dec => new Dec(2).pow(k);
const LN2 = new Dec(2).ln();
const HALF_PI = Dec.acos(0);

/** The number of significant bits of a finite nonzero double. */
function significantBits(x: number): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  let m = (BigInt(v.getUint32(0) & 0xfffff) << 32n) | BigInt(v.getUint32(4));
  m |= 1n << 52n;
  let bits = 53;
  while ((m & 1n) === 0n) {
    m >>= 1n;
    bits--;
  }
  return bits;
}

describe('the kernels\' constants', () => {
  it('ln 2/64 = C1 + C2 + c₃ with C1 of at most 32 bits and |c₃| ≤ 2⁻⁹⁴', () => {
    expect(significantBits(C.LN2_64_HI)).toBeLessThanOrEqual(32);
    const c3 = LN2.div(64).minus(exact(C.LN2_64_HI)).minus(exact(C.LN2_64_LO));
    expect(c3.abs().lte(two(-94))).toBe(true);
  });

  it('2^(j/64) = hi + lo within 2⁻¹⁰⁵ relative, for each j', () => {
    for (let j = 0; j < 64; j++) {
      const truth = new Dec(2).pow(new Dec(j).div(64));
      const err = truth.minus(exact(C.EXP2_TABLE_HI[j]!)).minus(exact(C.EXP2_TABLE_LO[j]!)).abs();
      expect(err.lte(truth.times(two(-105))), `j = ${j}`).toBe(true);
    }
  });

  it('ln 2 = L1 + L2 + ℓ₃ with L1 of at most 42 bits and |ℓ₃| ≤ 2⁻⁹⁶', () => {
    expect(significantBits(C.LN2_HI)).toBeLessThanOrEqual(42);
    expect(LN2.minus(exact(C.LN2_HI)).minus(exact(C.LN2_LO)).abs().lte(two(-96))).toBe(true);
  });

  it('π/2 = P1 + P2 + P3 + p₄ with P1, P2 of at most 33 bits and |p₄| ≤ 2⁻¹²¹; hi + lo within 2⁻¹⁰⁷', () => {
    expect(significantBits(C.PIO2_1)).toBeLessThanOrEqual(33);
    expect(significantBits(C.PIO2_2)).toBeLessThanOrEqual(33);
    const p4 = HALF_PI.minus(exact(C.PIO2_1)).minus(exact(C.PIO2_2)).minus(exact(C.PIO2_3));
    expect(p4.abs().lte(two(-121))).toBe(true);
    expect(HALF_PI.minus(exact(C.PIO2_HI)).minus(exact(C.PIO2_LO)).abs().lte(two(-107))).toBe(true);
  });

  it('atan(j/8) = hi + lo within 2⁻¹⁰⁶ relative, for each j', () => {
    for (let j = 1; j <= 8; j++) {
      const truth = new Dec(j).div(8).atan();
      const err = truth.minus(exact(C.ATAN_TABLE_HI[j]!)).minus(exact(C.ATAN_TABLE_LO[j]!)).abs();
      expect(err.lte(truth.times(two(-106))), `j = ${j}`).toBe(true);
    }
    expect(C.ATAN_TABLE_HI[0]).toBe(0);
    expect(C.ATAN_TABLE_LO[0]).toBe(0);
  });

  it('π and e are enclosed, by one float gap', () => {
    const pi = Dec.acos(-1);
    const e = new Dec(1).exp();
    for (const [name, iv, truth] of [
      ['PI', PI, pi],
      ['EULER', EULER, e],
      ['expr-interval PI', PI_INTERVAL, pi],
      ['expr-interval E', E_INTERVAL, e],
    ] as const) {
      expect(holds(iv.lo, iv.hi, () => truth), name).toBe(true);
      expect(iv.lo < iv.hi, name).toBe(true);
    }
  });

  it('the trig reduction stops where q·P1 stops being exact (|q| ≤ 2²⁰)', () => {
    expect(C.TRIG_REDUCE_MAX * (2 / Math.PI) + 1).toBeLessThan(2 ** 20);
  });
});
