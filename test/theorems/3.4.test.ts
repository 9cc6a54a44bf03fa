import { describe, expect, it } from 'vitest';
import { check, step } from './helpers.js';

describe('Corollary 3.4 on the case files', () => {
  it.each([
    ['deep-smoolu', 'certified'],
    ['deep-bump', 'certified'],
  ] as const)('%s: %s', async (name, verdict) => {
    const { result } = await check(name, '3.4');
    expect(result.verdict).toBe(verdict);
    expect(result.claims.globalMinimum).toBe(0);
    // the last layer sees enclosures, so the sign argument is interval-graded
    expect(step(result, 'biases-interleave').rigor).toBe('interval');
  });

  it('says when σ is not monotone, and what was checked instead', async () => {
    const { result } = await check('deep-bump', '3.4');
    const s = step(result, 'scalars-stay-distinct');
    expect(s.verdict).toBe('holds');
    expect(s.rigor).toBe('interval');
    expect(s.data.paperHypothesis).toBe(false);
    expect(s.summary).toMatch(/not monotone/);
    expect(s.summary).toMatch(/weaker condition/);
    const layers = s.data.layers as { separation: number; tried: { ok: boolean }[] }[];
    expect(layers).toHaveLength(2);
    for (const l of layers) expect(l.separation).toBeGreaterThan(0);
  });

  it('keeps the paper\'s hypothesis for smooLU and still checks every layer', async () => {
    const { result } = await check('deep-smoolu', '3.4');
    const s = step(result, 'scalars-stay-distinct');
    expect(s.data.paperHypothesis).toBe(true);
    expect((s.data.layers as unknown[]).length).toBe(1);
  });
});
