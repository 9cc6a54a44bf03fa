import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import type { Case } from '../../src/cases/types.js';
import { buildModel } from '../../src/models/index.js';
import { intervalData, intervalModelOf } from '../../src/models/interval-model.js';
import { proveZeroNear, type ZeroProof } from '../../src/models/interval-zero.js';
import { contains } from '../../src/kernel/interval.js';
import { rankAt, onMAt } from '../../src/workspace/jacobian.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { pointOf } from '../../src/workspace/point.js';
import { levenbergMarquardt } from '../../src/points/search.js';

function caseOf(obj: Record<string, unknown>): Case {
  return caseFromObject({ seed: 1, loss: 'sum', ...obj }, 'test.yaml');
}

function prove(c: Case, w: ArrayLike<number>): ZeroProof {
  const model = buildModel(c.model, c.data.m, c.data.k);
  return proveZeroNear(
    { model, interval: intervalModelOf(model, c.model), data: intervalData(c.data.xExact, c.data.yExact), xFloat: c.data.x },
    Float64Array.from(w),
  );
}

const product = (y: number | string) =>
  caseOf({ data: { x: [[1]], y: [y] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' }, point: 'search' });

describe('proveZeroNear', () => {
  it('proves a zero of w1·w2·x − 1/10 next to a float point, with the exact zero inside the box', () => {
    const c = product('0.1');
    const p = prove(c, [1, 0.1 + 1e-14]);
    expect(p.status).toBe('proven');
    if (p.status !== 'proven') return;
    // the held coordinate stays a point; along the other, w1·w2 = 1/10 exactly somewhere in the box
    const free = p.columns[0]!;
    const held = 1 - free;
    expect(p.box[held]!.lo).toBe(p.box[held]!.hi);
    const other = p.box[held]!.lo;
    expect(contains(p.box[free]!, 0.1 / other)).toBe(true);
    expect(p.tried[0]!.rho).toBe(1e-12);
  });

  it('a point on the critical set of w1·w2·x is unknown, with the reason', () => {
    const p = prove(product(0), [0, 0]);
    expect(p).toMatchObject({ status: 'unknown', reason: 'singular' });
    if (p.status === 'unknown') expect(p.detail).toMatch(/critical/);
  });

  it('a given point far from M fails, and says so', () => {
    const p = prove(product('0.1'), [1, 0.5]);
    expect(p.status).toBe('unknown');
    if (p.status === 'unknown') expect(p.detail).toMatch(/too far from M/);
  });

  it('proves the point a Levenberg–Marquardt run finds for XOR with a smooLU layer', () => {
    const c = caseOf({
      data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
      model: { kind: 'mlp', hidden: [4], activation: 'smoolu' },
      point: 'search',
    });
    const model = buildModel(c.model, c.data.m, c.data.k);
    const start = Float64Array.from({ length: model.n }, (_, j) => Math.sin(j + 1));
    const lm = levenbergMarquardt(model, { x: c.data.x, y: c.data.y }, start);
    expect(lm.converged).toBe(true);
    const p = prove(c, lm.w);
    expect(p.status).toBe('proven');
    if (p.status === 'proven') {
      expect(p.columns).toHaveLength(4);
      expect(p.maxWidth).toBeLessThan(1e-8);
    }
  });

  it('refuses a model with fewer parameters than equations', () => {
    const c = caseOf({ data: { x: [[1], [2]], y: [1, 2] }, model: { kind: 'expression', params: ['a'], inputs: ['x'], output: 'a*x' }, point: 'search' });
    expect(prove(c, [1])).toMatchObject({ status: 'unknown', reason: 'too-few-parameters' });
  });
});

describe('the case point gets its enclosure', () => {
  it('search: the enclosure makes the residual and the rank interval, the box holds the float point', () => {
    const ws = new Workspace(product('0.1'));
    const p = pointOf(ws);
    expect(p.found && p.enclosure !== undefined).toBe(true);
    if (!p.found || p.enclosure === undefined) return;
    p.enclosure.forEach((iv, j) => expect(contains(iv, p.values[j]!)).toBe(true));
    expect(onMAt(ws)).toMatchObject({ verdict: 'holds', rigor: 'interval', how: 'enclosure' });
    expect(rankAt(ws)).toMatchObject({ full: true, rigor: 'interval', method: 'interval' });
  });

  it('a given point where F vanishes exactly keeps its exact certificates (no enclosure)', () => {
    const ws = new Workspace(
      caseOf({ data: { x: [[1]], y: [0.5] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x' }, point: { params: { w1: 1, w2: 0.5 } } }),
    );
    const p = pointOf(ws);
    expect(p.found && p.enclosure).toBeUndefined();
    expect(rankAt(ws)).toMatchObject({ rigor: 'exact', method: 'exact-jacobian' });
  });

  it('a given point off M gets no enclosure; the float rank says why there is no interval proof', () => {
    const ws = new Workspace(
      caseOf({ data: { x: [[1]], y: ['0.1'] }, model: { kind: 'expression', params: ['w1', 'w2'], inputs: ['x'], output: 'w1*w2*x + 0*exp(w1)' }, point: { params: { w1: 1, w2: 0.5 } } }),
    );
    const p = pointOf(ws);
    expect(p.found && p.enclosure).toBeUndefined();
    if (p.found) expect(p.summary).toMatch(/no enclosure proven/);
    expect(onMAt(ws)?.verdict).toBe('unknown');
  });
});
