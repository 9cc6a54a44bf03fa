/**
 * Theorem 4.1 at scale: random data, d = 2,000 points in m = 64 dimensions, one smooLU hidden
 * layer of width d (n = d·m + 2d + 1 ≈ 132,000), the whole process from the case file to the
 * certificate's JSON: load and validate, run the theorem's steps (exact projection, triangular
 * block, interval enclosure, rank, Hessian bound), build and serialise the certificate.
 * Prints first the whole process of the built binary (`overparam check --json`, spawned: wall,
 * CPU, peak memory, JSON size), then, in this process, wall time, CPU time and where it goes (module loading, the loader, the start of the
 * theorem, each step, the certificate, its JSON), and peak memory (resident set). The project's
 * modules are imported after the clock starts, so loading them (and the algebra systems a step
 * loads on first use) counts, as it does for `overparam check`; under tsx that includes
 * transpiling them, which the built CLI does not pay.
 *
 *   npx tsx bench/theorem41.ts [d] [m] [--data uniform|digits] [--activation smoolu|relu|JSON]
 *   npx tsx bench/theorem41.ts --data digits --activation '{"name": "flat", "positive": "exp(-1/t)"}'
 *
 * `--data digits` runs the real handwritten digits set instead (bench/data/digits.csv: 1,797
 * images of 8 × 8 integer pixels, m = 64, the digit as the target; see bench/data/README.md).
 *
 * For comparison (the figure): the generic route, an autodiff Jacobian and the singular
 * values of a d × d Gram matrix in PyTorch, takes about 27 s and 4 GB for d = 1,797, m = 64.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
const d = Number(positional[0] ?? 2000);
const m = Number(positional[1] ?? 64);
const kind = flag('data', 'uniform');
const activationArg = flag('activation', 'smoolu');
// a built-in's name, or a JSON activation such as '{"name": "flat", "positive": "exp(-1/t)"}'
const activation: unknown = activationArg.startsWith('{') ? JSON.parse(activationArg) : activationArg;

/** xorshift32, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** uniform: entries uniform in [0, 1) as binary64 numbers, targets too. */
function makeData(): { x: number[][]; y: number[] } {
  const r = rng(20240601);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < d; i++) {
    x.push(Array.from({ length: m }, () => r()));
    y.push(r());
  }
  return { x, y };
}

const dir = mkdtempSync(join(tmpdir(), 'overparam-bench-'));
const file = join(dir, 'case.json');
const DIGITS = fileURLToPath(new URL('./data/digits.csv', import.meta.url));
const digitsRows = kind === 'digits' ? readFileSync(DIGITS, 'utf8').trim().split('\n').length - 1 : 0;
const data = kind === 'digits' ? { csv: DIGITS, target: 'digit' } : makeData();
writeFileSync(
  file,
  JSON.stringify({
    name: kind === 'digits' ? 'digits' : `random-${d}x${m}`,
    data,
    model: { kind: 'mlp', hidden: [kind === 'digits' ? digitsRows : d], activation },
    loss: 'sum',
    point: 'construct',
    seed: 1,
    theorems: ['4.1'],
  }),
);

// First the whole process, as a user runs it: the built binary, spawned, from its start to the
// end of the certificate's JSON on stdout (needs `npm run build`).
const bin = fileURLToPath(new URL('../dist/src/cli/bin.js', import.meta.url));
const timeBin = '/usr/bin/time';
// the Node flags of the binary's shebang line, so the spawned run is the one an installed `overparam` makes
const shebangFlags = existsSync(bin) ? (readFileSync(bin, 'utf8').split('\n')[0]!.match(/node (.*)$/)?.[1]?.split(' ').filter(Boolean) ?? []) : [];
if (!existsSync(bin)) {
  console.log(`whole process: not measured (${bin} is missing: run npm run build)`);
} else {
  const timed = existsSync(timeBin);
  const w0 = performance.now();
  const child = spawnSync(timed ? timeBin : process.execPath, [...(timed ? ['-f', '%U %S %M', process.execPath] : []), ...shebangFlags, bin, 'check', file, '--json', ...(kind === 'digits' ? ['--allow-read', dirname(DIGITS)] : [])], {
    maxBuffer: 2 ** 30,
    encoding: 'buffer',
  });
  const wall = performance.now() - w0;
  const usage = timed ? child.stderr.toString().trim().split('\n').pop()!.split(' ').map(Number) : [];
  const extra = usage.length === 3 ? `, CPU ${((usage[0]! + usage[1]!) * 1000).toFixed(0)} ms, peak ${(usage[2]! / 1024).toFixed(0)} MB resident` : '';
  console.log(
    `whole process (overparam check --json, spawned): ${wall.toFixed(0)} ms wall${extra}, exit ${child.status}, JSON ${(child.stdout.length / 2 ** 20).toFixed(1)} MB`,
  );
}
console.log('the parts, in this process:');

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { loadCase } = await import('../src/models/case.js');
const { runCase } = await import('../src/proof/runner.js');
const { findTheorem } = await import('../theorems/index.js');
const tImport = performance.now();
const c = loadCase(file, kind === 'digits' ? { allowRead: [dirname(DIGITS)] } : {});
const tLoad = performance.now();
const stepTimes: string[] = [];
let tStart = 0;
let tLastStep = 0;
let stepSum = 0;
const cert = await runCase(c, [findTheorem('4.1')!], {
  onEvent: (e) => {
    if (e.type === 'theorem-start') tStart = performance.now();
    if (e.type === 'step-end') {
      stepTimes.push(`${e.result.id} ${e.result.ms}`);
      stepSum += e.result.ms;
      tLastStep = performance.now();
    }
  },
});
const tRun = performance.now();
const json = JSON.stringify(cert);
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const maxRss = process.resourceUsage().maxRSS * 1024;
rmSync(dir, { recursive: true, force: true });

const r = cert.results[0]!;
const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MB`;
console.log(`Theorem 4.1 on ${kind} data: d = ${cert.case.d}, m = ${cert.case.m}, n = ${cert.case.n}, σ = ${activationArg}`);
console.log(`verdict: ${r.verdict}; claims: ${JSON.stringify(r.claims)}`);
for (const s of r.steps) if (s.verdict !== 'holds') console.log(`  ${s.id}: ${s.verdict} — ${s.summary}`);
const enc = r.steps.find((s) => s.id === 'output-weights-enclosed');
const res = r.steps.find((s) => s.id === 'residual-zero');
if (enc) console.log(`enclosure: relative width ${enc.data.relativeWidth}, max |v| ${enc.data.maxAbsV}, amplification ${enc.data.amplification}`);
if (res) {
  console.log(
    `residual: model forward pass (${res.data.modelRows} rows) relative ${res.data.modelRelative}, structured (all rows) ` +
      `${res.data.structuredRelative}, enclosed |F| ≤ ${res.data.enclosedMaxAbs}`,
  );
}
const ms = (a: number, b: number): string => (b - a).toFixed(0);
console.log(`steps (ms): ${stepTimes.join(', ')}`);
console.log(
  `wall: ${ms(tImport, t1)} ms from case file to certificate JSON: load ${ms(tImport, tLoad)}, theorem start ` +
    `${ms(tLoad, tStart)} (steps prepared, model built), steps ${stepSum.toFixed(0)}, between steps (the kernel gate re-deriving each step) ${(tLastStep - tStart - stepSum).toFixed(0)}, ` +
    `certificate ${ms(tLastStep, tRun)}, JSON ${ms(tRun, t1)} (${mb(json.length)})`,
);
console.log(
  `with module loading: ${ms(t0, t1)} ms (modules ${ms(t0, tImport)}); process start to certificate ${t1.toFixed(0)} ms; ` +
    `CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
);
console.log(`peak memory: ${mb(Math.max(peakRss, maxRss))} resident (sampled ${mb(peakRss)}, maxRSS ${mb(maxRss)})`);
