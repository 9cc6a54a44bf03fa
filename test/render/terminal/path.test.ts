import { describe, expect, it } from 'vitest';
import { BrailleCanvas, curvePlot, seriesChart } from '../../../src/render/terminal/path.js';

const width = (lines: readonly string[]) => Math.max(...lines.map((l) => [...l].length));

describe('BrailleCanvas', () => {
  it('sets dots in braille order, y up', () => {
    const c = new BrailleCanvas(1, 1);
    c.set(0, 3); // top left: dot 1
    c.set(1, 0); // bottom right: dot 8
    expect(c.lines()).toEqual([String.fromCodePoint(0x2800 + 0x01 + 0x80)]);
    c.set(5, 5); // outside: ignored
    expect(c.lines()).toEqual([String.fromCodePoint(0x2881)]);
  });

  it('draws a line through every cell it crosses, and marks override dots', () => {
    const c = new BrailleCanvas(4, 1);
    c.line(0, 0, 7, 3);
    expect(c.lines()[0]!.split('').every((ch) => ch !== '\u2800')).toBe(true);
    c.mark(0, 0, 'S');
    expect(c.lines()[0]![0]).toBe('S');
  });
});

describe('seriesChart', () => {
  it('labels the y range and the x range, within the width', () => {
    const lines = seriesChart({ values: [1, 2, 3, 2, 1], xLabel: 'step' }, 40, 4);
    expect(lines[0]).toMatch(/^3 ┤/);
    expect(lines[3]).toMatch(/^1 ┤/);
    expect(lines[5]).toMatch(/^ {3}0 +step 4$/);
    expect(width(lines)).toBeLessThanOrEqual(40);
  });

  it('on a log scale gives exact zeros a row of their own, and says how many', () => {
    const lines = seriesChart({ values: [1e-30, 0, 1e-32, 0, 0], log: true }, 50, 5);
    const zeroRow = lines.find((l) => l.trimStart().startsWith('0 ┤'))!;
    expect(zeroRow).toBeDefined();
    expect(zeroRow.slice(zeroRow.indexOf('┤') + 1).replace(/\u2800/g, '')).not.toBe('');
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('3 value(s) exactly 0, on the bottom row');
    expect(lines[0]).toMatch(/^1e-30 ┤/);
  });

  it('draws a flat series mid-chart instead of dividing by zero', () => {
    const lines = seriesChart({ values: [2, 2, 2] }, 30, 4);
    expect(lines.some((l) => /[\u2801-\u28ff]/.test(l))).toBe(true);
  });
});

describe('curvePlot', () => {
  it('draws a circle round, with S and E marked and both axes named', () => {
    const pts = Array.from({ length: 41 }, (_, i) => [Math.cos((i / 40) * 6), Math.sin((i / 40) * 6)] as const);
    const lines = curvePlot({ points: pts, xLabel: 'w1', yLabel: 'w2' }, 60, 12);
    const body = lines.slice(0, -2).map((l) => l.slice(l.indexOf('┤') + 1));
    const text = body.join('\n');
    expect(text).toContain('S');
    expect(text).toContain('E');
    // Equal scales: a circle is about as many dots wide (2 per cell) as tall (4 per cell).
    const cols = [...body[0]!].length;
    expect(Math.abs(cols * 2 - body.length * 4)).toBeLessThanOrEqual(4);
    expect(lines.at(-1)).toContain('w1');
    expect(lines.some((l) => l.trimStart().startsWith('w2 ┤'))).toBe(true);
    expect(width(lines)).toBeLessThanOrEqual(60);
  });
});
