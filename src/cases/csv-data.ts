/**
 * The `data` section read from a CSV file: input columns (`features`), target columns
 * (`target`), an optional one-hot encoding of categorical targets and an optional removal of
 * exact duplicate rows. Rows are numbered from 1, the header not counted, in every message and note.
 */
import { ONE, ZERO, isDecimal, toString as ratString, type Rational } from '../kernel/rational.js';
import type { CaseData } from './types.js';
import { CsvSyntaxError, parseCsv, type CsvTable } from './csv.js';
import { fail, fmtInt, plural, type Path } from './errors.js';
import { checkShape } from './data.js';
import { readDataFile, type ReadRoots } from './confine.js';
import { LIMITS } from './limits.js';
import { DatumReader, isDatumError, readDecimal, type DatumResult } from './numbers.js';

/** `data` in its CSV form, as the schema admits it. */
export interface CsvDataSpec {
  readonly csv: string;
  readonly features?: readonly string[] | undefined;
  readonly target: string | readonly string[];
  readonly oneHot?: boolean | undefined;
  readonly dedupe?: boolean | undefined;
}

/** How many dropped rows the notes name one by one; the rest are counted. */
const NOTED_DROPS = 20;
/** How many classes a one-hot note lists. */
const NOTED_CLASSES = 20;

// A cell's text is never quoted back: the file may hold what the case's author should not see.
const readCell = (v: unknown): DatumResult => readDecimal(String(v), 'a decimal number', 'a cell that is not one');

function parseTable(bytes: Buffer, shown: string, path: Path): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail(path, `${shown} is not UTF-8 text`);
  }
  try {
    return parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) fail(path, `${shown} line ${e.line}: ${e.detail}`);
    throw e;
  }
}

/** Column indices of `names`, each a header column, none twice, none in `exclude`. */
function columns(
  names: readonly string[],
  header: readonly string[],
  shown: string,
  pathOf: (i: number) => Path,
  exclude: ReadonlySet<number>,
): number[] {
  const seen = new Set<number>();
  return names.map((name, i) => {
    const c = header.indexOf(name);
    // The header is the file's text: only the names the case itself wrote are quoted back.
    if (c < 0) fail(pathOf(i), `no column "${name}" in ${shown} (it has ${plural(header.length, 'column')})`);
    if (seen.has(c)) fail(pathOf(i), `column "${name}" is listed twice`);
    if (exclude.has(c)) fail(pathOf(i), `column "${name}" is also a target; a column cannot be both`);
    seen.add(c);
    return c;
  });
}

/**
 * Reads a CSV data section. `path` is the path of `data`; `roots` resolve and confine `csv`.
 * Returns the data and the CSV bytes (they count in the case's sha256).
 */
export function readCsvData(spec: CsvDataSpec, path: Path, roots: ReadRoots): { data: CaseData; bytes: Buffer } {
  const csvPath = [...path, 'csv'];
  const shown = spec.csv;
  const bytes = readDataFile(roots, shown, csvPath);
  const { header, rows } = parseTable(bytes, shown, csvPath);

  const targetNames = typeof spec.target === 'string' ? [spec.target] : spec.target;
  const targetPath = (i: number): Path => (typeof spec.target === 'string' ? [...path, 'target'] : [...path, 'target', i]);
  const tcols = columns(targetNames, header, shown, targetPath, new Set());
  const tset = new Set(tcols);
  let fcols: number[];
  if (spec.features !== undefined) {
    fcols = columns(spec.features, header, shown, (i) => [...path, 'features', i], tset);
  } else {
    fcols = header.map((_, c) => c).filter((c) => !tset.has(c));
    if (fcols.length === 0) fail([...path, 'target'], `every column of ${shown} is a target: no input columns are left`);
  }

  const d = rows.length;
  if (d === 0) fail(csvPath, `${shown} has a header but no data rows (d = 0)`);
  if (d > LIMITS.rows) fail(csvPath, `${shown} has ${fmtInt(d)} rows; the limit is ${fmtInt(LIMITS.rows)}`);
  const m = fcols.length;
  checkShape(d, m, 1, spec.features !== undefined ? [...path, 'features'] : csvPath, [...path, 'target']);

  const at = (r: number, c: number): string => `${shown} row ${r + 1} (line ${rows[r]!.line}), column "${header[c]}"`;
  const reader = new DatumReader();
  const x: Float64Array[] = [];
  const xExact: Rational[][] = [];
  rows.forEach((row, r) => {
    const f = new Float64Array(m);
    const e = new Array<Rational>(m);
    fcols.forEach((c, j) => {
      const cell = row.fields[c]!;
      if (cell === '') fail(csvPath, `${at(r, c)}: expected a decimal number, got an empty cell`);
      const v = reader.read(cell, readCell);
      if (isDatumError(v)) fail(csvPath, `${at(r, c)}: ${v.error}`);
      f[j] = v.float;
      e[j] = v.exact;
    });
    x.push(f);
    xExact.push(e);
  });

  const notes: string[] = [];
  const targets = spec.oneHot === true
    ? oneHotTargets(rows, tcols, header, notes, (r, c) => `${at(r, c)}: expected a class label, got an empty cell`, csvPath)
    : numericTargets(rows, tcols, header, reader, at, csvPath);
  const k = targets.names.length;
  if (k > LIMITS.outputs) fail([...path, 'target'], `${fmtInt(k)} target columns; the limit is ${fmtInt(LIMITS.outputs)}`);

  let keep = rows.map((_, r) => r);
  if (spec.dedupe === true) keep = dedupe(xExact, targets.exact, notes);
  return {
    data: {
      d: keep.length,
      m,
      k,
      x: keep.map((r) => x[r]!),
      y: keep.map((r) => targets.rows[r]!),
      xExact: keep.map((r) => xExact[r]!),
      yExact: keep.map((r) => targets.exact[r]!),
      features: fcols.map((c) => header[c]!),
      targets: targets.names,
      notes,
    },
    bytes,
  };
}

interface Targets {
  readonly names: string[];
  readonly rows: Float64Array[];
  readonly exact: Rational[][];
}

function numericTargets(
  rows: CsvTable['rows'],
  tcols: readonly number[],
  header: readonly string[],
  reader: DatumReader,
  at: (r: number, c: number) => string,
  path: Path,
): Targets {
  const out: Targets = { names: tcols.map((c) => header[c]!), rows: [], exact: [] };
  rows.forEach((row, r) => {
    const f = new Float64Array(tcols.length);
    const e = new Array<Rational>(tcols.length);
    tcols.forEach((c, j) => {
      const cell = row.fields[c]!;
      if (cell === '') fail(path, `${at(r, c)}: expected a decimal number, got an empty cell`);
      const v = reader.read(cell, readCell);
      if (isDatumError(v)) {
        const hint = isDecimal(cell) ? '' : ' (a categorical target needs oneHot: true)';
        fail(path, `${at(r, c)}: ${v.error}${hint}`);
      }
      f[j] = v.float;
      e[j] = v.exact;
    });
    out.rows.push(f);
    out.exact.push(e);
  });
  return out;
}

/** Each target column becomes one 0/1 column per class, classes in order of first appearance. */
function oneHotTargets(
  rows: CsvTable['rows'],
  tcols: readonly number[],
  header: readonly string[],
  notes: string[],
  emptyCell: (r: number, c: number) => string,
  path: Path,
): Targets {
  const classes = tcols.map(() => new Map<string, number>());
  rows.forEach((row, r) =>
    tcols.forEach((c, j) => {
      const label = row.fields[c]!;
      if (label === '') fail(path, emptyCell(r, c));
      const seen = classes[j]!;
      if (!seen.has(label)) seen.set(label, seen.size);
    }),
  );
  const names: string[] = [];
  const offsets: number[] = [];
  tcols.forEach((c, j) => {
    offsets.push(names.length);
    const labels = [...classes[j]!.keys()];
    for (const label of labels) names.push(`${header[c]}=${label}`);
    const shown = labels.slice(0, NOTED_CLASSES).join(', ') + (labels.length > NOTED_CLASSES ? `, … (${fmtInt(labels.length - NOTED_CLASSES)} more)` : '');
    notes.push(`one-hot target "${header[c]}": ${plural(labels.length, 'class', 'classes')} in order of first appearance: ${shown}`);
  });
  const k = names.length;
  const out: Targets = { names, rows: [], exact: [] };
  if (k > LIMITS.outputs) return out; // the caller refuses it, naming the limit
  for (const row of rows) {
    const f = new Float64Array(k);
    const e = new Array<Rational>(k).fill(ZERO);
    tcols.forEach((c, j) => {
      const o = offsets[j]! + classes[j]!.get(row.fields[c]!)!;
      f[o] = 1;
      e[o] = ONE;
    });
    out.rows.push(f);
    out.exact.push(e);
  }
  return out;
}

/**
 * Indices of the rows to keep: a row whose inputs and targets both equal, exactly, those of an
 * earlier row is dropped. Rows with equal inputs and different targets stay (the theorems
 * report them).
 */
function dedupe(xExact: readonly (readonly Rational[])[], yExact: readonly (readonly Rational[])[], notes: string[]): number[] {
  const first = new Map<string, number>();
  const keep: number[] = [];
  const dropped: string[] = [];
  xExact.forEach((xr, r) => {
    const key = `${xr.map(ratString).join(',')}|${yExact[r]!.map(ratString).join(',')}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, r);
      keep.push(r);
    } else {
      dropped.push(`dropped row ${r + 1} (duplicate of row ${earlier + 1})`);
    }
  });
  notes.push(...dropped.slice(0, NOTED_DROPS));
  if (dropped.length > NOTED_DROPS) {
    notes.push(`dropped ${plural(dropped.length - NOTED_DROPS, 'more duplicate row')} (${fmtInt(dropped.length)} in all)`);
  }
  return keep;
}
