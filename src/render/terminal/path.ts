/**
 * Text pictures of a walk along M: a series along the path (the loss on a log scale, σ_min) and
 * the path itself in a plane of two coordinates. Both draw on a braille canvas (2 × 4 dots per
 * cell), so a curve reads as a curve in a terminal 60 cells wide.
 *
 *   1e-30 ┤⠀⠀⠀⣀⠤⠒⠉⠉⠒⠤⣀⠀⠀
 *   1e-33 ┤⠒⠉⠀⠀⠀⠀⠀⠀⠀⠀⠀⠉⠒
 *          └────────────────
 *           0        step 50
 */
import { cells, fmtNum, padStart, truncate, wrapText } from './format.js';

/** A grid of braille dots: `cols` × `rows` cells, (2·cols) × (4·rows) dots, y up. */
export class BrailleCanvas {
  private readonly bits: Uint8Array;
  private readonly marks = new Map<number, string>();

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.bits = new Uint8Array(cols * rows);
  }

  get width(): number {
    return this.cols * 2;
  }

  get height(): number {
    return this.rows * 4;
  }

  /** Sets the dot (x, y), x from the left, y from the bottom; dots outside are ignored. */
  set(x: number, y: number): void {
    const px = Math.round(x);
    const py = Math.round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const cell = (this.rows - 1 - Math.floor(py / 4)) * this.cols + Math.floor(px / 2);
    // Braille dot numbering: left column 1, 2, 3, 7 and right column 4, 5, 6, 8, top to bottom.
    const row = 3 - (py % 4);
    const bit = px % 2 === 0 ? [0x01, 0x02, 0x04, 0x40][row]! : [0x08, 0x10, 0x20, 0x80][row]!;
    this.bits[cell]! |= bit;
  }

  /** A straight segment of dots from (x0, y0) to (x1, y1). */
  line(x0: number, y0: number, x1: number, y1: number): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let s = 0; s <= steps; s++) {
      const f = s / steps;
      this.set(x0 + f * (x1 - x0), y0 + f * (y1 - y0));
    }
  }

  /** Puts a character over the cell holding dot (x, y) (markers such as the start and the end). */
  mark(x: number, y: number, ch: string): void {
    const px = Math.min(this.width - 1, Math.max(0, Math.round(x)));
    const py = Math.min(this.height - 1, Math.max(0, Math.round(y)));
    this.marks.set((this.rows - 1 - Math.floor(py / 4)) * this.cols + Math.floor(px / 2), ch);
  }

  /** The rows, top first, each `cols` cells. */
  lines(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      let s = '';
      for (let c = 0; c < this.cols; c++) {
        const i = r * this.cols + c;
        s += this.marks.get(i) ?? String.fromCodePoint(0x2800 + this.bits[i]!);
      }
      out.push(s);
    }
    return out;
  }
}

export interface SeriesInput {
  /** one value per point of the path, in order */
  readonly values: readonly number[];
  /** the x label of each value (default: its index) */
  readonly xs?: readonly number[];
  /** log₁₀ scale on y; values ≤ 0 are drawn on the bottom line and counted in the caption */
  readonly log?: boolean;
  /** what the x axis counts, e.g. "step" */
  readonly xLabel?: string;
  /** a horizontal reference line (e.g. a bound the values must stay under), with its name */
  readonly reference?: { readonly value: number; readonly label: string };
}

/** Where a value sits on the y scale (log₁₀ or linear); undefined for a value the scale cannot show. */
function scaled(v: number, log: boolean): number | undefined {
  if (!Number.isFinite(v)) return undefined;
  if (!log) return v;
  return v > 0 ? Math.log10(v) : undefined;
}

/**
 * A series as a line chart of at most `width` cells and `height` rows of plot, with the y range
 * labelled on the left and the x range below. On a log scale, values ≤ 0 (a loss that is exactly
 * 0) get a row of their own at the bottom, labelled 0, below a break in the axis.
 */
export function seriesChart(input: SeriesInput, width: number, height = 8): string[] {
  const log = input.log === true;
  const n = input.values.length;
  if (n === 0) return ['(no points)'];
  const ys = input.values.map((v) => scaled(v, log));
  const zeroRow = log && input.values.some((v) => v <= 0);
  const ref = input.reference ? scaled(input.reference.value, log) : undefined;
  const shown = [...ys, ref].filter((y): y is number => y !== undefined);
  let lo = shown.length > 0 ? Math.min(...shown) : 0;
  let hi = shown.length > 0 ? Math.max(...shown) : 1;
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    // A flat series: give it a band so it sits mid-chart.
    const pad = log ? 0.5 : Math.max(Math.abs(hi) * 0.1, 1e-300);
    lo -= pad;
    hi += pad;
  }
  const hiText = shown.length === 0 ? '' : log ? fmtNum(10 ** hi, 2) : fmtNum(hi);
  const loText = shown.length === 0 ? '' : log ? fmtNum(10 ** lo, 2) : fmtNum(lo);
  const labelW = Math.max(1, cells(hiText), cells(loText));
  const cols = Math.max(4, width - labelW - 2);
  const rowsTotal = Math.max(zeroRow ? 3 : 2, height);
  const canvas = new BrailleCanvas(cols, rowsTotal);
  // With a zero row, the scale uses the dots above it.
  const base = zeroRow ? 4 : 0;
  const toX = (i: number): number => (n === 1 ? 0 : (i / (n - 1)) * (canvas.width - 1));
  const toY = (y: number): number => base + ((y - lo) / (hi - lo)) * (canvas.height - 1 - base);
  if (ref !== undefined) {
    for (let x = 0; x < canvas.width; x += 3) canvas.set(x, toY(ref));
  }
  let prev: [number, number] | undefined;
  let zeros = 0;
  let off = 0;
  ys.forEach((y, i) => {
    if (y === undefined) {
      if (zeroRow && input.values[i]! <= 0) {
        zeros++;
        canvas.set(toX(i), 1);
      } else off++;
      prev = undefined;
      return;
    }
    const p: [number, number] = [toX(i), toY(y)];
    if (prev) canvas.line(prev[0], prev[1], p[0], p[1]);
    else canvas.set(p[0], p[1]);
    prev = p;
  });
  const rows = canvas.lines();
  const plotRows = zeroRow ? rows.length - 1 : rows.length;
  const out = rows.map((r, i) => {
    if (zeroRow && i === rows.length - 1) return `${padStart('0', labelW)} ┤${r}`;
    const tag = i === 0 ? hiText : i === plotRows - 1 ? loText : '';
    return `${padStart(tag, labelW)} ┤${r}`;
  });
  if (zeroRow) out.splice(plotRows, 0, `${' '.repeat(labelW)} ┊`);
  const xs = input.xs ?? input.values.map((_, i) => i);
  const first = String(xs[0] ?? 0);
  const last = `${input.xLabel ? `${input.xLabel} ` : ''}${xs[xs.length - 1] ?? n - 1}`;
  out.push(`${' '.repeat(labelW)} └${'─'.repeat(cols)}`);
  out.push(`${' '.repeat(labelW + 2)}${first}${' '.repeat(Math.max(1, cols - cells(first) - cells(last)))}${last}`);
  const notes: string[] = [];
  if (log) notes.push('log scale');
  if (zeros > 0) notes.push(`${zeros} value(s) exactly 0, on the bottom row`);
  if (off > 0) notes.push(`${off} value(s) not finite, not drawn`);
  if (input.reference && ref !== undefined) notes.push(`dotted: ${input.reference.label} = ${fmtNum(input.reference.value, 2)}`);
  if (notes.length > 0) out.push(...wrapText(notes.join('; '), width - labelW - 2).map((l) => `${' '.repeat(labelW + 2)}${l}`));
  return out.map((l) => truncate(l, width));
}

export interface CurveInput {
  /** the points of the path, in order, each (x, y) */
  readonly points: readonly (readonly [number, number])[];
  readonly xLabel: string;
  readonly yLabel: string;
}

/**
 * The path drawn in the plane of two coordinates, its points joined in order, the start marked
 * `S` and the end `E`. Both axes share one scale, so a circle looks round (a terminal cell is
 * about twice as tall as wide, and a braille cell has 2 × 4 dots, so a dot is about square).
 */
export function curvePlot(input: CurveInput, width: number, height = 12): string[] {
  const pts = input.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length === 0) return ['(no points)'];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const xlo = Math.min(...xs);
  const xhi = Math.max(...xs);
  const ylo = Math.min(...ys);
  const yhi = Math.max(...ys);
  const yTop = fmtNum(yhi);
  const yBottom = fmtNum(ylo);
  const labelW = Math.max(cells(yTop), cells(yBottom), cells(input.yLabel));
  const maxCols = Math.max(4, width - labelW - 2);
  const maxRows = Math.max(2, height);
  // One scale for both axes: dots per unit, the largest that fits both ranges.
  const spanX = xhi - xlo || 1e-300;
  const spanY = yhi - ylo || 1e-300;
  const scale = Math.min((maxCols * 2 - 1) / spanX, (maxRows * 4 - 1) / spanY);
  const cols = Math.max(4, Math.min(maxCols, Math.ceil((spanX * scale + 1) / 2)));
  const rows = Math.max(2, Math.min(maxRows, Math.ceil((spanY * scale + 1) / 4)));
  const canvas = new BrailleCanvas(cols, rows);
  const toX = (x: number): number => (xhi === xlo ? 0 : (x - xlo) * scale);
  const toY = (y: number): number => (yhi === ylo ? 0 : (y - ylo) * scale);
  for (let i = 1; i < pts.length; i++) {
    canvas.line(toX(pts[i - 1]![0]), toY(pts[i - 1]![1]), toX(pts[i]![0]), toY(pts[i]![1]));
  }
  if (pts.length === 1) canvas.set(toX(pts[0]![0]), toY(pts[0]![1]));
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  canvas.mark(toX(last[0]), toY(last[1]), 'E');
  canvas.mark(toX(first[0]), toY(first[1]), 'S');
  const body = canvas.lines();
  const out = body.map((r, i) => {
    const tag = i === 0 ? yTop : i === body.length - 1 ? yBottom : i === Math.floor(body.length / 2) ? input.yLabel : '';
    return `${padStart(tag, labelW)} ┤${r}`;
  });
  const xFirst = fmtNum(xlo);
  const xLast = fmtNum(xhi);
  const mid = input.xLabel;
  const gap = Math.max(1, cols - cells(xFirst) - cells(xLast) - cells(mid));
  const left = Math.floor(gap / 2);
  out.push(`${' '.repeat(labelW)} └${'─'.repeat(cols)}`);
  out.push(`${' '.repeat(labelW + 2)}${xFirst}${' '.repeat(left)}${mid}${' '.repeat(Math.max(1, gap - left))}${xLast}`);
  return out.map((l) => truncate(l, width));
}
