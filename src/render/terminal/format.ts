/**
 * Small formatting helpers shared by the text pictures: compact numbers, subscripts, and
 * reading numbers out of a step's JSON evidence (a number, or exact text such as "3/4" or "0.1").
 */
import type { Json } from '../../evidence.js';
import { fromDecimal, parse, toNumber } from '../../kernel/rational.js';

/** A number in at most about `digits` significant digits: 0, 12, 0.5, 3.14, 1.2e-7, −4.0e+5. */
export function fmtNum(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const ax = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (Number.isInteger(x) && ax < 1e6) return `${sign}${ax}`;
  if (ax >= 1e-3 && ax < 1e5) {
    // Fixed notation, trailing zeros dropped: 0.5, 3.14, 1234.5.
    return sign + trimZeros(ax.toPrecision(digits));
  }
  const [mant, exp] = ax.toExponential(Math.max(0, digits - 1)).split('e');
  return `${sign}${trimZeros(mant!)}e${exp!}`;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** The number a JSON value stands for: a number, or exact text ("3/4", "0.1", "1e-3"); else undefined. */
export function numberOf(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const r = parse(v) ?? fromDecimal(v.trim());
  return r === undefined ? undefined : toNumber(r);
}

/** A list of numbers from a JSON array whose every entry is a number or exact text; else undefined. */
export function numbersOf(v: Json | undefined): number[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: number[] = [];
  for (const x of v as readonly Json[]) {
    const n = numberOf(x);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** How a JSON value reads in one short cell: exact text as written, numbers compact. */
export function cellOf(v: Json, digits = 3): string {
  if (typeof v === 'number') return fmtNum(v, digits);
  if (typeof v === 'string') {
    const n = numberOf(v);
    // Long exact fractions do not fit a cell: show their value instead.
    return n !== undefined && v.length > 8 ? fmtNum(n, digits) : v;
  }
  return JSON.stringify(v);
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 12 → ₁₂ */
export function subscript(n: number): string {
  return String(n).replace(/\d/g, (c) => SUBSCRIPT[Number(c)]!);
}

/** 17 → ¹⁷ */
export function superscript(n: number): string {
  return String(n).replace(/\d/g, (c) => SUPERSCRIPT[Number(c)]!);
}

/** ℝ^17 → ℝ¹⁷: the spaces of a statement written as a reader expects them. */
export function prettySpaces(text: string): string {
  return text.replace(/ℝ\^(\d+)/g, (_, n: string) => `ℝ${superscript(Number(n))}`);
}

/** Display width in terminal cells, counting each code point as one cell (our pictures use no wide glyphs). */
export function cells(s: string): number {
  return [...s].length;
}

/** Cut to at most `width` cells, with an ellipsis when something was cut. */
export function truncate(s: string, width: number): string {
  const cps = [...s];
  if (cps.length <= width) return s;
  return width <= 1 ? cps.slice(0, width).join('') : `${cps.slice(0, width - 1).join('')}…`;
}

/** Pad on the right to `width` cells. */
export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - cells(s)));
}

/** Pad on the left to `width` cells. */
export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - cells(s))) + s;
}

/** Greedy word wrap to `width` cells; a word longer than the width is cut into pieces. Keeps blank lines. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (cells(word) > w) {
        if (line) {
          out.push(line);
          line = '';
        }
        const cps = [...word];
        out.push(cps.slice(0, w).join(''));
        word = cps.slice(w).join('');
      }
      if (!word) continue;
      if (line && cells(line) + 1 + cells(word) > w) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  // A trailing empty paragraph adds nothing.
  while (out.length > 1 && out[out.length - 1] === '') out.pop();
  return out;
}
