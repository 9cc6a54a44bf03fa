import { describe, expect, it } from 'vitest';
import { runTheorem, type RunEvent } from '../../src/proof/runner.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { applyEvent, followIndex, isFinished, pendingRun, runningIndex } from '../../src/ui/state.js';
import { fixtureTheorem, xorCase, zeroTargetsCase, asGiven } from './fixtures.js';

async function events(c = xorCase()) {
  const t = fixtureTheorem();
  const list: RunEvent[] = [];
  const result = await runTheorem(t, new Workspace(c), { judge: asGiven, onEvent: (e) => list.push(e) });
  return { t, list, result };
}

describe('applyEvent', () => {
  it('starts with every step pending and the plain statement', () => {
    const run = pendingRun(fixtureTheorem());
    expect(run.statement).toBe('M is a smooth manifold of dimension n − d.');
    expect(run.steps.every((s) => s.status === 'pending')).toBe(true);
    expect(isFinished(run)).toBe(false);
  });

  it('records exactly what the runner said, step by step', async () => {
    const { t, list, result } = await events();
    let run = pendingRun(t);
    const seen: string[] = [];
    for (const e of list) {
      run = applyEvent(run, e);
      if (e.type === 'step-start') expect(runningIndex(run)).toBe(e.index);
      if (e.type === 'step-progress') expect(run.steps[runningIndex(run)!]!.progress?.fraction).toBe(e.fraction);
      if (e.type === 'step-end') seen.push(run.steps.find((s) => s.step === e.step)!.result!.verdict);
    }
    expect(run.statement).toBe('M ⊂ ℝ^17 is a smooth 13-dimensional manifold.');
    expect(run.steps.map((s) => s.result)).toEqual(result.steps);
    expect(seen).toEqual(result.steps.map((s) => s.verdict));
    expect(run.result).toBe(result);
    expect(runningIndex(run)).toBeUndefined();
  });

  it('shows a failing step as the runner reports it', async () => {
    const { t, list } = await events(zeroTargetsCase());
    const run = list.reduce(applyEvent, pendingRun(t));
    expect(run.steps.find((s) => s.step.id === 'targets-not-all-zero')!.result!.verdict).toBe('fails');
    expect(run.result!.verdict).toBe('fails');
  });

  it('ignores events of another theorem', async () => {
    const { list } = await events();
    const other = pendingRun(fixtureTheorem({ id: '9.2' }));
    expect(list.reduce(applyEvent, other)).toBe(other);
  });
});

describe('followIndex', () => {
  it('follows the running step, else the last that ended; once ended, step 1 when nothing fails', async () => {
    const { t, list } = await events();
    let run = pendingRun(t);
    expect(followIndex(run)).toBe(0);
    const seen: number[] = [];
    for (const e of list) {
      run = applyEvent(run, e);
      seen.push(followIndex(run));
    }
    // Each step is followed from its start to its end; the ended run opens on step 1.
    expect(seen[seen.length - 2]).toBe(t.steps.length - 1);
    expect(seen[seen.length - 1]).toBe(0);
    expect([...new Set(seen.slice(0, -1))]).toEqual(t.steps.map((_, i) => i));
  });

  it('opens an ended run on the first step that fails or is unknown', async () => {
    const { t, list } = await events(zeroTargetsCase());
    const run = list.reduce(applyEvent, pendingRun(t));
    const failing = t.steps.findIndex((s) => s.id === 'targets-not-all-zero');
    expect(followIndex(run)).toBe(failing);
    // Before the last event the run is still going: the last step that ended is followed.
    expect(followIndex(list.slice(0, -1).reduce(applyEvent, pendingRun(t)))).toBe(t.steps.length - 1);
  });
});
