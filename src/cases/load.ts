/**
 * Case files in, validated Cases out. Every problem is a CaseError naming the file, the field
 * (`data.x[3]`) and what was expected, in one line; nothing past this module sees raw input.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { Case, CaseData } from './types.js';
import { CaseError, FieldError, describe, fail, fmtInt, formatPath, fsProblem, type Path } from './errors.js';
import { readCsvData } from './csv-data.js';
import type { ReadRoots } from './confine.js';
import { readInlineData } from './data.js';
import { readLoss, readPoint, readTheorems } from './fields.js';
import { LIMITS } from './limits.js';
import { fitModel, readModel } from './model.js';
import { CaseSchema, CsvDataSchema, IdxDataSchema, InlineDataSchema, NpyDataSchema, NpzDataSchema, check } from './schema.js';
import { readArrayData } from './array-data.js';
import { fitNetwork, readNetwork } from './network-file.js';
import { formatOf, parseText } from './text.js';

export { CaseError } from './errors.js';

/** Options of readCaseText and readCaseObject. */
export interface CaseOptions {
  /** where CSV paths are resolved; default: the case file's directory */
  readonly baseDir?: string;
  /** directories data files may also lie in, besides baseDir and the working directory (`--allow-read`) */
  readonly allowRead?: readonly string[];
}

/** The directories a case's data files may lie in. */
function rootsOf(baseDir: string, opts: CaseOptions): ReadRoots {
  return { caseDir: baseDir, ...(opts.allowRead !== undefined && { allowRead: opts.allowRead }) };
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Runs `body`, turning a FieldError into a CaseError for `file`. */
export function inFile<T>(file: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof FieldError) throw new CaseError(file, formatPath(e.path), e.expected);
    throw e;
  }
}

/** The first `limit` rows of `data` (CSV and inline data are read whole, then cut). */
function firstRows(data: CaseData, limit: number | undefined): CaseData {
  if (limit === undefined || limit >= data.d) return data;
  const cut = <T>(rows: readonly T[]): T[] => rows.slice(0, limit);
  return {
    ...data,
    d: limit,
    x: cut(data.x),
    y: cut(data.y),
    xExact: cut(data.xExact),
    yExact: cut(data.yExact),
    notes: [...data.notes, `limit: the first ${fmtInt(limit)} rows of ${fmtInt(data.d)}`],
  };
}

/** Reads `data`: inline x and y, a CSV file, or array files (npy, npz, idx). */
function readData(raw: unknown, path: Path, roots: ReadRoots): { data: CaseData; fileBytes: Buffer[] } {
  if (raw === undefined) fail(path, 'missing: expected x and y, or csv, npy, npz or idx');
  if (!isMapping(raw)) fail(path, `expected a mapping with x and y, or csv, npy, npz or idx, got ${describe(raw)}`);
  if ('csv' in raw) {
    const spec = check(CsvDataSchema, raw, path);
    const { data, bytes } = readCsvData(spec, path, roots);
    return { data: firstRows(data, spec.limit), fileBytes: [bytes] };
  }
  if ('npy' in raw) return fromArrays(readArrayData(check(NpyDataSchema, raw, path), path, roots));
  if ('npz' in raw) return fromArrays(readArrayData(check(NpzDataSchema, raw, path), path, roots));
  if ('idx' in raw) return fromArrays(readArrayData(check(IdxDataSchema, raw, path), path, roots));
  const s = check(InlineDataSchema, raw, path);
  return { data: firstRows(readInlineData(s.x, s.y, path), s.limit), fileBytes: [] };
}

const fromArrays = (r: { data: CaseData; bytes: Buffer[] }): { data: CaseData; fileBytes: Buffer[] } => ({ data: r.data, fileBytes: r.bytes });

/** sha256, hex, of the case file's bytes followed by those of the data files it names. */
function sha256Of(caseBytes: Uint8Array, fileBytes: readonly Uint8Array[]): string {
  const hash = createHash('sha256').update(caseBytes);
  for (const b of fileBytes) hash.update(b);
  return hash.digest('hex');
}

/**
 * Validates and normalises a parsed case; `hashOf` gets the CSV bytes (if any) once all is valid.
 */
function buildCase(obj: unknown, file: string, roots: ReadRoots, hashOf: (fileBytes: readonly Uint8Array[]) => string): Case {
  if (!isMapping(obj)) fail([], `expected a mapping of case fields (data, model, …), got ${describe(obj)}`);
  const top = check(CaseSchema, obj, []);
  // The cheap sections first, so a typo is reported before a large CSV file is read.
  const net = readNetwork(top.model, top.point, roots);
  const model = net?.model ?? readModel(top.model, ['model']);
  const loss = readLoss(top.loss, ['loss']);
  const point = net?.point ?? readPoint(top.point, model, ['point']);
  const theorems = readTheorems(top.theorems, ['theorems']);
  const { data, fileBytes } = readData(top.data, ['data'], roots);
  if (net !== undefined) fitNetwork(net, data.m, data.k);
  fitModel(model, data.m, data.k, ['model']);
  if (net !== undefined) fileBytes.push(net.bytes);
  const stem = basename(file, extname(file));
  return {
    name: top.name ?? (stem === '' ? 'case' : stem),
    ...(top.description !== undefined && { description: top.description }),
    file,
    sha256: hashOf(fileBytes),
    data,
    model,
    loss,
    point,
    perturb: top.perturb ?? 0,
    seed: top.seed ?? 1,
    ...(theorems !== undefined && { theorems }),
  };
}

/**
 * A case from a value already parsed (tests, cases built in memory); `file` may be ''. CSV paths
 * resolve against `opts.baseDir` (default: the file's directory). The sha256 is `opts.sha256`
 * when given, else that of the value's JSON text followed by any CSV file's bytes.
 */
export function readCaseObject(obj: unknown, file: string, opts: CaseOptions & { readonly sha256?: string } = {}): Case {
  return inFile(file, () =>
    buildCase(obj, file, rootsOf(opts.baseDir ?? dirname(file), opts), (csv) =>
      // Called after validation, so obj is plain data that JSON can write.
      opts.sha256 ?? sha256Of(Buffer.from(JSON.stringify(obj), 'utf8'), csv),
    ),
  );
}

function fromText(text: string, bytes: Uint8Array, file: string, roots: ReadRoots): Case {
  return inFile(file, () => {
    const obj = parseText(text, formatOf(file));
    return buildCase(obj, file, roots, (csv) => sha256Of(bytes, csv));
  });
}

/**
 * A case from the text of a case file; the format is the extension of `file` (.yaml, .yml,
 * .json). CSV paths resolve against `opts.baseDir` (default: the file's directory).
 */
export function readCaseText(text: string, file: string, opts: CaseOptions = {}): Case {
  return fromText(text, Buffer.from(text, 'utf8'), file, rootsOf(opts.baseDir ?? dirname(file), opts));
}

/** Reads, parses and validates a case file. Throws CaseError (one line) on any problem. */
export function readCaseFile(file: string, opts: Pick<CaseOptions, 'allowRead'> = {}): Case {
  return inFile(file, () => {
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) fail([], 'not a file');
      size = st.size;
    } catch (e) {
      if (e instanceof FieldError) throw e;
      fail([], fsProblem(e));
    }
    if (size > LIMITS.fileBytes) fail([], `the file is ${fmtInt(size)} bytes; the limit is ${fmtInt(LIMITS.fileBytes)}`);
    formatOf(file);
    const bytes = readFileSync(file);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      fail([], 'not UTF-8 text');
    }
    return fromText(text, bytes, file, rootsOf(dirname(file), opts));
  });
}
