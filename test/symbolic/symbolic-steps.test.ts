import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/cases/types.js';
import { Workspace } from '../../src/workspace/workspace.js';
import type { Evidence } from '../../src/proof/types.js';
import { compileExpr, parseExpr } from '../../src/expr/index.js';
import { hessianIdentity, symbolicGradient } from '../../theorems/steps/symbolic.js';
import { makeCase } from './case-helpers.js';

async function run(c: Case): Promise<{ gradient: Evidence; identity: Evidence }> {
  const ws = new Workspace(c);
  const ctx = { case: c, ws, progress: () => {} };
  return { gradient: await symbolicGradient.run(ctx), identity: await hessianIdentity.run(ctx) };
}

const product = { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: ['w1*w2*x'] } as const;

const CASES: [string, Case, Evidence['verdict'], Evidence['verdict']][] = [
  ['w1·w2·x at a given point of M', makeCase({ x: [[1]], y: [2], model: product, point: { kind: 'params', values: { w1: 1, w2: 2 } } }), 'holds', 'holds'],
  [
    'w1·w2·x at a given point off M',
    makeCase({ x: [[1]], y: [2], model: product, point: { kind: 'params', values: { w1: 1, w2: 1 } } }),
    'holds',
    'unknown',
  ],
  [
    'power loss with a = 2 is the square loss',
    makeCase({ x: [[1]], y: [2], model: product, loss: { kind: 'power', a: 2 }, point: { kind: 'params', values: { w1: 1, w2: 2 } } }),
    'holds',
    'holds',
  ],
  [
    'abs loss',
    makeCase({ x: [[1]], y: [2], model: product, loss: { kind: 'abs' }, point: { kind: 'params', values: { w1: 1, w2: 2 } } }),
    'skipped',
    'skipped',
  ],
  [
    'n = 81 > 40',
    makeCase({ x: [[0, 0], [1, 1]], y: [0, 1], model: { kind: 'mlp', hidden: [20], activation: 'tanh' } }),
    'skipped',
    'skipped',
  ],
  [
    'ReLU unit at its kink',
    makeCase({
      x: [[1]],
      y: [0],
      model: { kind: 'mlp', hidden: [1], activation: 'relu' },
      point: { kind: 'params', values: { 'W1[0,0]': 1, 'b1[0]': -1, 'W2[0,0]': 1, 'b2[0]': 0 } },
    }),
    'skipped',
    'skipped',
  ],
];

describe('symbolic-gradient and hessian-identity', () => {
  it.each(CASES)('%s', async (_label, c, g, h) => {
    const r = await run(c);
    expect({ verdict: r.gradient.verdict, summary: r.gradient.summary }).toMatchObject({ verdict: g });
    expect({ verdict: r.identity.verdict, summary: r.identity.summary }).toMatchObject({ verdict: h });
  });

  it('puts L and ∂L/∂w in the certificate as parseable text in identifiers', async () => {
    const c = makeCase({
      x: [[0, 1], [1, 0]],
      y: [1, 0],
      model: { kind: 'mlp', hidden: [2], activation: 'softplus' },
      point: { kind: 'params', values: { 'W1[0,0]': 0.5, 'W1[0,1]': -1, 'W1[1,0]': 2, 'W1[1,1]': 0.25, 'b1[0]': 0, 'b1[1]': -0.5, 'W2[0,0]': 1, 'W2[0,1]': -1, 'b2[0]': 0.1 } },
    });
    const { gradient } = await run(c);
    expect(gradient.verdict).toBe('holds');
    expect(gradient.rigor).toBe('symbolic');
    const texts = gradient.data['gradient'] as Record<string, string>;
    expect(Object.keys(texts)).toEqual(['W1_0_0', 'W1_0_1', 'W1_1_0', 'W1_1_1', 'b1_0', 'b1_1', 'W2_0_0', 'W2_0_1', 'b2_0']);
    const ids = Object.keys(texts);
    const w = Float64Array.of(0.5, -1, 2, 0.25, 0, -0.5, 1, -1, 0.1);
    // the text reads back (through the whitelist parser) to a function; L is a sum of squares ≥ 0
    const L = compileExpr(parseExpr(gradient.data['loss'] as string, ids), ids)(w);
    expect(L).toBeGreaterThan(0);
    // ∂L/∂b2[0] = 2Σ fᵢ: compare the text's value with a central difference of the text of L
    const Ltext = parseExpr(gradient.data['loss'] as string, ids);
    const h = 1e-6;
    const wp = Float64Array.from(w);
    const wm = Float64Array.from(w);
    wp[8]! += h;
    wm[8]! -= h;
    const fd = (compileExpr(Ltext, ids)(wp) - compileExpr(Ltext, ids)(wm)) / (2 * h);
    const g8 = compileExpr(parseExpr(texts['b2_0']!, ids), ids)(w);
    expect(g8).toBeCloseTo(fd, 6);
    expect(gradient.data['lossUnicode']).toContain('W1[0,0]');
    expect(gradient.data['lossLatex']).toContain('W^{(1)}_{0,0}');
  });

  it('shows the second term vanishing on M and alive off it', async () => {
    const { identity } = await run(makeCase({ x: [[1], [2]], y: [2, 4], model: product, point: { kind: 'params', values: { w1: 1, w2: 2 } } }));
    expect(identity.verdict).toBe('holds');
    // w = (1, 2) is on M exactly (rational arithmetic), so the second term is exactly 0 there
    expect(identity.rigor).toBe('symbolic');
    expect(identity.data['curvatureMax']).toBe(0);
    expect((identity.data['offM'] as { curvatureMax: number }).curvatureMax).toBeGreaterThan(0);
  });
});
