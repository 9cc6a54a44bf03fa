import { describe, expect, it } from 'vitest';
import { matrixOf, matrixView } from '../../../src/render/terminal/matrix.js';

describe('matrixOf', () => {
  it('reads a grid of numbers or exact text, or a flat row-major matrix', () => {
    expect(matrixOf([[1, '1/2'], [0, 3]])).toEqual([[1, '1/2'], [0, 3]]);
    expect(matrixOf({ rows: 2, cols: 2, values: [1, 0, 0, 1] })).toEqual([[1, 0], [0, 1]]);
  });

  it.each([[[1, 2]], [[[1, 2], [3]]], [[['a', 1]]], [[]], [{ rows: 2, cols: 2, values: [1] }]])('rejects %j', (v) =>
    expect(matrixOf(v)).toBeUndefined(),
  );
});

describe('matrixView', () => {
  it('shows a triangular matrix with its zeros as dots above the diagonal', () => {
    const A = [
      [0.368, 0, 0],
      [0.865, 0.368, 0],
      [0.95, 0.865, 0.368],
    ];
    const lines = matrixView(A, 60);
    expect(lines).toEqual([
      '⎡ 0.368      ·      · ⎤', //
      '⎢ 0.865  0.368      · ⎥',
      '⎣  0.95  0.865  0.368 ⎦',
    ]);
  });

  it('falls back to a sign pattern when the entries do not fit', () => {
    const n = 50;
    const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? (j % 2 ? -1 : 1) * 0.123456 * (i + 1) : 0)));
    const lines = matrixView(A, 40, 8);
    expect(lines[0]).toBe(`⎡+${'·'.repeat(34)}…⎤`);
    expect(lines[1]!.startsWith('⎢+−·')).toBe(true);
    expect(lines.join(' ')).toContain('signs: + positive, − negative, · zero; first 35 of 50 columns');
    expect(lines[lines.length - 1]).toBe('… 43 more rows');
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
  });
});
