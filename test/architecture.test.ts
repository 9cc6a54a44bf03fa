/**
 * The house's one rule, checked from the source text: data flows upward through the floors of
 * src/ (FLOORS below), each folder importing only from floors below it, never in a
 * cycle, and src/kernel importing nothing outside itself. The graph is folder-level: a file
 * src/F/… is the node `F`, a top-level file src/x.ts is the node `x`, every file of theorems/ is
 * `theorems`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The floors, lowest first. Folders on one floor may not import each other. `verify` is the
 * certificate checker's command-line half, which imports only the kernel and the expression
 * toolkit; `expr` is that toolkit (parse, evaluate, differentiate, print user expressions).
 */
const FLOORS: readonly (readonly string[])[] = [
  ['kernel'],
  ['evidence', 'version'],
  ['expr'],
  ['verify'],
  ['numeric'],
  ['cases'],
  ['models'],
  ['symbolic'],
  ['points'],
  ['workspace'],
  ['proof'],
  ['render'],
  ['explore', 'theorems'],
  ['report'],
  ['ui'],
  ['cli'],
];

type Graph = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The node a repository-relative path belongs to, or undefined outside src/ and theorems/. */
function nodeOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'theorems') return 'theorems';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? parts[1]!.replace(/\.(tsx?|js)$/, '') : parts[1];
}

/** Folder-level imports: from → to → the files (with specifier) that make the edge. */
function importGraph(): Graph {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'theorems'))]) {
    const from = relative(ROOT, file);
    const a = nodeOf(from);
    if (a === undefined) continue;
    const edges = graph.get(a) ?? new Map<string, string[]>();
    graph.set(a, edges);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"]+)['"]/g)) {
      const b = nodeOf(normalize(join(dirname(from), m[1]!)));
      if (b === undefined || b === a) continue;
      const list = edges.get(b) ?? [];
      list.push(`${from}: ${m[1]}`);
      edges.set(b, list);
    }
  }
  return graph;
}

/** One cycle of the graph as a path a → … → a, or undefined when it has none. */
export function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n)?.keys() ?? []) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (state.get(m) === undefined) {
        const found = visit(m);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    if (state.get(n) === undefined) {
      const found = visit(n);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every import that does not go strictly down the floors (or reaches an unplaced folder). */
export function upwardImports(graph: Graph, floors: readonly (readonly string[])[]): string[] {
  const level = new Map(floors.flatMap((names, i) => names.map((n) => [n, i] as const)));
  const out: string[] = [];
  for (const [a, edges] of graph) {
    for (const [b, files] of edges) {
      const la = level.get(a);
      const lb = level.get(b);
      if (la === undefined || lb === undefined) out.push(`${a} → ${b}: a folder with no floor (${files[0]})`);
      else if (lb >= la) out.push(`${a} (floor ${la}) → ${b} (floor ${lb}): ${files.join('; ')}`);
    }
  }
  return out;
}

const graphOf = (edges: Record<string, readonly string[]>): Graph =>
  new Map(Object.entries(edges).map(([a, bs]) => [a, new Map(bs.map((b) => [b, [`${a}.ts`]] as const))]));

describe('the checks themselves', () => {
  it('find a cycle, and none in a chain', () => {
    expect(findCycle(graphOf({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(graphOf({ a: ['b'], b: ['c'], c: [] }))).toBeUndefined();
    expect(findCycle(graphOf({ a: ['b', 'c'], b: ['c'], c: ['b'] }))).toEqual(['b', 'c', 'b']);
  });

  it('flag an import of a floor above, of the same floor, and of an unplaced folder', () => {
    const floors = [['low'], ['mid', 'side'], ['top']];
    expect(upwardImports(graphOf({ top: ['mid'], mid: ['low'] }), floors)).toEqual([]);
    expect(upwardImports(graphOf({ low: ['top'] }), floors)).toHaveLength(1);
    expect(upwardImports(graphOf({ mid: ['side'] }), floors)).toHaveLength(1);
    expect(upwardImports(graphOf({ top: ['stray'] }), floors)).toHaveLength(1);
  });
});

describe('the import graph of src/ and theorems/', () => {
  const graph = importGraph();

  it('has no cycle between folders', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('goes only down the floors', () => {
    expect(upwardImports(graph, FLOORS)).toEqual([]);
  });

  it('keeps src/kernel to itself', () => {
    expect([...(graph.get('kernel')?.entries() ?? [])].map(([b, files]) => `${b}: ${files.join('; ')}`)).toEqual([]);
  });
});
