import { describe, expect, it } from 'vitest';
import { numberLine } from '../../../src/render/terminal/number-line.js';

const colOf = (line: string, ch: string): number[] => [...line].flatMap((c, i) => (c === ch ? [i] : []));

describe('numberLine', () => {
  it('puts each bias between the sorted projections, in order along the axis', () => {
    const lines = numberLine({ t: [2, 0, 3, 1], beta: [-0.5, 0.5, 1.5, 2.5] }, 60);
    const axis = lines[1]!;
    const ts = colOf(axis, '●');
    const bs = colOf(axis, '│');
    expect(ts).toHaveLength(4);
    expect(bs).toHaveLength(4);
    // β₁ < t₁ < β₂ < t₂ < β₃ < t₃ < β₄ < t₄
    const merged = [...ts.map((c) => ({ c, k: 't' })), ...bs.map((c) => ({ c, k: 'b' }))].sort((a, b) => a.c - b.c);
    expect(merged.map((m) => m.k).join('')).toBe('btbtbtbt');
    expect(lines[0]).toContain('β₁');
    expect(lines[2]).toContain('t₄');
    expect(lines.some((l) => l.startsWith('t (sorted) = 0, 1, 2, 3'))).toBe(true);
    expect(lines.some((l) => l.startsWith('β = −0.5, 0.5, 1.5, 2.5'))).toBe(true);
    for (const l of lines) expect([...l].length).toBeLessThan(60);
  });

  it('shows a bias equal to a projection as the projection, and keeps its label', () => {
    const lines = numberLine({ t: [0, 1, 2], beta: [-1, 0, 1] }, 40);
    expect(colOf(lines[1]!, '●')).toHaveLength(3);
    expect(colOf(lines[1]!, '│')).toHaveLength(1);
    expect(lines[0]).toContain('β₃');
  });

  it('writes exact values as given and drops labels that would collide', () => {
    const t = Array.from({ length: 40 }, (_, i) => i);
    const lines = numberLine({ t, beta: t.map((x) => x - 0.5), tText: t.map((x) => `${x}/1`) }, 50);
    expect(lines.some((l) => l.includes('labels left out'))).toBe(true);
    expect(lines.some((l) => l.includes('(40 values)'))).toBe(true);
    expect(lines.some((l) => l.startsWith('t (sorted) = 0/1, 1/1'))).toBe(true);
  });
});
