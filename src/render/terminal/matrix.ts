/**
 * A compact view of a matrix with its zero pattern visible: exact zeros are `·`, so a triangular
 * matrix looks triangular. Small matrices show their entries; when the entries do not fit the
 * width, each entry becomes one sign cell (`+`, `−`, `·`).
 *
 *   ⎡ 0.368     ·      · ⎤
 *   ⎢ 0.865  0.368     · ⎥
 *   ⎣ 0.95   0.865  0.368⎦
 */
import type { Json } from '../../evidence.js';
import { cellOf, cells, numberOf, padStart, truncate, wrapText } from './format.js';

/** A rectangular grid of entries (numbers or exact text). */
export type MatrixRows = readonly (readonly Json[])[];

/** The rows of a JSON value that is a matrix: an array of equally long arrays of numbers or numeric text. */
export function matrixOf(v: Json | undefined): MatrixRows | undefined {
  if (Array.isArray(v)) {
    const rows = v as readonly Json[];
    if (rows.length === 0 || !rows.every(Array.isArray)) return undefined;
    const grid = rows as readonly (readonly Json[])[];
    const cols = grid[0]!.length;
    if (cols === 0 || !grid.every((r) => r.length === cols && r.every((x) => numberOf(x) !== undefined))) return undefined;
    return grid;
  }
  // {rows, cols, values}: a row-major flat matrix.
  if (v && typeof v === 'object') {
    const o = v as { readonly [key: string]: Json };
    const rows = o.rows;
    const cols = o.cols;
    const flat = o.values ?? o.data ?? o.entries;
    if (typeof rows === 'number' && typeof cols === 'number' && Array.isArray(flat) && flat.length === rows * cols && rows > 0 && cols > 0) {
      const f = flat as readonly Json[];
      if (!f.every((x) => numberOf(x) !== undefined)) return undefined;
      return Array.from({ length: rows }, (_, i) => f.slice(i * cols, (i + 1) * cols));
    }
  }
  return undefined;
}

const isZeroEntry = (x: Json): boolean => numberOf(x) === 0;

function signCell(x: Json): string {
  // A one-character mark (∗: an entry not computed) stands for itself.
  if (typeof x === 'string' && [...x].length === 1 && numberOf(x) === undefined) return x;
  const n = numberOf(x);
  if (n === undefined || Number.isNaN(n)) return '?';
  return n === 0 ? '·' : n > 0 ? '+' : '−';
}

function brackets(i: number, rows: number): [string, string] {
  if (rows === 1) return ['[', ']'];
  if (i === 0) return ['⎡', '⎤'];
  if (i === rows - 1) return ['⎣', '⎦'];
  return ['⎢', '⎥'];
}

/**
 * The matrix as lines of at most `width` cells, at most `maxRows` rows of entries (then a line
 * saying how many more).
 */
export function matrixView(grid: MatrixRows, width: number, maxRows = 12): string[] {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  if (rows === 0 || cols === 0) return ['(empty matrix)'];
  const shown = rows > maxRows ? grid.slice(0, maxRows - 1) : grid;
  const text = shown.map((r) => r.map((x) => (isZeroEntry(x) ? '·' : cellOf(x, 4))));
  const colW = Array.from({ length: cols }, (_, j) => Math.max(...text.map((r) => cells(r[j]!))));
  const full = colW.reduce((a, b) => a + b, 0) + 2 * (cols - 1) + 4;
  const lines: string[] = [];
  if (full <= width) {
    shown.forEach((_, i) => {
      const [l, r] = brackets(i, shown.length);
      lines.push(`${l} ${text[i]!.map((c, j) => padStart(c, colW[j]!)).join('  ')} ${r}`);
    });
  } else {
    // Sign pattern: one cell per entry, as many columns as fit.
    const fit = Math.max(1, width - 4);
    const cut = cols > fit;
    const showCols = cut ? fit - 1 : cols;
    shown.forEach((row, i) => {
      const [l, r] = brackets(i, shown.length);
      lines.push(`${l}${row.slice(0, showCols).map(signCell).join('')}${cut ? '…' : ''}${r}`);
    });
    lines.push(...wrapText(`signs: + positive, − negative, · zero${cut ? `; first ${showCols} of ${cols} columns` : ''}`, width));
  }
  if (shown.length < rows) lines.push(`… ${rows - shown.length} more rows`);
  return lines.map((l) => truncate(l, width));
}

/** The mark for an entry the step did not compute. */
export const NOT_COMPUTED = '∗';

/**
 * The pattern of a lower triangular matrix known by its diagonal: zeros above it, the diagonal
 * entries, and `∗` below it, where nothing was computed.
 */
export function triangularPattern(diagonal: readonly Json[], width: number, maxRows = 12): string[] {
  const d = diagonal.length;
  const grid = diagonal.map((dii, i) => Array.from({ length: d }, (_, j): Json => (j < i ? NOT_COMPUTED : j === i ? dii : 0)));
  return matrixView(grid, width, maxRows);
}
