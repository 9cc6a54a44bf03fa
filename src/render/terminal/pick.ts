/**
 * Pictures chosen by what a step's evidence carries, so they work for any theorem module:
 *
 * - `projections` (or `t`) with `biases` (or `beta`): the number line of Lemma 3.3;
 * - `spectrum` / `eigenvalues` (a list, or an object holding one): the log-scale spectrum, grouped
 *   by the step's own counts (`positive`, `zero`, `negative`) or tolerance (`tol`) when present;
 * - any matrix-valued entry (`A`, `J`, …): the matrix with its zero pattern.
 *
 * Keys are looked up in the data and one level down (e.g. `construction.projections`). Whatever
 * no picture used is listed as plain evidence by `evidenceLines`.
 */
import type { Json } from '../../evidence.js';
import { cellOf, fmtNum, numberOf, numbersOf, truncate, wrapText } from './format.js';
import { matrixOf, matrixView, triangularPattern } from './matrix.js';
import { numberLine } from './number-line.js';
import { countsChart, spectrumChart, type SpectrumCounts } from './spectrum.js';

export type EvidenceData = { readonly [key: string]: Json };

export interface Picture {
  readonly title: string;
  readonly lines: readonly string[];
}

const PROJECTION_KEYS = ['projections', 'tSorted', 'sortedProjections', 't'];
const BIAS_KEYS = ['biases', 'beta', 'β'];
const SPECTRUM_KEYS = ['spectrum', 'eigenvalues', 'hessianEigenvalues', 'eigs'];
const TOL_KEYS = ['tol', 'tolerance', 'zeroTol', 'zeroTolerance'];
/** Entries holding boxes ([lo, hi] per row), which read better as intervals than as a matrix. */
const INTERVAL_KEY = /enclosure|interval|box/i;
/** A proven lower bound on the smallest positive eigenvalue. */
const POSITIVE_BOUND_KEY = /^min.*positive.*lower.*bound$/i;
/** A float estimate of it, which is no bound. */
const POSITIVE_ESTIMATE_KEY = /^min.*positive.*estimate$/i;

type Record_ = { readonly [key: string]: Json };
const isRecord = (v: Json | undefined): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Each record to search with the key path that leads to it: the data itself, then its record-valued entries. */
function scopes(data: EvidenceData): { readonly path: string; readonly rec: Record_ }[] {
  const out = [{ path: '', rec: data as Record_ }];
  for (const [k, v] of Object.entries(data)) if (isRecord(v)) out.push({ path: `${k}.`, rec: v });
  return out;
}

const firstKey = (rec: Record_, keys: readonly string[]): string | undefined => keys.find((k) => rec[k] !== undefined);

function countsIn(rec: Record_): SpectrumCounts | undefined {
  for (const r of [rec, ...['counts', 'hessian', 'inertia'].map((k) => rec[k]).filter(isRecord)]) {
    const p = r.positive;
    const z = r.zero;
    const n = r.negative ?? 0;
    if (typeof p === 'number' && typeof z === 'number' && typeof n === 'number') return { positive: p, zero: z, negative: n };
  }
  return undefined;
}

const textsOf = (v: Json | undefined): string[] | undefined =>
  Array.isArray(v) ? (v as readonly Json[]).map((x) => (typeof x === 'string' ? x : cellOf(x, 6))) : undefined;

/** The pictures for this evidence, and the keys (paths) they used. */
export function picturesOf(data: EvidenceData, width: number): { readonly pictures: Picture[]; readonly used: Set<string> } {
  const pictures: Picture[] = [];
  const used = new Set<string>();
  for (const { path, rec } of scopes(data)) {
    const tKey = firstKey(rec, PROJECTION_KEYS);
    const bKey = firstKey(rec, BIAS_KEYS);
    const t = tKey ? numbersOf(rec[tKey]) : undefined;
    const beta = bKey ? numbersOf(rec[bKey]) : undefined;
    if (t && beta && t.length > 0) {
      pictures.push({
        title: `projections tᵢ and biases βⱼ (${path}${tKey}, ${path}${bKey})`,
        lines: numberLine({ t, beta, tText: textsOf(rec[tKey!]), betaText: textsOf(rec[bKey!]) }, width),
      });
      used.add(path + tKey).add(path + bKey);
    } else if (t && t.length > 1 && tKey !== 't') {
      pictures.push({ title: `projections tᵢ (${path}${tKey})`, lines: numberLine({ t, beta: [], tText: textsOf(rec[tKey!]) }, width) });
      used.add(path + tKey);
    }

    // A triangular block known by its zeros above the diagonal and its diagonal: the entries when
    // all are given, else "+" where the step bounds them below by a positive number.
    const zeros = rec.zerosAboveDiagonal;
    if (typeof zeros === 'number') {
      const given = Array.isArray(rec.diagonal) && numbersOf(rec.diagonal) ? (rec.diagonal as readonly Json[]) : undefined;
      const size = typeof rec.d === 'number' ? rec.d : given?.length;
      const bound = rec.diagonalLowerBound;
      const diagonal =
        given && given.length === size ? given : size !== undefined && typeof bound === 'number' && bound > 0 ? Array.from({ length: size }, () => '+') : undefined;
      if (diagonal && size !== undefined && size > 1 && zeros === (size * (size - 1)) / 2) {
        const what = given && given.length === size ? 'diagonal as given' : `+ ≥ ${fmtNum(bound as number, 4)}`;
        pictures.push({
          title: `triangular pattern (${path}zerosAboveDiagonal, ${path}diagonal): · zero, ${what}, ∗ not computed`,
          lines: triangularPattern(diagonal, width),
        });
        if (given && given.length === size) used.add(`${path}diagonal`);
      }
    }

    const sKey = firstKey(rec, SPECTRUM_KEYS);
    if (sKey) {
      const raw = rec[sKey];
      // Either a list, or an object carrying the list and its counts.
      const inner = isRecord(raw) ? raw : undefined;
      const innerKey = inner ? firstKey(inner, ['eigenvalues', 'values', 'spectrum']) : undefined;
      const eigenvalues = numbersOf(inner && innerKey ? inner[innerKey] : raw);
      if (eigenvalues && eigenvalues.length > 0) {
        const counts = (inner && countsIn(inner)) ?? countsIn(rec);
        const tolKey = firstKey(inner ?? rec, TOL_KEYS) ?? firstKey(rec, TOL_KEYS);
        const tol = tolKey ? numberOf((inner && inner[tolKey] !== undefined ? inner : rec)[tolKey]) : undefined;
        pictures.push({
          title: `spectrum (${path}${sKey}, ${eigenvalues.length} eigenvalues)`,
          lines: spectrumChart({ eigenvalues, ...(counts ? { counts } : {}), ...(tol !== undefined ? { tol } : {}) }, width),
        });
        used.add(path + sKey);
      }
    }

    for (const [k, v] of Object.entries(rec)) {
      const grid = matrixOf(v);
      // A single row or column reads better as a list.
      if (!grid || grid.length < 2 || grid[0]!.length < 2 || used.has(path + k) || INTERVAL_KEY.test(k)) continue;
      pictures.push({ title: `${path}${k} (${grid.length} × ${grid[0]!.length})`, lines: matrixView(grid, width) });
      used.add(path + k);
    }
  }
  // Counts by sign without eigenvalues (a rank argument): a bar per group.
  if (!pictures.some((p) => p.title.startsWith('spectrum'))) {
    for (const { path, rec } of scopes(data)) {
      const counts = countsIn(rec);
      if (!counts) continue;
      const boundKey = Object.keys(rec).find((k) => POSITIVE_BOUND_KEY.test(k) && typeof rec[k] === 'number');
      const estimateKey = Object.keys(rec).find((k) => POSITIVE_ESTIMATE_KEY.test(k) && typeof rec[k] === 'number');
      // A bound the step itself says is not rigorous is an estimate.
      const smallest =
        boundKey !== undefined
          ? { value: rec[boundKey] as number, proven: rec.rigorousBound !== false }
          : estimateKey !== undefined
            ? { value: rec[estimateKey] as number, proven: false }
            : undefined;
      pictures.push({ title: `eigenvalues by sign (${path || 'the step'}'s counts)`, lines: countsChart(counts, width, smallest) });
      break;
    }
  }
  return { pictures, used };
}

/** One value in a line: scalars as they are, short lists inline, longer ones cut with a count. */
function valueText(v: Json, room: number): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? v : cellOf(v, 6);
  if (Array.isArray(v)) {
    const items = v as readonly Json[];
    if (items.every((x) => x === null || typeof x !== 'object')) {
      const parts: string[] = [];
      let used = 2;
      for (const x of items) {
        const s = typeof x === 'number' ? cellOf(x, 4) : String(x);
        if (used + s.length + 2 > room - 12 && parts.length < items.length) {
          return `[${parts.join(', ')}, … (${items.length} values)]`;
        }
        parts.push(s);
        used += s.length + 2;
      }
      return `[${parts.join(', ')}]`;
    }
    const pairs = items.map((x) => numbersOf(x));
    if (pairs.every((p) => p !== undefined && p.length === 2)) {
      // Boxes: one [lo, hi] per entry.
      const parts: string[] = [];
      for (const p of pairs as number[][]) {
        const s = `[${cellOf(p[0]!, 4)}, ${cellOf(p[1]!, 4)}]`;
        if (parts.join(', ').length + s.length + 2 > room - 14 && parts.length > 0) return `${parts.join(', ')}, … (${items.length} boxes)`;
        parts.push(s);
      }
      return parts.join(', ');
    }
    return `${items.length} item${items.length === 1 ? '' : 's'}: ${JSON.stringify(v)}`;
  }
  return JSON.stringify(v);
}

/** The rows of a list of flat records (every value a scalar), as a table; undefined otherwise. */
function tableOf(v: Json): { readonly columns: string[]; readonly rows: readonly Record_[] } | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const rows = v as readonly Json[];
  if (!rows.every((r) => isRecord(r) && Object.values(r).every((x) => x === null || typeof x !== 'object'))) return undefined;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r as Record_)))];
  return { columns, rows: rows as readonly Record_[] };
}

/** A table of at most `maxRows` rows, as many columns as fit in `width`. */
function tableLines(t: NonNullable<ReturnType<typeof tableOf>>, width: number, maxRows = 8): string[] {
  const cell = (x: Json | undefined): string => (x === undefined ? '' : typeof x === 'string' ? truncate(x, 18) : cellOf(x, 4));
  const shown = t.rows.length > maxRows ? t.rows.slice(0, maxRows - 1) : t.rows;
  const cols: { name: string; w: number }[] = [];
  let used = 0;
  for (const name of t.columns) {
    const w = Math.max(name.length, ...shown.map((r) => cell(r[name]).length));
    if (used + w + 2 > width && cols.length > 0) break;
    cols.push({ name, w });
    used += w + 2;
  }
  const line = (cells: string[]) => truncate(cells.map((c, j) => c.padEnd(cols[j]!.w)).join('  ').trimEnd(), width);
  const lines = [line(cols.map((c) => c.name)), ...shown.map((r) => line(cols.map((c) => cell(r[c.name]))))];
  if (shown.length < t.rows.length) lines.push(`… ${t.rows.length - shown.length} more rows`);
  if (cols.length < t.columns.length) lines.push(truncate(`(not shown: ${t.columns.slice(cols.length).join(', ')})`, width));
  return lines;
}

/** Lines already drawn by the step (a plot given as a list of text lines). */
function drawnLines(key: string, v: Json): readonly string[] | undefined {
  if (!Array.isArray(v) || v.length < 2 || !v.every((x) => typeof x === 'string')) return undefined;
  const lines = v as readonly string[];
  return /plot|picture|chart|drawing/i.test(key) || lines.some((l) => /[┤└│─•]/.test(l)) ? lines : undefined;
}

/**
 * The evidence no picture used, as lines of at most `width` cells: `key = value` for scalars and
 * short lists, a table for a list of records, a step's own drawing as it is; long text wrapped.
 */
export function evidenceLines(data: EvidenceData, used: ReadonlySet<string>, width: number, maxLines = 48): string[] {
  const lines: string[] = [];
  const emit = (key: string, v: Json) => {
    const table = tableOf(v);
    if (table) {
      lines.push(`${key} (${table.rows.length}):`, ...tableLines(table, width - 2).map((l) => `  ${l}`));
      return;
    }
    const drawn = drawnLines(key, v);
    if (drawn) {
      lines.push(`${key}:`, ...drawn.map((l) => truncate(`  ${l}`, width)));
      return;
    }
    const text = `${key} = ${valueText(v, width - key.length - 3)}`;
    // Text (formulas, expressions) is wrapped in full; anything else stays on one line.
    if (typeof v === 'string') lines.push(...wrapText(text, width).map((l, i) => (i === 0 ? l : `    ${l}`)));
    else lines.push(truncate(text, width));
  };
  for (const [k, v] of Object.entries(data)) {
    if (used.has(k)) continue;
    if (isRecord(v)) {
      for (const [k2, v2] of Object.entries(v)) if (!used.has(`${k}.${k2}`)) emit(`${k}.${k2}`, v2);
    } else emit(k, v);
  }
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), `… ${lines.length - maxLines + 1} more lines`];
  return lines;
}
