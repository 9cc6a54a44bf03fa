import { describe, expect, it } from 'vitest';
import { WalkSession } from '../../src/ui/session.js';
import { computeCount, fixtureDeps, fixtureTheorem, xorCase, zeroTargetsCase } from './fixtures.js';

const verdicts = (s: WalkSession) => s.getState().run.steps.map((v) => v.result?.verdict);

describe('WalkSession', () => {
  it('runs the theorem through the runner and keeps its verdicts', async () => {
    const t = fixtureTheorem();
    const s = new WalkSession({ case: xorCase(), file: '', theorem: t }, fixtureDeps([t]));
    expect(s.getState().facts.n).toBe(17);
    const result = await s.rerun();
    const state = s.getState();
    expect(state.run.result).toBe(result);
    expect(state.running).toBe(false);
    expect(state.run.statement).toBe('M ⊂ ℝ^17 is a smooth 13-dimensional manifold.');
    expect(verdicts(s)).toEqual(result!.steps.map((r) => r.verdict));
  });

  it('reuses the case’s workspace when another theorem runs on it', async () => {
    const a = fixtureTheorem({ id: '9.1' });
    const b = fixtureTheorem({ id: '9.2' });
    const c = xorCase();
    const s = new WalkSession({ case: c, file: '', theorem: a }, fixtureDeps([a, b]));
    const before = computeCount.projection;
    await s.rerun();
    const ws = s.workspaceFor(c);
    await s.chooseTheorem(b);
    expect(s.getState().theorem).toBe(b);
    expect(s.getState().run.result?.theorem).toBe('9.2');
    expect(s.workspaceFor(c)).toBe(ws);
    expect(computeCount.projection - before).toBe(1);
  });

  it('perturbs the targets and reruns on the perturbed case, in a new workspace', async () => {
    const t = fixtureTheorem();
    const c = zeroTargetsCase();
    const s = new WalkSession({ case: c, file: '', theorem: t }, fixtureDeps([t]));
    await s.rerun();
    expect(s.getState().run.result?.verdict).toBe('fails');
    const ws = s.workspaceFor(c);
    await s.perturbTargets();
    const state = s.getState();
    expect(state.perturbations).toBe(1);
    expect(state.case).not.toBe(c);
    expect(state.case.data.y.map((r) => r[0])).toEqual([0.125, 0.125, 0.125, 0.125]);
    expect(s.workspaceFor(state.case)).not.toBe(ws);
    expect(state.message?.text).toContain('targets perturbed');
    expect(state.run.result?.verdict).toBe('supported');
  });

  it('loads a chosen case file, and says so when it cannot', async () => {
    const t = fixtureTheorem();
    const s = new WalkSession({ case: xorCase(), file: '/cases/xor.yaml', theorem: t }, fixtureDeps([t], { '/cases/zeros.yaml': zeroTargetsCase }));
    await s.chooseCase('/cases/zeros.yaml');
    expect(s.getState().case.name).toBe('zeros');
    expect(s.getState().caseFile).toBe('/cases/zeros.yaml');
    expect(s.getState().run.result?.verdict).toBe('fails');
    await s.chooseCase('/cases/missing.yaml');
    expect(s.getState().message).toEqual({ text: '/cases/missing.yaml: no such file', tone: 'red' });
    expect(s.getState().case.name).toBe('zeros');
  });

  it('drops the events of a run superseded by a newer one', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = fixtureTheorem({ id: '9.1', gate });
    const quick = fixtureTheorem({ id: '9.2' });
    const s = new WalkSession({ case: xorCase(), file: '', theorem: slow }, fixtureDeps([slow, quick]));
    const first = s.rerun();
    // The slow step reports its progress, then waits at the gate.
    await new Promise<void>((resolve) => {
      const stop = s.subscribe(() => {
        if (s.getState().run.steps[6]!.progress) {
          stop();
          resolve();
        }
      });
    });
    expect(s.getState().run.steps[6]!.progress).toEqual({ fraction: 0.4, message: 'halfway there' });
    const second = s.chooseTheorem(quick);
    open();
    await Promise.all([first, second]);
    expect(s.getState().theorem).toBe(quick);
    expect(s.getState().run.result?.theorem).toBe('9.2');
    expect(s.getState().completed.map((r) => r.theorem.id)).toEqual(['9.2']);
  });

  it('plays theorems in turn at its pace, narrating, and ends on a summary', async () => {
    const a = fixtureTheorem({ id: '9.1' });
    const b = fixtureTheorem({ id: '9.2' });
    const held: string[] = [];
    const s = new WalkSession({ case: xorCase(), file: '', theorem: a }, fixtureDeps([a, b]), {
      pace: (e) => {
        held.push(e.type);
        return 1;
      },
      narrate: true,
    });
    const said: string[] = [];
    s.subscribe(() => {
      const n = s.getState().narration;
      if (n && said[said.length - 1] !== n) said.push(n);
    });
    await s.play([a, b]);
    const state = s.getState();
    expect(state.ended).toBe(true);
    expect(state.completed.map((r) => r.result?.theorem)).toEqual(['9.1', '9.2']);
    expect(held.filter((t) => t === 'step-end')).toHaveLength(14);
    expect(said[0]).toBe('Theorem 9.1 on xor. M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold.');
    expect(said).toContain('Theorem 9.2 is supported on xor: every step holds, some only in floating point.');
    expect(state.narration).toBe('Summary on xor: 2 theorems, 2 supported.');
  });
});

describe('the demo paused', () => {
  it('shows no further event while paused, and goes on when resumed', async () => {
    const t = fixtureTheorem();
    const s = new WalkSession({ case: xorCase(), file: '', theorem: t }, fixtureDeps([t]), { pace: () => 20 });
    const shown = () => s.getState().run.steps.filter((v) => v.status === 'done').length;
    const played = s.play([t]);
    while (shown() < 2) await new Promise((r) => setTimeout(r, 2));
    s.togglePause();
    expect(s.getState().paused).toBe(true);
    const at = shown();
    await new Promise((r) => setTimeout(r, 150));
    // one event may have been on its way; after that, nothing moves
    expect(shown()).toBeLessThanOrEqual(at + 1);
    const held = shown();
    await new Promise((r) => setTimeout(r, 150));
    expect(shown()).toBe(held);
    expect(s.getState().ended).toBe(false);
    s.togglePause();
    await played;
    expect(s.getState().paused).toBe(false);
    expect(shown()).toBe(t.steps.length);
    expect(s.getState().ended).toBe(true);
  });
});
