/**
 * A certificate as one self-contained HTML page: styles inline, pictures as inline SVG, maths
 * as MathML (typeset here, drawn by the browser), one small inline script for "expand all", no
 * font or image from anywhere else, so it opens offline and prints cleanly. Sized to be read
 * on a projector from the back of a room: body text 19 px, picture labels 14 px and more.
 */
import type { Theorem } from '../proof/types.js';
import type { Certificate } from '../proof/certificate.js';
import type { TheoremVerdict } from '../proof/types.js';
import { verdictMark } from '../proof/marks.js';
import { RIGOR_LEGEND, VERDICT_LEGEND, buildPage, claimsText, stepAnchor, type Page, type PageFigure } from './page.js';
import { INK, esc } from '../render/svg/primitives.js';
import { proseHtml } from './math.js';

const VERDICT_COLOUR: Readonly<Record<TheoremVerdict, string>> = {
  certified: '#1a7f37',
  supported: '#0969da',
  fails: INK.negative,
  inconclusive: '#9a6700',
};

const STEP_COLOUR = { holds: '#1a7f37', fails: INK.negative, unknown: '#9a6700', skipped: INK.muted } as const;

/** Opens or closes every collapsed section; the buttons are written by the script, so a page without script shows none. */
const EXPAND_SCRIPT = `(function () {
  var bar = document.getElementById('controls');
  if (!bar) return;
  function all(open) { document.querySelectorAll('details').forEach(function (d) { d.open = open; }); }
  [['Expand all', true], ['Collapse all', false]].forEach(function (b) {
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = b[0];
    button.addEventListener('click', function () { all(b[1]); });
    bar.appendChild(button);
  });
})();`;

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: ${INK.text}; font: 19px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px clamp(12px, 3vw, 32px) 64px; }
h1 { font-size: 32px; overflow-wrap: anywhere; margin: 8px 0 16px; }
h2 { font-size: 26px; margin: 40px 0 8px; padding-top: 12px; border-top: 1px solid ${INK.grid}; }
h3 { font-size: 21px; margin: 24px 0 4px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 16px; }
pre { background: #f6f8fa; border: 1px solid ${INK.grid}; border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; max-width: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
td { overflow-wrap: break-word; }
th, td { text-align: left; vertical-align: top; padding: 4px 10px; border-bottom: 1px solid ${INK.grid}; }
th { font-weight: 600; }
table.facts th { white-space: nowrap; width: 1%; color: ${INK.muted}; font-weight: 500; }
/* The case hash is one 64-character word: it may break anywhere rather than widen the page. */
table.facts td { overflow-wrap: anywhere; }
table.data td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 16px; overflow-wrap: normal; }
blockquote { margin: 8px 0; padding: 8px 14px; border-left: 4px solid ${INK.grid}; background: #f6f8fa; }
.badge { display: inline-block; white-space: nowrap; padding: 0 8px; border-radius: 10px; color: #ffffff; font-size: 16px; font-weight: 600; }
.rigor { display: inline-block; padding: 0 6px; border: 1px solid ${INK.grid}; border-radius: 6px; font-size: 15px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.rigor.float { border-color: ${INK.accent}; color: #7d4e00; }
.step { margin: 18px 0; padding: 10px 14px; border: 1px solid ${INK.grid}; border-radius: 8px; }
.step h3 { margin: 0 0 4px; }
.step .mark { display: inline-block; width: 1.2em; font-weight: 700; }
.summary { margin: 4px 0; }
.muted { color: ${INK.muted}; }
details { margin: 6px 0; }
summary { cursor: pointer; color: ${INK.muted}; }
figure { margin: 14px 0; }
figure svg { width: 100%; max-width: 880px; height: auto; display: block; }
figcaption { color: ${INK.muted}; font-size: 17px; margin-top: 4px; max-width: 900px; }
nav ul { padding-left: 20px; }
math { font-size: 1.05em; }
.controls { margin: 8px 0 16px; display: flex; gap: 10px; flex-wrap: wrap; }
.controls button { font: inherit; font-size: 17px; padding: 4px 14px; border: 1px solid ${INK.grid}; border-radius: 6px; background: #f6f8fa; color: ${INK.text}; cursor: pointer; }
@media (max-width: 600px) { body { font-size: 17px; } th, td { padding: 4px 6px; } .step { padding: 8px 10px; } }
@media print { details { display: block; } .step { break-inside: avoid; } .controls { display: none; } }
`;

function badge(verdict: TheoremVerdict): string {
  return `<span class="badge" style="background:${VERDICT_COLOUR[verdict]}">${esc(verdict)}</span>`;
}

function figureHtml(f: PageFigure): string {
  if (f.sameAs) {
    return `<p class="muted" id="${esc(f.anchor)}">${esc(f.figure.title)}: the same picture as under <a href="#${esc(f.sameAs.anchor)}">${esc(f.sameAs.where)}</a>.</p>`;
  }
  return `<figure id="${esc(f.anchor)}" data-kind="${esc(f.figure.kind)}">\n${f.figure.svg}\n<figcaption><strong>${proseHtml(f.figure.title)}.</strong> ${proseHtml(f.figure.caption)}</figcaption>\n</figure>`;
}

export function renderPageHtml(page: Page): string {
  const { cert } = page;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // An empty icon, so a browser asks for no favicon.
    '<link rel="icon" href="data:,">',
    `<title>${esc(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${esc(page.title)}</h1>`,
    '<table class="facts">',
    ...page.facts.map((f) => `<tr><th>${esc(f.label)}</th><td>${proseHtml(f.value)}</td></tr>`),
    '</table>',
    '<div class="controls" id="controls"></div>',
  ];
  for (const note of page.notes) out.push(`<blockquote>Note: ${proseHtml(note)}</blockquote>`);
  if (page.dataRows) {
    const m = page.dataRows[0]?.x.length ?? 0;
    const k = page.dataRows[0]?.y.length ?? 0;
    out.push('<details open><summary>The data</summary>', '<div class="scroll">', '<table class="data">');
    out.push(
      `<tr><th>i</th>${Array.from({ length: m }, (_, j) => `<th>${m === 1 ? 'x' : `x${j + 1}`}</th>`).join('')}${Array.from({ length: k }, (_, j) => `<th>${k === 1 ? 'y' : `y${j + 1}`}</th>`).join('')}</tr>`,
    );
    page.dataRows.forEach((r, i) => out.push(`<tr><td>${i + 1}</td>${[...r.x, ...r.y].map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`));
    out.push('</table>', '</div>', '</details>');
  }
  for (const f of page.overview) out.push(figureHtml(f));

  out.push('<h2 id="results">Results</h2>', '<div class="scroll">', '<table>', '<tr><th>theorem</th><th>verdict</th><th>claims, or where it stopped</th></tr>');
  for (const t of page.theorems) {
    const why = t.decidedBy ? `at step <a href="#${esc(t.decidedBy.anchor)}"><code>${esc(t.decidedBy.id)}</code></a>` : proseHtml(claimsText(t.result.claims));
    out.push(`<tr><td><a href="#${esc(t.anchor)}">${proseHtml(t.title)}</a></td><td>${badge(t.result.verdict)}</td><td>${why}</td></tr>`);
  }
  out.push('</table>', '</div>');
  out.push('<details><summary>What the verdicts and rigor grades mean</summary>', '<table>');
  for (const f of VERDICT_LEGEND) out.push(`<tr><th>${badge(f.label as TheoremVerdict)}</th><td>${proseHtml(f.value)}</td></tr>`);
  for (const f of RIGOR_LEGEND) out.push(`<tr><th><span class="rigor ${esc(f.label)}">${esc(f.label)}</span></th><td>${proseHtml(f.value)}</td></tr>`);
  out.push('</table>', '</details>');

  for (const t of page.theorems) {
    out.push(`<h2 id="${esc(t.anchor)}">${proseHtml(t.title)} ${badge(t.result.verdict)}</h2>`);
    if (t.statement) out.push(`<blockquote>${proseHtml(t.statement)}</blockquote>`);
    if (t.hypotheses.length > 0) out.push('<p>Hypotheses:</p>', '<ul>', ...t.hypotheses.map((h) => `<li>${proseHtml(h)}</li>`), '</ul>');
    const claims = claimsText(t.result.claims);
    if (claims) out.push(`<p>Claims on this case: ${proseHtml(claims)}</p>`);
    for (const s of t.steps) {
      const r = s.result;
      const colour = STEP_COLOUR[r.verdict];
      out.push(`<section class="step" id="${esc(stepAnchor(t.anchor, r.id))}" style="border-left: 4px solid ${colour}">`);
      out.push(
        `<h3><span class="mark" style="color:${colour}">${verdictMark(r.verdict)}</span><code>${esc(r.id)}</code>${s.title ? ` <span class="muted">${proseHtml(s.title)}</span>` : ''}</h3>`,
      );
      out.push(
        `<p class="summary"><strong style="color:${colour}">${esc(r.verdict)}</strong> <span class="rigor ${esc(r.rigor)}">${esc(r.rigor)}</span>${r.ms > 0 ? ` <span class="muted">${esc(String(r.ms))} ms</span>` : ''} ${proseHtml(r.summary)}</p>`,
      );
      if (s.explain) out.push(`<details open><summary>Why this step</summary><p>${proseHtml(s.explain)}</p></details>`);
      for (const f of s.figures) out.push(figureHtml(f));
      if (s.dataText) out.push(`<details><summary>Evidence data</summary><pre>${esc(s.dataText)}</pre></details>`);
      out.push('</section>');
    }
  }
  out.push(
    `<p class="muted">Made by ${esc(cert.tool.name)} ${esc(cert.tool.version)} from the certificate alone; no step was re-run.</p>`,
    '</main>',
    `<script>${EXPAND_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}

/** The HTML page for a certificate; `registry` gives the steps' titles and explanations. */
export function renderHtml(cert: Certificate, registry: readonly Theorem[]): string {
  return renderPageHtml(buildPage(cert, registry));
}
