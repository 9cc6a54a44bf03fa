import { describe, expect, it } from 'vitest';
import { runTheorem, type RunEvent } from '../../src/proof/runner.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { narrate, summaryLine } from '../../src/ui/narration.js';
import { fixtureTheorem, zeroTargetsCase, asGiven } from './fixtures.js';

describe('narrate', () => {
  it('says one short line per event, from the runner’s own words', async () => {
    const t = fixtureTheorem();
    const said: string[] = [];
    const result = await runTheorem(t, new Workspace(zeroTargetsCase()), {
      judge: asGiven,
      onEvent: (e: RunEvent) => {
        const line = narrate(e, 'zeros');
        if (line !== undefined) said.push(line);
      },
    });
    expect(said[0]).toBe('Theorem 9.1 on zeros. M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold.');
    expect(said[1]).toBe('Step 1 of 7: the inputs are pairwise distinct.');
    expect(said[2]).toBe('It holds exactly: the 4 inputs are pairwise distinct.');
    expect(said).toContain('It fails (exact): every target is 0.');
    expect(said).toContain('It holds in floating point (evidence, not proof): A is lower triangular with a positive diagonal.');
    expect(said[said.length - 1]).toBe('Theorem 9.1 is fails on zeros: a step fails on this case.');
    expect(summaryLine([result, { ...result, verdict: 'certified' }], 'zeros')).toBe('Summary on zeros: 2 theorems, 1 fails, 1 certified.');
  });
});
