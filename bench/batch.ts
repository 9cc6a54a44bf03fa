/**
 * Batch checking at volume: 1,000 small generated cases, from XOR-sized (d = 4 points in the
 * plane) to iris-sized (d = 150 points in ℝ⁴, k = 3 one-hot targets), one smooLU hidden layer of
 * width d, every theorem that fits. The cases are written as YAML files under a temporary
 * directory (deleted afterwards unless --keep), then checked the way `overparam check --jobs N`
 * checks them: loaded and validated, run in persistent worker threads from dist/, one
 * certificate each. Prints, for each number of jobs: wall time, cases per second, the slowest
 * case, peak memory (resident set of the whole process, workers included) and the verdicts.
 *
 *   npm run build && npx tsx bench/batch.ts [--count 1000] [--jobs 1,2] [--seed 7] [--keep]
 *
 * Each setting runs in a fresh Node process, so the peak memory of one does not hide in the other's.
 */
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const count = Number(flag('count', '1000'));
const jobsList = flag('jobs', '1,2').split(',').map(Number);
const seed = Number(flag('seed', '7'));
const keep = args.includes('--keep');

/** mulberry32: small, seeded, good enough to draw data. */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  readonly d: number;
  readonly m: number;
  readonly k: number;
}

/** Sizes from XOR to iris, log-uniform in d (most cases small, as in a real library). */
function specOf(i: number, rand: () => number): Spec {
  if (i === 0) return { d: 4, m: 2, k: 1 };
  if (i === 1) return { d: 150, m: 4, k: 3 };
  const d = Math.round(Math.exp(Math.log(4) + rand() * (Math.log(150) - Math.log(4))));
  const m = 2 + Math.floor(rand() * 3);
  return { d, m, k: i % 5 === 0 ? 3 : 1 };
}

/** A case file: distinct inputs with one decimal in [0, 10) (iris-like measurements), random targets. */
function caseYaml(name: string, spec: Spec, rand: () => number): string {
  const seen = new Set<string>();
  const x: string[] = [];
  while (x.length < spec.d) {
    const row = Array.from({ length: spec.m }, () => (Math.floor(rand() * 100) / 10).toFixed(1));
    const key = row.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    x.push(`[${row.map((v) => `"${v}"`).join(', ')}]`);
  }
  const y = Array.from({ length: spec.d }, () => {
    if (spec.k === 1) return `"${(Math.round(rand() * 200 - 100) / 100).toFixed(2)}"`;
    const cls = Math.floor(rand() * spec.k);
    return `[${Array.from({ length: spec.k }, (_, j) => (j === cls ? 1 : 0)).join(', ')}]`;
  });
  return [
    `name: ${name}`,
    `description: generated for bench/batch.ts, d = ${spec.d}, m = ${spec.m}, k = ${spec.k}`,
    'data:',
    `  x: [${x.join(', ')}]`,
    `  y: [${y.join(', ')}]`,
    'model:',
    '  kind: mlp',
    `  hidden: [${spec.d}]`,
    '  activation: smoolu',
    'loss: sum',
    'point: construct',
    'seed: 1',
    '',
  ].join('\n');
}

/** The measurement, in a fresh process: load every case, run the batch, report time, memory and verdicts as JSON. */
const CHILD = `
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
const [dir, jobs, root] = process.argv.slice(2);
const { loadCase } = await import(new URL('dist/src/cases/load.js', root).href);
const { runBatch } = await import(new URL('dist/src/cli/batch.js', root).href);
const t0 = performance.now();
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => loadCase(join(dir, f)));
const t1 = performance.now();
const outcomes = await runBatch(cases, { theoremIds: [], jobs: Number(jobs) });
const t2 = performance.now();
const verdicts = {};
let slowest = { name: '', ms: 0 };
for (const o of outcomes) {
  if (o.ms > slowest.ms) slowest = { name: o.ok ? o.certificate.case.name : o.name, ms: o.ms };
  if (!o.ok) { verdicts.error = (verdicts.error ?? 0) + 1; if (verdicts.error === 1) process.stderr.write(o.name + ': ' + o.error + String.fromCharCode(10)); continue; }
  for (const r of o.certificate.results) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
}
const theorems = {};
for (const o of outcomes) if (o.ok) for (const r of o.certificate.results) theorems[r.theorem] = (theorems[r.theorem] ?? 0) + 1;
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, runMs: t2 - t1, cases: cases.length, verdicts, theorems, slowest,
  maxRssKb: process.resourceUsage().maxRSS, sumCaseMs: outcomes.reduce((s, o) => s + o.ms, 0) }));
`;

interface Measured {
  readonly loadMs: number;
  readonly runMs: number;
  readonly cases: number;
  readonly verdicts: Record<string, number>;
  readonly theorems: Record<string, number>;
  readonly slowest: { readonly name: string; readonly ms: number };
  readonly maxRssKb: number;
  readonly sumCaseMs: number;
}

function main(): void {
  if (!existsSync(join(ROOT, 'dist/src/cli/batch-worker.js'))) {
    console.error('bench/batch.ts runs the compiled workers: npm run build first');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'overparam-bench-batch-'));
  const casesDir = join(dir, 'cases');
  mkdirSync(casesDir);
  const child = join(dir, 'measure.mjs');
  writeFileSync(child, CHILD);
  const rand = rng(seed);
  const sizes: Spec[] = [];
  for (let i = 0; i < count; i++) {
    const spec = specOf(i, rand);
    sizes.push(spec);
    writeFileSync(join(casesDir, `case-${String(i).padStart(4, '0')}.yaml`), caseYaml(`case-${String(i).padStart(4, '0')}`, spec, rand));
  }
  const ds = sizes.map((s) => s.d).sort((a, b) => a - b);
  const median = ds[Math.floor(ds.length / 2)]!;
  console.log(
    `${count} generated cases in ${casesDir}: d from ${ds[0]} to ${ds.at(-1)} (median ${median}), m 2 to 4, ` +
      `${sizes.filter((s) => s.k === 3).length} with k = 3 one-hot targets; one smooLU hidden layer of width d; every theorem that fits. ` +
      `Machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
  );
  const rows: string[][] = [['jobs', 'load', 'run', 'cases/s', 'case time (sum)', 'slowest case', 'peak RSS', 'verdicts']];
  try {
    for (const jobs of jobsList) {
      // A file, not -e: worker threads inherit the parent's flags, and --input-type would stop them.
      const r = spawnSync(process.execPath, [child, casesDir, String(jobs), pathToFileURL(ROOT).href], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (r.status !== 0) {
        console.error(r.stderr);
        process.exit(1);
      }
      if (r.stderr) process.stderr.write(r.stderr);
      const m = JSON.parse(r.stdout) as Measured;
      rows.push([
        String(jobs),
        `${(m.loadMs / 1000).toFixed(1)} s`,
        `${(m.runMs / 1000).toFixed(1)} s`,
        (m.cases / (m.runMs / 1000)).toFixed(2),
        `${(m.sumCaseMs / 1000).toFixed(1)} s`,
        `${m.slowest.name} ${(m.slowest.ms / 1000).toFixed(2)} s`,
        `${(m.maxRssKb / 1024).toFixed(0)} MB`,
        Object.entries(m.verdicts)
          .map(([v, n]) => `${v} ${n}`)
          .join(', '),
      ]);
      if (jobs === jobsList[0]) {
        console.log(`theorems run: ${Object.entries(m.theorems).map(([t, n]) => `${t} × ${n}`).join(', ')}`);
      }
    }
  } finally {
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  for (const r of rows) console.log(r.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd());
}

main();
