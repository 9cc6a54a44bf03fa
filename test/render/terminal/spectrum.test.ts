import { describe, expect, it } from 'vitest';
import { displayThreshold, groupSpectrum, spectrumChart } from '../../../src/render/terminal/spectrum.js';

const xorLike = [3.2, 1.1, 0.4, 0.02, ...Array.from({ length: 13 }, (_, i) => (i % 2 ? 1 : -1) * 1e-15 * (i + 1))];

describe('groupSpectrum', () => {
  it('takes the groups from the step counts, largest eigenvalues first', () => {
    const { items, basis } = groupSpectrum({ eigenvalues: xorLike, counts: { positive: 4, zero: 13, negative: 0 } });
    expect(items.filter((e) => e.group === 'positive').map((e) => e.value)).toEqual([3.2, 1.1, 0.4, 0.02]);
    expect(items.filter((e) => e.group === 'zero')).toHaveLength(13);
    expect(basis).toContain('step counts');
  });

  it('uses the stated tolerance when there are no counts', () => {
    const { items, basis } = groupSpectrum({ eigenvalues: [2, 1e-3, -1e-9, -0.5], tol: 1e-6 });
    expect(items.map((e) => e.group)).toEqual(['positive', 'positive', 'zero', 'negative']);
    expect(basis).toContain("step's tolerance");
  });

  it('falls back to a display threshold it names', () => {
    const { items, basis } = groupSpectrum({ eigenvalues: [1, 1e-17, 0] });
    expect(items.map((e) => e.group)).toEqual(['positive', 'zero', 'zero']);
    expect(basis).toContain('display threshold');
    expect(displayThreshold([1, 0, 0])).toBeCloseTo(3 * 2 ** -52 * 100);
  });

  it('ignores counts that do not add up to the number of eigenvalues', () => {
    const { basis } = groupSpectrum({ eigenvalues: [1, 2], counts: { positive: 5, zero: 0, negative: 0 } });
    expect(basis).toContain('display threshold');
  });
});

describe('spectrumChart', () => {
  it('draws one bar per eigenvalue, longer for larger |λ| on a log scale, within the width', () => {
    const lines = spectrumChart({ eigenvalues: xorLike, counts: { positive: 4, zero: 13, negative: 0 } }, 60);
    expect(lines[0]).toBe(' positive (4)');
    expect(lines).toContain(' zero (13)');
    const bar = (label: string) => (lines.find((l) => l.includes(label)) ?? '').split('█').length - 1;
    expect(bar('λ₁ ')).toBeGreaterThan(bar('λ₄ '));
    expect(bar('λ₄ ')).toBeGreaterThan(bar('λ₅ '));
    expect(bar('λ₅ ')).toBeGreaterThanOrEqual(1);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('log scale: |λ| from 1e-15 to 3.2; groups as the step counts them');
  });

  it('draws exact zeros without a bar', () => {
    const lines = spectrumChart({ eigenvalues: [4, 0], counts: { positive: 1, zero: 1, negative: 0 } }, 50);
    const zeroRow = lines.find((l) => l.includes('λ₂'))!;
    expect(zeroRow).not.toContain('█');
    expect(zeroRow).toMatch(/ 0\s*$/);
  });

  it('turns many eigenvalues into a histogram by decade', () => {
    const many = [...Array.from({ length: 30 }, (_, i) => 1 + i), ...Array.from({ length: 70 }, () => 1e-14)];
    const lines = spectrumChart({ eigenvalues: many, counts: { positive: 30, zero: 70, negative: 0 } }, 70, 24);
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines.some((l) => l.includes('zero (70), by decade'))).toBe(true);
    expect(lines.some((l) => /1e-14…1e-13\s+70/.test(l))).toBe(true);
    expect(lines.some((l) => /1e0…1e1\s+9 /.test(l))).toBe(true);
  });
});
