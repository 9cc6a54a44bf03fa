/**
 * `overparam report` end to end: the built binary checks a case, writes its certificate, and
 * renders it. The pages in a real browser are tested in browser.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, overparam } from '../helpers/built.js';

let tmp: string;
let cert: string;
let html: string;

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'overparam-report-'));
  const r = overparam(['check', join(ROOT, 'cases/xor.yaml'), '--theorem', '4.1', '--out', tmp]);
  expect(r.status).toBe(0);
  cert = join(tmp, 'xor.cert.json');
  html = join(tmp, 'xor.html');
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('overparam report', () => {
  it('prints Markdown on stdout; --md writes the same text to a file', () => {
    const printed = overparam(['report', cert]);
    expect(printed.status).toBe(0);
    expect(printed.stdout.startsWith('# Certificate: xor\n')).toBe(true);
    expect(printed.stdout).toContain('## Theorem 4.1: the global minima form a non-empty manifold of dimension n − d·k: certified');
    const md = join(tmp, 'xor.md');
    const written = overparam(['report', cert, '--md', md]);
    expect(written.status).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(md, 'utf8')).toBe(printed.stdout);
  });

  it('--html writes one page', () => {
    const r = overparam(['report', cert, '--html', html]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`overparam: wrote ${html}\n`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
  });

  it.each([
    ['both --html and --md', () => ['report', cert, '--html', join(tmp, 'a.html'), '--md', join(tmp, 'a.md')], /give --html FILE or --md FILE, not both/],
    ['a file that is not there', () => ['report', join(tmp, 'nowhere.json')], /nowhere\.json: no such file/],
    ['a case file instead of a certificate', () => ['report', join(ROOT, 'cases/xor.yaml')], /xor\.yaml: not JSON/],
  ])('exit 2 for %s, with one line on stderr', (_what, args, why) => {
    const r = overparam(args());
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(why);
  });
});
