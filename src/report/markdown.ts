/**
 * A certificate as Markdown: the statement of each theorem, each step with its verdict, rigor,
 * evidence and what it claims, and the pictures as SVG images inside the file (data URIs), so the
 * page needs no other file and no network.
 */
import { plainMath } from './math.js';
import type { Theorem } from '../proof/types.js';
import type { Certificate } from '../proof/certificate.js';
import { verdictMark } from '../proof/marks.js';
import { RIGOR_LEGEND, VERDICT_LEGEND, buildPage, claimsText, stepAnchor, type Page, type PageFigure } from './page.js';

/** Text that Markdown shows as it is (no accidental emphasis, links or tags). */
const mdEscape = (s: string): string => s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');

/** Prose for Markdown: numbers as a reader writes them (9.587, 1.2 × 10⁵), powers as superscripts (ℝ¹⁷), then escaped. */
export function mdText(s: string): string {
  return mdEscape(plainMath(s));
}

/** A data value, shown exactly as the case file gave it. */
const cellText = (s: string): string => mdEscape(s).replace(/\n/g, ' ');
const proseCell = (s: string): string => mdText(s).replace(/\n/g, ' ');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** An SVG picture as an image with the SVG inside its address. */
export function svgImage(alt: string, svg: string): string {
  return `![${mdText(alt)}](data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')})`;
}

function figureLines(f: PageFigure): string[] {
  if (f.sameAs) return [`*${mdText(f.figure.title)}: the same picture as under ${mdText(f.sameAs.where)} above.*`, ''];
  return [`<a id="${f.anchor}"></a>`, '', svgImage(f.figure.title, f.figure.svg), '', `*${mdText(f.figure.title)}.* ${mdText(f.figure.caption)}`, ''];
}

export function renderPageMarkdown(page: Page): string {
  const { cert } = page;
  const out: string[] = [`# ${mdText(page.title)}`, ''];
  out.push(...table(['', ''], page.facts.map((f) => [`**${cellText(f.label)}**`, proseCell(f.value)])), '');
  for (const note of page.notes) out.push(`> Note: ${mdText(note)}`, '');
  if (page.dataRows) {
    const m = page.dataRows[0]?.x.length ?? 0;
    const k = page.dataRows[0]?.y.length ?? 0;
    const header = ['i', ...Array.from({ length: m }, (_, j) => (m === 1 ? 'x' : `x${j + 1}`)), ...Array.from({ length: k }, (_, j) => (k === 1 ? 'y' : `y${j + 1}`))];
    out.push('## Data', '', ...table(header, page.dataRows.map((r, i) => [String(i + 1), ...r.x.map(cellText), ...r.y.map(cellText)])), '');
  }
  for (const f of page.overview) out.push(...figureLines(f));

  out.push('## Results', '');
  out.push(
    ...table(
      ['theorem', 'verdict', 'claims, or where it stopped'],
      page.theorems.map((t) => [
        `[${cellText(t.result.theorem)}](#${t.anchor}) ${proseCell(t.title)}`,
        `**${t.result.verdict}**`,
        t.decidedBy ? `at step [\`${t.decidedBy.id}\`](#${t.decidedBy.anchor})` : proseCell(claimsText(t.result.claims)),
      ]),
    ),
    '',
  );
  out.push(
    '<details><summary>What the verdicts and rigor grades mean</summary>',
    '',
    ...table(['verdict', 'means'], VERDICT_LEGEND.map((f) => [`**${f.label}**`, proseCell(f.value)])),
    '',
    ...table(['rigor', 'means'], RIGOR_LEGEND.map((f) => [`\`${f.label}\``, proseCell(f.value)])),
    '',
    '</details>',
    '',
  );

  for (const t of page.theorems) {
    out.push(`<a id="${t.anchor}"></a>`, '', `## ${mdText(t.title)}: ${t.result.verdict}`, '');
    if (t.statement) out.push(`> ${mdText(t.statement)}`, '');
    if (t.hypotheses.length > 0) out.push('Hypotheses:', '', ...t.hypotheses.map((h) => `- ${mdText(h)}`), '');
    const claims = claimsText(t.result.claims);
    if (claims) out.push(`Claims on this case: ${mdText(claims)}`, '');
    for (const s of t.steps) {
      const r = s.result;
      out.push(`<a id="${stepAnchor(t.anchor, r.id)}"></a>`, '', `### ${verdictMark(r.verdict)} \`${r.id}\`${s.title ? ` ${mdText(s.title)}` : ''}`, '');
      out.push(`**${r.verdict}**, rigor \`${r.rigor}\`${r.ms > 0 ? `, ${r.ms} ms` : ''}: ${mdText(r.summary)}`, '');
      if (s.explain) out.push(`<details><summary>Why this step</summary>`, '', mdText(s.explain), '', '</details>', '');
      for (const f of s.figures) out.push(...figureLines(f));
      if (s.dataText) out.push('<details><summary>Evidence data</summary>', '', '```json', s.dataText, '```', '', '</details>', '');
    }
  }
  out.push('---', '', `Made by ${mdText(cert.tool.name)} ${mdText(cert.tool.version)} from the certificate alone; no step was re-run.`, '');
  return out.join('\n');
}

/** The Markdown page for a certificate; `registry` gives the steps' titles and explanations. */
export function renderMarkdown(cert: Certificate, registry: readonly Theorem[]): string {
  return renderPageMarkdown(buildPage(cert, registry));
}
