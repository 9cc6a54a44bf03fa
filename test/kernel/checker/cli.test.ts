import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, overparam } from '../../helpers/built.js';

describe('overparam verify', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'overparam-verify-'));
    const r = overparam(['check', 'cases/xor.yaml', 'cases/product-perturbed.yaml', 'cases/product-critical.yaml', '--out', dir, '--jobs', '1']);
    expect(r.status).toBe(1); // product-critical fails its rank hypothesis: an answer
  }, 120_000);

  it('certificates written by check --out verify: exit 0, one ✓ line each', () => {
    const files = readdirSync(dir).map((f) => join(dir, f));
    const r = overparam(['verify', ...files]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^✓ .*\.cert\.json \([a-z-]+\): \d+ checks, \d+ re-checked/);
  });

  it('a changed weight: exit 1, naming the first check that fails', () => {
    const cert = JSON.parse(readFileSync(join(dir, 'xor.cert.json'), 'utf8')) as { point: { values: number[] } };
    cert.point.values[0] = 17;
    const bad = join(dir, 'xor-bad.json');
    writeFileSync(bad, JSON.stringify(cert));
    const r = overparam(['verify', bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^✗ .*xor-bad\.json \(xor\): point\.values: values\[0\] = 17 lies outside its enclosure/);
  });

  it('a file that is not a certificate: exit 2, one line on stderr with the file and the field', () => {
    const bad = join(dir, 'not-a-cert.json');
    writeFileSync(bad, JSON.stringify({ format: 'overparam-certificate/1', tool: { name: 'x', version: '1' } }));
    const r = overparam(['verify', bad]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not-a-cert\.json: not a certificate: case: /);
    expect(overparam(['verify', join(dir, 'missing.json')]).status).toBe(2);
    expect(overparam(['verify']).status).toBe(2);
  });

  it('--json gives a report per certificate with every check', () => {
    const r = overparam(['verify', join(dir, 'product-perturbed.cert.json'), '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { verified: boolean; counts: { failed: number }; checks: { where: string; status: string }[] };
    expect(report.verified).toBe(true);
    expect(report.counts.failed).toBe(0);
    expect(report.checks.find((c) => c.where === 'point.enclosure')?.status).toBe('ok');
  });
});
