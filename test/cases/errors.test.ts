import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaseError } from '../../src/cases/load.js';
import {  } from '../../src/models/case.js';
import { parseCase } from '../../src/models/case.js';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

const XOR_DATA = 'data:\n  x: [[0, 0], [0, 1], [1, 0], [1, 1]]\n  y: [0, 1, 1, 0]\n';
const MLP = 'model: {kind: mlp, hidden: [4]}\n';

/** A YAML case: the XOR data and a small mlp unless replaced. */
function yaml(parts: { data?: string; model?: string; rest?: string }): string {
  return (parts.data ?? XOR_DATA) + (parts.model ?? MLP) + (parts.rest ?? '');
}
const x = (rows: string): string => `data:\n  x: ${rows}\n  y: [0, 1, 1, 0]\n`;
const y = (vals: string): string => `data:\n  x: [[0, 0], [0, 1], [1, 0], [1, 1]]\n  y: ${vals}\n`;
const csv = (fields: string): string => `data: {${fields}}\n`;
const dag = (edges: string, io = 'inputs: [i, j], outputs: [o]'): string =>
  `model: {kind: dag, nodes: [i, j, a, b, o], ${io}, edges: ${edges}}\n`;

const F = 'cases/bad.yaml';

// [what, file name, text, the exact one-line message]
const BAD: readonly (readonly [string, string, string, string])[] = [
  ['expression escaping the sandbox', F, yaml({ model: "model: {kind: expression, params: [a, b], inputs: [p, q], output: 'a*p + import(b)'}\n", rest: 'point: search\n' }), `${F}: model.output[0]: unknown function "import"`],
  ['activation naming an unknown symbol', F, yaml({ model: "model: {kind: mlp, hidden: [4], activation: {name: bump, positive: 'exp(-1/t) + constructor'}}\n" }), `${F}: model.activation.positive: unknown symbol "constructor" (allowed: t)`],
  ['point naming a stray parameter', F, yaml({ model: "model: {kind: expression, params: [a, b], inputs: [p, q], output: 'a*p + b*q'}\n", rest: 'point: {params: {a: 1, z: 2}}\n' }), `${F}: point.params.z: not a parameter of this model (its 2 parameters: a, b)`],
  ['point missing a parameter', F, yaml({ model: "model: {kind: expression, params: [a, b], inputs: [p, q], output: 'a*p + b*q'}\n", rest: 'point: {params: {a: 1}}\n' }), `${F}: point.params: missing 1 parameter(s): b`],
  ['YAML alias bomb', F, 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\ndata: {x: *e, y: [1]}\n' + MLP, `${F}: (file): YAML error: Excessive alias count indicates a resource exhaustion attack`],
  ['YAML .nan in x', F, yaml({ data: x('[[0, .nan], [0, 1], [1, 0], [1, 1]]') }), `${F}: data.x[0][1]: expected a finite number, got NaN`],
  ['YAML .inf in y', F, yaml({ data: y('[0, 1, .inf, 0]') }), `${F}: data.y[2]: expected a finite number, got Infinity`],
  ['YAML -.inf in x', F, yaml({ data: x('[[0, 0], [-.inf, 1], [1, 0], [1, 1]]') }), `${F}: data.x[1][0]: expected a finite number, got -Infinity`],
  ['string "NaN"', F, yaml({ data: x('[[0, 0], ["NaN", 1], [1, 0], [1, 1]]') }), `${F}: data.x[1][0]: expected a number or a decimal string, got "NaN"`],
  ['string "Infinity"', F, yaml({ data: y('[0, "Infinity", 1, 0]') }), `${F}: data.y[1]: expected a number or a decimal string, got "Infinity"`],
  ['decimal that overflows', F, yaml({ data: y('[0, 1, "1e999", 0]') }), `${F}: data.y[2]: expected a finite number, got "1e999", which overflows binary64`],
  ['decimal that underflows', F, yaml({ data: y('[0, 1, "-2e-400", 0]') }), `${F}: data.y[2]: expected a number binary64 can hold, got "-2e-400", which underflows to 0`],
  ['non-numeric string', F, yaml({ data: x('[[0, 0], [0, 1], [1, "one"], [1, 1]]') }), `${F}: data.x[2][1]: expected a number or a decimal string, got "one"`],
  ['boolean', F, yaml({ data: y('[0, true, 1, 0]') }), `${F}: data.y[1]: expected a number or a decimal string, got true`],
  ['null', F, yaml({ data: y('[0, 1, 1, ~]') }), `${F}: data.y[3]: expected a number or a decimal string, got null`],
  ['ragged x', F, yaml({ data: x('[[0, 0], [0, 1], [1, 0], [1, 1, 2]]') }), `${F}: data.x[3]: expected 2 numbers (like row 0), got 3`],
  ['ragged y rows', F, yaml({ data: y('[[0, 1], [1, 0], [1], [0, 1]]') }), `${F}: data.y[2]: expected 2 numbers (like row 0), got 1`],
  ['y mixes numbers and rows', F, yaml({ data: y('[0, [1], 1, 0]') }), `${F}: data.y[1]: expected a number (like row 0), got a list of 1 entry`],
  ['d = 0', F, yaml({ data: 'data: {x: [], y: []}\n' }), `${F}: data.x: expected at least one row, got none (d = 0)`],
  ['m = 0', F, yaml({ data: 'data: {x: [[]], y: [1]}\n' }), `${F}: data.x[0]: expected at least one number (m ≥ 1), got an empty list`],
  ['x and y lengths differ', F, yaml({ data: y('[0, 1, 1]') }), `${F}: data.y: expected 4 entries (one per row of data.x), got 3`],
  ['y missing', F, yaml({ data: 'data: {x: [[0]]}\n' }), `${F}: data.y: missing: expected d numbers, or d rows of k numbers`],
  ['data missing', F, MLP, `${F}: data: missing: expected x and y, or csv, npy, npz or idx`],
  ['model missing', F, XOR_DATA, `${F}: model: missing: expected a mapping with kind mlp, dag or expression`],
  ['unknown top-level key', F, yaml({ rest: 'seeed: 2\n' }),
    `${F}: seeed: unknown key (allowed here: name, description, data, model, loss, point, perturb, seed, theorems)`],
  ['unknown key in data', F, yaml({ data: 'data: {x: [[0]], y: [1], z: [2]}\n' }), `${F}: data.z: unknown key (allowed here: x, y, limit)`],
  ['unknown key in a CSV data section', F, yaml({ data: csv('csv: iris.csv, target: y, onehot: true') }),
    `${F}: data.onehot: unknown key (allowed here: csv, features, target, oneHot, dedupe, limit)`],
  ['misspelt model key', F, yaml({ model: 'model: {kind: mlp, hiden: [4]}\n' }), `${F}: model.hiden: unknown key (allowed here: kind, hidden, activation)`],
  ['unknown key in an activation', F, yaml({ model: 'model: {kind: mlp, hidden: [4], activation: {name: bump, positive: "exp(-1/t)", shape: 1}}\n' }),
    `${F}: model.activation.shape: unknown key (allowed here: name, positive, expr)`],
  ['unknown key in point.train', F, yaml({ rest: 'point: {train: {steps: 10, lr: 0.1}}\n' }), `${F}: point.train.lr: unknown key (allowed here: steps, rate)`],
  ['unknown theorem id', F, yaml({ rest: 'theorems: [2.1, 5.1]\n' }), `${F}: theorems[1]: expected a theorem id (2.1, 2.2, 2.3, 3.3, 3.4, 4.1, 4.2), got 5.1`],
  ['theorem listed twice', F, yaml({ rest: 'theorems: [4.1, "4.1"]\n' }), `${F}: theorems[1]: theorem 4.1 is listed twice`],
  ['duplicate YAML key', F, yaml({ rest: 'seed: 1\nseed: 2\n' }), `${F}: (file): YAML error at line 6, column 1: duplicate key "seed"`],
  ['YAML syntax error', F, 'data: {x: [[0]], y: [1]\nmodel: 1\n', `${F}: (file): YAML error at line 2, column 1: Flow map in block collection must be sufficiently indented and end with a }`],
  ['not a mapping', F, '- 1\n- 2\n', `${F}: (file): expected a mapping of case fields (data, model, …), got a list of 2 entries`],
  ['empty file', F, '# nothing\n', `${F}: (file): the file is empty; expected a mapping of case fields`],
  ['JSON syntax error', 'cases/bad.json', '{"data": {"x": [[0]],\n  "y": [1],}}', 'cases/bad.json: (file): JSON error at line 2, column 12: Expected double-quoted property name'],
  ['duplicate JSON key', 'cases/bad.json', '{"data": {"x": [[0]], "y": [1]},\n "model": {"kind": "mlp", "hidden": [4]},\n "model": {"kind": "mlp", "hidden": [3]}}',
    'cases/bad.json: model: duplicate key at line 3, column 2 (each key may be given once)'],
  ['duplicate nested JSON key, escaped', 'cases/bad.json', '{"data": {"x": [[0]], "y": [1]}, "model": {"kind": "mlp", "hidden": [4], "activation": {"name": "a\\"b", "n\\u0061me": "c", "expr": "t"}}}',
    'cases/bad.json: model.activation.name: duplicate key at line 1, column 105 (each key may be given once)'],
  ['unknown extension', 'cases/bad.txt', 'seed: 1\n', 'cases/bad.txt: (file): unknown file type ".txt"; expected .yaml, .yml or .json'],
  ['unknown built-in activation', F, yaml({ model: 'model: {kind: mlp, hidden: [4], activation: relux}\n' }),
    `${F}: model.activation: expected one of smoolu, softplus, relu, tanh, sigmoid, swish, {name, positive} or {name, expr}, got "relux" (did you mean relu?)`],
  ['activation with both forms', F, yaml({ model: 'model: {kind: mlp, hidden: [4], activation: {name: c, positive: "t", expr: "t^3"}}\n' }),
    `${F}: model.activation: expected exactly one of positive or expr, got both`],
  ['activation with an empty expression', F, yaml({ model: 'model: {kind: mlp, hidden: [4], activation: {name: c, expr: "  "}}\n' }),
    `${F}: model.activation.expr: expected an expression, got an empty string`],
  ['activation named like a built-in', F, yaml({ model: 'model: {kind: mlp, hidden: [4], activation: {name: relu, expr: "t"}}\n' }),
    `${F}: model.activation.name: expected a name of your own, got "relu", a built-in activation`],
  ['unknown model kind', F, yaml({ model: 'model: {kind: cnn}\n' }), `${F}: model.kind: expected mlp, dag or expression, got "cnn"`],
  ['hidden width 0', F, yaml({ model: 'model: {kind: mlp, hidden: [4, 0]}\n' }), `${F}: model.hidden[1]: expected a positive integer, got 0`],
  ['hidden width not an integer', F, yaml({ model: 'model: {kind: mlp, hidden: [2.5]}\n' }), `${F}: model.hidden[0]: expected a positive integer, got 2.5`],
  ['hidden width huge', F, yaml({ model: 'model: {kind: mlp, hidden: [2000000]}\n' }), `${F}: model.hidden[0]: width 2,000,000; the limit is 1,000,000`],
  ['hidden empty', F, yaml({ model: 'model: {kind: mlp, hidden: []}\n' }), `${F}: model.hidden: expected at least 1 entry, got an empty list`],
  ['too many parameters', F, yaml({ model: 'model: {kind: mlp, hidden: [100000, 100000, 100000]}\n' }),
    `${F}: model.hidden: the network would have 20,000,600,001 parameters; the limit is 200,000,000`],
  ['dag with a cycle', F, yaml({ model: dag('[[i, a], [j, a], [a, b], [b, a], [b, o]]') }), `${F}: model.edges: the graph has a cycle: a -> b -> a`],
  ['dag output with an outgoing edge', F, yaml({ model: dag('[[i, a], [j, a], [a, o], [o, b]]') }),
    `${F}: model.edges[3]: edge o -> b leaves output "o"; outputs have no outgoing edges`],
  ['dag edge into an input', F, yaml({ model: dag('[[i, a], [a, j], [a, o]]') }),
    `${F}: model.edges[1]: edge a -> j goes into input "j"; inputs have no incoming edges`],
  ['dag edge to an unknown node', F, yaml({ model: dag('[[i, a], [j, c], [a, o]]') }), `${F}: model.edges[1]: "c" is not one of model.nodes`],
  ['dag edge listed twice', F, yaml({ model: dag('[[i, a], [j, a], [i, a], [a, o]]') }), `${F}: model.edges[2]: edge i -> a is listed twice`],
  ['dag output unreachable', F, yaml({ model: dag('[[i, a], [j, a], [b, o]]') }),
    `${F}: model.outputs[0]: output "o" has no path from any input, so it does not depend on x`],
  ['dag inputs do not match m', F, yaml({ model: dag('[[i, a], [a, o]]', 'inputs: [i], outputs: [o]') }),
    `${F}: model.inputs: 1 input node, but the data have m = 2`],
  ['expression output count does not match k', F,
    yaml({ model: 'model: {kind: expression, params: [w, v], inputs: [p, q], output: ["w*p", "v*q"]}\n' }),
    `${F}: model.output: 2 output expressions, but the data have k = 1`],
  ['expression name used twice', F, yaml({ model: 'model: {kind: expression, params: [w, p], inputs: [p, q], output: "w*p"}\n' }),
    `${F}: model.inputs[0]: "p" is already used in model.params`],
  ['expression name not an identifier', F, yaml({ model: 'model: {kind: expression, params: [2w], inputs: [p, q], output: "p"}\n' }),
    `${F}: model.params[0]: expected a name of letters, digits and _ (not starting with a digit), got "2w"`],
  ['construct for an expression model', F,
    yaml({ model: 'model: {kind: expression, params: [w], inputs: [p, q], output: "w*p*q"}\n', rest: 'point: construct\n' }),
    `${F}: point: construct applies to mlp and dag models; for an expression model use search, train or params`],
  ['loss power 0.5', F, yaml({ rest: 'loss: {power: 0.5}\n' }), `${F}: loss.power: expected a number ≥ 1, got 0.5`],
  ['unknown loss', F, yaml({ rest: 'loss: squared\n' }), `${F}: loss: expected sum, mean, abs or {power: a} with a ≥ 1, got "squared"`],
  ['point params not finite', F, yaml({ rest: 'point: {params: {w: .nan}}\n' }), `${F}: point.params.w: expected a finite number, got NaN`],
  ['point with train and params', F, yaml({ rest: 'point: {train: {}, params: {w: 1}}\n' }), `${F}: point: expected one of train or params, got both`],
  ['negative perturb', F, yaml({ rest: 'perturb: -0.1\n' }), `${F}: perturb: expected a number ≥ 0, got -0.1`],
  ['seed not an integer', F, yaml({ rest: 'seed: 1.5\n' }), `${F}: seed: expected an integer, got 1.5`],
  ['name not a string', F, yaml({ rest: 'name: [a]\n' }), `${F}: name: expected a string, got a list of 1 entry`],
  ['non-numeric CSV cell', F, csv('csv: bad-cell.csv, target: y') + MLP,
    `${F}: data.csv: bad-cell.csv row 2 (line 3), column "b": expected a decimal number, got a cell that is not one`],
  ['categorical target without oneHot', F, csv('csv: conflict.csv, target: label') + MLP,
    `${F}: data.csv: conflict.csv row 1 (line 2), column "label": expected a decimal number, got a cell that is not one (a categorical target needs oneHot: true)`],
  ['missing CSV file', F, csv('csv: missing.csv, target: y') + MLP, `${F}: data.csv: file not found: missing.csv`],
  ['CSV row with too few fields', F, csv('csv: ragged.csv, target: y') + MLP, `${F}: data.csv: ragged.csv line 3: expected 3 fields (like the header), got 2`],
  ['CSV blank line between rows', F, csv('csv: blank-middle.csv, target: y') + MLP, `${F}: data.csv: blank-middle.csv line 3: blank line between rows`],
  ['CSV unclosed quote', F, csv('csv: unclosed.csv, target: y') + MLP, `${F}: data.csv: unclosed.csv line 2: a quoted field is never closed`],
  ['CSV without rows', F, csv('csv: header-only.csv, target: y') + MLP, `${F}: data.csv: header-only.csv has a header but no data rows (d = 0)`],
  ['CSV unknown target column', F, csv('csv: bad-cell.csv, target: z') + MLP, `${F}: data.target: no column "z" in bad-cell.csv (it has 3 columns)`],
  ['CSV feature that is a target', F, csv('csv: bad-cell.csv, features: [a, y], target: y') + MLP,
    `${F}: data.features[1]: column "y" is also a target; a column cannot be both`],
  ['CSV target list with a number', F, csv('csv: bad-cell.csv, target: [y, 3]') + MLP, `${F}: data.target[1]: expected a string, got 3`],
];

describe('bad case files', () => {
  it('has a long table', () => expect(BAD.length).toBeGreaterThanOrEqual(25));

  it.each(BAD)('%s', (_what, file, text, message) => {
    let err: unknown;
    try {
      parseCase(text, file, { baseDir: FIXTURES });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaseError);
    expect((err as CaseError).message).toBe(message);
    // one line, no stack trace or zod dump in the message
    expect(message).not.toContain('\n');
  });

  it('splits the message into file, path and expectation', () => {
    try {
      parseCase(yaml({ data: x('[[0, 0], [0, 1], [1, 0], [1, 1, 2]]') }), 'cases/bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CaseError);
      const c = e as CaseError;
      expect([c.file, c.path, c.expected]).toEqual(['cases/bad.yaml', 'data.x[3]', 'expected 2 numbers (like row 0), got 3']);
    }
  });
});
