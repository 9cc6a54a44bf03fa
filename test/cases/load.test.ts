import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CaseError } from '../../src/cases/load.js';
import {  } from '../../src/models/case.js';
import { caseFromObject, loadCase, parseCase } from '../../src/models/case.js';
import type { Case } from '../../src/cases/types.js';
import { rat } from '../../src/kernel/rational.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASES = join(ROOT, 'cases');
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** The Case without where it came from, to compare cases read from different texts. */
const content = (c: Case): Omit<Case, 'file' | 'sha256'> => {
  const { file: _file, sha256: _sha, ...rest } = c;
  return rest;
};

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CaseError) return e.message;
    throw e;
  }
  throw new Error('no CaseError');
};

describe('cases/xor.yaml', () => {
  const c = loadCase(join(CASES, 'xor.yaml'));

  it('loads as the SPEC example', () => {
    expect(c.name).toBe('xor');
    expect(c.description).toBe('XOR on four points, one hidden layer of width 4');
    expect([c.data.d, c.data.m, c.data.k]).toEqual([4, 2, 1]);
    expect(c.data.x.map((r) => [...r])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect(c.data.y.map((r) => [...r])).toEqual([[0], [1], [1], [0]]);
    expect(c.data.yExact).toEqual([[rat(0n)], [rat(1n)], [rat(1n)], [rat(0n)]]);
    expect(c.model).toEqual({ kind: 'mlp', hidden: [4], activation: 'smoolu' });
    expect(c.loss).toEqual({ kind: 'sum' });
    expect(c.point).toEqual({ kind: 'construct' });
    expect([c.perturb, c.seed, c.theorems]).toEqual([0, 1, undefined]);
    expect(c.data.notes).toEqual([]);
  });

  it('hashes the file bytes', () => {
    const bytes = readFileSync(join(CASES, 'xor.yaml'));
    expect(c.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('exact numbers', () => {
  const c = caseFromObject(
    { data: { x: [['0.1'], [0.1], ['-2.5e-3'], [3]], y: ['1e2', 0, '+.5', '7.'] }, model: { kind: 'mlp', hidden: [2] } },
    '',
  );

  it('reads a decimal string as that decimal, a number as its binary64 value', () => {
    expect(c.data.xExact.map((r) => r[0])).toEqual([
      rat(1n, 10n),
      rat(3602879701896397n, 36028797018963968n),
      rat(-1n, 400n),
      rat(3n),
    ]);
    expect(c.data.x.map((r) => r[0])).toEqual([0.1, 0.1, -0.0025, 3]);
    expect(c.data.yExact.map((r) => r[0])).toEqual([rat(100n), rat(0n), rat(1n, 2n), rat(7n)]);
  });

  it('gives a YAML number its binary64 value too', () => {
    const y = parseCase('data: {x: [[0.1], ["0.1"]], y: [0, 1]}\nmodel: {kind: mlp, hidden: [1]}\n', 'a.yaml');
    expect(y.data.xExact).toEqual([[rat(3602879701896397n, 36028797018963968n)], [rat(1n, 10n)]]);
  });
});

describe('defaults and forms', () => {
  const base = { data: { x: [[0], [1]], y: [[0, 1], [1, 0]] } };
  const mlp = { kind: 'mlp', hidden: [3] };

  it('fills every default', () => {
    const c = caseFromObject({ ...base, model: mlp }, 'some/dir/my-case.json');
    expect(c.name).toBe('my-case');
    expect(c.file).toBe('some/dir/my-case.json');
    expect(c.data.k).toBe(2);
    expect(c.model).toEqual({ kind: 'mlp', hidden: [3], activation: 'smoolu' });
    expect([c.loss, c.point, c.perturb, c.seed]).toEqual([{ kind: 'sum' }, { kind: 'construct', fallback: 'search' }, 0, 1]);
    expect(c).not.toHaveProperty('theorems');
    expect(c).not.toHaveProperty('description');
    expect(c.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes sha256 and name when given', () => {
    const c = caseFromObject({ ...base, model: mlp, name: 'n' }, '', { sha256: 'abc' });
    expect([c.name, c.sha256]).toEqual(['n', 'abc']);
  });

  it.each([
    [undefined, { kind: 'sum' }],
    ['mean', { kind: 'mean' }],
    ['abs', { kind: 'abs' }],
    [{ power: 1 }, { kind: 'power', a: 1 }],
    [{ power: 3.5 }, { kind: 'power', a: 3.5 }],
  ])('loss %j', (loss, expected) => {
    expect(caseFromObject({ ...base, model: mlp, loss }, '').loss).toEqual(expected);
  });

  it.each([
    ['construct', { kind: 'construct' }],
    ['search', { kind: 'search' }],
    ['train', { kind: 'train', steps: 2000, rate: 0.05 }],
    [{ train: { steps: 10 } }, { kind: 'train', steps: 10, rate: 0.05 }],
    [{ train: { steps: 10, rate: 0.5 } }, { kind: 'train', steps: 10, rate: 0.5 }],
  ])('point %j', (point, expected) => {
    expect(caseFromObject({ ...base, model: mlp, point }, '').point).toEqual(expected);
  });

  it('point params naming every parameter', () => {
    const model = { kind: 'expression', params: ['w', 'v'], inputs: ['t'], output: 'w*v*t' };
    const c = caseFromObject({ data: { x: [[1]], y: [0] }, model, point: { params: { w: 1, v: -0.5 } } }, '');
    expect(c.point).toEqual({ kind: 'params', values: { w: 1, v: -0.5 } });
  });

  it('defaults the point of an expression model to search', () => {
    const c = caseFromObject({ ...base, model: { kind: 'expression', params: ['w', 'v'], inputs: ['t'], output: ['w*t', 'v*t'] } }, '');
    expect(c.point).toEqual({ kind: 'search' });
    expect(c.model).toEqual({ kind: 'expression', params: ['w', 'v'], inputs: ['t'], output: ['w*t', 'v*t'] });
  });

  it('wraps a single output expression in a list', () => {
    const c = caseFromObject({ data: { x: [[0]], y: [1] }, model: { kind: 'expression', params: ['w'], inputs: ['t'], output: 'w*t' } }, '');
    expect(c.model).toMatchObject({ output: ['w*t'] });
  });

  it('reads a dag and a custom activation', () => {
    const model = {
      kind: 'dag',
      nodes: ['x', 'h', 'y'],
      inputs: ['x'],
      outputs: ['y'],
      edges: [['x', 'h'], ['h', 'y'], ['x', 'y']],
      activation: { name: 'bump', positive: 'exp(-1/t - t)' },
    };
    expect(caseFromObject({ data: { x: [[0], [1]], y: [0, 1] }, model }, '').model).toEqual(model);
  });

  it('normalises theorem ids given as numbers', () => {
    const c = parseCase('data: {x: [[0]], y: [1]}\nmodel: {kind: mlp, hidden: [1]}\ntheorems: [2.1, "3.3", 4.1]\n', 'a.yaml');
    expect(c.theorems).toEqual(['2.1', '3.3', '4.1']);
  });
});

describe('YAML and JSON', () => {
  const yaml = `# a comment
name: pair
description: two points
data:
  x: [[0, "0.5"], [1, -2]]
  y: [[1, 2], ["0.25", 3e-3]]
model:
  kind: mlp
  hidden: [3, 2]
  activation: {name: cubic, expr: "t^3"}
loss: {power: 3}
point: {train: {steps: 5, rate: 0.01}}
perturb: 0.125
seed: 7
theorems: [2.1, 4.2]
`;
  const json = JSON.stringify({
    name: 'pair',
    description: 'two points',
    data: { x: [[0, '0.5'], [1, -2]], y: [[1, 2], ['0.25', 0.003]] },
    model: { kind: 'mlp', hidden: [3, 2], activation: { name: 'cubic', expr: 't^3' } },
    loss: { power: 3 },
    point: { train: { steps: 5, rate: 0.01 } },
    perturb: 0.125,
    seed: 7,
    theorems: ['2.1', '4.2'],
  });

  it('give equal cases', () => {
    const a = parseCase(yaml, 'cases/pair.yaml');
    const b = parseCase(json, 'cases/pair.json');
    expect(content(a)).toEqual(content(b));
    expect(a.sha256).not.toBe(b.sha256);
    expect(a.sha256).toBe(createHash('sha256').update(yaml).digest('hex'));
  });

  it('load from disk like from text, by extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-cases-'));
    writeFileSync(join(dir, 'pair.yml'), yaml);
    writeFileSync(join(dir, 'pair.json'), json);
    expect(loadCase(join(dir, 'pair.yml'))).toEqual(parseCase(yaml, join(dir, 'pair.yml')));
    expect(content(loadCase(join(dir, 'pair.json')))).toEqual(content(parseCase(yaml, 'x/pair.yaml')));
  });
});

describe('files', () => {
  it('refuses a missing file', () => {
    expect(message(() => loadCase('cases/no-such-case.yaml'))).toBe('cases/no-such-case.yaml: (file): file not found');
  });

  it('refuses a directory', () => {
    expect(message(() => loadCase(CASES))).toBe(`${CASES}: (file): not a file`);
  });

  it('refuses an unknown extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-cases-'));
    writeFileSync(join(dir, 'case.toml'), 'seed = 1\n');
    expect(message(() => loadCase(join(dir, 'case.toml')))).toBe(`${join(dir, 'case.toml')}: (file): unknown file type ".toml"; expected .yaml, .yml or .json`);
  });

  it('refuses bytes that are not UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-cases-'));
    writeFileSync(join(dir, 'bad.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe]));
    expect(message(() => loadCase(join(dir, 'bad.yaml')))).toBe(`${join(dir, 'bad.yaml')}: (file): not UTF-8 text`);
  });

  it('refuses a list or mapping used as a YAML key', () => {
    expect(message(() => parseCase('? [a, b]\n: 1\n', 'k.yaml'))).toBe('k.yaml: (file): YAML error at line 1, column 3: a key must be a plain name, not a list or mapping');
  });

  it('refuses an alias to a missing anchor', () => {
    expect(message(() => parseCase('seed: *s\n', 'k.yaml'))).toMatch(/^k\.yaml: \(file\): YAML error/);
  });

  it('names a case built in memory', () => {
    expect(message(() => caseFromObject({}, ''))).toBe('(in memory): model: missing: expected a mapping with kind mlp, dag or expression');
  });
});

describe('CSV data', () => {
  const iris = (extra: string): Case =>
    parseCase(`data: {csv: data/iris.csv, target: species, ${extra}}\nmodel: {kind: mlp, hidden: [5]}\n`, join(CASES, 'iris.yaml'));

  it('one-hot encodes iris species: k = 3', () => {
    const c = iris('oneHot: true');
    expect([c.data.d, c.data.m, c.data.k]).toEqual([150, 4, 3]);
    expect(c.data.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(c.data.targets).toEqual(['species=setosa', 'species=versicolor', 'species=virginica']);
    expect(c.data.notes).toEqual(['one-hot target "species": 3 classes in order of first appearance: setosa, versicolor, virginica']);
    expect([...c.data.y[0]!]).toEqual([1, 0, 0]);
    expect([...c.data.y[149]!]).toEqual([0, 0, 1]);
    expect(c.data.xExact[0]).toEqual([rat(51n, 10n), rat(7n, 2n), rat(7n, 5n), rat(1n, 5n)]);
  });

  it('dedupe drops exactly row 143 of iris and says so', () => {
    const all = iris('oneHot: true');
    const c = iris('oneHot: true, dedupe: true');
    expect(c.data.d).toBe(149);
    expect(c.data.notes).toContain('dropped row 143 (duplicate of row 102)');
    expect(c.data.notes.filter((n) => n.startsWith('dropped'))).toHaveLength(1);
    expect(c.data.xExact).toEqual(all.data.xExact.filter((_, i) => i !== 142));
    expect(c.data.y).toEqual(all.data.y.filter((_, i) => i !== 142));
  });

  it('hashes the case file and the CSV file together', () => {
    const text = 'data: {csv: data/iris.csv, target: species, oneHot: true}\nmodel: {kind: mlp, hidden: [5]}\n';
    const c = parseCase(text, join(CASES, 'iris.yaml'));
    const csv = readFileSync(join(CASES, 'data', 'iris.csv'));
    expect(c.sha256).toBe(createHash('sha256').update(text).update(csv).digest('hex'));
  });

  it('keeps rows with equal inputs and different targets', () => {
    const c = parseCase('data: {csv: conflict.csv, target: label, oneHot: true, dedupe: true}\nmodel: {kind: mlp, hidden: [2]}\n', 'c.yaml', { baseDir: FIXTURES });
    // rows 1 and 3 are equal (1, 2, cat); row 2 (1, 2, dog) has the same inputs, another target
    expect(c.data.d).toBe(3);
    expect(c.data.notes).toEqual(['one-hot target "label": 2 classes in order of first appearance: cat, dog', 'dropped row 3 (duplicate of row 1)']);
    expect(c.data.y.map((r) => [...r])).toEqual([[1, 0], [0, 1], [0, 1]]);
  });

  it('compares duplicates exactly, by value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-cases-'));
    writeFileSync(join(dir, 'd.csv'), 'a,y\n0.10,1\n0.1,1.0\n1e-1,2\n0.1000000000000000001,1\n');
    const c = parseCase('data: {csv: d.csv, target: y, dedupe: true}\nmodel: {kind: mlp, hidden: [1]}\n', join(dir, 'c.yaml'));
    expect(c.data.notes).toEqual(['dropped row 2 (duplicate of row 1)']);
    expect(c.data.d).toBe(3);
  });

  it('reads quotes, CRLF, a BOM and trailing blank lines; features and targets by name', () => {
    const c = parseCase('data: {csv: quoted.csv, features: [b], target: [\'y "quoted"\']}\nmodel: {kind: mlp, hidden: [1]}\n', 'q.yaml', { baseDir: FIXTURES });
    expect(c.data.features).toEqual(['b']);
    expect(c.data.targets).toEqual(['y "quoted"']);
    expect(c.data.xExact).toEqual([[rat(2n)], [rat(4n)]]);
    expect(c.data.yExact).toEqual([[rat(1n, 2n)], [rat(1n, 1000n)]]);
  });
});

describe('size limits', () => {
  const mlp = { kind: 'mlp', hidden: [1] };
  const zeros = (n: number): number[] => new Array<number>(n).fill(0);

  it.each([
    ['d', { x: new Array(1_000_001).fill([0]), y: zeros(1_000_001) }, 'data.x: 1,000,001 rows; the limit is 1,000,000'],
    ['m', { x: [zeros(100_001)], y: [0] }, 'data.x: 100,001 inputs per row; the limit is 100,000'],
    ['d·m', { x: new Array(1_000).fill(zeros(50_001)), y: zeros(1_000) }, 'data.x: d·m = 50,001,000 numbers; the limit is 50,000,000'],
    ['k', { x: [[0]], y: [zeros(1_001)] }, 'data.y: 1,001 outputs per row; the limit is 1,000'],
  ])('refuses %s past its limit before reading the data', (_what, data, msg) => {
    expect(message(() => caseFromObject({ data, model: mlp }, 'big.json'))).toBe(`big.json: ${msg}`);
  });

  it('refuses case and CSV files over 200 MB without reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-cases-'));
    const big = join(dir, 'big.yaml');
    // sparse files: the size is there, the bytes are not
    truncateSync(openAndClose(big), 200_000_001);
    expect(message(() => loadCase(big))).toBe(`${big}: (file): the file is 200,000,001 bytes; the limit is 200,000,000`);
    truncateSync(openAndClose(join(dir, 'big.csv')), 200_000_001);
    expect(message(() => parseCase('data: {csv: big.csv, target: y}\nmodel: {kind: mlp, hidden: [1]}\n', join(dir, 'c.yaml')))).toBe(
      `${join(dir, 'c.yaml')}: data.csv: big.csv is 200,000,001 bytes; the limit is 200,000,000`,
    );
    rmSync(dir, { recursive: true });
  });
});

function openAndClose(file: string): string {
  writeFileSync(file, '');
  return file;
}

describe('point params', () => {
  it('refuses a "__proto__" parameter name rather than dropping it', () => {
    const text = '{"data": {"x": [[0]], "y": [1]}, "model": {"kind": "mlp", "hidden": [1]}, "point": {"params": {"__proto__": "x", "w": 1}}}';
    expect(message(() => parseCase(text, 'p.json'))).toBe('p.json: point.params.__proto__: expected a parameter name, got "__proto__"');
  });
});
