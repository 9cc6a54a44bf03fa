/**
 * Timings of the rigor layer: the Krawczyk proof of a searched point (models/interval-zero.ts)
 * and `verify` on the certificate of every case in cases/. Prints figures; asserts nothing.
 *
 *   npx tsx bench/verify.ts
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadCase } from '../src/models/case.js';
import { runCase } from '../src/proof/runner.js';
import { verifyCertificate } from '../src/kernel/checker/index.js';
import { selectTheorems } from '../theorems/index.js';
import { buildModel } from '../src/models/index.js';
import { intervalData, intervalModelOf } from '../src/models/interval-model.js';
import { proveZeroNear } from '../src/models/interval-zero.js';
import { searchZeros } from '../src/points/search.js';
import type { Case } from '../src/cases/types.js';
import { caseFromObject } from '../src/models/case.js';

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`.padStart(9);

console.log('Krawczyk proof of a searched point (one smooLU hidden layer, XOR-like random data)');
for (const d of [4, 16, 64, 128]) {
  const x = Array.from({ length: d }, (_, i) => [Math.sin(i + 1), Math.cos(3 * i + 1)]);
  const y = Array.from({ length: d }, (_, i) => Math.sin(7 * i));
  const c: Case = caseFromObject({ data: { x, y }, model: { kind: 'mlp', hidden: [d + 2], activation: 'smoolu' }, point: 'search', loss: 'sum', seed: 1 }, 'bench.yaml');
  const model = buildModel(c.model, c.data.m, c.data.k);
  const found = searchZeros(model, { x: c.data.x, y: c.data.y }, 1, { starts: 6, maxIterations: 300 });
  const lm = found.best!;
  const t0 = performance.now();
  const proof = proveZeroNear({ model, interval: intervalModelOf(model, c.model), data: intervalData(c.data.xExact, c.data.yExact), xFloat: c.data.x }, lm.w);
  const what = proof.status === 'proven' ? `proven at ρ = ${proof.rho}, contraction ${proof.contraction.toExponential(1)}` : `unknown: ${proof.reason}`;
  console.log(`  d = ${String(d).padStart(3)}, n = ${String(model.n).padStart(5)}, LM residual ${lm.residual.toExponential(1)}: ${ms(t0)}  ${what}`);
}

console.log('\nverify on the certificate of each case (check, then verify)');
const dir = join(import.meta.dirname, '..', 'cases');
for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const c = loadCase(join(dir, f));
  const t0 = performance.now();
  const cert = JSON.parse(JSON.stringify(await runCase(c, selectTheorems(c))));
  const checked = ms(t0);
  const t1 = performance.now();
  const r = verifyCertificate(cert);
  console.log(`  ${f.padEnd(28)} check ${checked}   verify ${ms(t1)}   ${r.failed ? `✗ ${r.failed.where}` : `✓ ${r.counts.ok} re-checked, ${r.counts.float} float, ${r.counts.unchecked} not re-checkable`}`);
}
