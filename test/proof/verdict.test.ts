import { describe, expect, it } from 'vitest';
import { theoremVerdict } from '../../src/proof/verdict.js';
import type { Rigor, Verdict } from '../../src/proof/types.js';

const s = (verdict: Verdict, rigor: Rigor) => ({ verdict, rigor });

describe('theoremVerdict', () => {
  it.each([
    [[s('holds', 'exact'), s('holds', 'interval')], 'certified'],
    [[s('holds', 'exact'), s('holds', 'cited'), s('holds', 'symbolic')], 'certified'],
    [[s('holds', 'exact'), s('holds', 'float')], 'supported'],
    [[s('holds', 'exact'), s('unknown', 'interval')], 'inconclusive'],
    [[s('unknown', 'float'), s('fails', 'exact')], 'fails'],
    [[s('fails', 'exact'), s('skipped', 'exact')], 'fails'],
    [[s('skipped', 'exact')], 'inconclusive'],
    [[], 'inconclusive'],
  ] as const)('%j → %s', (steps, expected) => {
    expect(theoremVerdict(steps)).toBe(expected);
  });
});
