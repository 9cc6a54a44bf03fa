import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../src/cases/types.js';
import { compileActivation } from '../../src/models/activation.js';
import { activationReport, type ActivationReport } from '../../src/symbolic/activation-props.js';
import type { Verdict } from '../../src/proof/types.js';

type Row = [label: string, spec: ActivationSpec, expected: Partial<Record<keyof ActivationReport, Verdict>>];

const bump: ActivationSpec = { name: 'bump', positive: 'exp(-1/t - t)' };

const TABLE: Row[] = [
  ['smoolu', 'smoolu', { vanishes: 'holds', positive: 'holds', increasing: 'holds', smooth: 'holds', rectified: 'holds' }],
  ['relu', 'relu', { vanishes: 'holds', positive: 'holds', increasing: 'holds', smooth: 'fails', rectified: 'holds' }],
  ['tanh', 'tanh', { vanishes: 'fails', positive: 'holds', increasing: 'holds', smooth: 'holds', rectified: 'fails' }],
  ['sigmoid', 'sigmoid', { vanishes: 'fails', positive: 'holds', increasing: 'holds', smooth: 'holds', rectified: 'fails' }],
  ['softplus', 'softplus', { vanishes: 'fails', positive: 'holds', increasing: 'holds', smooth: 'holds', rectified: 'fails' }],
  ['swish', 'swish', { vanishes: 'fails', smooth: 'holds', rectified: 'fails' }],
  ['exp(-1/t - t) as positive form', bump, { vanishes: 'holds', positive: 'holds', increasing: 'fails', smooth: 'holds', rectified: 'fails' }],
  ['t^3 as expr', { name: 'cubic', expr: 't^3' }, { vanishes: 'fails', positive: 'holds', increasing: 'holds', smooth: 'holds', rectified: 'fails' }],
  ['t^2 as positive form', { name: 'sq', positive: 't^2' }, { vanishes: 'holds', increasing: 'holds', smooth: 'fails', rectified: 'holds' }],
  ['1 + t as positive form', { name: 'jump', positive: '1 + t' }, { smooth: 'fails', rectified: 'fails' }],
  ['0 as positive form', { name: 'zero', positive: '0' }, { positive: 'fails', increasing: 'fails', smooth: 'holds', rectified: 'holds' }],
  ['relu through abs', { name: 'relu2', expr: '(t + abs(t))/2' }, { vanishes: 'holds', positive: 'holds', rectified: 'holds' }],
  ['t - 1 as positive form', { name: 'shift', positive: 't - 1' }, { positive: 'fails', smooth: 'fails', rectified: 'fails' }],
  ['t*log(1+t) as positive form', { name: 'tlog', positive: 't*log(1+t)' }, { positive: 'holds', increasing: 'holds', smooth: 'fails' }],
  ['sin(t) as positive form', { name: 'wave', positive: 'sin(t)' }, { positive: 'fails', increasing: 'fails' }],
];

describe('activationReport', () => {
  it.each(TABLE)('%s', (_label, spec, expected) => {
    const report = activationReport(compileActivation(spec));
    for (const [key, verdict] of Object.entries(expected) as [keyof ActivationReport, Verdict][]) {
      expect({ key, verdict: report[key].verdict, summary: report[key].summary }).toMatchObject({ key, verdict });
    }
  });

  it('gives the witnesses of the paper’s examples', () => {
    const tanh = activationReport(compileActivation('tanh')).vanishes;
    expect(tanh.rigor).toBe('interval');
    expect(tanh.data['witness']).toMatchObject({ t: -1 });
    expect(tanh.summary).toContain('-0.7616');

    const softplus = activationReport(compileActivation('softplus')).vanishes;
    expect(softplus.summary).toContain('0.3133');

    const b = activationReport(compileActivation(bump)).increasing;
    expect(b.rigor).toBe('interval');
    const w = b.data['witness'] as { a: number; b: number; sigmaA: number; sigmaB: number };
    expect(w.a).toBeLessThan(w.b);
    expect(w.sigmaA).toBeGreaterThan(w.sigmaB);
    // σ′ changes sign at t = 1 (σ′ = σ·(1/t² − 1))
    expect((b.data['signChanges'] as number[])[0]).toBeCloseTo(1, 9);

    const relu = activationReport(compileActivation('relu')).smooth;
    expect(relu.summary).toMatch(/not C\^1/);
    expect(relu.summary).toMatch(/0 \(left\) and 1 \(right\)/);
  });

  it('grades by how each property was decided', () => {
    const s = activationReport(compileActivation('smoolu'));
    expect(s.vanishes.rigor).toBe('exact');
    expect(s.positive.rigor).toBe('exact');
    expect(s.increasing.rigor).toBe('exact');
    expect(s.smooth.rigor).toBe('cited');
    expect(s.smooth.data['order']).toBe('infinity');
    // the flat factor e^(−1/t) decides every limit by the lemma, checked in float at small t
    const limits = s.smooth.data['limits'] as { order: number; value: number; rigor: string }[];
    expect(limits.map((l) => l.rigor)).toEqual(['cited', 'cited', 'cited', 'cited']);
    expect(limits.every((l) => l.value === 0)).toBe(true);
    expect(s.smooth.data['flatFactor']).toBe('exp(-1/t)');
  });

  it('decides a form without a flat factor by the computer-algebra limits', () => {
    // t·log(1 + t) for t > 0: C¹ but not C², by the one-sided second derivatives 0 and 2 (nerdamer, checked by mathjs)
    const s = activationReport(compileActivation({ name: 'tlog', positive: 't*log(1+t)' })).smooth;
    expect(s.verdict).toBe('fails');
    expect(s.summary).toMatch(/C\^1 but not C\^2/);
    const limits = s.data['limits'] as { order: number; value: number; rigor: string }[];
    expect(limits.map((l) => [l.value, l.rigor])).toEqual([
      [0, 'symbolic'],
      [0, 'symbolic'],
      [2, 'symbolic'],
    ]);
  });

  it('does not vanish for t^3 with a proven witness', () => {
    const r = activationReport(compileActivation({ name: 'cubic', expr: 't^3' })).vanishes;
    expect(r.verdict).toBe('fails');
    expect(r.data['witness']).toMatchObject({ t: -1, value: -1 });
  });

  it('is memoized per activation', () => {
    const a = compileActivation('tanh');
    expect(activationReport(a)).toBe(activationReport(a));
    expect(activationReport(compileActivation('tanh'))).toBe(activationReport(a));
  });

  it('drops to float when a tail can only be sampled', () => {
    // σ′ = 1 + cos t vanishes at t = π: no interval proof of σ′ > 0, but it is ≥ 0
    const r = activationReport(compileActivation({ name: 'wiggle', positive: 't + sin(t)' })).increasing;
    expect(r.verdict).toBe('holds');
    expect(r.rigor).toBe('float');
  });
});
