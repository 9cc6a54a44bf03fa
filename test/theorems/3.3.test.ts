import { describe, expect, it } from 'vitest';
import theorem3_3 from '../../theorems/3.3.js';
import { loadCase } from '../../src/models/case.js';
import { check, step } from './helpers.js';
import { fileURLToPath } from 'node:url';

const CASES = fileURLToPath(new URL('../../cases/', import.meta.url));

describe('Lemma 3.3 on the case files', () => {
  it.each([
    // case, verdict, the failing step with its rigor (if any)
    ['xor', 'certified', undefined],
    ['iris', 'certified', undefined],
    ['relu-lemma', 'certified', undefined],
    ['dag-layer', 'certified', undefined],
    ['iris-raw', 'fails', ['distinct-inputs', 'exact']],
    ['conflicting-duplicates', 'fails', ['distinct-inputs', 'exact']],
    ['tanh', 'fails', ['activation-vanishes-nonpositive', 'interval']],
    ['narrow', 'fails', ['width-at-least-d', 'exact']],
  ] as const)('%s: %s', async (name, verdict, failing) => {
    const { result } = await check(name, '3.3');
    expect(result.verdict).toBe(verdict);
    const failed = result.steps.filter((s) => s.verdict === 'fails').map((s) => [s.id, s.rigor]);
    expect(failed).toEqual(failing === undefined ? [] : [failing]);
    if (verdict === 'certified') expect(result.claims.globalMinimum).toBe(0);
  });

  it('grades each step as the issue asks: exact signs, interval solve', async () => {
    const { result } = await check('xor', '3.3');
    const grades = Object.fromEntries(result.steps.map((s) => [s.id, s.rigor]));
    expect(grades).toMatchObject({
      'projection-separates': 'exact',
      'biases-interleave': 'exact',
      'triangular-block-invertible': 'exact',
      'output-weights-enclosed': 'interval',
      'residual-zero': 'interval',
      'parameter-count': 'exact',
    });
  });

  it('states both parameter counts: 2d + m and the network\'s n', async () => {
    const { result } = await check('xor', '3.3');
    const p = step(result, 'parameter-count');
    expect(p.data).toMatchObject({ family: 10, network: 17 });
    expect(p.summary).toContain('2d + m');
  });

  it('reports the projection, its exact sorted values and the growth of the solve', async () => {
    const { result } = await check('xor', '3.3');
    const pr = step(result, 'projection-separates');
    expect(pr.data.strategy).toBe('moment');
    expect(pr.data.s).toBe(2);
    expect(pr.data.tSorted).toEqual([0, 16, 32, 48]);
    const v = step(result, 'output-weights-enclosed');
    expect(typeof v.data.maxAbsV).toBe('number');
    expect(v.data.amplification as number).toBeLessThan(100);
    expect(v.data.relativeWidth as number).toBeLessThan(1e-10);
  });

  it('names the duplicate rows of raw iris, 1-based and 0-based, and says their targets agree', async () => {
    const { result } = await check('iris-raw', '3.3');
    const s = step(result, 'distinct-inputs');
    expect(s.summary).toContain('rows 102 and 143');
    expect(s.summary).toContain('0-based 101 and 142');
    expect(s.data.groups).toEqual([{ rows: [102, 143], rows0: [101, 142], targetsAgree: true }]);
    expect(step(result, 'projection-separates').verdict).toBe('skipped');
  });

  it('proves M empty when duplicate inputs have different targets', async () => {
    const { result } = await check('conflicting-duplicates', '3.3');
    const s = step(result, 'distinct-inputs');
    expect(s.data.emptyM).toBe(true);
    expect(s.data.lossLowerBoundExact).toBe('1/2');
  });

  it('gives the witness t and σ(t) for tanh', async () => {
    const { result } = await check('tanh', '3.3');
    const s = step(result, 'activation-vanishes-nonpositive');
    expect(s.summary).toMatch(/σ\(-1\) = -0\.76/);
    expect((s.data.witness as { t: number }).t).toBeLessThanOrEqual(0);
  });

  it('says that the construction does not apply to a narrow layer', async () => {
    const { result } = await check('narrow', '3.3');
    expect(step(result, 'width-at-least-d').summary).toMatch(/width 3 < d = 4.*does not apply/);
  });

  it('fits one-hidden-layer networks only', () => {
    expect(theorem3_3.fits(loadCase(`${CASES}xor.yaml`))).toBe(true);
    expect(theorem3_3.fits(loadCase(`${CASES}dag-layer.yaml`))).toBe(true);
    expect(theorem3_3.fits(loadCase(`${CASES}deep-smoolu.yaml`))).toBe(false);
    expect(theorem3_3.fits(loadCase(`${CASES}two-outputs.yaml`))).toBe(false);
  });
});
