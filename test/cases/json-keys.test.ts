import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../src/cases/json-keys.js';

/** A JSON value whose objects may repeat keys, written as text, with the reference answer. */
type Tree = { kind: 'leaf'; text: string } | { kind: 'array'; items: Tree[] } | { kind: 'object'; entries: [string, Tree][] };

const keyArb = fc.oneof(fc.constantFrom('a', 'b', 'model', 'a"b', 'a\\b', '\u00e9', ''), fc.string({ maxLength: 3 }));
const leafArb = fc.oneof(
  fc.constantFrom('1', '-2.5e3', 'true', 'null', '"x"', '"}"', '"]"', '","', '"\\\\"', '"\\""', '"{\\"a\\":1}"'),
  fc.string({ maxLength: 4 }).map((s) => JSON.stringify(s)),
);
const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((text): Tree => ({ kind: 'leaf', text })),
    fc.array(tie('tree'), { maxLength: 4 }).map((items): Tree => ({ kind: 'array', items })),
    fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 4 }).map((entries): Tree => ({ kind: 'object', entries })),
  ),
})).tree;

/** Key text: plain JSON.stringify, or with a letter \\u-escaped (so equal keys can look different). */
const writeKey = (k: string, escape: boolean): string =>
  escape && k.length > 0 && /[a-z]/.test(k[0]!) ? `"\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(k).slice(2)}` : JSON.stringify(k);

function write(t: Tree, escape: boolean, ws: string): string {
  if (t.kind === 'leaf') return t.text;
  if (t.kind === 'array') return `[${ws}${t.items.map((x) => write(x, escape, ws)).join(`,${ws}`)}]`;
  return `{${t.entries.map(([k, v]) => `${ws}${writeKey(k, escape)}${ws}:${write(v, escape, ws)}`).join(',')}}`;
}

/** The reference: the first duplicate in document order, by walking the tree. */
function firstDuplicate(t: Tree, path: (string | number)[] = []): (string | number)[] | undefined {
  if (t.kind === 'array') {
    for (const [i, x] of t.items.entries()) {
      const d = firstDuplicate(x, [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  if (t.kind === 'object') {
    const seen = new Set<string>();
    for (const [k, v] of t.entries) {
      if (seen.has(k)) return [...path, k];
      seen.add(k);
      const d = firstDuplicate(v, [...path, k]);
      if (d) return d;
    }
  }
  return undefined;
}

describe('findDuplicateKey', () => {
  it('finds the first duplicate key, or none, as a walk of the value does', () => {
    fc.assert(
      fc.property(treeArb, fc.boolean(), fc.constantFrom('', ' ', '\n  '), (t, escape, ws) => {
        const text = write(t, escape, ws);
        JSON.parse(text); // the finder only ever sees text JSON.parse accepted
        expect(findDuplicateKey(text)?.path).toEqual(firstDuplicate(t));
      }),
      { numRuns: 400 },
    );
  });

  it('walks 100,000 levels of nesting without the call stack', () => {
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    const dup = findDuplicateKey(deep);
    expect(dup?.path.length).toBe(100_001);
    expect(dup?.path.at(-1)).toBe('a');
  });
});
