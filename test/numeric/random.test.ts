import { describe, expect, it } from 'vitest';
import { rngFor } from '../../src/numeric/random.js';

describe('rngFor', () => {
  it('is reproducible per (seed, stream) and differs across streams', () => {
    const a = Array.from({ length: 5 }, rngFor(1, 'x').nextU32);
    const b = Array.from({ length: 5 }, rngFor(1, 'x').nextU32);
    const c = Array.from({ length: 5 }, rngFor(1, 'y').nextU32);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws uniforms in [0, 1) as multiples of 2⁻³², and normals with mean ≈ 0 and variance ≈ 1', () => {
    const r = rngFor(42);
    const us = Array.from({ length: 20000 }, r.uniform);
    for (const u of us) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(Number.isInteger(u * 2 ** 32)).toBe(true);
    }
    const zs = Array.from({ length: 20000 }, r.normal);
    const mean = zs.reduce((s, z) => s + z, 0) / zs.length;
    const variance = zs.reduce((s, z) => s + (z - mean) ** 2, 0) / zs.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
