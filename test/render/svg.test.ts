import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsSvg } from '../../src/render/svg/counts.js';
import { heatmapSvg, type Cell } from '../../src/render/svg/heatmap.js';
import { linePlotSvg } from '../../src/render/svg/line-plot.js';
import { numberLineSvg } from '../../src/render/svg/number-line.js';
import { classify, spectrumSvg } from '../../src/render/svg/spectrum.js';
import { colour, decadeTicks, esc, niceTicks, num, tickLabels } from '../../src/render/svg/primitives.js';
import { wellFormed } from '../report/xml.js';

/** The rectangles of a picture: position, size and fill. */
function rects(svg: string): { x: number; y: number; w: number; h: number; fill: string }[] {
  return [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]{6})"\/>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    w: Number(m[3]),
    h: Number(m[4]),
    fill: m[5]!,
  }));
}

describe('svg helpers', () => {
  it('escapes what would end an element or an attribute', () => {
    expect(esc(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;');
  });

  it.each([
    [0, '0'],
    [1234.5678, '1230'],
    [0.012345, '0.0123'],
    [-2.5e-7, '−2.5 × 10⁻⁷'],
    [123456, '1.23 × 10⁵'],
    [100000, '10⁵'],
    [-1e-9, '−10⁻⁹'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('num(%d) = %s, never in e-notation', (x, s) => expect(num(x)).toBe(s));

  it('ticks cover the range', () => {
    expect(decadeTicks(-3.2, 2.1)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3]);
    expect(decadeTicks(-30, 4, 8).length).toBeLessThanOrEqual(8);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(niceTicks(-0.01, 0.01, 4)).toContain(0);
  });

  it('colour runs from viridis purple to yellow and clamps', () => {
    expect(colour(0)).toBe('#440154');
    expect(colour(1)).toBe('#fde725');
    expect(colour(-3)).toBe('#440154');
    expect(colour(Number.NaN)).toBe('#440154');
  });
});

describe('spectrum', () => {
  it('classifies by the tolerance: |λ| ≤ tol is zero, whatever its sign', () => {
    expect(classify([-1e-14, 0, 3e-15, 2, 5, -4], 1e-10)).toEqual({ positive: 2, zero: 3, negative: 1 });
  });

  it('draws one dot per value, the tolerance line, and the counts in its name', () => {
    const svg = spectrumSvg({ values: [20393, 426, 63.6, 28, 1.9e-12, -6.2e-14, 0, 3.6e-19], tol: 7.7e-11, what: 'eigenvalues of ∇²L' });
    expect(wellFormed(svg)).toBeUndefined();
    expect(svg.match(/<circle cx/g)).toHaveLength(8 + 3); // 8 values and 3 legend dots
    expect(svg).toContain('aria-label="eigenvalues of ∇²L: 4 positive, 4 zero, 0 negative (tolerance 7.7 × 10⁻¹¹)"');
    expect(svg).toContain('>tolerance 7.7 × 10⁻¹¹<');
    expect(svg).toContain('stroke-dasharray');
  });

  it('copes with all-zero and single-value spectra', () => {
    expect(wellFormed(spectrumSvg({ values: [0, 0, 0], what: 'x' }))).toBeUndefined();
    expect(wellFormed(spectrumSvg({ values: [5], what: 'x' }))).toBeUndefined();
    expect(spectrumSvg({ values: [5], what: 'x' })).not.toMatch(/NaN|Infinity/);
  });
});

describe('counts', () => {
  it('splits one bar by sign in proportion and states the bound', () => {
    const svg = countsSvg({ positive: 4, zero: 12, negative: 0, minPositive: { value: 9.587, proven: true } });
    expect(wellFormed(svg)).toBeUndefined();
    const bars = rects(svg);
    expect(bars).toHaveLength(2);
    expect(bars[1]!.w / bars[0]!.w).toBeCloseTo(3, 6);
    expect(svg).toContain('smallest positive eigenvalue ≥ 9.587 (proven bound)');
  });

  it('a float value of the smallest positive eigenvalue is drawn as an estimate, never as a bound', () => {
    const svg = countsSvg({ positive: 4, zero: 12, negative: 0, minPositive: { value: 9.587, proven: false } });
    expect(svg).toContain('smallest positive eigenvalue ≈ 9.587 (float estimate, not a bound)');
    expect(svg).not.toMatch(/≥|proven/);
  });
});

describe('heatmap', () => {
  const triangular = (d: number, f: (i: number, j: number) => number): Cell[][] =>
    Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (j > i ? 0 : f(i, j))));

  it('prints the entries of a small block and shades no cell above the diagonal', () => {
    const svg = heatmapSvg({ rows: triangular(4, (i, j) => 9 + i + j), title: 'A', rowLabel: 'i', colLabel: 'j' });
    expect(wellFormed(svg)).toBeUndefined();
    expect(svg).toContain('>9<');
    expect(svg).toContain('>15<');
    // Cell rectangles (the first rect is the background; legend swatches are 14 wide).
    const cells = rects(svg).filter((r) => r.w !== 14 && r.h === r.w);
    expect(cells).toHaveLength(10); // 4 + 3 + 2 + 1 cells on or below the diagonal
  });

  it('property: every nonzero cell is covered by exactly one coloured rectangle, and no zero cell is', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((d) =>
          fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), { minLength: d, maxLength: d }), {
            minLength: d,
            maxLength: d,
          }),
        ),
        (rows) => {
          const svg = heatmapSvg({ rows, title: 'A', rowLabel: 'i', colLabel: 'j' });
          const d = rows.length;
          const cell = Math.max(1, Math.min(56, Math.floor(440 / d)));
          const covered = rows.map((r) => r.map(() => 0));
          for (const r of rects(svg)) {
            // Only rectangles inside the grid (left 36, top 28) are cells.
            if (r.x < 36 || r.y < 28 || r.x >= 36 + d * cell || r.y >= 28 + d * cell || r.fill === '#f6f8fa') continue;
            const i = Math.round((r.y - 28) / cell);
            for (let j = Math.round((r.x - 36) / cell); j < Math.round((r.x - 36 + r.w) / cell); j++) covered[i]![j]!++;
          }
          rows.forEach((r, i) => r.forEach((v, j) => expect(covered[i]![j]).toBe(v === 0 ? 0 : 1)));
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });

  it('marks entries that were not computed, with a legend for them', () => {
    const rows: Cell[][] = [
      [2, 0],
      [null, 3],
    ];
    const svg = heatmapSvg({ rows, title: 'A', rowLabel: 'i', colLabel: 'j' });
    expect(svg).toContain('&gt; 0, not computed');
    expect(svg).toContain('>&gt;0<');
  });
});

describe('number line', () => {
  it('one dot per scalar and one tick per bias; a zoomed strip when the points crowd', () => {
    const p = [0, 16, 32, 48];
    const svg = numberLineSvg({ p, beta: [-10, 0, 16, 32] });
    expect(wellFormed(svg)).toBeUndefined();
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg.match(/stroke-width="2"><title>β/g)).toHaveLength(4);
    expect(svg).not.toContain('zoom');
    const many = Array.from({ length: 40 }, (_, i) => i * i);
    const crowded = numberLineSvg({ p: many, beta: many.map((v) => v - 0.5) });
    expect(crowded).toContain('zoom: the first 6 scalars');
    expect(crowded.match(/<circle/g)).toHaveLength(40 + 6);
  });
});

/** The text labels of a picture with their position and anchor. */
function texts(svg: string): { x: number; y: number; s: string }[] {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), s: m[3]! }));
}

describe('number line labels', () => {
  // Labels are centred 14 px text: a character is at most ~9 px wide, so two labels on one
  // baseline overlap when their centres are closer than the mean of their widths.
  const width = (s: string): number => 9 * [...s].length;
  const overlaps = (svg: string): string[] => {
    const ls = texts(svg).filter((t) => /^[pβ]\d+$/.test(t.s));
    const bad: string[] = [];
    for (const [i, a] of ls.entries()) for (const b of ls.slice(i + 1)) if (a.y === b.y && Math.abs(a.x - b.x) < (width(a.s) + width(b.s)) / 2) bad.push(`${a.s}/${b.s}`);
    return bad;
  };

  it('labels of points and biases that sit close together go to separate rows', () => {
    // As on iris: clusters, with each βⱼ₊₁ within a hair of pⱼ.
    const p = [1, 1.02, 1.05, 4, 4.01, 7, 7.2, 7.3, 9, 9.01, 9.02, 9.03];
    const beta = [0.9, ...p.slice(0, -1).map((v) => v + 1e-4)];
    const svg = numberLineSvg({ p, beta });
    expect(wellFormed(svg)).toBeUndefined();
    // the main strip's 24 labels, then the zoomed strip's
    expect(texts(svg).filter((t) => /^[pβ]\d+$/.test(t.s)).length).toBeGreaterThanOrEqual(24);
    expect(overlaps(svg)).toEqual([]);
    // the zoom is on the six points spanning least, p₇ … p₁₂ (7.2 to 9.03)
    expect(svg).toContain('zoom: p7 … p12, the 6 scalars closest together, and the biases among them');
  });

  it('property: no two labels overlap for up to 12 points', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 }), (raw) => {
        const p = [...raw].sort((a, b) => a - b);
        const beta = p.map((v, j) => (j === 0 ? v - 1 : p[j - 1]!));
        expect(overlaps(numberLineSvg({ p, beta }))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('axis labels are in one notation and never in e-notation', () => {
    const svg = numberLineSvg({ p: [20_000, 100_000, 210_000], beta: [19_000, 20_000, 100_000] });
    const ticks = texts(svg).filter((t) => t.y > 0 && /\d/.test(t.s) && !/^[pβ]/.test(t.s) && !/scalars/.test(t.s)).map((t) => t.s);
    expect(ticks.length).toBeGreaterThan(2);
    expect(ticks.join(' ')).not.toMatch(/e[+-]?\d/);
    expect(ticks.filter((s) => s !== '0').every((s) => /10⁵$/.test(s))).toBe(true);
  });
});

describe('tick labels', () => {
  it('a span below the resolution of doubles gives its two ends, not an endless loop', () => {
    expect(niceTicks(1, 1 + 2 * Number.EPSILON, 6)).toEqual([1, 1 + 2 * Number.EPSILON]);
    expect(niceTicks(1e9, 1e9 + 1e-3, 6).length).toBeGreaterThanOrEqual(4);
    expect(tickLabels(niceTicks(0, 1, 5))).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });

  it.each([
    [[0, 0.5, 1], ['0', '0.5', '1']],
    [[20_000, 22_000, 24_000], ['20000', '22000', '24000']],
    [[50_000, 100_000, 150_000, 200_000], ['0.5 × 10⁵', '10⁵', '1.5 × 10⁵', '2 × 10⁵']],
    [[-2e-7, 0, 2e-7, 4e-7], ['−2 × 10⁻⁷', '0', '2 × 10⁻⁷', '4 × 10⁻⁷']],
    // close ticks get the digits that tell them apart
    [[22_000, 22_000.5, 22_001], ['22000', '22000.5', '22001']],
  ])('%j → %j', (ticks, labels) => expect(tickLabels(ticks)).toEqual(labels));

  it('property: labels of distinct ticks are distinct', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: 1e-9, max: 1e9, noNaN: true }), (lo, span) => {
        const ticks = niceTicks(lo, lo + span, 6);
        if (new Set(ticks).size !== ticks.length) return;
        expect(new Set(tickLabels(ticks)).size).toBe(ticks.length);
      }),
    );
  });
});

describe('line plot', () => {
  it('one path per series, with a legend', () => {
    const t = [-1, -0.5, 0, 0.5, 1];
    const svg = linePlotSvg({ x: t, series: [{ name: 'abs', y: t.map(Math.abs) }, { name: 'square', y: t.map((v) => v * v) }], xLabel: 't', title: 'loss' });
    expect(wellFormed(svg)).toBeUndefined();
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg).toContain('>abs<');
    expect(svg).toContain('>square<');
  });
});
