import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/workspace/workspace.js';
import { printWalkthrough, stepTally } from '../../src/ui/text.js';
import { fixtureTheorem, xorCase, zeroTargetsCase, asGiven } from './fixtures.js';

async function print(c = xorCase(), opts: { narrate?: boolean; width?: number } = {}) {
  let text = '';
  const results = await printWalkthrough(c, new Workspace(c), [fixtureTheorem()], (s) => (text += s), { judge: asGiven, ...opts });
  return { text, results };
}

describe('printWalkthrough', () => {
  it('prints the header, the instantiated statement, every step with its verdict, and the result', async () => {
    const { text, results } = await print();
    const lines = text.split('\n');
    expect(lines[0]).toBe('case xor — xor for tests');
    expect(lines[1]).toBe('  xor  d=4 m=2 k=1 n=17  mlp 2→4→1  smoolu  loss sum  point construct');
    expect(text).toContain('statement: M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold.');
    for (const s of results[0]!.steps) {
      expect(text).toContain(`${s.verdict === 'holds' ? '✓' : '✗'} ${s.verdict} · ${s.rigor} ·`);
    }
    expect(text).toContain('Step 7/7  slow-check');
    expect(text).toContain('Theorem 9.1: supported — every step holds, some only in floating point');
    expect(text).toContain('steps: 7 holds (5 exact, 2 float)');
    expect(text).toContain('claims: steps = 7');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('draws the pictures the evidence calls for', async () => {
    const { text } = await print();
    expect(text).toContain('projections tᵢ and biases βⱼ');
    expect(text).toContain('β = −0.5, 0.5, 1.5, 2.5');
    expect(text).toMatch(/⎡ 0\.06767 +· +· +· ⎤/);
    expect(text).toContain(' zero (13)');
  });

  it('shows a failing step and the failing verdict', async () => {
    const { text } = await print(zeroTargetsCase());
    expect(text).toContain('✗ fails · exact');
    expect(text).toContain('every target is 0');
    expect(text).toContain('Theorem 9.1: fails — a step fails on this case');
  });

  it('narrates the demo and ends with a summary', async () => {
    const { text } = await print(xorCase(), { narrate: true, width: 60 });
    expect(text).toContain('» Step 3 of 7: a projection separates the inputs.');
    expect(text.trimEnd().split('\n').pop()).toBe('Summary on xor: 1 theorem, 1 supported.');
    for (const l of text.split('\n')) expect([...l].length).toBeLessThanOrEqual(60);
  });
});

describe('stepTally', () => {
  it('counts verdicts, and rigor among the steps that hold', () => {
    const s = (verdict: 'holds' | 'fails' | 'skipped', rigor: 'exact' | 'float') => ({ id: 'x', verdict, rigor, summary: '', data: {}, ms: 0 });
    expect(stepTally([s('holds', 'exact'), s('holds', 'float'), s('holds', 'exact'), s('fails', 'exact'), s('skipped', 'exact')])).toBe(
      '3 holds (2 exact, 1 float), 1 fails, 1 skipped',
    );
  });
});

describe('printWalkthrough with the kernel as judge', () => {
  it("says which steps the kernel's re-check at the final point revised, so the text agrees with the tally", async () => {
    const { loadCase } = await import('../../src/models/case.js');
    const { findTheorem } = await import('../../theorems/index.js');
    const c = loadCase(new URL('../../cases/xor.yaml', import.meta.url).pathname);
    let text = '';
    const [result] = await printWalkthrough(c, new Workspace(c), [findTheorem('4.1')!], (s) => (text += s));
    const revised = text.slice(text.indexOf('Re-checked by the kernel at the final point:'));
    for (const [i, s] of result!.steps.entries()) {
      const line = revised.split('\n').find((l) => l.startsWith(`  step ${i + 1} ${s.id}:`));
      if (line !== undefined) expect(line.endsWith(`→ ${s.verdict} · ${s.rigor}`)).toBe(true);
    }
    expect(revised).toMatch(/step 9 triangular-block-invertible: holds · float → holds · exact/);
  });
});
