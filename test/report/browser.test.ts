/**
 * Report pages as people meet them: opened offline in a real headless browser (Debian's
 * chromium) at a phone's 480 px, a projector's 1024 px and a wide screen's 1920 px, with every
 * section expanded by the page's own "Expand all" button. At each width: nothing logged on the
 * console, no horizontal overflow (the page itself, and no element past the right edge outside
 * a scrolling box), the header table inside the page, the maths drawn as MathML, and, from
 * 1024 px, body text of 19 px and picture labels of 14 px or more as they appear on screen.
 * Screenshots are checked for the colours that carry meaning; with OVERPARAM_SHOTS=DIR the
 * whole pages are also written there as PNG, for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { INK } from '../../src/render/svg/primitives.js';
import { THEOREMS } from '../../theorems/index.js';
import { Browser, hasChromium, type Page } from './browser.js';
import { certificateOf } from './certs.js';
import { decodePng } from './png.js';

const WIDTHS = [480, 1024, 1920] as const;
/** A certified case with every picture of a construction, a failing one with a witness, iris's crowded number line, and a deep net. */
const CASES = ['xor', 'tanh', 'iris', 'deep-bump'] as const;

if (!hasChromium) {
  console.warn('test/report/browser.test.ts: skipped, `chromium` is not on PATH (Debian: apt-get install chromium; .ci/run installs it)');
}

let browser: Browser;
let dir: string;
const pages = new Map<string, string>();

beforeAll(async () => {
  if (!hasChromium) return;
  dir = mkdtempSync(join(tmpdir(), 'overparam-browser-'));
  for (const name of CASES) {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderHtml(await certificateOf(name), THEOREMS));
    pages.set(name, pathToFileURL(file).href);
  }
  browser = Browser.launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Presses the page's own "Expand all" and says how many sections stayed closed. */
async function expandAll(page: Page): Promise<{ sections: number; closed: number }> {
  return page.evaluate(`(() => {
    const button = [...document.querySelectorAll('#controls button')].find((b) => b.textContent === 'Expand all');
    if (!button) throw new Error('no Expand all button');
    button.click();
    const all = [...document.querySelectorAll('details')];
    return { sections: all.length, closed: all.filter((d) => !d.open).length };
  })()`);
}

interface Layout {
  viewport: number;
  scrollWidth: number;
  /** elements past the right edge that no scrolling box holds */
  sticking: string[];
  facts: { right: number; scrollWidth: number; clientWidth: number };
  maths: { count: number; drawn: number };
  bodyFont: number;
  /** the smallest picture label as drawn on screen, in CSS px */
  smallestLabel: number;
  figures: number;
}

const LAYOUT = `(() => {
  const viewport = document.documentElement.clientWidth;
  const scrolled = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const sticking = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > viewport + 0.5 && !scrolled(el) && !sticking.some((s) => s.el.contains(el))) {
      sticking.push({ el, what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || '').trim().slice(0, 60) + ' (right edge ' + Math.round(r.right) + ')' });
    }
  }
  const facts = document.querySelector('table.facts');
  const fr = facts.getBoundingClientRect();
  const maths = [...document.querySelectorAll('math')];
  let smallestLabel = Infinity;
  for (const svg of document.querySelectorAll('figure svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) smallestLabel = Math.min(smallestLabel, parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  return {
    viewport,
    scrollWidth: document.documentElement.scrollWidth,
    sticking: sticking.map((s) => s.what),
    facts: { right: fr.right, scrollWidth: facts.scrollWidth, clientWidth: facts.clientWidth },
    maths: { count: maths.length, drawn: maths.filter((m) => m.getBoundingClientRect().width > 0).length },
    bodyFont: parseFloat(getComputedStyle(document.querySelector('.step p.summary') || document.body).fontSize),
    smallestLabel,
    figures: document.querySelectorAll('figure svg').length,
  };
})()`;

/** Pixels of this colour (±2 per channel) in a screenshot. */
function countColour(png: Buffer, hex: string): number {
  const img = decodePng(png);
  const want = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (img.pixel(x, y).every((v, i) => Math.abs(v - want[i]!) <= 2)) n++;
  return n;
}

/** A screenshot of the first element matching `selector`. */
async function shotOf(page: Page, selector: string): Promise<Buffer> {
  const r = await page.evaluate<{ x: number; y: number; width: number; height: number } | null>(
    `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null; const r = e.getBoundingClientRect(); return { x: r.x + scrollX, y: r.y + scrollY, width: Math.ceil(r.width), height: Math.ceil(r.height) }; })()`,
  );
  if (!r) throw new Error(`nothing matches ${selector}`);
  return page.screenshot(r);
}

describe.skipIf(!hasChromium)('report pages in headless chromium (skipped when `chromium` is not installed; .ci/run installs it)', () => {
  it('the checks can fail: an uncaught error, a console error and a missing resource are all heard', async () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(
      bad,
      '<!DOCTYPE html><html><head><link rel="icon" href="data:,"></head><body><main>' +
        `<table class="facts"><tr><th>hash</th><td>${'0123456789abcdef'.repeat(4)}</td></tr></table>` +
        '<div style="overflow-x:auto"><div style="width:700px">scrolls in its box</div></div>' +
        '<p id="wide" style="width:900px">wide</p><img src="missing.png"><math><mi>x</mi></math></main>' +
        '<script>console.error("said"); throw new Error("boom")</script></body></html>',
    );
    const page = await browser.open(pathToFileURL(bad).href, 480);
    const layout = await page.evaluate<Layout>(LAYOUT);
    await new Promise((r) => setTimeout(r, 200));
    const said = page.log.errors.join('\n');
    await page.close();
    expect(said).toMatch(/uncaught: Error: boom/);
    expect(said).toMatch(/console\.error: said/);
    expect(said).toMatch(/missing\.png/);
    expect(layout.scrollWidth).toBeGreaterThan(900);
    // the wide paragraph and the table stick out; the box that scrolls does not count
    expect(layout.sticking).toHaveLength(2);
    expect(layout.sticking[0]).toMatch(/^table /);
    expect(layout.sticking[1]).toMatch(/^p#wide wide/);
    expect(layout.facts.right).toBeGreaterThan(480);
  }, 60_000);

  describe.each(CASES)('%s', (name) => {
    it.each(WIDTHS)('at %i px: every section opens, nothing is logged, nothing overflows, text and labels are large', async (width) => {
      const page = await browser.open(pages.get(name)!, width);
      const { sections, closed } = await expandAll(page);
      const layout = await page.evaluate<Layout>(LAYOUT);
      const shots = process.env.OVERPARAM_SHOTS;
      if (shots) {
        mkdirSync(shots, { recursive: true });
        writeFileSync(join(shots, `${name}-${width}.png`), await page.screenshot());
      }
      // A top screenshot as wide as the viewport: the page drew, and drew no wider.
      const top = decodePng(await page.screenshot({ x: 0, y: 0, width, height: 600 }));
      await page.close();

      expect(page.log.errors).toEqual([]);
      expect(sections).toBeGreaterThan(5);
      expect(closed).toBe(0);
      expect(layout.viewport).toBe(width);
      expect(layout.scrollWidth).toBe(width);
      expect(layout.sticking).toEqual([]);
      expect(layout.facts.right).toBeLessThanOrEqual(width);
      expect(layout.facts.scrollWidth).toBeLessThanOrEqual(layout.facts.clientWidth);
      expect(layout.maths.count).toBeGreaterThan(10);
      expect(layout.maths.drawn).toBe(layout.maths.count);
      expect(layout.figures).toBeGreaterThanOrEqual(3);
      expect(top.width).toBe(width);
      if (width >= 1024) {
        expect(layout.bodyFont).toBeGreaterThanOrEqual(19);
        expect(layout.smallestLabel).toBeGreaterThanOrEqual(14);
      } else {
        // On a phone the pictures shrink to the screen, and stay legible.
        expect(layout.bodyFont).toBeGreaterThanOrEqual(17);
        expect(layout.smallestLabel).toBeGreaterThanOrEqual(9);
      }
    }, 120_000);
  });

  it("a certified case's badge and pictures are drawn in their colours", async () => {
    const page = await browser.open(pages.get('xor')!, 1024);
    await expandAll(page);
    const badge = await shotOf(page, '.badge');
    const counts = await shotOf(page, 'figure[data-kind="counts"]');
    const block = await shotOf(page, 'figure[data-kind="triangular-block"]');
    await page.close();
    expect(countColour(badge, '#1a7f37')).toBeGreaterThan(200);
    expect(countColour(counts, INK.positive)).toBeGreaterThan(500);
    // a lower triangular block: its exact zeros in their own colour
    expect(countColour(block, INK.zero)).toBeGreaterThan(1000);
  }, 60_000);

  it('a deep net: its carried scalars and a path along M are drawn, with their captions', async () => {
    const page = await browser.open(pages.get('deep-bump')!, 1024);
    await expandAll(page);
    const drawn = await page.evaluate<Record<string, number>>(
      `Object.fromEntries([...document.querySelectorAll('figure[data-kind]')].map((f) => [f.dataset.kind, Math.round(f.querySelector('svg').getBoundingClientRect().height)]))`,
    );
    const walk = await shotOf(page, 'figure[data-kind="walk"] svg');
    await page.close();
    expect(drawn['carried-scalars']).toBeGreaterThan(300);
    expect(drawn.walk).toBeGreaterThan(500);
    // the path and the loss curve
    expect(countColour(walk, INK.positive)).toBeGreaterThan(500);
  }, 60_000);

  it("a failing case's witness is drawn on σ: σ(−1) = −0.762 for tanh, in red", async () => {
    const page = await browser.open(pages.get('tanh')!, 1024);
    await expandAll(page);
    const labels = await page.evaluate<string[]>(`[...document.querySelectorAll('figure svg text')].map((t) => t.textContent)`);
    const witness = await shotOf(page, 'figure[id^="theorem-"][data-kind="activation"]');
    await page.close();
    expect(labels).toContain('σ(−1) = −0.762');
    expect(countColour(witness, INK.negative)).toBeGreaterThan(100);
  }, 60_000);
});
