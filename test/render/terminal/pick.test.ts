import { describe, expect, it } from 'vitest';
import { evidenceLines, picturesOf } from '../../../src/render/terminal/pick.js';

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

describe('evidenceLines for lists of records and drawings', () => {
  it('draws a list of records as a table', () => {
    const points = [
      { sigmaMin: 0.6766351, sigmaMax: 3.17, start: 1 },
      { sigmaMin: 0.59, sigmaMax: 2.5, start: 2 },
    ];
    expect(evidenceLines({ points }, new Set(), 60)).toEqual(['points (2):', '  sigmaMin  sigmaMax  start', '  0.6766    3.17      1', '  0.59      2.5       2']);
  });

  it('keeps the columns that fit and names the others', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ alpha: i, beta: 'a long piece of text', gamma: i * 2 }));
    const lines = evidenceLines({ rows }, new Set(), 30);
    expect(lines[1]).toBe('  alpha  beta');
    expect(lines).toContain('  … 5 more rows');
    expect(lines).toContain('  (not shown: gamma)');
  });

  it('shows a drawing the step made as it is', () => {
    const plot = ['1 ┤   •', '  ┤ •  ', '0 ┤•   ', '  └────'];
    expect(evidenceLines({ plot }, new Set(), 40)).toEqual(['plot:', ...plot.map((l) => `  ${l}`)]);
  });
});

describe('pictures of what a rank argument gives', () => {
  it('draws the triangular pattern from the diagonal and the zeros above it', () => {
    const { pictures, used } = picturesOf({ d: 3, zerosAboveDiagonal: 3, diagonal: [9.048, 15.03, 15.03] }, 60);
    expect(pictures[0]!.lines).toEqual(['⎡ 9.048      ·      · ⎤', '⎢     ∗  15.03      · ⎥', '⎣     ∗      ∗  15.03 ⎦']);
    expect(used.has('diagonal')).toBe(true);
  });

  it('draws the pattern of a large block from its size and the bound on its diagonal', () => {
    const { pictures } = picturesOf({ d: 149, zerosAboveDiagonal: 11026, diagonalLowerBound: 9.048, diagonal: [9.048, 2521, 626.2] }, 40);
    expect(pictures[0]!.title).toContain('+ ≥ 9.048');
    expect(pictures[0]!.lines[0]).toBe(`⎡+${'·'.repeat(34)}…⎤`);
    expect(pictures[0]!.lines[1]).toBe(`⎢∗+${'·'.repeat(33)}…⎥`);
    expect(pictures[0]!.lines).toContain('… 138 more rows');
  });

  it('does not draw a triangle the zero count does not support', () => {
    expect(picturesOf({ zerosAboveDiagonal: 2, diagonal: [1, 2, 3] }, 60).pictures).toEqual([]);
  });

  it('draws the counts by sign when no eigenvalue was computed, with the proven bound', () => {
    const { pictures } = picturesOf({ positive: 4, zero: 13, negative: 0, minPositiveEigenvalueLowerBound: 9.58708 }, 60);
    expect(pictures[0]!.title).toContain('eigenvalues by sign');
    expect(pictures[0]!.lines[0]).toMatch(/^ positive  4  █+ +each λ ≥ 9\.587$/);
    expect(pictures[0]!.lines[1]).toMatch(/^ zero     13  █+  λ = 0$/);
    expect(pictures[0]!.lines[2]).toBe(' negative  0');
    // With eigenvalues, the spectrum is drawn instead.
    const both = picturesOf({ positive: 1, zero: 1, negative: 0, numeric: { eigenvalues: [2, 0] } }, 60).pictures;
    expect(both.map((p) => p.title)).toEqual(['spectrum (numeric.eigenvalues, 2 eigenvalues)']);
  });

  it('a value the step says is not a rigorous bound is shown as an estimate, never with ≥', () => {
    const { pictures } = picturesOf({ positive: 4, zero: 13, negative: 0, minPositiveEigenvalueLowerBound: 9.58708, rigorousBound: false }, 80);
    expect(pictures[0]!.lines[0]).toMatch(/^ positive  4  █+ +λ > 0, smallest ≈ 9\.587 \(float estimate\)$/);
    expect(pictures[0]!.lines.join('\n')).not.toContain('≥');
    const named = picturesOf({ positive: 4, zero: 13, negative: 0, minPositiveEigenvalueEstimate: 9.58708 }, 80).pictures;
    expect(named[0]!.lines[0]).toContain('smallest ≈ 9.587 (float estimate)');
  });

  it('draws sorted projections alone on a line', () => {
    const { pictures } = picturesOf({ tSorted: [0, 16, 32, 48] }, 60);
    expect(pictures[0]!.lines[0]).toMatch(/^─●─+●─+●─+●─*$/);
    expect(pictures[0]!.lines).toContain('t (sorted) = 0, 16, 32, 48');
  });

  it('writes boxes as intervals, not as a matrix', () => {
    const { pictures, used } = picturesOf({ vEnclosure: [[0.06652, 0.06654], [-1, 1]] }, 80);
    expect(pictures).toEqual([]);
    expect(evidenceLines({ vEnclosure: [[0.06652, 0.06654], [-1, 1]] }, used, 80)).toEqual(['vEnclosure = [0.06652, 0.06654], [−1, 1]']);
  });
});
