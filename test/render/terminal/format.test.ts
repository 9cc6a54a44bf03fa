import { describe, expect, it } from 'vitest';
import { cells, fmtNum, numberOf, numbersOf, prettySpaces, subscript, superscript, truncate, wrapText } from '../../../src/render/terminal/format.js';

describe('fmtNum', () => {
  it.each([
    [0, '0'],
    [12, '12'],
    [-3, '−3'],
    [0.5, '0.5'],
    [3.14159, '3.14'],
    [1.2e-7, '1.2e-7'],
    [-400000, '−400000'],
    [-4.5e6, '−4.5e+6'],
    [2.5e6, '2.5e+6'],
    [Infinity, '∞'],
    [NaN, 'NaN'],
  ])('%s → %s', (x, text) => expect(fmtNum(x)).toBe(text));
});

describe('numberOf', () => {
  it.each([
    [3, 3],
    ['3/4', 0.75],
    ['-1/2', -0.5],
    ['0.1', 0.1],
    ['2.5e-3', 0.0025],
    ['x', undefined],
    [null, undefined],
    [[1], undefined],
  ] as const)('%j → %s', (v, n) => expect(numberOf(v)).toBe(n));

  it('reads a list only when every entry is a number', () => {
    expect(numbersOf([1, '1/2', '0.25'])).toEqual([1, 0.5, 0.25]);
    expect(numbersOf([1, 'a'])).toBeUndefined();
    expect(numbersOf(3)).toBeUndefined();
  });
});

describe('text helpers', () => {
  it('writes sub- and superscripts', () => {
    expect(subscript(12)).toBe('₁₂');
    expect(superscript(17)).toBe('¹⁷');
  });

  it('writes the dimension of ℝⁿ as a superscript', () => {
    expect(prettySpaces('M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold; F: ℝⁿ → ℝ^(d·k)')).toBe(
      'M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold; F: ℝⁿ → ℝ^(d·k)',
    );
  });

  it('truncates with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('wraps at word boundaries and cuts words longer than the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a\n\nb', 10)).toEqual(['a', '', 'b']);
    for (const line of wrapText('M ⊂ ℝ¹⁷ is a smooth 13-dimensional manifold near the constructed point', 20)) {
      expect(cells(line)).toBeLessThanOrEqual(20);
    }
  });
});
