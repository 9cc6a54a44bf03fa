import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { runCase } from '../../src/proof/runner.js';
import { defineTheorem, holds, type Step } from '../../src/proof/types.js';
import { findTheorem } from '../../theorems/index.js';

const xor = loadCase(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cases', 'xor.yaml'));

/** A theorem of the given steps, claiming nothing. */
const theoremOf = (steps: Step[]) =>
  defineTheorem({ id: 'T', title: 'T', statement: 'T', hypotheses: [], fits: () => true, instantiate: () => 'T', steps, claims: () => ({}) });

describe('step preparation', () => {
  it('prepares every step when the theorem starts, before the first step runs', async () => {
    const log: string[] = [];
    const step = (id: string): Step => ({
      id,
      title: id,
      explain: id,
      prepare: () => log.push(`prepare ${id}`),
      run: () => {
        log.push(`run ${id}`);
        return holds('exact', id);
      },
    });
    await runCase(xor, [theoremOf([step('a'), step('b')])]);
    expect(log).toEqual(['prepare a', 'prepare b', 'run a', 'run b']);
  });

  it('changes nothing when a preparation throws', async () => {
    const run = () => holds('exact', 'ran');
    const plain: Step = { id: 'a', title: 'a', explain: 'a', run };
    const throwing: Step = {
      ...plain,
      prepare: () => {
        throw new Error('no worker today');
      },
    };
    const [a, b] = await Promise.all([runCase(xor, [theoremOf([plain])]), runCase(xor, [theoremOf([throwing])])]);
    expect(b.results[0]!.steps.map(({ ms: _ms, ...s }) => s)).toEqual(a.results[0]!.steps.map(({ ms: _ms, ...s }) => s));
  });

  it("gives Theorem 4.1's smoothness step, prepared, the evidence the in-thread procedure gives", async () => {
    // the first smoothness decision in this file: its nerdamer limits come from the worker. σ = t·log(1 + t)
    // for t > 0 has no flat factor, so its limits at 0⁺ are computer algebra's: C¹ but not C².
    const t41 = findTheorem('4.1')!;
    expect(t41.steps.find((s) => s.id === 'activation-smooth')!.prepare).toBeTypeOf('function');
    const c = { ...xor, model: { ...xor.model, activation: { name: 'root', positive: 't*log(1+t)' } } } as typeof xor;
    const cert = await runCase(c, [t41]);
    const smooth = cert.results[0]!.steps.find((s) => s.id === 'activation-smooth')!;
    // computer algebra's limits are not a proof the kernel accepts: the failure is reported, as unknown
    expect(smooth.verdict).toBe('unknown');
    expect(smooth.summary).toMatch(/C\^1 but not C\^2/);
    expect(smooth.summary).toMatch(/kernel could not confirm/);
    const limits = smooth.data['limits'] as { order: number; value: number; rigor: string; how: string }[];
    expect(limits.map(({ how: _how, ...l }) => l)).toEqual([
      { order: 0, value: 0, rigor: 'symbolic' },
      { order: 1, value: 0, rigor: 'symbolic' },
      { order: 2, value: 2, rigor: 'symbolic' },
    ]);
    for (const l of limits) expect(l.how).toMatch(/^nerdamer: [02], mathjs at small t: /);
  });
});
