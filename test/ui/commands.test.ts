import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_HOLD_MS, demoCommand, demoPace, demoTheorems } from '../../src/cli/commands/demo.js';
import { caseFilesIn, defaultTheorem, isCI, perturbForWalk, walkCommand, WALK_PERTURB, type WalkIO } from '../../src/cli/commands/walk.js';
import { loadCase } from '../../src/models/case.js';
import { findTheorem, THEOREMS } from '../../theorems/index.js';

const XOR = resolve('cases/xor.yaml');

function pipeIO(): WalkIO & { text: () => string } {
  let text = '';
  return {
    stdout: (s) => (text += s),
    stderr: () => {},
    stdinIsTTY: false,
    stdoutIsTTY: false,
    defaultCase: XOR,
    text: () => text,
  };
}

describe('walk and demo without a terminal', () => {
  it('walk prints the walkthrough of the default theorem on the default case and exits 0', async () => {
    const io = pipeIO();
    expect(await walkCommand([], io)).toBe(0);
    const t = defaultTheorem(loadCase(XOR));
    expect(io.text()).toContain('case xor — XOR on four points');
    expect(io.text().replace(/\s+/g, ' ')).toContain(t.title);
    for (const [i, s] of t.steps.entries()) expect(io.text()).toContain(`Step ${i + 1}/${t.steps.length}  ${s.id}`);
    expect(io.text()).toMatch(new RegExp(`Theorem ${t.id.replace('.', '\\.')}: (certified|supported|fails|inconclusive) — `));
  });

  it('walk takes a theorem and a case, and still exits 0 when the theorem fails on it', async () => {
    const io = pipeIO();
    expect(await walkCommand(['2.1', '--case', 'test/ui/fixtures/twins.yaml'], io)).toBe(0);
    expect(io.text()).toContain('✗ fails · exact');
    expect(io.text()).toContain('Theorem 2.1: fails');
  });

  it('demo prints the narrated walkthrough and a summary, and exits 0', async () => {
    const io = pipeIO();
    expect(await demoCommand(['2.1', '--speed', '4'], io)).toBe(0);
    expect(io.text()).toContain('» Theorem 2.1 on xor.');
    expect(io.text()).toContain('» Step 1 of');
    expect(io.text().trimEnd().split('\n').pop()).toMatch(/^Summary on xor: 1 theorem, 1 (certified|supported|fails|inconclusive)\.$/);
  });

  it.each([
    [['9.9'], 'walk: unknown theorem "9.9"'],
    [['2.1', '4.1', '3.3'], 'walk: one theorem at a time'],
    [['--speed', '2'], 'walk: unknown option --speed'],
    [['--case', 'no/such/case.yaml'], 'no/such/case.yaml'],
  ])('walk %j is a usage error: %s', async (argv, message) => {
    await expect(walkCommand(argv, pipeIO())).rejects.toThrow(message);
  });

  it.each([
    [['--speed', '0'], 'demo: --speed expects a positive number, got "0"'],
    [['--speed', 'fast'], 'demo: --speed expects a positive number, got "fast"'],
  ])('demo %j is a usage error: %s', async (argv, message) => {
    await expect(demoCommand(argv, pipeIO())).rejects.toThrow(message);
  });
});

describe('choices the commands make', () => {
  it('walks Theorem 4.1 by default when it is registered, else the first that fits', () => {
    const c = loadCase(XOR);
    expect(defaultTheorem(c)).toBe(findTheorem('4.1') ?? THEOREMS.find((t) => t.fits(c)));
  });

  it('demos the named theorem, else the ones that fit the case', () => {
    const c = loadCase(XOR);
    const t = THEOREMS[0]!;
    expect(demoTheorems(t, c)).toEqual([t]);
    expect(demoTheorems(undefined, c)).toEqual(THEOREMS.filter((x) => x.fits(c)));
  });

  it('paces the demo by its speed', () => {
    const pace = demoPace(2);
    const t = THEOREMS[0]!;
    expect(pace({ type: 'step-start', theorem: t, step: t.steps[0]!, index: 0 })).toBe(DEMO_HOLD_MS.stepStart / 2);
    expect(pace({ type: 'step-progress', theorem: t, step: t.steps[0]!, fraction: 0.5 })).toBe(0);
  });

  it('perturbs a case without a perturbation size by the walkthrough default, seeded', () => {
    const c = loadCase(XOR);
    const p = perturbForWalk(c);
    expect(p).not.toBe(c);
    const moved = p.data.y.map((row, i) => Math.abs(row[0]! - c.data.y[i]![0]!));
    expect(Math.max(...moved)).toBeLessThanOrEqual(WALK_PERTURB / 2);
    expect(Math.max(...moved)).toBeGreaterThan(0);
    expect(perturbForWalk(c).data.y).toEqual(p.data.y);
  });

  it('lists the case files of a folder, sorted', () => {
    const files = caseFilesIn(resolve('test/ui/fixtures'));
    expect(files.map((f) => f.split('/').pop())).toEqual(['twins.yaml']);
    expect(caseFilesIn('/no/such/folder')).toEqual([]);
  });
});

describe('isCI', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CONTINUOUS_INTEGRATION: 'yes' }, true],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
    [{}, false],
  ])('%j → %s', (env, ci) => expect(isCI(env)).toBe(ci));
});
