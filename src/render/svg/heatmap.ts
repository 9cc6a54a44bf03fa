/**
 * The triangular block A of Lemma 3.3 as a heat map: exact zeros light, positive entries on a
 * log colour scale (they span orders of magnitude), entries the proof never computed marked as
 * such. Rows and columns come in the order the proof uses, so the zero triangle above the
 * diagonal is plain to see. Cells of one colour in a row are drawn as one rectangle, which keeps
 * a 150 × 150 block small.
 */
import { INK, colour, num, px, svgElement, text } from './primitives.js';

/** An entry: a number, or null for one that was not computed. */
export type Cell = number | null;

export interface HeatmapInput {
  readonly rows: readonly (readonly Cell[])[];
  readonly title: string;
  readonly rowLabel: string;
  readonly colLabel: string;
}

const NOT_COMPUTED = '#c9d1d9';

export function heatmapSvg(input: HeatmapInput): string {
  const nr = input.rows.length;
  const nc = Math.max(0, ...input.rows.map((r) => r.length));
  const cell = Math.max(1, Math.min(56, Math.floor(440 / Math.max(1, nr, nc))));
  const left = 36;
  const top = 28;
  const gridW = cell * nc;
  const gridH = cell * nr;
  const legendX = left + gridW + 28;
  const W = Math.max(legendX + 150, 360);
  const H = top + gridH + 40;
  const positives = input.rows.flatMap((r) => r.filter((v): v is number => v !== null && v > 0 && Number.isFinite(v)));
  const lo = positives.length > 0 ? Math.log10(Math.min(...positives)) : 0;
  const hi = positives.length > 0 ? Math.log10(Math.max(...positives)) : 1;
  const scale = (v: number): number => (hi > lo ? (Math.log10(v) - lo) / (hi - lo) : 1);
  const fillOf = (v: Cell): string => {
    if (v === null) return NOT_COMPUTED;
    if (v === 0) return INK.zero;
    if (!Number.isFinite(v) || v < 0) return INK.negative;
    return colour(scale(v));
  };
  const body: string[] = [`<rect x="${left}" y="${top}" width="${gridW}" height="${gridH}" fill="${INK.zero}" stroke="${INK.grid}"/>`];
  const showValues = cell >= 40 && nr <= 10 && nc <= 10;
  input.rows.forEach((row, i) => {
    let j = 0;
    while (j < row.length) {
      const f = fillOf(row[j]!);
      let k = j + 1;
      while (k < row.length && fillOf(row[k]!) === f && !showValues) k++;
      if (f !== INK.zero) {
        body.push(`<rect x="${px(left + j * cell)}" y="${px(top + i * cell)}" width="${px((k - j) * cell)}" height="${px(cell)}" fill="${f}"/>`);
      }
      j = k;
    }
  });
  if (showValues) {
    input.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const label = v === null ? '>0' : v === 0 ? '0' : num(v);
        const dark = v !== null && v > 0 && scale(v) < 0.6;
        body.push(
          text(left + (j + 0.5) * cell, top + (i + 0.5) * cell + 4, label, `text-anchor="middle" font-size="14" fill="${dark ? '#ffffff' : INK.text}"`),
        );
      }),
    );
  }
  // The diagonal, where the proof needs A_ii > 0.
  if (nr > 1 && nc > 1) {
    const n = Math.min(nr, nc);
    body.push(
      `<line x1="${left}" y1="${top}" x2="${px(left + n * cell)}" y2="${px(top + n * cell)}" stroke="${INK.accent}" stroke-width="${cell >= 6 ? 1 : 0.6}" stroke-dasharray="4 3" opacity="0.8"/>`,
    );
  }
  body.push(text(left, top - 10, input.colLabel, `fill="${INK.muted}"`));
  body.push(text(14, top + gridH / 2, input.rowLabel, `fill="${INK.muted}" text-anchor="middle" transform="rotate(-90 14 ${px(top + gridH / 2)})"`));
  // Legend: the colour scale, then what the light and grey cells mean.
  const steps = 24;
  const barH = Math.min(160, Math.max(80, gridH));
  for (let s = 0; s < steps; s++) {
    const yy = top + barH - ((s + 1) / steps) * barH;
    body.push(`<rect x="${legendX}" y="${px(yy)}" width="14" height="${px(barH / steps + 0.5)}" fill="${colour(s / (steps - 1))}"/>`);
  }
  if (positives.length > 0) {
    body.push(text(legendX + 20, top + 10, num(10 ** hi), `fill="${INK.muted}"`));
    body.push(text(legendX + 20, top + barH, num(10 ** lo), `fill="${INK.muted}"`));
    body.push(text(legendX + 20, top + barH / 2 + 4, 'log scale', `fill="${INK.muted}" font-size="14"`));
  }
  let ly = top + barH + 22;
  body.push(`<rect x="${legendX}" y="${ly - 11}" width="14" height="14" fill="${INK.zero}" stroke="${INK.grid}"/>`);
  body.push(text(legendX + 20, ly, 'exactly 0'));
  if (input.rows.some((r) => r.includes(null))) {
    ly += 20;
    body.push(`<rect x="${legendX}" y="${ly - 11}" width="14" height="14" fill="${NOT_COMPUTED}"/>`);
    body.push(text(legendX + 20, ly, '> 0, not computed'));
  }
  const height = Math.max(H, ly + 16);
  return svgElement(W, height, input.title, body);
}
