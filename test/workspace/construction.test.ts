/**
 * The constructed point on the project's cases, checked against the model's own forward pass and
 * against an independent plain evaluation of the network written here from SPEC.md's parameter
 * names; the box, the rank certificate, and the cases where the construction does not apply.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { caseFromObject, loadCase } from '../../src/models/case.js';
import type { ActivationSpec, Case } from '../../src/cases/types.js';
import { pointOf } from '../../src/workspace/point.js';
import {
  constructionOf,
  constructionResidualOf,
  exactRankFromConstruction,
  structuredOutputs,
  type Construction,
} from '../../src/workspace/construction.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { Workspace } from '../../src/workspace/workspace.js';

const CASES = fileURLToPath(new URL('../../cases/', import.meta.url));

/** σ written out again, independently of src/models/activation.ts. */
function plainSigma(spec: ActivationSpec): (t: number) => number {
  if (spec === 'smoolu') return (t) => (t > 0 ? t * Math.exp(-1 / t) : 0);
  if (spec === 'relu') return (t) => Math.max(t, 0);
  if (typeof spec === 'object' && 'positive' in spec && spec.positive === 'exp(-1/t - t)') return (t) => (t > 0 ? Math.exp(-1 / t - t) : 0);
  throw new Error(`no plain σ for ${JSON.stringify(spec)}`);
}

/** A plain forward pass from parameter names: W1[i,j], b1[i], …; w[a->b], b[v]. */
function plainOutputs(c: Case, names: readonly string[], w: Float64Array): number[][] {
  const value = new Map(names.map((n, i) => [n, w[i]!]));
  const get = (n: string): number => {
    const v = value.get(n);
    if (v === undefined) throw new Error(`no parameter ${n}`);
    return v;
  };
  const spec = c.model;
  if (spec.kind === 'mlp') {
    const sigma = plainSigma(spec.activation);
    const widths = [...spec.hidden, c.data.k];
    return c.data.x.map((x) => {
      let prev = Array.from(x);
      widths.forEach((width, l) => {
        const next: number[] = [];
        for (let i = 0; i < width; i++) {
          let z = get(`b${l + 1}[${i}]`);
          for (let j = 0; j < prev.length; j++) z += get(`W${l + 1}[${i},${j}]`) * prev[j]!;
          next.push(l < widths.length - 1 ? sigma(z) : z);
        }
        prev = next;
      });
      return prev;
    });
  }
  if (spec.kind === 'dag') {
    const sigma = plainSigma(spec.activation);
    return c.data.x.map((x) => {
      const val = new Map<string, number>(spec.inputs.map((v, j) => [v, x[j]!]));
      // the case lists its nodes in a topological order
      for (const v of spec.nodes) {
        if (val.has(v)) continue;
        let z = get(`b[${v}]`);
        for (const [a, b] of spec.edges) if (b === v) z += get(`w[${a}->${b}]`) * val.get(a)!;
        val.set(v, spec.outputs.includes(v) ? z : sigma(z));
      }
      return spec.outputs.map((o) => val.get(o)!);
    });
  }
  throw new Error('not a network');
}

const relResidual = (c: Case, out: (i: number, o: number) => number): number => {
  let r = 0;
  let s = 0;
  c.data.y.forEach((row, i) =>
    row.forEach((y, o) => {
      r = Math.max(r, Math.abs(out(i, o) - y));
      s = Math.max(s, Math.abs(y));
    }),
  );
  return r / (s || 1);
};

function built(c: Case): { ws: Workspace; con: Construction } {
  const ws = new Workspace(c);
  const con = constructionOf(ws);
  if (!con.applicable) throw new Error(con.reason);
  return { ws, con };
}

describe.each([
  ['xor.yaml', 1, 'exact'],
  ['iris.yaml', 1, 'exact'],
  ['relu-lemma.yaml', 1, 'exact'],
  ['dag-layer.yaml', 1, 'exact'],
  ['deep-smoolu.yaml', 2, 'interval'],
  ['deep-bump.yaml', 3, 'interval'],
] as const)('the construction on cases/%s', (file, depth, rigor) => {
  const c = loadCase(join(CASES, file));
  const { ws, con } = built(c);
  const model = modelOf(ws);

  it(`has depth ${depth} and a point in the model's order`, () => {
    expect(con.depth).toBe(depth);
    expect(con.values.length).toBe(model.n);
  });

  it('fits the data by the model\'s forward pass and by a plain implementation (relative residual < 1e-9)', () => {
    const k = c.data.k;
    const outs = model.outputs(con.values, c.data.x);
    expect(relResidual(c, (i, o) => outs[i * k + o]!)).toBeLessThan(1e-9);
    const plain = plainOutputs(c, model.names, con.values);
    expect(relResidual(c, (i, o) => plain[i]![o]!)).toBeLessThan(1e-9);
    const st = structuredOutputs(con, c.data.x);
    expect(relResidual(c, (i, o) => st[i * k + o]!)).toBeLessThan(1e-9);
  });

  it('encloses a true zero in a tight box that varies only the output weights', () => {
    expect(con.plan.enclosure.relativeWidth).toBeLessThan(1e-6);
    const outputs = new Set(con.outputWeights);
    con.enclosure.forEach((iv, i) => {
      expect(iv.lo).toBeLessThanOrEqual(iv.hi);
      if (!outputs.has(i)) expect([iv.lo, iv.hi]).toEqual([con.values[i], con.values[i]]);
    });
    const r = constructionResidualOf(ws)!;
    expect(r.enclosedMaxAbs).toBeLessThan(1e-8 * r.scale);
    expect(r.model.rows).toBe(c.data.d);
  });

  it(`certifies rank J = d·k (${rigor})`, () => {
    const rank = exactRankFromConstruction(ws)!;
    expect(rank.rank).toBe(c.data.d * c.data.k);
    expect(rank.rigor).toBe(rigor);
    expect(rank.columns.length).toBe(c.data.d * c.data.k);
    if (c.model.kind === 'mlp') {
      const L = c.model.hidden.length + 1;
      for (const col of rank.columns) expect(model.names[col]).toMatch(new RegExp(`^W${L}\\[`));
    }
  });

  it('is the point of `point: construct`', () => {
    const p = pointOf(ws);
    expect(p.found && p.method).toBe('construct');
    if (p.found) expect(p.enclosure?.length).toBe(model.n);
  });
});

describe('a larger random case (d = 300, m = 6, smooLU)', () => {
  let s = 12345;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const x = Array.from({ length: 300 }, () => Array.from({ length: 6 }, rnd));
  const y = x.map(() => rnd());
  const c = caseFromObject({ data: { x, y }, model: { kind: 'mlp', hidden: [300], activation: 'smoolu' }, point: 'construct', seed: 3 }, '');
  const { ws, con } = built(c);

  it('stays stable: small growth, tight enclosure, residual below 1e-9', () => {
    expect(con.plan.maxAbsV).toBeLessThan(1e3);
    expect(con.plan.enclosure.relativeWidth).toBeLessThan(1e-8);
    const r = constructionResidualOf(ws)!;
    expect(r.model.relative).toBeLessThan(1e-9);
    expect(r.structured.relative).toBeLessThan(1e-9);
  });

  it('places the biases at the previous projection, the smallest gap scaled to 10', () => {
    expect(con.plan.placement).toBe('previous');
    expect(con.plan.gap).toBe(10);
  });
});

describe('a graph with a chain of carriers and two outputs', () => {
  // x1, x2 → c1 → c2 → h1..h3 → (y1, y2), plus edges the construction must zero: a skip x1 → h1,
  // c1 → y1, and a spare node s reading x2 and feeding y2.
  const hs = ['h1', 'h2', 'h3'];
  const spec = {
    kind: 'dag',
    nodes: ['x1', 'x2', 'c1', 'c2', 's', ...hs, 'y1', 'y2'],
    inputs: ['x1', 'x2'],
    outputs: ['y1', 'y2'],
    edges: [
      ['x1', 'c1'],
      ['x2', 'c1'],
      ['c1', 'c2'],
      ['x2', 's'],
      ...hs.map((h) => ['c2', h]),
      ['x1', 'h1'],
      ...hs.flatMap((h) => [[h, 'y1'], [h, 'y2']]),
      ['c1', 'y1'],
      ['s', 'y2'],
    ],
    activation: 'smoolu',
  };
  const c = caseFromObject({ data: { x: [[0, 1], [1, 0], [2, 2]], y: [[1, 0], [0, 1], [2, -1]] }, model: spec, point: 'construct' }, '');
  const { ws, con } = built(c);

  it('finds the chain (c1, c2) and three last units', () => {
    expect(con.depth).toBe(3);
    expect(con.wiring.carriers.map((u) => u.name)).toEqual(['c1', 'c2']);
    expect(con.wiring.last.slice(0, 3).map((u) => u.name)).toEqual(hs);
  });

  it('fits both outputs, by the model and by a plain evaluation', () => {
    const model = modelOf(ws);
    const outs = model.outputs(con.values, c.data.x);
    expect(relResidual(c, (i, o) => outs[i * 2 + o]!)).toBeLessThan(1e-9);
    const plain = plainOutputs(c, model.names, con.values);
    expect(relResidual(c, (i, o) => plain[i]![o]!)).toBeLessThan(1e-9);
    expect(exactRankFromConstruction(ws)).toMatchObject({ rank: 6, rigor: 'interval' });
  });
});

describe('where the construction does not apply', () => {
  it.each([
    ['narrow.yaml', 'width', /width 3 < d = 4/],
    ['tanh.yaml', 'activation', /tanh does not vanish/],
    ['two-outputs.yaml', 'model', /expression/],
  ] as const)('%s: %s', (file, stage, reason) => {
    const con = constructionOf(new Workspace(loadCase(join(CASES, file))));
    expect(con.applicable).toBe(false);
    if (con.applicable) return;
    expect(con.stage).toBe(stage);
    expect(con.reason).toMatch(reason);
  });

  it('names the duplicate rows when the inputs are not distinct', () => {
    const c = caseFromObject({ data: { x: [[0], [1], [0]], y: [0, 1, 0] }, model: { kind: 'mlp', hidden: [3], activation: 'relu' } }, '');
    const con = constructionOf(new Workspace(c));
    expect(con.applicable).toBe(false);
    if (!con.applicable) expect(con.reason).toContain('rows 1 and 3');
  });
});
