import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../../src/models/case.js';
import type { Evidence } from '../../../src/proof/types.js';
import { Workspace } from '../../../src/workspace/workspace.js';
import { smoothModel } from '../../../theorems/steps/smooth.js';

async function smoothness(output: string, point: Record<string, number>, x: number[] = [1, 2]): Promise<Evidence> {
  const c = caseFromObject(
    {
      data: { x: x.map((v) => [v]), y: x.map(() => 0) },
      model: { kind: 'expression', params: Object.keys(point), inputs: ['x'], output },
      point: { params: point },
      seed: 1,
    },
    '',
  );
  return smoothModel.run({ case: c, ws: new Workspace(c), progress: () => {} });
}

describe('smooth-model on expression models', () => {
  it.each([
    // formula, point, verdict, rigor, words in the summary
    ['a*b*x + exp(a)*sin(b*x)', { a: 1, b: 2 }, 'holds', 'exact', /C\^∞ on all of ℝ\^2/],
    ['a*x^3 - b^2 + tanh(a*b) + sigmoid(x)', { a: 1, b: 2 }, 'holds', 'exact', /only \+, −, ×/],
    ['abs(a)*x + b', { a: 1, b: 2 }, 'fails', 'exact', /abs\(a\) is not differentiable where a = 0/],
    ['sqrt(a^2 + 1)*x + b', { a: 1, b: 0 }, 'holds', 'interval', /C\^∞ on all of ℝ\^2: a\^2\+1 > 0/],
    ['abs(a^2 + 1)*x + b', { a: 0, b: 1 }, 'holds', 'interval', /C\^∞ on all of ℝ\^2: a\^2\+1 ≠ 0/],
    ['0*sqrt(a - 0.5) + b*x', { a: 0.25, b: 1 }, 'fails', 'interval', /the point is outside/],
    ['log(a)*x + b', { a: 2, b: 0 }, 'holds', 'interval', /at the point for all 2 inputs/],
    ['log(a)*x + b', { a: -1, b: 0 }, 'fails', 'interval', /the point is outside/],
    ['a/(x - b)', { a: 1, b: 1 }, 'fails', 'interval', /outside/],
    ['a/(x - b)', { a: 1, b: 5 }, 'holds', 'interval', /≠ 0/],
  ] as const)('%s at %j: %s (%s)', async (output, point, verdict, rigor, words) => {
    const e = await smoothness(output, point);
    expect(e.verdict).toBe(verdict);
    expect(e.rigor).toBe(rigor);
    expect(e.summary).toMatch(words);
  });
});

describe('smooth-model on networks', () => {
  it.each([
    ['smoolu', 'holds'],
    ['tanh', 'holds'],
    ['relu', 'fails'],
  ] as const)('σ = %s: %s', async (activation, verdict) => {
    const c = caseFromObject({ data: { x: [[0], [1]], y: [0, 1] }, model: { kind: 'mlp', hidden: [2], activation }, point: 'search', seed: 1 }, '');
    const e = await smoothModel.run({ case: c, ws: new Workspace(c), progress: () => {} });
    expect(e.verdict).toBe(verdict);
    expect(e.summary).toContain(`σ = ${activation}`);
  });
});
