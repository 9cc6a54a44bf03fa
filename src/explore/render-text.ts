/**
 * Shared pieces of the explore reports as text: a table with right-aligned numeric columns and
 * a certificate's results, one line per step (the same lines for the command and the walkthrough).
 */
import type { Certificate } from '../proof/certificate.js';
import { cells, padEnd, padStart } from '../render/terminal/format.js';
import { verdictMark } from '../proof/marks.js';

/** Rows of cells under a header; the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = header.map((h, j) => Math.max(cells(h), ...rows.map((r) => cells(r[j] ?? ''))));
  const line = (r: readonly string[]): string =>
    indent + r.map((cell, j) => (j === 0 ? padEnd(cell, widths[j]!) : padStart(cell, widths[j]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Each theorem's verdict, then its steps: mark, id, rigor, summary. */
export function certificateLines(cert: Certificate, indent = '  '): string[] {
  const out: string[] = [];
  for (const r of cert.results) {
    out.push(`${indent}Theorem ${r.theorem}: ${r.verdict}`);
    const w = Math.max(...r.steps.map((s) => s.id.length));
    for (const s of r.steps) out.push(`${indent}  ${verdictMark(s.verdict)} ${s.id.padEnd(w)}  ${s.rigor.padEnd(8)}  ${s.summary}`);
  }
  return out;
}

/** "Theorem 2.1 certified, Theorem 2.3 supported". */
export function verdictsLine(cert: Certificate): string {
  return cert.results.map((r) => `Theorem ${r.theorem} ${r.verdict}`).join(', ') || 'no theorem ran';
}
