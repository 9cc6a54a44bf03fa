/**
 * The example of docs/adding-a-theorem.md, run as written there: a theorem assembled from the
 * shared steps works at once, and the kernel alone decides whether its verdict can be `certified`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { runCase } from '../../src/proof/runner.js';
import { defineTheorem, type Claims } from '../../src/proof/types.js';
import { hiddenDepth } from '../../src/workspace/construction.js';
import { activationPositive, activationVanishes } from '../../theorems/steps/activation.js';
import {
  biasesInterleave,
  outputWeightsEnclosed,
  projectionSeparates,
  residualZero,
  triangularBlockInvertible,
  widthStep,
} from '../../theorems/steps/construction.js';
import { distinctInputs } from '../../theorems/steps/data.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const fit = defineTheorem({
  id: 'fit',
  title: 'the constructed network fits the data',
  statement: 'One hidden layer of width d, with σ = 0 on t ≤ 0 and σ > 0 on t > 0, fits d distinct points.',
  hypotheses: ['σ(t) = 0 for t ≤ 0', 'σ(t) > 0 for t > 0', 'distinct inputs', 'width at least d'],
  fits: (c) => c.model.kind === 'mlp' && hiddenDepth(c) === 1,
  instantiate: (c) => `a network fits the ${c.data.d} points exactly`,
  steps: [distinctInputs, activationVanishes, activationPositive, widthStep('lemma'), projectionSeparates, biasesInterleave, triangularBlockInvertible, outputWeightsEnclosed, residualZero],
  claims: (results): Claims => (results.get('residual-zero')?.verdict === 'holds' ? { globalMinimum: 0 } : {}),
});

describe('adding a theorem (docs/adding-a-theorem.md)', () => {
  it('the guide shows the same steps this test runs', () => {
    const guide = readFileSync(join(root, 'docs', 'adding-a-theorem.md'), 'utf8');
    for (const s of fit.steps) expect(guide).toContain(s === fit.steps[3] ? "widthStep('lemma')" : camel(s.id));
  });

  it('runs on xor: every step holds with a grade above float, and the verdict waits for the kernel', async () => {
    const cert = await runCase(loadCase(join(root, 'cases', 'xor.yaml')), [fit]);
    const result = cert.results[0]!;
    expect(result.steps.map((s) => s.id)).toEqual(fit.steps.map((s) => s.id));
    for (const s of result.steps) {
      expect(s.verdict, s.id).toBe('holds');
      expect(s.rigor, s.id).not.toBe('float');
    }
    expect(result.verdict).toBe('inconclusive');
  });
});

/** `projection-separates` → `projectionSeparates`; the step constants are named after their ids. */
function camel(id: string): string {
  const special: Record<string, string> = { 'activation-vanishes-nonpositive': 'activationVanishes' };
  return special[id] ?? id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
