/**
 * Case file text to a plain value: YAML or JSON (duplicate keys refused in both, YAML anchors bounded), by
 * the file's extension. Syntax errors become FieldErrors at the root with the line and column.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type * as Yaml from 'yaml';
import type { Document } from 'yaml';
import { fail } from './errors.js';
import { findDuplicateKey, lineCol } from './json-keys.js';

let yamlModule: typeof Yaml | undefined;
/** The yaml package, loaded with the first YAML file (a JSON case never pays for it). */
const yaml = (): typeof Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export type CaseFormat = 'yaml' | 'json';

/** The format a file name says, or a FieldError at the root. */
export function formatOf(file: string): CaseFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  fail([], `${ext === '' ? 'no file extension' : `unknown file type "${ext}"`}; expected .yaml, .yml or .json`);
}

/** The key text at `offset` (a duplicate key), for the message. */
function keyAt(text: string, offset: number): string {
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:,{}[\]\n]+)/.exec(text.slice(offset, offset + 200));
  return m === null ? '' : ` ${JSON.stringify(m[1]!.trim().replace(/^["']|["']$/g, ''))}`;
}

function parseYaml(text: string): unknown {
  const { isScalar, parseDocument, visit } = yaml();
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    const { line, col } = lineCol(text, problem.pos[0]);
    const what = problem.code === 'DUPLICATE_KEY' ? `duplicate key${keyAt(text, problem.pos[0])}` : problem.message.split('\n')[0]!;
    fail([], `YAML error at line ${line}, column ${col}: ${what}`);
  }
  // A list or mapping as a key has no plain-object form (yaml would stringify it and warn).
  let complexKey: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        complexKey = (pair.key as { range?: [number, number, number] }).range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (complexKey !== undefined) {
    const { line, col } = lineCol(text, complexKey);
    fail([], `YAML error at line ${line}, column ${col}: a key must be a plain name, not a list or mapping`);
  }
  if (doc.contents === null) fail([], 'the file is empty; expected a mapping of case fields');
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    fail([], `YAML error: ${e instanceof Error ? e.message.split('\n')[0]! : String(e)}`);
  }
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(msg);
    // V8 quotes the source after `, "…" is not valid JSON`: drop it, it can be long.
    const what = msg.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    if (pos === null) fail([], `JSON error: ${what}`);
    const { line, col } = lineCol(text, Number(pos[1]));
    fail([], `JSON error at line ${line}, column ${col}: ${what}`);
  }
  const dup = findDuplicateKey(text);
  if (dup !== undefined) fail(dup.path, `duplicate key at line ${dup.line}, column ${dup.col} (each key may be given once)`);
  return value;
}

/** Parses case file text in `format`. */
export function parseText(text: string, format: CaseFormat): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'yaml' ? parseYaml(t) : parseJson(t);
}
