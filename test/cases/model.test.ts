import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../src/cases/errors.js';
import { fitModel, mlpParamCount, readModel } from '../../src/cases/model.js';

const dag = (edges: [string, string][], nodes = ['a', 'b', 'c', 'd', 'e']) => ({
  kind: 'dag',
  nodes,
  inputs: ['a'],
  outputs: ['e'],
  edges,
});

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof FieldError) return e.message;
    throw e;
  }
  return 'ok';
};

describe('mlpParamCount', () => {
  it('counts weights and biases layer by layer', () => {
    // xor: 2 → 4 → 1: (2·4 + 4) + (4·1 + 1) = 17
    expect(mlpParamCount(2, [4], 1)).toBe(17n);
    expect(mlpParamCount(4, [10, 5], 3)).toBe(50n + 55n + 18n);
  });

  it('agrees with the count of names W_l[i,j], b_l[i]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (m, hidden, k) => {
        const widths = [m, ...hidden, k];
        const names: string[] = [];
        for (let l = 1; l < widths.length; l++) {
          for (let i = 0; i < widths[l]!; i++) for (let j = 0; j < widths[l - 1]!; j++) names.push(`W${l}[${i},${j}]`);
          for (let i = 0; i < widths[l]!; i++) names.push(`b${l}[${i}]`);
        }
        expect(mlpParamCount(m, hidden, k)).toBe(BigInt(names.length));
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('refuses a network past the limit and accepts one at it', () => {
    // m = 1, k = 1, hidden [w]: n = 3w + 1
    expect(messageOf(() => fitModel({ kind: 'mlp', hidden: [66_666_666], activation: 'smoolu' }, 1, 1, ['model']))).toBe('ok');
    expect(messageOf(() => fitModel({ kind: 'mlp', hidden: [66_666_667], activation: 'smoolu' }, 1, 1, ['model']))).toBe(
      'model.hidden: the network would have 200,000,002 parameters; the limit is 200,000,000',
    );
  });
});

describe('dag checks', () => {
  it('accepts a DAG with a skip edge', () => {
    expect(messageOf(() => readModel(dag([['a', 'b'], ['b', 'c'], ['c', 'e'], ['a', 'e'], ['d', 'e']]), ['model']))).toBe('ok');
  });

  it('names a cycle, starting at the node listed first', () => {
    expect(messageOf(() => readModel(dag([['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'b'], ['d', 'e']]), ['model']))).toBe(
      'model.edges: the graph has a cycle: b -> c -> d -> b',
    );
    expect(messageOf(() => readModel(dag([['a', 'b'], ['c', 'c'], ['b', 'e']]), ['model']))).toBe(
      'model.edges[1]: edge c -> c is a loop; the graph must be acyclic',
    );
  });

  it('finds a cycle downstream of other leftover nodes', () => {
    // e is left over by Kahn's algorithm too, but is not on the cycle
    const g = dag([['a', 'c'], ['c', 'd'], ['d', 'c'], ['d', 'b'], ['b', 'e']], ['a', 'b', 'c', 'd', 'e']);
    expect(messageOf(() => readModel(g, ['model']))).toBe('model.edges: the graph has a cycle: c -> d -> c');
  });

  it.each([
    [{ ...dag([]), nodes: ['a', 'b', 'a', 'e'] }, 'model.nodes[2]: node "a" is listed twice'],
    [{ ...dag([]), inputs: ['z'] }, 'model.inputs[0]: "z" is not one of model.nodes'],
    [{ ...dag([]), outputs: ['a'] }, 'model.outputs[0]: node "a" is also an input'],
    [{ ...dag([]), nodes: ['a', 'b->c', 'e'] }, 'model.nodes[1]: expected a node name without "->", "[" or "]", got "b->c"'],
    [{ ...dag([]), edges: [['a']] }, 'model.edges[0]: expected a pair of node names [from, to], got a list of 1 entry'],
  ])('refuses %j', (g, msg) => {
    expect(messageOf(() => readModel(g, ['model']))).toBe(msg);
  });

  it('checks input and output counts against the data', () => {
    const g = readModel(dag([['a', 'e']]), ['model']);
    expect(messageOf(() => fitModel(g, 1, 1, ['model']))).toBe('ok');
    expect(messageOf(() => fitModel(g, 1, 2, ['model']))).toBe('model.outputs: 1 output node, but the data have k = 2');
  });
});
