/**
 * Errors at the case-file border. Inside `cases/`, helpers throw FieldError (a field path and
 * what was expected there); the loader adds the file name and rethrows a CaseError, whose message
 * is the one line the CLI prints before exiting with code 2.
 */

/** A field path as segments: `['data', 'x', 3]` is `data.x[3]`. */
export type Path = readonly (string | number)[];

/**
 * An invalid case file. `message` is one line: `${file}: ${path}: ${expected}`, e.g.
 * `cases/bad.yaml: data.x[3]: expected 2 numbers (like row 0), got 3`.
 */
export class CaseError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file === '' ? '(in memory)' : file}: ${path}: ${expected}`);
    this.name = 'CaseError';
  }
}

/** A problem at a field, before the file name is known. */
export class FieldError extends Error {
  constructor(
    readonly path: Path,
    readonly expected: string,
  ) {
    super(`${formatPath(path)}: ${expected}`);
    this.name = 'FieldError';
  }
}

/** Throws a FieldError; for expressions like `x ?? fail(path, '…')`. */
export function fail(path: Path, expected: string): never {
  throw new FieldError(path, expected);
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `data.x[3]`, `model.hidden[0]`, `point.params["w 1"]`; the root is `(file)`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(file)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** 1234567 → "1,234,567" (limits and counts read better grouped). */
export function fmtInt(n: number | bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const MAX_SHOWN = 40;

/** A value as a message shows it after "got": `"abc"`, `NaN`, `true`, `a list of 3 entries`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'string':
      return v.length > MAX_SHOWN ? `${JSON.stringify(v.slice(0, MAX_SHOWN))}…` : JSON.stringify(v);
    default:
      if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${fmtInt(v.length)} ${v.length === 1 ? 'entry' : 'entries'}`;
      if (v instanceof Uint8Array) return 'binary data';
      if (typeof v === 'object') return 'a mapping';
      return typeof v;
  }
}

/** "1 row", "3 rows". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${fmtInt(n)} ${n === 1 ? word : many}`;
}

/** A file-system error in words: "file not found", or "cannot read the file (EACCES)". */
export function fsProblem(e: unknown): string {
  const code = e instanceof Error && 'code' in e ? String(e.code) : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
  return `cannot read the file${code === undefined ? '' : ` (${code})`}`;
}
