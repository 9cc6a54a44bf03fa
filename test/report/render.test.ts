import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/proof/certificate.js';
import { renderHtml } from '../../src/report/html.js';
import { mdText, renderMarkdown } from '../../src/report/markdown.js';
import { buildPage, claimsText, compactJson } from '../../src/report/page.js';
import { CertificateReadError, certificateFromJson } from '../../src/report/read.js';
import { findTheorem } from '../../theorems/index.js';
import { certificateOf } from './certs.js';
import { wellFormed } from './xml.js';
import { THEOREMS } from '../../theorems/index.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

describe('the page', () => {
  it('states each theorem from the registry and lists every step with its verdict and rigor', async () => {
    const cert = await certificateOf('xor');
    const page = buildPage(cert, THEOREMS);
    expect(page.theorems.map((t) => t.result.theorem)).toEqual(['2.1', '2.3', '3.3', '4.1']);
    for (const t of page.theorems) {
      const module = findTheorem(t.result.theorem)!;
      expect(t.statement).toBe(module.statement);
      expect(t.hypotheses).toEqual(module.hypotheses);
      expect(t.steps.map((s) => s.result.id)).toEqual(t.result.steps.map((s) => s.id));
      for (const s of t.steps) expect(s.title).toBe(module.steps.find((m) => m.id === s.result.id)!.title);
    }
    expect(page.facts.find((f) => f.label === 'data')!.value).toBe('d = 4 points xᵢ ∈ ℝ², one target each');
    expect(page.dataRows).toEqual([
      { x: ['0', '0'], y: ['0'] },
      { x: ['0', '1'], y: ['1'] },
      { x: ['1', '0'], y: ['1'] },
      { x: ['1', '1'], y: ['0'] },
    ]);
  });

  it('a failing theorem points at the step where it failed, in both renderings', async () => {
    const cert = await certificateOf('tanh', ['3.3']);
    const [t] = buildPage(cert, THEOREMS).theorems;
    expect(t!.decidedBy).toEqual({ id: 'activation-vanishes-nonpositive', anchor: 'theorem-3-3-activation-vanishes-nonpositive' });
    expect(renderHtml(cert, THEOREMS)).toContain('at step <a href="#theorem-3-3-activation-vanishes-nonpositive"><code>activation-vanishes-nonpositive</code></a>');
    const md = renderMarkdown(cert, THEOREMS);
    expect(md).toContain('| **fails** | at step [`activation-vanishes-nonpositive`](#theorem-3-3-activation-vanishes-nonpositive) |');
    expect(md).toContain('<a id="theorem-3-3-activation-vanishes-nonpositive"></a>');
    expect(buildPage(await certificateOf('xor', ['4.1']), THEOREMS).theorems[0]!.decidedBy).toBeUndefined();
  });

  it('claims in a line', () => {
    expect(claimsText({ manifoldDimension: 13, hessian: { positive: 4, zero: 13, negative: 0 }, bound: 9.587079287708772 })).toBe(
      'manifoldDimension = 13, hessian = {positive: 4, zero: 13, negative: 0}, bound = 9.58708',
    );
  });

  it('evidence data: long strings and lists are cut, saying how much', () => {
    const text = compactJson({ v: [1, 2, 3], long: Array.from({ length: 30 }, (_, i) => i), s: 'x'.repeat(400) }, 320, 24);
    expect(text).toContain('"v": [1, 2, 3]');
    expect(text).toContain('"… 6 more"');
    expect(text).toContain('… (400 characters)');
  });

  it('a certificate of a bigger case lists no data rows (iris-k1 has 149)', async () => {
    const page = buildPage(await certificateOf('iris-k1', ['4.1']), THEOREMS);
    expect(page.dataRows).toBeUndefined();
    expect(page.notes).toEqual(expect.arrayContaining([expect.stringContaining('dropped row 143')]));
  });
});

describe('markdown', () => {
  it('has the statement, the steps and the pictures as SVG images inside the file', async () => {
    const cert = await certificateOf('xor', ['4.1']);
    const md = renderMarkdown(cert, THEOREMS);
    expect(md.startsWith('# Certificate: xor\n')).toBe(true);
    expect(md).toContain(`> ${mdText(findTheorem('4.1')!.statement)}`);
    for (const s of cert.results[0]!.steps) expect(md).toMatch(new RegExp(`### ✓ \`${s.id}\``));
    expect(md).toContain('**holds**, rigor `interval`');
    const images = [...md.matchAll(/!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)];
    expect(images.map((m) => m[1])).toEqual(['The data', 'The activation σ', 'The network', 'M along an explored path', 'Projections and biases', 'The triangular block A (4 × 4)', 'Hessian eigenvalues by sign']);
    for (const m of images) {
      const svg = Buffer.from(m[2]!, 'base64').toString('utf8');
      expect(svg.startsWith(`<svg xmlns="${SVG_NS}"`)).toBe(true);
      expect(wellFormed(svg)).toBeUndefined();
    }
    expect(md).not.toMatch(/https?:\/\//);
  });

  it('escapes what Markdown would read as markup', () => {
    expect(mdText('t*exp(-1/t) for t > 0 | a_b')).toBe('t\\*exp(-1/t) for t \\> 0 \\| a\\_b');
  });
});

describe('html', () => {
  const pictures = (html: string) => html.match(/<svg /g)?.length ?? 0;

  it.each([
    ['xor', []],
    ['deep-bump', []],
    ['product-abs', []],
    ['iris-k1', ['3.3', '4.1']],
  ] as const)('%s: well formed, self-contained, one inline SVG per distinct picture, every link has its target', async (name, theorems) => {
    const cert = await certificateOf(name, theorems);
    const html = renderHtml(cert, THEOREMS);
    expect(wellFormed(html, { html: true })).toBeUndefined();
    // One script, inline: the expand-all control. Nothing is loaded from anywhere.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script>(function () {');
    expect(html).not.toMatch(/<script [^>]*src|<img|<iframe|@import|url\(/i);
    expect(html.replaceAll(`xmlns="${SVG_NS}"`, '').replaceAll(`xmlns="${MATHML_NS}"`, '')).not.toMatch(/https?:\/\//);
    const page = buildPage(cert, THEOREMS);
    const distinct = [...page.overview, ...page.theorems.flatMap((t) => t.steps.flatMap((s) => s.figures.filter((f) => !f.sameAs)))];
    expect(pictures(html)).toBe(distinct.length);
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target)).toBe(true);
    for (const r of cert.results) expect(html).toContain(`>${r.verdict}</span>`);
  });

  it('escapes text from the certificate', async () => {
    const cert = await certificateOf('product-generic', ['2.1']);
    const tampered: Certificate = { ...cert, case: { ...cert.case, name: '<b>x & y</b>' } };
    const html = renderHtml(tampered, THEOREMS);
    expect(html).toContain('<title>Certificate: &lt;b&gt;x &amp; y&lt;/b&gt;</title>');
    expect(wellFormed(html, { html: true })).toBeUndefined();
  });
});

describe('reading a certificate', () => {
  const message = (v: unknown): string => {
    try {
      certificateFromJson(v, 'c.json');
    } catch (e) {
      if (e instanceof CertificateReadError) return e.message;
      throw e;
    }
    return 'no error';
  };

  it('accepts what check --json prints, one certificate or an array of one', async () => {
    const cert = await certificateOf('product-generic', ['2.1']);
    expect(certificateFromJson([cert], 'c.json').case.name).toBe('product-generic');
  });

  it.each([
    ['something else', { format: 'other/1' }, 'c.json: format: not an overparam certificate (expected format "overparam-certificate/1")'],
    ['several certificates', [{}, {}], 'c.json: holds 2 certificates; a report is one case: write them one per file with check --out DIR'],
  ])('names the file and the field: %s', (_what, v, expected) => {
    expect(message(v)).toBe(expected);
  });

  it('a bad step names its path', async () => {
    const cert = JSON.parse(JSON.stringify(await certificateOf('product-generic', ['2.1']))) as { results: { steps: { rigor: string }[] }[] };
    cert.results[0]!.steps[2]!.rigor = 'hunch';
    expect(message(cert)).toMatch(/^c\.json: results\[0\]\.steps\[2\]\.rigor: /);
  });
});
