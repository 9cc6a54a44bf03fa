/**
 * `overparam report` end to end: the built binary checks a case, writes its certificate, and
 * renders it; then a real headless browser (Debian's chromium) opens the HTML page offline,
 * takes a screenshot, and must log no console error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colour } from '../../src/render/svg/primitives.js';
import { ROOT, ensureBuilt, overparam } from '../helpers/built.js';
import { decodePng, type Image } from './png.js';

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

const hasChromium = spawnSync('chromium', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs headless chromium on a page with a fresh profile and no network services; stdout and stderr. */
function chromium(url: string, args: readonly string[]): { stdout: string; stderr: string } {
  const profile = mkdtempSync(join(tmp, 'profile-'));
  const r = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      ...args,
      url,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** What the page said on its console, and resources it failed to load. */
const consoleErrors = (stderr: string): string[] => stderr.split('\n').filter((l) => /:CONSOLE|Uncaught|Failed to load resource/.test(l));

/** Pixels of exactly this colour (±2 per channel), on a grid of every other pixel. */
function countColour(img: Image, hex: string): number {
  const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = 0; y < img.height; y += 2) {
    for (let x = 0; x < img.width; x += 2) {
      const p = img.pixel(x, y);
      if (p.every((v, i) => Math.abs(v - want[i]!) <= 2)) n++;
    }
  }
  return n;
}

describe.skipIf(!hasChromium)('the HTML page in a real browser (skipped when chromium is missing; CI installs Debian\'s chromium)', () => {
  it('the console check catches an error when there is one', () => {
    const bad = join(tmp, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><script>throw new Error("boom")</script></body></html>');
    const r = chromium(pathToFileURL(bad).href, ['--screenshot=' + join(tmp, 'bad.png'), '--window-size=400,300']);
    expect(consoleErrors(r.stderr).join('\n')).toMatch(/Uncaught Error: boom/);
  });

  it('renders the page offline: a screenshot with the pictures drawn, and no console error', () => {
    expect(existsSync(html)).toBe(true);
    const shot = join(tmp, 'xor.png');
    const r = chromium(pathToFileURL(html).href, [`--screenshot=${shot}`, '--window-size=1100,5000', '--hide-scrollbars']);
    expect(consoleErrors(r.stderr)).toEqual([]);
    const img = decodePng(readFileSync(shot));
    expect([img.width, img.height]).toEqual([1100, 5000]);
    // The certified badge, the positive bar of the eigenvalue counts, and the heat map's
    // smallest and largest entries of A (the two ends of the colour scale).
    expect(countColour(img, '#1a7f37')).toBeGreaterThan(50);
    expect(countColour(img, '#1f6feb')).toBeGreaterThan(500);
    expect(countColour(img, colour(0))).toBeGreaterThan(300);
    expect(countColour(img, colour(1))).toBeGreaterThan(300);
  });

  it('the browser sees every picture as SVG in the page', () => {
    const { stdout } = chromium(pathToFileURL(html).href, ['--dump-dom']);
    expect(stdout).toContain('<title>Certificate: xor</title>');
    expect(stdout.match(/<svg /g)).toHaveLength(3);
    expect(stdout.match(/<figure /g)).toHaveLength(3);
  });
});
