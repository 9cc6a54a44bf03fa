import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { runCase } from '../../src/proof/runner.js';
import { findTheorem } from '../../theorems/index.js';
import { check, step } from './helpers.js';

describe('Remark 4.2 on iris, one-hot (k = 3)', () => {
  it('certifies the shared layer and the k copies side by side, codimension k·d', async () => {
    const { result } = await check('iris', '4.2');
    expect(result.verdict).toBe('certified');
    expect(result.claims).toMatchObject({
      codimension: 447,
      manifoldDimension: 748,
      shared: { parameters: 1195, manifoldDimension: 748 },
      copies: { parameters: 3 * 895, manifoldDimension: 3 * 895 - 447 },
    });
    const side = step(result, 'shared-versus-copies');
    expect(side.data).toMatchObject({ shared: { family: 4 + 149 + 3 * 149 }, copies: { family: 3 * (2 * 149 + 4) } });
    expect(step(result, 'jacobian-full-rank').summary).toContain('I_3 ⊗ A');
    expect((step(result, 'copies-fit').data.relativeResiduals as number[]).every((r) => r < 1e-9)).toBe(true);
  });
});

describe('Remark 4.2 on a graph with two outputs', () => {
  it('certifies both readings; each copy keeps the hidden nodes and one output', async () => {
    const hs = ['h1', 'h2', 'h3'];
    const c = caseFromObject(
      {
        data: { x: [[0], [1], [3]], y: [[1, 0], [0, 1], [2, -1]] },
        model: {
          kind: 'dag',
          nodes: ['x', ...hs, 'y1', 'y2'],
          inputs: ['x'],
          outputs: ['y1', 'y2'],
          edges: [...hs.map((h) => ['x', h]), ...hs.flatMap((h) => [[h, 'y1'], [h, 'y2']]), ['x', 'y2']],
          activation: 'smoolu',
        },
        point: 'construct',
      },
      '',
    );
    const cert = await runCase(c, [findTheorem('4.2')!]);
    const result = cert.results[0]!;
    expect(result.verdict).toBe('certified');
    // the case: 10 edges + 5 biases; a copy drops the other output's edges and bias:
    // y1's copy 6 edges + 4 biases, y2's copy (with the skip edge x → y2) 7 + 4
    expect(result.claims).toMatchObject({ codimension: 6, shared: { parameters: 15 }, copies: { parameters: 10 + 11 } });
  });
});
