/**
 * The kernel's elementary functions (src/kernel/elementary.ts) on 10⁶ arguments each: the
 * hostile points and the generators of test/kernel/elementary/cases.ts. Prints first the whole
 * process (this script run again as a child: wall and CPU time, peak memory), then per function
 * the time per point enclosure in ns and the widest enclosure in ulps (floats from lo to hi, over
 * results in the normal range; subnormal and infinite ends, and sin and cos given as [−1, 1] past
 * their reduction range, are counted apart as "other"). With `--check K`,
 * the first K arguments of each function are also checked against the 200-bit references
 * (decimal.js, slow: about a millisecond each).
 *
 *   npx tsx bench/elementary.ts [--points N] [--check K]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const POINTS = option('--points', 1_000_000);
const CHECK = option('--check', 0);

if (!args.includes('--child')) {
  const self = fileURLToPath(import.meta.url);
  const timeBin = '/usr/bin/time';
  const timed = existsSync(timeBin);
  const argv = [...(timed ? ['-f', '%U %S %M', process.execPath] : []), '--import', 'tsx', self, '--child', ...args];
  const w0 = performance.now();
  const child = spawnSync(timed ? timeBin : process.execPath, argv, { encoding: 'utf8', maxBuffer: 2 ** 26 });
  const wall = performance.now() - w0;
  const usage = timed ? child.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [];
  const extra = usage.length === 3 ? `, CPU ${((usage[0]! + usage[1]!) * 1000).toFixed(0)} ms, peak ${(usage[2]! / 1024).toFixed(0)} MB resident` : '';
  console.log(`whole process (npx tsx bench/elementary.ts --child, spawned): ${wall.toFixed(0)} ms wall${extra}, exit ${child.status}`);
  process.stdout.write(child.stdout);
  if (child.status !== 0) process.stderr.write(child.stderr);
  process.exit(child.status ?? 1);
}

const { UNARY, POW_GEN, POW_HOSTILE } = await import('../test/kernel/elementary/cases.js');
const { powReal } = await import('../src/kernel/elementary.js');
const { holds, refPow } = await import('../test/kernel/elementary/reference.js');

const view = new DataView(new ArrayBuffer(8));
/** The float's position on the number line, as an integer (neighbours differ by 1). */
function ordinal(x: number): bigint {
  view.setFloat64(0, x);
  const b = view.getBigInt64(0);
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}
const NORMAL = 2 ** -1022;

interface Row {
  readonly name: string;
  readonly ns: number;
  readonly maxUlps: bigint;
  readonly worstAt: string;
  readonly outside: number;
  readonly checked: string;
}

function measure(name: string, count: number, run: (i: number) => void, result: (i: number) => { lo: number; hi: number }, at: (i: number) => string, check: (i: number) => boolean): Row {
  // warm up, then time the whole loop
  for (let i = 0; i < Math.min(count, 20_000); i++) run(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) run(i);
  const ns = Number(process.hrtime.bigint() - t0) / count;
  let maxUlps = 0n;
  let worstAt = '';
  let outside = 0;
  for (let i = 0; i < count; i++) {
    const r = result(i);
    const normal = Number.isFinite(r.lo) && Number.isFinite(r.hi) && Math.min(Math.abs(r.lo), Math.abs(r.hi)) >= NORMAL;
    // sin and cos past the reduction's range (|x| > 1.6·10⁶) give the whole range [−1, 1]
    const whole = (name === 'sin' || name === 'cos') && r.lo === -1 && r.hi === 1;
    if (!normal || whole) {
      outside++;
      continue;
    }
    const w = ordinal(r.hi) - ordinal(r.lo);
    if (w > maxUlps) {
      maxUlps = w;
      worstAt = at(i);
    }
  }
  let bad = 0;
  for (let i = 0; i < Math.min(CHECK, count); i++) if (!check(i)) bad++;
  return { name, ns, maxUlps, worstAt, outside, checked: CHECK > 0 ? `${Math.min(CHECK, count)} checked, ${bad} missed` : '' };
}

const rows: Row[] = [];
let sink = 0;
for (const c of UNARY) {
  const xs = Float64Array.from([...c.hostile, ...fc.sample(c.gen, { numRuns: POINTS - c.hostile.length, seed: 1 })]);
  rows.push(
    measure(
      c.name,
      xs.length,
      (i) => {
        sink += c.f({ lo: xs[i]!, hi: xs[i]! }).lo;
      },
      (i) => c.f({ lo: xs[i]!, hi: xs[i]! }),
      (i) => String(xs[i]),
      (i) => {
        const r = c.f({ lo: xs[i]!, hi: xs[i]! });
        return c.belowRange?.(xs[i]!) ? r.lo >= 0 && r.hi > 0 : holds(r.lo, r.hi, () => c.ref(xs[i]!));
      },
    ),
  );
}
{
  const ps = [...POW_HOSTILE, ...fc.sample(POW_GEN, { numRuns: POINTS - POW_HOSTILE.length, seed: 1 })];
  const xs = Float64Array.from(ps.map((p) => p.x));
  const ys = Float64Array.from(ps.map((p) => p.y));
  const at = (i: number) => ({ lo: xs[i]!, hi: xs[i]! });
  const bt = (i: number) => ({ lo: ys[i]!, hi: ys[i]! });
  rows.push(
    measure(
      'pow',
      xs.length,
      (i) => {
        sink += powReal(at(i), bt(i)).lo;
      },
      (i) => powReal(at(i), bt(i)),
      (i) => `${xs[i]}^${ys[i]}`,
      (i) => {
        const r = powReal(at(i), bt(i));
        return holds(r.lo, r.hi, () => refPow(xs[i]!, ys[i]!));
      },
    ),
  );
}

console.log(`${POINTS} point enclosures per function (fast-check samples and the hostile points of test/kernel/elementary/cases.ts)`);
console.log(`${'function'.padEnd(10)} ${'ns/eval'.padStart(8)} ${'max ulps'.padStart(9)}  ${'other'.padStart(10)}  widest at`);
for (const r of rows) {
  console.log(`${r.name.padEnd(10)} ${r.ns.toFixed(0).padStart(8)} ${String(r.maxUlps).padStart(9)}  ${String(r.outside).padStart(10)}  ${r.worstAt}${r.checked ? `  (${r.checked})` : ''}`);
}
if (Number.isNaN(sink)) console.log('');
