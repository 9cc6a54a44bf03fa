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
import type { Json } from '../../proof/types.js';
import { cellOf, numberOf, numbersOf, truncate, wrapText } from './format.js';
import { matrixOf, matrixView } from './matrix.js';
import { numberLine } from './number-line.js';
import { spectrumChart, type SpectrumCounts } from './spectrum.js';

export type EvidenceData = { readonly [key: string]: Json };

export interface Picture {
  readonly title: string;
  readonly lines: readonly string[];
}

const PROJECTION_KEYS = ['projections', 't'];
const BIAS_KEYS = ['biases', 'beta', 'β'];
const SPECTRUM_KEYS = ['spectrum', 'eigenvalues', 'hessianEigenvalues', 'eigs'];
const TOL_KEYS = ['tol', 'tolerance', 'zeroTol', 'zeroTolerance'];

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
      if (!grid || grid.length < 2 || grid[0]!.length < 2 || used.has(path + k)) continue;
      pictures.push({ title: `${path}${k} (${grid.length} × ${grid[0]!.length})`, lines: matrixView(grid, width) });
      used.add(path + k);
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
    return `${items.length} item${items.length === 1 ? '' : 's'}: ${JSON.stringify(v)}`;
  }
  return JSON.stringify(v);
}

/** The evidence no picture used, as `key = value` lines of at most `width` cells (long text wrapped). */
export function evidenceLines(data: EvidenceData, used: ReadonlySet<string>, width: number, maxLines = 40): string[] {
  const lines: string[] = [];
  const emit = (key: string, v: Json) => {
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
