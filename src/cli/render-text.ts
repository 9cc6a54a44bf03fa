/** Certificates as plain text for a terminal or a pipe. */
import type { Certificate } from '../proof/certificate.js';
import type { CaseOutcome } from './batch.js';
import { verdictMark } from '../proof/marks.js';
import type { TheoremResult } from '../proof/types.js';

export function describeModel(cert: Certificate): string {
  const model = cert.input.model as { kind?: string; hidden?: number[]; activation?: unknown };
  const act = model.activation;
  const actName = typeof act === 'string' ? act : act && typeof act === 'object' && 'name' in act ? String(act.name) : '';
  const shape = model.kind === 'mlp' ? `mlp [${(model.hidden ?? []).join(', ')}]` : String(model.kind);
  const loss = typeof cert.input.loss === 'string' ? cert.input.loss : JSON.stringify(cert.input.loss);
  return [shape, actName, `loss ${loss}`].filter(Boolean).join(', ');
}

export function caseHeader(cert: Certificate): string {
  const { name, d, m, k, n } = cert.case;
  return `${name}  (d=${d} m=${m} k=${k} n=${n}; ${describeModel(cert)})`;
}

export function renderResult(r: TheoremResult): string[] {
  const width = Math.max(...r.steps.map((s) => s.id.length));
  const lines = [`  Theorem ${r.theorem}: ${r.verdict}`];
  for (const s of r.steps) {
    lines.push(`    ${verdictMark(s.verdict)} ${s.id.padEnd(width)}  ${s.rigor.padEnd(8)}  ${s.summary}`);
  }
  const claims = Object.entries(r.claims);
  if (claims.length > 0) lines.push(`    claims: ${claims.map(([key, v]) => `${key} = ${JSON.stringify(v)}`).join(', ')}`);
  return lines;
}

/** One case: its header, then each theorem with its steps. */
export function renderCertificate(cert: Certificate): string {
  const lines = [caseHeader(cert)];
  for (const note of cert.input.notes) lines.push(`  note: ${note}`);
  for (const r of cert.results) lines.push(...renderResult(r));
  return lines.join('\n');
}

/** Several cases: one row each, a column per theorem. */
export function renderSummary(outcomes: readonly CaseOutcome[]): string {
  const certs = outcomes.flatMap((o) => (o.ok ? [o.certificate] : []));
  const ids = [...new Set(certs.flatMap((c) => c.results.map((r) => r.theorem)))].sort();
  const header = ['case', 'n', 'd', ...ids, 'time'];
  const rows = outcomes.map((o) =>
    o.ok
      ? [
          o.certificate.case.name,
          String(o.certificate.case.n),
          String(o.certificate.case.d),
          ...ids.map((id) => o.certificate.results.find((r) => r.theorem === id)?.verdict ?? '·'),
          `${(o.ms / 1000).toFixed(2)}s`,
        ]
      : [o.name, '?', '?', ...ids.map(() => 'error'), `${(o.ms / 1000).toFixed(2)}s`],
  );
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const fmt = (r: readonly string[]) => r.map((cell, j) => cell.padEnd(widths[j]!)).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}
