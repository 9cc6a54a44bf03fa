import { describe, expect, it } from 'vitest';
import { evidenceLines, picturesOf } from '../../../src/ui/charts/pick.js';

describe('picturesOf', () => {
  it('draws the number line from projections and biases', () => {
    const { pictures, used } = picturesOf({ a: [1, 2], projections: [0, 1, 2, 3], biases: ['-1/2', '1/2', '3/2', '5/2'] }, 60);
    expect(pictures).toHaveLength(1);
    expect(pictures[0]!.title).toContain('projections');
    expect(pictures[0]!.lines.join('\n')).toContain('β = -1/2, 1/2, 3/2, 5/2');
    expect([...used].sort()).toEqual(['biases', 'projections']);
  });

  it('draws the spectrum with the counts beside it, and one level down', () => {
    const { pictures, used } = picturesOf({ hessian: { eigenvalues: [2, 1, 0, 0], positive: 2, zero: 2, negative: 0 } }, 60);
    expect(pictures[0]!.title).toContain('hessian.eigenvalues');
    expect(pictures[0]!.lines).toContain(' zero (2)');
    expect(used.has('hessian.eigenvalues')).toBe(true);
  });

  it('reads a spectrum object holding its own counts and tolerance', () => {
    const { pictures } = picturesOf({ spectrum: { values: [3, 1e-9, -2], tol: 1e-6 } }, 60);
    expect(pictures[0]!.lines.join(' ').replace(/\s+/g, ' ')).toContain("the step's tolerance");
    expect(pictures[0]!.lines).toContain(' negative (1)');
  });

  it('shows any matrix-valued entry as a matrix, but not single rows', () => {
    const { pictures, used } = picturesOf({ A: [[1, 0], [2, 3]], v: [[1, 2]], J: { rows: 2, cols: 2, values: [1, 0, 0, 1] } }, 60);
    expect(pictures.map((p) => p.title)).toEqual(['A (2 × 2)', 'J (2 × 2)']);
    expect(used.has('v')).toBe(false);
  });

  it('draws nothing for data without pictures', () => {
    expect(picturesOf({ d: 4, note: 'x' }, 60).pictures).toEqual([]);
  });
});

describe('evidenceLines', () => {
  it('lists what no picture used, one level of nesting flattened', () => {
    const lines = evidenceLines({ n: 17, dk: 4, A: [[1]], point: { method: 'construct', maxV: 2.5 } }, new Set(['A']), 60);
    expect(lines).toEqual(['n = 17', 'dk = 4', 'point.method = construct', 'point.maxV = 2.5']);
  });

  it('cuts long lists with a count and wraps long text', () => {
    const lines = evidenceLines({ v: Array.from({ length: 100 }, (_, i) => i / 7), f: 'v1*smoolu(w11*x1 + w12*x2 + b1) + v2*smoolu(w21*x1 + w22*x2 + b2)' }, new Set(), 40);
    expect(lines[0]).toMatch(/^v = \[0, 0\.1429, .*… \(100 values\)\]$/);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
  });
});
