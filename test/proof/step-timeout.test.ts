import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { runCase, type Judge } from '../../src/proof/runner.js';
import { defineTheorem, holds, type Step } from '../../src/proof/types.js';
import { checkSymbolicDeadline } from '../../src/symbolic/budget.js';

const xor = loadCase(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cases', 'xor.yaml'));
const theoremOf = (steps: Step[]) =>
  defineTheorem({ id: 'T', title: 'T', statement: 'T', hypotheses: [], fits: () => true, instantiate: () => 'T', steps, claims: () => ({}) });
/** Records what the steps found, so these tests see the runner alone. */
const asFound: Judge = { step: (_ws, _t, _id, ev) => ev, result: (_ws, _t, steps, claims) => ({ verdict: steps.every((s) => s.verdict === 'holds') ? 'certified' : 'inconclusive', claims }) };
const step = (id: string, run: Step['run']): Step => ({ id, title: id, explain: id, run });

describe('the time budget of a step', () => {
  it('ends a step that waits past its budget as unknown, with the reason, and goes on', async () => {
    const slow = step('slow', () => new Promise((resolve) => setTimeout(() => resolve(holds('exact', 'late')), 5_000)));
    const next = step('next', () => holds('exact', 'ran'));
    const started = performance.now();
    const cert = await runCase(xor, [theoremOf([slow, next])], { judge: asFound, stepTimeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(3_000);
    const [a, b] = cert.results[0]!.steps;
    expect(a!.verdict).toBe('unknown');
    expect(a!.summary).toMatch(/ran past its time budget of 0\.2 s \(--step-timeout\)/);
    expect(b!.verdict).toBe('holds');
  });

  it("takes the case's stepTimeout (seconds) when no option is given", async () => {
    const slow = step('slow', () => new Promise((resolve) => setTimeout(() => resolve(holds('exact', 'late')), 5_000)));
    const cert = await runCase({ ...xor, stepTimeout: 0.1 }, [theoremOf([slow])], { judge: asFound });
    expect(cert.results[0]!.steps[0]!.summary).toMatch(/time budget of 0\.1 s/);
  });

  it('is the deadline of the symbolic work done inside the step', async () => {
    const busy = step('busy', () => {
      const until = performance.now() + 300;
      while (performance.now() < until) {
        // a computation that checks the deadline between pieces, as the symbolic code does
      }
      checkSymbolicDeadline('the made-up algebra');
      return holds('exact', 'not reached');
    });
    const after = step('after', () => {
      checkSymbolicDeadline('the next step');
      return holds('exact', 'a fresh budget');
    });
    const cert = await runCase(xor, [theoremOf([busy, after])], { judge: asFound, stepTimeoutMs: 100 });
    const [a, b] = cert.results[0]!.steps;
    expect(a!.verdict).toBe('unknown');
    expect(a!.summary).toMatch(/the made-up algebra did not finish within the step's time budget/);
    expect(b!.verdict).toBe('holds');
  });
});
