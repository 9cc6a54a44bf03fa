import { describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import { caseAtPoint, lossFunction } from '../../src/explore/at-point.js';
import { exploreWalk, resolveHeading, walkJson } from '../../src/explore/explore-walk.js';
import { drawsPath, renderWalk, widestCoordinates } from '../../src/explore/render-walk.js';
import { THEOREMS } from '../../theorems/index.js';

describe('exploreWalk: certified at both ends', () => {
  it('walks the sphere–cylinder curve and certifies the end point with Theorems 2.1 and 2.3', async () => {
    const c = loadCase('cases/sphere-cylinder.yaml');
    const r = await exploreWalk(c, { theorems: THEOREMS, steps: 12 });
    expect(r.start.results.map((x) => [x.theorem, x.verdict])).toEqual([
      ['2.1', 'certified'],
      ['2.3', 'certified'],
    ]);
    expect(r.walk?.completed).toBe(true);
    const end = r.end!;
    expect(end).not.toBeNull();
    // The end certificate is about the walk's last point, and is a real run of the theorems.
    const last = r.walk!.points[12]!;
    expect(end.point?.values).toEqual(Array.from(last.w));
    expect(end.case.name).toBe('sphere-cylinder-walk-end');
    expect(end.case.sha256).not.toBe(c.sha256);
    const t21 = end.results.find((x) => x.theorem === '2.1')!;
    expect(['certified', 'supported']).toContain(t21.verdict);
    expect(t21.claims).toEqual({ manifoldDimension: 1 });
    expect(t21.steps.find((s) => s.id === 'jacobian-full-rank')?.verdict).toBe('holds');
  });

  it('the JSON has the path entries the contract names, and the end certificate', async () => {
    const r = await exploreWalk(loadCase('cases/product-generic.yaml'), { theorems: THEOREMS, steps: 4, heading: 'random' });
    const j = walkJson(r) as { path: Record<string, unknown>[]; end: { format: string } };
    expect(j.path).toHaveLength(5);
    for (const [i, p] of j.path.entries()) {
      expect(Object.keys(p)).toEqual(['step', 'loss', 'rank', 'sigmaMin', 'distance']);
      expect(p.step).toBe(i);
      expect(p.rank).toBe(1);
    }
    expect(j.end.format).toBe('overparam-certificate/1');
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it('a critical start point gives no walk, no end certificate, and the reason', async () => {
    const r = await exploreWalk(loadCase('cases/product-critical.yaml'), { theorems: THEOREMS, steps: 4 });
    expect(r.end).toBeNull();
    expect(r.reason).toMatch(/critical point/);
    expect(r.start.results.some((x) => x.verdict === 'fails')).toBe(true);
    expect(renderWalk(r).join('\n')).toContain('No walk: J has rank 0');
  });

  it('the report shows the table, both charts and, for a curve, the path in a plane', async () => {
    const r = await exploreWalk(loadCase('cases/sphere-cylinder.yaml'), { theorems: THEOREMS, steps: 20 });
    const text = renderWalk(r, { width: 80 });
    const joined = text.join('\n');
    expect(joined).toContain('L = Σ Fᵣ² along the path');
    expect(joined).toContain('σ_min(J) along the path');
    expect(joined).toMatch(/The path in the \(w\d, w\d\) plane/);
    expect(joined).toContain('d·k = 2');
    expect(joined).toContain('The end point, certified on its own');
    // Charts keep to the width (certificate lines are printed whole).
    const chartEnd = text.findIndex((l) => l.startsWith('The end point'));
    for (const l of text.slice(0, chartEnd)) expect([...l].length).toBeLessThanOrEqual(80);
  });
});

describe('helpers', () => {
  it('resolveHeading names the parameters when one is unknown', () => {
    expect(resolveHeading(['w1', 'w2'], { along: 'w2' })).toEqual({ kind: 'along', index: 1, name: 'w2' });
    expect(resolveHeading(['w1', 'w2'], 'random')).toEqual({ kind: 'random' });
    expect(resolveHeading(['w1', 'w2'], { along: 'w3' })).toEqual({ error: 'the model has no parameter "w3" (its parameters: w1, w2)' });
  });

  it('lossFunction follows the case loss', () => {
    const F = Float64Array.of(1, -2);
    expect(lossFunction({ kind: 'sum' }, 2)(F)).toBe(5);
    expect(lossFunction({ kind: 'mean' }, 2)(F)).toBe(2.5);
    expect(lossFunction({ kind: 'abs' }, 2)(F)).toBe(3);
    expect(lossFunction({ kind: 'power', a: 3 }, 2)(F)).toBe(9);
  });

  it('caseAtPoint gives a params point under the model names, with no second perturbation', () => {
    const c = loadCase('cases/product-perturbed.yaml');
    const moved = caseAtPoint(c, ['w1', 'w2'], Float64Array.of(2, 3), 'here');
    expect(moved.point).toEqual({ kind: 'params', values: { w1: 2, w2: 3 } });
    expect(moved.perturb).toBe(0);
    expect(moved.name).toBe('product-perturbed-here');
    expect(moved.theorems).toBeUndefined();
  });

  it('drawsPath and widestCoordinates', () => {
    expect(drawsPath(2, 1)).toBe(true);
    expect(drawsPath(3, 1)).toBe(true);
    expect(drawsPath(5, 4)).toBe(true);
    expect(drawsPath(17, 4)).toBe(false);
    const pts = [Float64Array.of(0, 5, 1), Float64Array.of(0.1, -5, 3)].map((w, step) => ({ step, w }));
    expect(widestCoordinates(pts as never)).toEqual([1, 2]);
  });
});
