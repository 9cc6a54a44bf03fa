/**
 * The default point (no `point:` in the case), as SPEC.md says: construct where the construction
 * applies, else search. A tanh network has no construction (σ does not vanish on t ≤ 0), so its
 * default point is a searched one; an explicit `point: construct` still reports that it does not
 * apply, and a smoolu network's default stays the construction.
 */
import { describe, expect, it } from 'vitest';
import { caseFromObject } from '../../src/models/case.js';
import { pointOf } from '../../src/workspace/point.js';
import { Workspace } from '../../src/workspace/workspace.js';
import { caseFacts } from '../../src/ui/case-facts.js';

const xor = (activation: string, point?: string) =>
  caseFromObject(
    {
      name: `xor-${activation}`,
      data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
      model: { kind: 'mlp', hidden: [4], activation },
      ...(point !== undefined ? { point } : {}),
    },
    'memory.yaml',
  );

describe('the default point', () => {
  it.each(['tanh', 'softplus'])('is searched where the construction does not apply (%s)', (activation) => {
    const p = pointOf(new Workspace(xor(activation)));
    expect(p.found).toBe(true);
    expect(p.method).toBe('search');
    if (p.found) expect(p.summary).toMatch(/no construction here .*searched instead/);
  });

  it('is the construction where it applies (smoolu)', () => {
    const p = pointOf(new Workspace(xor('smoolu')));
    expect(p.found).toBe(true);
    expect(p.method).toBe('construct');
  });

  it('is named as what it is in the walkthrough header', () => {
    const c = xor('tanh');
    expect(caseFacts(c, new Workspace(c)).point).toBe('construct, else search');
    const given = xor('tanh', 'search');
    expect(caseFacts(given, new Workspace(given)).point).toBe('search');
  });

  it('does not replace an explicit point: construct', () => {
    const c = xor('tanh', 'construct');
    expect(c.point).toEqual({ kind: 'construct' });
    const p = pointOf(new Workspace(c));
    expect(p.found).toBe(false);
    expect(p.method).toBe('construct');
  });
});
