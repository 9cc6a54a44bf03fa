/**
 * Duplicate keys in JSON text. JSON.parse keeps the last of two equal keys without a word, so a
 * case could say one thing to a reader and another to the tool; YAML refuses duplicates, and so
 * does this check. It scans text JSON.parse has already accepted, in one pass with an explicit
 * stack, so deep nesting costs no call stack and a large file costs linear time.
 */
import type { Path } from './errors.js';

/** Where a duplicate key is: its field path, and its line and column (1-based). */
export interface DuplicateKey {
  readonly path: Path;
  readonly line: number;
  readonly col: number;
}

interface Frame {
  readonly object: boolean;
  /** keys seen so far (objects) */
  readonly keys: Set<string> | undefined;
  /** the key whose value is being read (objects), or the index (arrays) */
  at: string | number;
  /** whether the next string in this object is a key */
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The first duplicate key of valid JSON `text`, or undefined. */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      // The closing quote is the first one not escaped by an odd run of backslashes.
      for (i++; i < n; i++) {
        const q = text.charCodeAt(i);
        if (q === BACKSLASH) i++;
        else if (q === QUOTE) break;
      }
      const top = stack[stack.length - 1];
      if (top?.object === true && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys!.has(key)) {
          const path = [...stack.slice(0, -1).map((f) => f.at), key];
          return { path, ...lineCol(text, start) };
        }
        top.keys!.add(key);
        top.at = key;
        top.expectKey = false;
      }
      continue;
    }
    switch (text[i]) {
      case '{':
        stack.push({ object: true, keys: new Set(), at: '', expectKey: true });
        break;
      case '[':
        stack.push({ object: false, keys: undefined, at: 0, expectKey: false });
        break;
      case '}':
      case ']':
        stack.pop();
        break;
      case ',': {
        const top = stack[stack.length - 1];
        if (top === undefined) break;
        if (top.object) top.expectKey = true;
        else top.at = (top.at as number) + 1;
        break;
      }
      default:
    }
  }
  return undefined;
}

/** Line and column (1-based) of a character offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  return { line, col: offset - start + 1 };
}
