/**
 * `overparam check` over many cases: worker threads, a crash that stays the case's own error,
 * the same certificates whatever the number of jobs, one certificate file per case, and the
 * exit codes of SPEC.md. Workers need compiled JavaScript, so these tests use dist/.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/models/case.js';
import type { Case } from '../../src/cases/types.js';
import type * as Batch from '../../src/cli/batch.js';
import type { Certificate } from '../../src/proof/certificate.js';
import { ROOT, ensureBuilt, overparam } from '../helpers/built.js';

const caseFile = (name: string): string => join(ROOT, 'cases', name);

/** Step and sub-computation timings are the only fields allowed to differ between runs. */
function withoutTimings(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimings);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'ms').map(([k, x]) => [k, withoutTimings(x)]));
  }
  return v;
}

let tmp: string;
/** A case with no zero of F (w₁² + w₂² + 1 = 0 has no real solution): the search finds none, so 2.1 is inconclusive. */
let noZero: string;
/** A case file that does not validate. */
let badFile: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'overparam-batch-'));
  noZero = join(tmp, 'no-zero.yaml');
  writeFileSync(
    noZero,
    [
      'description: w1² + w2² + 1 = 0 has no real solution, so the search cannot reach M',
      'data: {x: [[1]], y: [0]}',
      'model: {kind: expression, params: [w1, w2], inputs: [x], output: "w1^2 + w2^2 + 1"}',
      'point: search',
      'theorems: [2.1]',
      '',
    ].join('\n'),
  );
  badFile = join(tmp, 'bad.yaml');
  writeFileSync(badFile, 'data: {x: [[0], [1]], y: [0]}\nmodel: {kind: mlp, hidden: [2], activation: smoolu}\n');
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('runBatch in worker threads', () => {
  let batch: typeof Batch;
  let xor: Case;
  let generic: Case;
  beforeAll(async () => {
    batch = (await import(pathToFileURL(join(ROOT, 'dist/src/cli/batch.js')).href)) as typeof Batch;
    xor = loadCase(caseFile('xor.yaml'));
    generic = loadCase(caseFile('product-generic.yaml'));
  });

  // A checker bug stands in for any crash: an activation no loader would let through makes
  // building the model throw outside every step, so the case's certificate cannot be made.
  const broken = (c: Case): Case => ({ ...c, name: 'broken', model: { ...c.model, activation: 'no-such-activation' } }) as unknown as Case;

  it.each([1, 2])('with %i job(s), a case that crashes is reported as its error and the others still certify', async (jobs) => {
    const seen: string[] = [];
    const outcomes = await batch.runBatch([xor, broken(xor), generic], {
      theoremIds: [],
      jobs,
      onDone: (done, o) => seen.push(`${done}:${o.ok ? o.certificate.case.name : o.name}`),
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = outcomes[1]!;
    expect(failed.ok ? '' : `${failed.name}: ${failed.error}`).toMatch(/^broken: model\.activation: unknown activation/);
    for (const o of [outcomes[0]!, outcomes[2]!]) {
      expect(o.ok && o.certificate.results.every((r) => r.verdict === 'certified')).toBe(true);
    }
    expect(seen.map((s) => s.split(':')[0])).toEqual(['1', '2', '3']);
    expect(new Set(seen.map((s) => s.split(':')[1]))).toEqual(new Set(['xor', 'broken', 'product-generic']));
  });

  it('a case that cannot be sent to a worker is that case\'s error; the worker goes on', async () => {
    const unsendable = { ...generic, name: 'unsendable', hook: () => 0 } as unknown as Case;
    const outcomes = await batch.runBatch([unsendable, generic, xor], { theoremIds: ['2.1'], jobs: 1 });
    expect(outcomes.map((o) => (o.ok ? o.certificate.case.name : `error ${o.name}`))).toEqual(['error unsendable', 'product-generic', 'xor']);
    const o = outcomes[0]!;
    expect(o.ok ? '' : o.error).toMatch(/could not be cloned/);
  });
});

describe('overparam check with several cases', () => {
  const names = ['product-generic', 'dag-skip', 'product-perturbed', 'deep-bump', 'tanh'];
  const files = names.map((n) => caseFile(`${n}.yaml`));

  it('--jobs 2 gives the same certificates as --jobs 1 (timings aside), in the order of the files; --out writes each', () => {
    const out = join(tmp, 'certs');
    const one = overparam(['check', ...files, '--json', '--jobs', '1']);
    const two = overparam(['check', ...files, '--json', '--jobs', '2', '--out', out]);
    expect(one.status).toBe(1); // tanh fails Lemma 3.3's hypothesis
    expect(two.status).toBe(1);
    const a = JSON.parse(one.stdout) as Certificate[];
    const b = JSON.parse(two.stdout) as Certificate[];
    expect(a.map((c) => c.case.name)).toEqual(names);
    expect(withoutTimings(b)).toEqual(withoutTimings(a));
    // One file per case, NAME.cert.json, each the certificate --json printed.
    expect(readdirSync(out).sort()).toEqual(names.map((n) => `${n}.cert.json`).sort());
    for (const cert of b) expect(JSON.parse(readFileSync(join(out, `${cert.case.name}.cert.json`), 'utf8'))).toEqual(cert);
  });

  it('prints each certificate, then a summary table (n, d, a verdict per theorem, time); progress goes to stderr', () => {
    const r = overparam(['check', caseFile('product-generic.yaml'), caseFile('tanh.yaml'), '--jobs', '2']);
    expect(r.status).toBe(1);
    const table = r.stdout.slice(r.stdout.lastIndexOf('\ncase ') + 1).split('\n').filter(Boolean);
    expect(table[0]).toMatch(/^case\s+n\s+d\s+2\.1\s+2\.3\s+3\.3\s+4\.1\s+time$/);
    expect(table.slice(1).map((l) => l.split(/\s+/))).toEqual([
      ['product-generic', '2', '1', 'certified', 'certified', '·', '·', expect.stringMatching(/^\d+\.\d\ds$/)],
      ['tanh', '17', '4', '·', '·', 'fails', 'fails', expect.stringMatching(/^\d+\.\d\ds$/)],
    ]);
    // Not a terminal: one plain progress line per finished case on stderr, none on stdout.
    expect(r.stderr.split('\n').filter((l) => /^\[[12]\/2\] (product-generic|tanh) \([\d.]+ cases\/s\)$/.test(l))).toHaveLength(2);
    expect(r.stdout).not.toMatch(/cases\/s/);
  });

  it.each([
    ['supported (float evidence) passes by default', [], 0],
    ['supported is not enough with --require certified', ['--require', 'certified'], 3],
  ])('exit code: %s', (_what, extra, code) => {
    // Remark 2.2 on Σ|fᵢ|³ samples the loss along a line across M: float evidence by nature.
    const r = overparam(['check', caseFile('product-power3.yaml'), ...extra]);
    expect(r.stdout).toMatch(/Theorem 2\.2: supported/);
    expect(r.status).toBe(code);
  });

  it('exit 3 when a result is inconclusive and none fails', () => {
    const r = overparam(['check', noZero, caseFile('product-generic.yaml')]);
    expect(r.stdout).toMatch(/Theorem 2\.1: inconclusive/);
    expect(r.status).toBe(3);
  });

  it('exit 2 for a file that does not validate: one line naming the file and the field, nothing run', () => {
    const r = overparam(['check', caseFile('xor.yaml'), badFile]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bad.yaml');
    expect(lines[0]).toMatch(/data\.y/);
  });

  it('exit 2 for a bad --jobs', () => {
    const r = overparam(['check', caseFile('xor.yaml'), '--jobs', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs expects a positive integer/);
  });
});
