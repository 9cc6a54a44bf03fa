import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/cases/types.js';
import { dagLayout, type DagSpec } from '../../src/models/dag.js';
import { buildModel, ModelError } from '../../src/models/index.js';
import { compileExpr } from '../../src/expr/index.js';
import {
  GLOBAL_FORMULA_ACTIVATIONS,
  dagCase,
  dagFormulas,
  fdJacobian,
  mathjsPartial,
  maxRelErr,
  toMathNode,
} from './helpers.js';

/** x1, x2 → h (internal) → y, with a skip edge x1 → y. */
const SKIP: DagSpec = {
  kind: 'dag',
  nodes: ['x1', 'x2', 'h', 'y'],
  inputs: ['x1', 'x2'],
  outputs: ['y'],
  edges: [
    ['x1', 'h'],
    ['x2', 'h'],
    ['h', 'y'],
    ['x1', 'y'],
  ],
  activation: 'tanh',
};

describe('dag layout', () => {
  it('names edges in the order listed, then biases of non-input nodes in node order', () => {
    const model = buildModel(SKIP, 2, 1);
    expect(model.names).toEqual(['w[x1->h]', 'w[x2->h]', 'w[h->y]', 'w[x1->y]', 'b[h]', 'b[y]']);
    expect(model.kind).toBe('dag');
    expect(model.activation?.name).toBe('tanh');
  });

  it('computes internal nodes with σ and outputs without', () => {
    const model = buildModel(SKIP, 2, 1);
    const w = Float64Array.of(0.5, -1, 2, 3, 0.1, -0.2);
    const h = Math.tanh(0.5 * 0.3 - 1 * 0.7 + 0.1);
    expect(model.forward(w, Float64Array.of(0.3, 0.7))[0]).toBeCloseTo(2 * h + 3 * 0.3 - 0.2, 15);
  });

  it('takes input j and output o from the lists, whatever the node order', () => {
    const spec: DagSpec = {
      kind: 'dag',
      nodes: ['out2', 'b', 'out1', 'a'],
      inputs: ['b', 'a'],
      outputs: ['out1', 'out2'],
      edges: [
        ['a', 'out1'],
        ['b', 'out2'],
      ],
      activation: 'relu',
    };
    const model = buildModel(spec, 2, 2);
    expect(model.names).toEqual(['w[a->out1]', 'w[b->out2]', 'b[out2]', 'b[out1]']);
    // out1 = 2·a + 10, out2 = 3·b + 20 with x = (b, a) = (1, 5)
    expect(Array.from(model.forward(Float64Array.of(2, 3, 20, 10), Float64Array.of(1, 5)))).toEqual([20, 23]);
  });

  const bad = (patch: Partial<DagSpec>): DagSpec => ({ ...SKIP, ...patch });
  it.each<[string, DagSpec, number, number, string, string]>([
    ['cycle', bad({ nodes: ['x1', 'x2', 'h', 'g', 'y'], edges: [['h', 'g'], ['g', 'h'], ['g', 'y']] }), 2, 1, 'model.edges', 'the graph has a cycle through node "h"'],
    ['unknown edge end', bad({ edges: [['x1', 'q']] }), 2, 1, 'model.edges[0]', 'unknown node "q"'],
    ['edge into an input', bad({ edges: [['h', 'x1']] }), 2, 1, 'model.edges[0]', 'edge into input node "x1"'],
    ['edge out of an output', bad({ edges: [['x1', 'y'], ['y', 'h']] }), 2, 1, 'model.edges[1]', 'edge out of output node "y"'],
    ['duplicate edge', bad({ edges: [['x1', 'y'], ['x1', 'y']] }), 2, 1, 'model.edges[1]', 'duplicate edge x1->y'],
    ['duplicate node', bad({ nodes: ['x1', 'x2', 'h', 'h', 'y'] }), 2, 1, 'model.nodes[3]', 'duplicate node "h"'],
    ['unknown input', bad({ inputs: ['x1', 'z'] }), 2, 1, 'model.inputs[1]', 'unknown node "z"'],
    ['output also input', bad({ outputs: ['x1'] }), 2, 1, 'model.outputs[0]', 'node "x1" is also an input'],
    ['m mismatch', SKIP, 3, 1, 'model.inputs', 'has 2 nodes but the data have m = 3 inputs'],
    ['k mismatch', SKIP, 2, 2, 'model.outputs', 'has 1 nodes but the data have k = 2 outputs'],
  ])('refuses %s', (_what, spec, m, k, path, detail) => {
    let err: unknown;
    try {
      buildModel(spec, m, k);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).path).toBe(path);
    expect((err as ModelError).detail).toBe(detail);
    expect((err as ModelError).message).toBe(`${path}: ${detail}`);
  });

  it('orders nodes topologically for any listing order', () => {
    fc.assert(
      fc.property(dagCase(), (c) => {
        const spec = c.spec as DagSpec;
        const { order } = dagLayout(spec);
        const at = new Map(order.map((v, i) => [v, i]));
        expect(order.length).toBe(spec.nodes.length);
        for (const [from, to] of spec.edges) expect(at.get(from)!).toBeLessThan(at.get(to)!);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe('dag Jacobian', () => {
  it('matches 5-point differences (random dags with skip connections)', () => {
    fc.assert(
      fc.property(dagCase(), (c) => {
        const model = buildModel(c.spec, c.m, c.k);
        expect(maxRelErr(model.jacobian(c.w, c.xs), fdJacobian(model, c.w, c.xs))).toBeLessThan(1e-6);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('matches mathjs derivative of the dag written as a formula', () => {
    fc.assert(
      fc.property(dagCase(GLOBAL_FORMULA_ACTIVATIONS, 3), (c) => {
        const spec = c.spec as Extract<ModelSpec, { kind: 'dag' }>;
        const model = buildModel(spec, c.m, c.k);
        const names = Array.from({ length: model.n }, (_, i) => `p${i}`);
        const J = model.jacobian(c.w, c.xs);
        const ref = new Float64Array(J.length);
        c.xs.forEach((x, i) => {
          dagFormulas(spec, x).forEach((f, o) => {
            expect(compileExpr(f, names)(c.w)).toBeCloseTo(model.forward(c.w, x)[o]!, 12);
            const node = toMathNode(f);
            for (let p = 0; p < model.n; p++) ref[(i * c.k + o) * model.n + p] = mathjsPartial(node, p, c.w);
          });
        });
        expect(maxRelErr(J, ref)).toBeLessThan(1e-10);
      }),
      { seed: 42, numRuns: 15 },
    );
  });

  it('an mlp written as a dag has the same outputs and Jacobian', () => {
    const dag: DagSpec = {
      kind: 'dag',
      nodes: ['i0', 'i1', 'u0', 'u1', 'o'],
      inputs: ['i0', 'i1'],
      outputs: ['o'],
      // mlp order: W1 row-major, then W2
      edges: [
        ['i0', 'u0'],
        ['i1', 'u0'],
        ['i0', 'u1'],
        ['i1', 'u1'],
        ['u0', 'o'],
        ['u1', 'o'],
      ],
      activation: 'swish',
    };
    const a = buildModel(dag, 2, 1);
    const b = buildModel({ kind: 'mlp', hidden: [2], activation: 'swish' }, 2, 1);
    // dag order: W1 (4), W2 (2), b1 (2), b2 (1); mlp order: W1, b1, W2, b2
    const wMlp = Float64Array.of(0.1, -0.4, 0.7, 0.2, 0.3, -0.6, 1.1, -0.9, 0.05);
    const wDag = Float64Array.of(0.1, -0.4, 0.7, 0.2, 1.1, -0.9, 0.3, -0.6, 0.05);
    const xs = [Float64Array.of(0.5, -1), Float64Array.of(2, 0.25)];
    expect(Array.from(a.outputs(wDag, xs))).toEqual(Array.from(b.outputs(wMlp, xs)));
    const perm = [0, 1, 2, 3, 6, 7, 4, 5, 8]; // dag index → mlp index
    const Ja = a.jacobian(wDag, xs);
    const Jb = b.jacobian(wMlp, xs);
    for (let r = 0; r < 2; r++) for (let p = 0; p < 9; p++) expect(Ja[r * 9 + p]).toBe(Jb[r * 9 + perm[p]!]);
  });
});
