/**
 * A small text picture of a function of one variable, for a step's data: the curve drawn with
 * dots in a grid of characters, the axis t = 0 marked. Plain text, so the certificate, the
 * batch output and the walkthrough all show the same picture.
 */

export interface PlotOptions {
  /** rows of the picture (default 9) */
  readonly height?: number;
  /** a label for the vertical axis, printed above the picture */
  readonly label?: string;
}

/**
 * Draws y against t (same length, t ascending). Each sample is one column; the top row is
 * max y, the bottom row min y. The column where t = 0 (or changes sign) gets a '│' where the
 * curve is not.
 */
export function textPlot(t: readonly number[], y: readonly number[], opts: PlotOptions = {}): string[] {
  const height = opts.height ?? 9;
  const finite = y.filter(Number.isFinite);
  const lo = finite.length > 0 ? Math.min(...finite) : 0;
  const hi = finite.length > 0 ? Math.max(...finite) : 1;
  const span = hi - lo || 1;
  const grid: string[][] = Array.from({ length: height }, () => Array.from({ length: t.length }, () => ' '));
  const zeroCol = t.findIndex((v, i) => v === 0 || (i > 0 && Math.sign(v) !== Math.sign(t[i - 1]!)));
  if (zeroCol >= 0) for (const row of grid) row[zeroCol] = '│';
  y.forEach((v, j) => {
    if (!Number.isFinite(v)) return;
    const r = Math.round(((hi - v) / span) * (height - 1));
    grid[r]![j] = '•';
  });
  const fmt = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String(Number(v.toPrecision(3))) : v.toExponential(1));
  const top = fmt(hi);
  const bottom = fmt(lo);
  const pad = Math.max(top.length, bottom.length);
  const lines = grid.map((row, r) => {
    const tick = r === 0 ? top : r === height - 1 ? bottom : '';
    return `${tick.padStart(pad)} ┤${row.join('')}`;
  });
  const axis = `${' '.repeat(pad)} └${'─'.repeat(t.length)}`;
  const tl = fmt(t[0] ?? 0);
  const tr = fmt(t[t.length - 1] ?? 0);
  const under = `${' '.repeat(pad + 2)}${tl}${' '.repeat(Math.max(1, t.length - tl.length - tr.length))}${tr}`;
  return [...(opts.label ? [opts.label] : []), ...lines, axis, under];
}
