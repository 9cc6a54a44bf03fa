import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/cases/csv.js';
import { caseJsonSchemaText } from '../../src/cases/json-schema.js';
import { readCaseText } from '../../src/cases/load.js';

const ROOT = join(import.meta.dirname, '..', '..');
const XOR = 'data: {x: [[0,0],[0,1],[1,0],[1,1]], y: [0,1,1,0]}\n';
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('forgiving inputs', () => {
  it('takes a flat list as x when m = 1', () => {
    const c = readCaseText('data: {x: [0, 1, "0.5"], y: [0, 1, 2]}\nmodel: {kind: mlp, hidden: [3]}\n', 'flat.yaml');
    expect([c.data.d, c.data.m, c.data.k]).toEqual([3, 1, 1]);
    expect(Array.from(c.data.x[2]!)).toEqual([0.5]);
    expect(refusal(() => readCaseText('data: {x: [0, [1]], y: [0, 1]}\nmodel: {kind: mlp, hidden: [2]}\n', 'mixed.yaml'))).toBe(
      'mixed.yaml: data.x[1]: expected a number: data.x is a flat list (m = 1) like its entry 0, got a list of 1 entry',
    );
  });

  it.each(['smooLU', 'SmooLU', 'TANH', ' relu '])('takes the built-in activation %j in any case', (name) => {
    const c = readCaseText(`${XOR}model: {kind: mlp, hidden: [4], activation: ${JSON.stringify(name)}}\n`, 'a.yaml');
    expect(c.model.kind === 'mlp' && c.model.activation).toBe(name.trim().toLowerCase());
  });

  it.each([
    ['smoolo', 'smoolu'],
    ['sigmod', 'sigmoid'],
    ['softpluss', 'softplus'],
  ])('suggests a built-in for %j', (name, meant) => {
    expect(refusal(() => readCaseText(`${XOR}model: {kind: mlp, hidden: [4], activation: ${name}}\n`, 'a.yaml'))).toMatch(
      new RegExp(`^a\\.yaml: model\\.activation: expected one of .*got "${name}" \\(did you mean ${meant}\\?\\)$`),
    );
  });

  it('suggests nothing for a name far from every built-in', () => {
    expect(refusal(() => readCaseText(`${XOR}model: {kind: mlp, hidden: [4], activation: foo}\n`, 'a.yaml'))).not.toMatch(/did you mean/);
  });

  it('skips # comment lines in a CSV file', () => {
    const t = parseCsv('# from the lab notebook\na,y\n# a note between rows\n1,2\n  # indented\n3,4\n');
    expect(t.header).toEqual(['a', 'y']);
    expect(t.rows.map((r) => [r.fields, r.line])).toEqual([
      [['1', '2'], 4],
      [['3', '4'], 6],
    ]);
  });

  it('reads ; as the separator when the header has semicolons and no comma', () => {
    const t = parseCsv('a;b;y\n1;2;3\n"x;y";5;6\n');
    expect(t.header).toEqual(['a', 'b', 'y']);
    expect(t.rows.map((r) => r.fields)).toEqual([
      ['1', '2', '3'],
      ['x;y', '5', '6'],
    ]);
    // a comma header keeps commas, semicolons inside fields or not
    expect(parseCsv('a,b\n1;2,3\n').rows[0]!.fields).toEqual(['1;2', '3']);
  });

  it('reads a case whose CSV has comments and semicolons', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forgiving-'));
    writeFileSync(join(dir, 'd.csv'), '# two points\nu;v;y\n0;1;0\n1;0;1\n');
    const c = readCaseText('data: {csv: d.csv, target: y}\nmodel: {kind: mlp, hidden: [2]}\n', join(dir, 'c.yaml'));
    expect([c.data.d, c.data.m]).toEqual([2, 2]);
  });
});

describe('the case JSON Schema', () => {
  it('is the one generated from the zod schemas (npm run schema)', () => {
    expect(readFileSync(join(ROOT, 'schema', 'case.schema.json'), 'utf8')).toBe(caseJsonSchemaText());
  });

  it('is named at the top of every case file, and the loader accepts the $schema key', () => {
    const files = readdirSync(join(ROOT, 'cases')).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(ROOT, 'cases', f), 'utf8');
      if (f.endsWith('.json')) expect((JSON.parse(text) as { $schema?: string }).$schema, f).toBe('../schema/case.schema.json');
      else expect(text.split('\n')[0], f).toBe('# yaml-language-server: $schema=../schema/case.schema.json');
    }
    const c = readCaseText(JSON.stringify({ $schema: '../schema/case.schema.json', data: { x: [[0], [1]], y: [0, 1] }, model: { kind: 'mlp', hidden: [2] } }), 'c.json');
    expect(c.data.d).toBe(2);
  });

  it('describes every form of data, model, loss and point', () => {
    const s = JSON.parse(caseJsonSchemaText()) as { properties: Record<string, { anyOf?: unknown[] }>; required?: string[] };
    expect(s.required).toEqual(expect.arrayContaining(['data', 'model']));
    expect(s.properties['data']!.anyOf).toHaveLength(5);
    expect(s.properties['model']!.anyOf).toHaveLength(4);
    expect(JSON.stringify(s.properties['model'])).toContain('"smoolu"');
  });
});
