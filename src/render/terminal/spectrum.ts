/**
 * The Hessian spectrum as a log-scale bar chart: one bar per eigenvalue, its length ∝ log₁₀|λ|,
 * grouped into positive, zero and negative eigenvalues. The groups come from the theorem's own
 * counts when the step gives them (the picture never decides what is zero); otherwise from the
 * tolerance the step states; otherwise from a display threshold that the chart prints.
 */
import { fmtNum, padEnd, padStart, subscript, truncate, wrapText } from './format.js';

export interface SpectrumCounts {
  readonly positive: number;
  readonly zero: number;
  readonly negative: number;
}

export interface SpectrumInput {
  readonly eigenvalues: readonly number[];
  /** the step's count of positive, zero and negative eigenvalues; decides the groups */
  readonly counts?: SpectrumCounts;
  /** |λ| ≤ tol counts as zero when no counts are given */
  readonly tol?: number;
}

export type SpectrumGroup = 'positive' | 'zero' | 'negative';

export interface GroupedEigenvalue {
  readonly value: number;
  /** 1-based rank in decreasing order */
  readonly rank: number;
  readonly group: SpectrumGroup;
}

const EPS = 2 ** -52;

/** The threshold used when the step states neither counts nor a tolerance: n·ε·max|λ|·100. */
export function displayThreshold(eigenvalues: readonly number[]): number {
  const top = Math.max(0, ...eigenvalues.map(Math.abs));
  return top * eigenvalues.length * EPS * 100;
}

/** Eigenvalues in decreasing order, each with its group. */
export function groupSpectrum(input: SpectrumInput): { readonly items: GroupedEigenvalue[]; readonly basis: string } {
  const sorted = [...input.eigenvalues].sort((a, b) => b - a);
  const c = input.counts;
  if (c && c.positive + c.zero + c.negative === sorted.length) {
    // Largest first: the `positive` largest are the positive group, the `negative` smallest the negative one.
    const items = sorted.map((value, i) => ({
      value,
      rank: i + 1,
      group: (i < c.positive ? 'positive' : i < c.positive + c.zero ? 'zero' : 'negative') as SpectrumGroup,
    }));
    return { items, basis: 'groups as the step counts them' };
  }
  const stated = input.tol !== undefined;
  const tol = input.tol ?? displayThreshold(sorted);
  const items = sorted.map((value, i) => ({
    value,
    rank: i + 1,
    group: (Math.abs(value) <= tol ? 'zero' : value > 0 ? 'positive' : 'negative') as SpectrumGroup,
  }));
  return { items, basis: stated ? `zero: |λ| ≤ ${fmtNum(tol)} (the step's tolerance)` : `zero: |λ| ≤ ${fmtNum(tol)} (display threshold)` };
}

const GROUPS: readonly SpectrumGroup[] = ['positive', 'zero', 'negative'];

/**
 * The chart as lines of at most `width` cells. With more eigenvalues than `maxRows` allows,
 * each group becomes a histogram by decade of |λ|.
 */
export function spectrumChart(input: SpectrumInput, width: number, maxRows = 24): string[] {
  const { items, basis } = groupSpectrum(input);
  if (items.length === 0) return ['(no eigenvalues)'];
  const logs = items.filter((e) => e.value !== 0 && Number.isFinite(e.value)).map((e) => Math.log10(Math.abs(e.value)));
  const lo = logs.length > 0 ? Math.min(...logs) : 0;
  const hi = logs.length > 0 ? Math.max(...logs) : 0;
  const present = GROUPS.filter((g) => items.some((e) => e.group === g));
  const lines: string[] = [];
  const perValue = items.length + present.length <= maxRows;
  if (perValue) {
    const labelW = Math.max(...items.map((e) => `λ${subscript(e.rank)}`.length));
    const valueW = Math.max(...items.map((e) => fmtNum(e.value).length));
    const barW = Math.max(4, width - 4 - labelW - 1 - valueW - 1);
    for (const g of present) {
      const members = items.filter((e) => e.group === g);
      lines.push(` ${g} (${members.length})`);
      for (const e of members) {
        const bar = '█'.repeat(barLength(e.value, lo, hi, barW));
        lines.push(`   ${padEnd(`λ${subscript(e.rank)}`, labelW)} ${padStart(fmtNum(e.value), valueW)} ${bar}`);
      }
    }
  } else {
    const lowest = Math.floor(lo);
    const highest = Math.floor(hi);
    for (const g of present) {
      const members = items.filter((e) => e.group === g);
      lines.push(` ${g} (${members.length}), by decade of |λ|`);
      const bins = new Map<number, number>();
      let exactZeros = 0;
      for (const e of members) {
        if (e.value === 0) exactZeros++;
        else {
          const dec = Math.min(highest, Math.max(lowest, Math.floor(Math.log10(Math.abs(e.value)))));
          bins.set(dec, (bins.get(dec) ?? 0) + 1);
        }
      }
      const decades = [...bins.keys()].sort((a, b) => b - a);
      const most = Math.max(exactZeros, ...bins.values());
      const label = (dec: number) => `1e${dec}…1e${dec + 1}`;
      const labelW = Math.max(5, ...decades.map((d) => label(d).length));
      const barW = Math.max(4, width - 4 - labelW - 1 - 6);
      const row = (name: string, count: number) =>
        `   ${padEnd(name, labelW)} ${padStart(String(count), 5)} ${'█'.repeat(Math.max(1, Math.round((count / most) * barW)))}`;
      for (const dec of decades) lines.push(row(label(dec), bins.get(dec)!));
      if (exactZeros > 0) lines.push(row('λ = 0', exactZeros));
    }
  }
  const bars = lines.map((l) => truncate(l, width));
  return [...bars, ...wrapText(`log scale: |λ| from ${fmtNum(10 ** lo)} to ${fmtNum(10 ** hi)}; ${basis}`, width - 1).map((l) => ` ${l}`)];
}

/** 1 … barW cells, linear in log₁₀|λ| between lo and hi; 0 cells for λ = 0. */
function barLength(value: number, lo: number, hi: number, barW: number): number {
  if (value === 0 || !Number.isFinite(value)) return 0;
  if (hi === lo) return barW;
  const f = (Math.log10(Math.abs(value)) - lo) / (hi - lo);
  return 1 + Math.round(f * (barW - 1));
}

/**
 * The eigenvalue counts by sign when no eigenvalue was computed (a rank argument gives the
 * counts exactly): one bar per group, its length ∝ the count, with a lower bound on the
 * positive ones where the step proves one, or a float estimate of the smallest, said to be one.
 */
export function countsChart(counts: SpectrumCounts, width: number, smallestPositive?: { readonly value: number; readonly proven: boolean }): string[] {
  const positiveNote =
    smallestPositive === undefined ? 'λ > 0' : smallestPositive.proven ? `each λ ≥ ${fmtNum(smallestPositive.value, 4)}` : `λ > 0, smallest ≈ ${fmtNum(smallestPositive.value, 4)} (float estimate)`;
  const rows: [string, number, string][] = [
    ['positive', counts.positive, positiveNote],
    ['zero', counts.zero, 'λ = 0'],
    ['negative', counts.negative, 'λ < 0'],
  ];
  const most = Math.max(1, ...rows.map((r) => r[1]));
  const countW = Math.max(...rows.map((r) => String(r[1]).length));
  const noteW = Math.max(...rows.map((r) => r[2].length));
  const barW = Math.max(4, width - 1 - 9 - countW - 2 - noteW - 2);
  return rows.map(([name, count, note]) => {
    const bar = count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((count / most) * barW)));
    return truncate(` ${padEnd(name, 9)}${padStart(String(count), countW)}  ${padEnd(bar, barW)}  ${count === 0 ? '' : note}`.trimEnd(), width);
  });
}
