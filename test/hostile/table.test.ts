/**
 * Hostile inputs against the real binary (SPEC, "Limits and hostile input"). Each row writes its
 * files into a fresh directory, runs `overparam` there under a time limit and a memory cap
 * (NODE_OPTIONS=--max-old-space-size), and checks the exit code, the time taken, the one-line
 * message on stderr (never a stack trace) and what is on disk afterwards.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../helpers/built.js';

const XOR = 'data: {x: [[0,0],[0,1],[1,0],[1,1]], y: [0,1,1,0]}\n';

interface Row {
  /** what the input is */
  readonly name: string;
  /** files to write, by name relative to the row's directory (a function for large ones) */
  readonly files: Readonly<Record<string, string | (() => string)>>;
  /** extra setup in the row's directory (FIFOs, sparse files) */
  readonly setup?: (dir: string) => void;
  readonly args: readonly string[];
  readonly exit: number;
  /** what stderr (or, for a verdict, stdout) must say */
  readonly says: RegExp;
  /** what it must not say (a refused file's contents) */
  readonly never?: RegExp;
  /** wall-clock limit, seconds */
  readonly seconds: number;
  /** --max-old-space-size, MB */
  readonly heapMB?: number;
  /** the working directory, relative to the row's directory (default: that directory) */
  readonly cwd?: string;
  /** where the message is */
  readonly on?: 'stderr' | 'stdout';
}

/** A chain input → h1 → … → output of `nodes` nodes, as a JSON case. */
function chainDag(nodes: number): string {
  const names = ['x'];
  const edges: [string, string][] = [];
  for (let i = 1; i < nodes - 1; i++) {
    names.push(`h${i}`);
    edges.push([names[i - 1]!, `h${i}`]);
  }
  names.push('y');
  edges.push([names[names.length - 2]!, 'y']);
  return JSON.stringify({ data: { x: [[0], [1]], y: [0, 1] }, model: { kind: 'dag', nodes: names, inputs: ['x'], outputs: ['y'], edges } });
}

/** d rows of m inputs, distinct, one target each, as a JSON case with one hidden layer. */
function wideData(d: number, m: number, hidden: number): string {
  const x = Array.from({ length: d }, (_, i) => Array.from({ length: m }, (_, j) => (j === 0 ? i : (i * 7 + j) % 5)));
  return JSON.stringify({ data: { x, y: x.map((_, i) => i % 2) }, model: { kind: 'mlp', hidden: [hidden] } });
}

const ROWS: readonly Row[] = [
  // sizes, checked before work
  { name: 'hidden [14000, 14000]', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [14000, 14000]}\n` }, args: ['check', 'c.yaml', '--out', 'out'], exit: 2, says: /^overparam: c\.yaml: model\.hidden: the theorems would need about 20\d\.\d GB of memory .*the budget is/, seconds: 10 },
  { name: 'hidden [8000, 8000]', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [8000, 8000]}\n` }, args: ['check', 'c.yaml', '--out', 'out'], exit: 2, says: /model\.hidden: the theorems would need about [\d.]+ GB/, seconds: 10 },
  { name: 'd = 20,000 with hidden [d]', files: { 'c.json': () => wideData(20_000, 2, 20_000) }, args: ['check', 'c.json', '--out', 'out'], exit: 2, says: /c\.json: model\.hidden: .*the Jacobian J, d·k × n = 20,000 × 80,001 numbers, 12\.8 GB/, seconds: 20 },
  // the d = 500, m = 100,000 scaled to m = 10,000 (a 10 MB file instead of 100 MB): the same refusal
  { name: 'd = 500, m = 10,000, hidden [d]', files: { 'c.json': () => wideData(500, 10_000, 500) }, args: ['check', 'c.json', '--out', 'out'], exit: 2, says: /model\.hidden: the theorems would need about [\d.]+ GB .*Jacobian/, seconds: 30, heapMB: 1500 },
  { name: 'a lower heap cap lowers the budget', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [1000, 1000]}\n` }, args: ['check', 'c.yaml'], exit: 2, says: /the budget is 5\d\d\.\d MB/, seconds: 10, heapMB: 512 },
  // recursion
  { name: 'a chain dag of 100,000 nodes (the call stack ran out near 10,000)', files: { 'c.json': () => chainDag(100_000) }, args: ['check', 'c.json', '--theorem', '3.3'], exit: 3, says: /Lemma|3\.3/, on: 'stdout', never: /Maximum call stack/, seconds: 90, heapMB: 2500 },
  // time
  { name: 'σ = exp(-1/t)·sin(exp(1/t)): smoothness limits within the step budget', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [4], activation: {name: osc, positive: "exp(-1/t)*sin(exp(1/t))"}}\n` }, args: ['check', 'c.yaml', '--theorem', '2.1', '--step-timeout', '5'], exit: 3, says: /smooth-model .*did not finish within/, on: 'stdout', seconds: 30 },
  { name: '--step-timeout that is not a number', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [4]}\n` }, args: ['check', 'c.yaml', '--step-timeout', 'soon'], exit: 2, says: /--step-timeout expects a positive number of seconds, got "soon"/, seconds: 10 },
  { name: 'depth-3 net, smooth non-monotone σ, 2.3: symbolic Hessian bounded', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [3, 3, 3], activation: {name: wiggle, expr: "t*exp(-t^2)"}}\npoint: search\n` }, args: ['check', 'c.yaml', '--theorem', '2.3'], exit: 0, says: /symbolic-gradient .*bound on symbolic work/, on: 'stdout', seconds: 75, heapMB: 1500 },
  // verify
  { name: 'verify /dev/zero', files: {}, args: ['verify', '/dev/zero'], exit: 2, says: /^overparam: \/dev\/zero: not a regular file \(a device\)/, seconds: 5, heapMB: 256 },
  { name: 'verify /dev/urandom', files: {}, args: ['verify', '/dev/urandom'], exit: 2, says: /not a regular file \(a device\)/, seconds: 5, heapMB: 256 },
  { name: 'verify a FIFO', files: {}, setup: (dir) => execFileSync('mkfifo', [join(dir, 'f.json')]), args: ['verify', 'f.json'], exit: 2, says: /f\.json: not a regular file \(a FIFO\)/, seconds: 5 },
  { name: 'verify a directory', files: {}, setup: (dir) => mkdirSync(join(dir, 'd.json')), args: ['verify', 'd.json'], exit: 2, says: /not a regular file \(a directory\)/, seconds: 5 },
  { name: 'verify a 300 MB file', files: {}, setup: (dir) => execFileSync('truncate', ['-s', '300M', join(dir, 'big.json')]), args: ['verify', 'big.json'], exit: 2, says: /big\.json: 314572800 bytes; the limit for a certificate is 268435456 bytes/, seconds: 5, heapMB: 256 },
  // --out and --jobs (as root a read-only directory is writable; a path under a file is not, for anyone)
  { name: '--out that cannot be written', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [4]}\n`, 'taken': 'a file' }, args: ['check', 'c.yaml', '--out', 'taken/certs'], exit: 2, says: /^overparam: check: --out taken\/certs: cannot be written \(ENOTDIR\)$/, seconds: 5 },
  { name: '--jobs 1000 on three cases', files: { 'a.yaml': `${XOR}model: {kind: mlp, hidden: [4]}\n`, 'b.yaml': `${XOR}model: {kind: mlp, hidden: [5]}\n`, 'c.yaml': `${XOR}model: {kind: mlp, hidden: [6]}\n` }, args: ['check', 'a.yaml', 'b.yaml', 'c.yaml', '--theorem', '3.3', '--jobs', '1000', '--out', 'out'], exit: 0, says: /Lemma 3\.3|3\.3/, on: 'stdout', seconds: 60, heapMB: 512 },
  // bad fields
  { name: 'activation: "foo"', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [4], activation: foo}\n` }, args: ['check', 'c.yaml'], exit: 2, says: /^overparam: c\.yaml: model\.activation: expected one of smoolu, .*got "foo"/, seconds: 10 },
  { name: 'a formula with a syntax error', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [4], activation: {name: bad, positive: "exp(-1/t"}}\n` }, args: ['check', 'c.yaml'], exit: 2, says: /c\.yaml: model\.activation\.positive: syntax error/, seconds: 10 },
  { name: 'an output with a syntax error', files: { 'c.yaml': `${XOR}model: {kind: expression, params: [a], inputs: [u, v], output: "a*u+*v"}\n` }, args: ['check', 'c.yaml'], exit: 2, says: /c\.yaml: model\.output\[0\]: /, seconds: 10 },
  { name: 'a JSON case with a duplicate model key', files: { 'c.json': '{"data": {"x": [[0],[1]], "y": [0,1]}, "model": {"kind": "mlp", "hidden": [2]}, "model": {"kind": "mlp", "hidden": [3]}}' }, args: ['check', 'c.json'], exit: 2, says: /c\.json: .*model.*duplicate|duplicate.*model/i, seconds: 10 },
  // reading files
  { name: 'csv outside the case directory', files: { 'cases/c.yaml': 'data: {csv: ../secret/s.csv, target: y}\nmodel: {kind: mlp, hidden: [2]}\n', 'secret/s.csv': 'my_secret_header_TOKEN,y\n1,2\n' }, cwd: 'cases', args: ['check', 'c.yaml'], exit: 2, says: /^overparam: c\.yaml: data\.csv: /, never: /my_secret_header_TOKEN/, seconds: 10 },
  { name: 'csv: /proc/self/environ', files: { 'c.yaml': 'data: {csv: /proc/self/environ, target: y}\nmodel: {kind: mlp, hidden: [2]}\n' }, args: ['check', 'c.yaml'], exit: 2, says: /data\.csv: /, never: /PATH=|HOME=/, seconds: 10 },
  { name: 'a YAML alias bomb', files: { 'c.yaml': `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n` }, args: ['check', 'c.yaml'], exit: 2, says: /^overparam: c\.yaml: /, seconds: 10, heapMB: 256 },
  { name: '100,000-deep nesting', files: { 'c.json': () => '['.repeat(100_000) + ']'.repeat(100_000) }, args: ['check', 'c.json'], exit: 2, says: /^overparam: c\.json: /, seconds: 10 },
  { name: 'a !!js/function tag', files: { 'c.yaml': `${XOR}model: !!js/function 'function () { return 1 }'\n` }, args: ['check', 'c.yaml'], exit: 2, says: /^overparam: c\.yaml: /, seconds: 10 },
  { name: 'a directory as the case', files: {}, setup: (dir) => mkdirSync(join(dir, 'c.yaml')), args: ['check', 'c.yaml'], exit: 2, says: /c\.yaml: \(file\): not a file/, seconds: 10 },
  { name: 'a sandbox escape in a formula', files: { 'c.yaml': `${XOR}model: {kind: mlp, hidden: [2], activation: {name: e1, expr: "constructor.constructor('return process')()"}}\n` }, args: ['check', 'c.yaml'], exit: 2, says: /c\.yaml: model\.activation\.expr: /, seconds: 10 },
];

/** Files left in `dir` that a refused or finished run should not leave: half-written certificates. */
function strays(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.tmp') || e.name.endsWith('.cert.json')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/** Runs the binary without waiting, for runs that must overlap. */
function start(args: readonly string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    p.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('concurrent --out runs into one directory', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('never collide on a temporary name, and leave complete certificates only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-out-'));
    for (const w of [4, 5, 6]) writeFileSync(join(dir, `n${w}.yaml`), `${XOR}model: {kind: mlp, hidden: [${w}]}\n`);
    const args = ['check', 'n4.yaml', 'n5.yaml', 'n6.yaml', '--theorem', '3.3', '--jobs', '1', '--out', 'out'];
    const runs = await Promise.all([start(args, dir), start(args, dir), start(args, dir)]);
    for (const r of runs) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: expect.not.stringMatching(/ENOENT|internal error/) as unknown });
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['n4.cert.json', 'n5.cert.json', 'n6.cert.json']);
  }, 120_000);
});

describe('hostile input, through the real binary', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_, row) => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    for (const [name, content] of Object.entries(row.files)) {
      const path = join(dir, name);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, typeof content === 'function' ? content() : content);
    }
    row.setup?.(dir);
    const started = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...row.args], {
      cwd: join(dir, row.cwd ?? ''),
      encoding: 'utf8',
      timeout: row.seconds * 1000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--max-old-space-size=${row.heapMB ?? 1024}` },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(r.error, `did not finish within ${row.seconds} s`).toBeUndefined();
    expect(seconds).toBeLessThan(row.seconds);
    expect({ status: r.status, stderr: r.stderr.slice(0, 600) }).toMatchObject({ status: row.exit });
    const text = row.on === 'stdout' ? r.stdout : r.stderr;
    expect(text).toMatch(new RegExp(row.says.source, `${row.says.flags}m`));
    if (row.exit === 2) {
      // one line, no stack trace
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$|internal error|FATAL|Fatal JavaScript|heap out of memory/m);
    if (row.never) expect(r.stdout + r.stderr).not.toMatch(row.never);
    // a refused case leaves nothing on disk; a finished run leaves complete certificates only
    if (row.exit === 2) expect(strays(dir)).toEqual([]);
    else for (const f of strays(dir)) expect(f.endsWith('.cert.json') && JSON.parse(readFileSync(f, 'utf8')).format, f).toBe('overparam-certificate/1');
  }, 120_000);
});
