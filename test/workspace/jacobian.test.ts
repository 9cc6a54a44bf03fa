import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { fromRows, singularValuesJacobi } from '../../src/numeric/linalg.js';
import { exactAtPoint, onMAt, rankAt, singularValuesOf } from '../../src/workspace/jacobian.js';
import { Workspace } from '../../src/workspace/workspace.js';

const wsFor = (obj: Record<string, unknown>) =>
  new Workspace(
    caseFromObject(
      { model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' }, seed: 1, ...obj },
      '',
    ),
  );

describe('the rank of J at the point', () => {
  it.each([
    // targets, point, rank, full, rigor, method
    [[0], { w1: 0, w2: 0 }, 0, false, 'exact', 'exact-jacobian'],
    [[0.5], { w1: 1, w2: 0.5 }, 1, true, 'exact', 'exact-jacobian'],
    [[0], { w1: 0, w2: 3 }, 1, true, 'exact', 'exact-jacobian'],
  ] as const)('y = %j at %j: rank %s', (y, params, rank, full, rigor, method) => {
    const ws = wsFor({ data: { x: [[1]], y }, point: { params } });
    const r = rankAt(ws)!;
    expect([r.rank, r.full, r.rigor, r.method]).toEqual([rank, full, rigor, method]);
  });

  it('proves the rank in intervals where σ is transcendental: the Krawczyk test on the searched point', () => {
    const ws = new Workspace(
      caseFromObject(
        { data: { x: [[0], [1]], y: [0.3, 0.7] }, model: { kind: 'mlp', hidden: [2], activation: 'tanh' }, point: 'search', seed: 2 },
        '',
      ),
    );
    expect(exactAtPoint(ws).ok).toBe(false);
    const r = rankAt(ws)!;
    expect([r.rank, r.full, r.rigor, r.method]).toEqual([2, true, 'interval', 'interval']);
    expect(r.columns?.length).toBe(2);
    expect(r.summary).toMatch(/Krawczyk/);
  });

  it.each([
    // a ReLU unit at its kink for x = 1 (W1·1 + b1 = 0): J is unbounded on every box, and exact σ′(0) is undefined
    [
      'a ReLU kink inside the box',
      { data: { x: [[1], [2]], y: ['0.1', '10.1'] }, model: { kind: 'mlp', hidden: [1], activation: 'relu' }, point: { params: { 'W1[0,0]': 1, 'b1[0]': -1, 'W2[0,0]': 10, 'b2[0]': 0.1 } } },
      'unbounded',
    ],
    // inputs 1e-10 apart: σ_min ≈ 7e-11, so no box contracts, and tanh keeps J from being exact
    [
      'a nearly singular J with tanh',
      {
        data: { x: [[0], ['1e-10']], y: ['0.3', '0.3000000001'] },
        model: { kind: 'expression', params: ['w1', 'w2', 'w3'], inputs: ['x'], output: 'tanh(w1 + w3) + w2*x' },
        point: { params: { w1: Math.atanh(0.3), w2: 1, w3: 0 } },
      },
      'not-contained',
    ],
  ] as const)('falls back to float singular values, with the tolerance, where the interval test fails: %s', (_, obj, reason) => {
    const ws = new Workspace(caseFromObject({ ...obj, seed: 1 }, ''));
    expect(exactAtPoint(ws).ok).toBe(false);
    const r = rankAt(ws)!;
    expect([r.rank, r.full, r.method, r.rigor]).toEqual([2, true, 'float', 'float']);
    expect(r.data.tol as number).toBeGreaterThan(0);
    expect(r.data.sigmaMin as number).toBeGreaterThan(r.data.tol as number);
    expect(r.summary).toMatch(/tol = /);
    expect(r.summary).toMatch(/no interval proof/);
    expect(r.data.intervalProof as string).toMatch(new RegExp(`^${reason}:`));
  });

  it('decides on-M exactly where the model is rational, by an enclosure after a search, else in float with a tolerance', () => {
    const exact = onMAt(wsFor({ data: { x: [[1]], y: [0.5] }, point: { params: { w1: 1, w2: 0.5 } } }))!;
    expect([exact.verdict, exact.rigor, exact.how]).toEqual(['holds', 'exact', 'exact']);
    const off = onMAt(wsFor({ data: { x: [[1]], y: [0.5] }, point: { params: { w1: 1, w2: 0.25 } } }))!;
    expect(off.verdict).toBe('unknown');
    const searched = onMAt(wsFor({ data: { x: [[1]], y: ['0.1'] }, point: 'search' }))!;
    expect([searched.verdict, searched.rigor, searched.how]).toEqual(['holds', 'interval', 'enclosure']);
    const nearlyCritical = onMAt(
      wsFor({
        data: { x: [[0], ['1e-10']], y: ['0.3', '0.3000000001'] },
        model: { kind: 'expression', params: ['w1', 'w2', 'w3'], inputs: ['x'], output: 'tanh(w1 + w3) + w2*x' },
        point: { params: { w1: Math.atanh(0.3), w2: 1, w3: 0 } },
      }),
    )!;
    expect([nearlyCritical.verdict, nearlyCritical.rigor, nearlyCritical.how]).toEqual(['holds', 'float', 'float']);
    expect(nearlyCritical.data.residual as number).toBeLessThanOrEqual(nearlyCritical.data.tol as number);
  });
});

describe('singularValuesOf', () => {
  it('agrees with one-sided Jacobi on small matrices and counts the rank above its tolerance', () => {
    const entry = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((r) => fc.array(fc.array(entry, { minLength: r + 2, maxLength: r + 2 }), { minLength: r, maxLength: r })),
        (rows) => {
          const a = fromRows(rows);
          const sv = singularValuesOf(a);
          const ref = singularValuesJacobi(a);
          sv.values.forEach((v, i) => expect(Math.abs(v - ref[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, ref[0]!)));
          expect(sv.rank).toBe(Array.from(sv.values).filter((v) => v > sv.tol).length);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });
});
