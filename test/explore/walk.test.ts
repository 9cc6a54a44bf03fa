import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import type { Case } from '../../src/cases/types.js';
import { walkAlongM, type Heading } from '../../src/explore/walk.js';
import { buildModel } from '../../src/models/index.js';
import { pointOf } from '../../src/workspace/point.js';
import { residualTolerance } from '../../src/points/search.js';
import { Workspace } from '../../src/workspace/workspace.js';

function setup(file: string) {
  const c: Case = loadCase(file);
  const model = buildModel(c.model, c.data.m, c.data.k);
  const data = { x: c.data.x, y: c.data.y };
  const p = pointOf(new Workspace(c));
  if (!p.found) throw new Error(`no point on ${file}`);
  const ySquared = c.data.y.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0);
  return { c, model, data, w0: p.values, tol: residualTolerance(data), bound: 1e-20 * (1 + ySquared), dk: c.data.d * c.data.k };
}

const STEADY: Heading = { kind: 'steady' };

describe('walking along M keeps the loss at rounding level and the rank at d·k', () => {
  it.each([
    ['cases/xor.yaml', 25],
    ['cases/product-generic.yaml', 40],
    ['cases/sphere-cylinder.yaml', 40],
    ['cases/two-outputs.yaml', 30],
    ['cases/dag-skip.yaml', 30],
    ['cases/deep-smoolu.yaml', 15],
  ])('%s, %i steps', (file, steps) => {
    const { model, data, w0, tol, bound, dk } = setup(file);
    const r = walkAlongM(model, data, w0, { steps, seed: 1, heading: STEADY, tol });
    expect(r.stopped).toBeUndefined();
    expect(r.completed).toBe(true);
    expect(r.points).toHaveLength(steps + 1);
    for (const p of r.points) {
      expect(p.loss).toBeLessThan(bound);
      expect(p.residual).toBeLessThanOrEqual(tol);
      expect(p.rank).toBe(dk);
      expect(p.sigmaMin).toBeGreaterThan(p.rankTol);
    }
    // It moves: the path length grows every step, and the end is away from the start.
    for (let i = 1; i < r.points.length; i++) expect(r.points[i]!.distance).toBeGreaterThan(r.points[i - 1]!.distance);
    expect(r.points[steps]!.displacement).toBeGreaterThan(0.1);
  });
});

describe('the walk on the sphere–cylinder curve', () => {
  const { model, data, w0, tol } = setup('cases/sphere-cylinder.yaml');

  it('stays on both surfaces, to rounding, all the way', () => {
    const r = walkAlongM(model, data, w0, { steps: 60, seed: 3, heading: STEADY, tol });
    for (const p of r.points) {
      const [a, b, c] = Array.from(p.w);
      expect(Math.abs(a! ** 2 + b! ** 2 + c! ** 2 - 3.5)).toBeLessThan(1e-12);
      expect(Math.abs(a! ** 2 + b! ** 2 - 2 * a! - 0.25)).toBeLessThan(1e-12);
    }
  });

  it('goes round the closed curve: with a steady heading it comes back near the start', () => {
    const r = walkAlongM(model, data, w0, { steps: 80, seed: 1, heading: STEADY, tol });
    const later = r.points.slice(10);
    expect(Math.min(...later.map((p) => p.displacement))).toBeLessThan(0.5);
    // A curve is bounded here: the straight-line distance never exceeds the sphere's diameter.
    expect(Math.max(...r.points.map((p) => p.displacement))).toBeLessThanOrEqual(2 * Math.sqrt(3.5) + 1e-9);
  });

  it('is replayable: the same seed gives the same path, another seed another one', () => {
    const a = walkAlongM(model, data, w0, { steps: 10, seed: 7, heading: { kind: 'random' }, tol });
    const b = walkAlongM(model, data, w0, { steps: 10, seed: 7, heading: { kind: 'random' }, tol });
    const c = walkAlongM(model, data, w0, { steps: 10, seed: 8, heading: { kind: 'random' }, tol });
    expect(Array.from(b.points[10]!.w)).toEqual(Array.from(a.points[10]!.w));
    expect(Array.from(c.points[10]!.w)).not.toEqual(Array.from(a.points[10]!.w));
  });
});

describe('headings and refusals', () => {
  it('along w1 on the hyperbola w1·w2 = 0.1: w1 grows every step', () => {
    const { model, data, w0, tol } = setup('cases/product-generic.yaml');
    const r = walkAlongM(model, data, w0, { steps: 10, seed: 1, heading: { kind: 'along', index: 0, name: 'w1' }, tol });
    for (let i = 1; i < r.points.length; i++) expect(r.points[i]!.w[0]!).toBeGreaterThan(r.points[i - 1]!.w[0]!);
    for (const p of r.points) expect(Math.abs(p.w[0]! * p.w[1]! - 0.1)).toBeLessThan(1e-15);
  });

  it('refuses to walk from a critical point, and says why', () => {
    const { model, data, w0, tol } = setup('cases/product-critical.yaml');
    const r = walkAlongM(model, data, w0, { steps: 5, seed: 1, heading: STEADY, tol });
    expect(r.points).toHaveLength(1);
    expect(r.completed).toBe(false);
    expect(r.stopped).toMatch(/rank 0 < d·k = 1 at the start/);
  });

  it('settles a start a hair off M onto it first, and says so', () => {
    const { model, data, tol } = setup('cases/product-generic.yaml');
    const r = walkAlongM(model, data, Float64Array.of(1, 0.1 + 1e-9), { steps: 3, seed: 1, heading: STEADY, tol });
    expect(r.completed).toBe(true);
    expect(r.settled).toBeDefined();
    expect(r.settled!.from).toBeGreaterThan(tol);
    expect(r.settled!.to).toBeLessThanOrEqual(tol);
    expect(r.settled!.moved).toBeLessThan(1e-8);
    expect(r.tol).toBe(tol);
    expect(r.points[0]!.residual).toBeLessThanOrEqual(tol);
  });

  it('refuses to walk from a point that is not on M', () => {
    const { model, data, tol } = setup('cases/product-generic.yaml');
    const r = walkAlongM(model, data, Float64Array.of(1, 1), { steps: 5, seed: 1, heading: STEADY, tol });
    expect(r.points).toHaveLength(1);
    expect(r.stopped).toMatch(/not on M/);
  });

  it('stops with a reason when the chosen axis has no tangent part', () => {
    // On the sphere–cylinder curve at a point where the tangent is orthogonal to the w1 axis.
    const { model, data, tol } = setup('cases/sphere-cylinder.yaml');
    // w1 = 1.625, w3 = 0: the tangent there is along w3 (J's rows span the (w1, w2) plane).
    const w2 = Math.sqrt(3.5 - 1.625 ** 2);
    const r = walkAlongM(model, data, Float64Array.of(1.625, w2, 0), { steps: 3, seed: 1, heading: { kind: 'along', index: 0, name: 'w1' }, tol });
    expect(r.stopped).toMatch(/axis of w1 is normal to M/);
  });
});
