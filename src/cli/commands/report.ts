/**
 * `overparam report CERT [--html FILE | --md FILE]`: a readable page for a certificate, from
 * the certificate alone. Markdown on stdout without an option; `--md` or `--html` write a file.
 */
import { writeFileSync } from 'node:fs';
import { THEOREMS } from '../../../theorems/index.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { CertificateReadError, readCertificate } from '../../report/read.js';
import { parseArgs } from '../args.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';

export const REPORT_OPTIONS = { html: { value: true }, md: { value: true } } as const;

export interface ReportIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export function reportCommand(argv: readonly string[], io: ReportIO): ExitCode {
  const args = parseArgs(argv, REPORT_OPTIONS, 'report');
  if (args.positionals.length !== 1) {
    throw new UsageError('report: give one certificate file (e.g. overparam report certs/xor.cert.json --html xor.html)');
  }
  const html = args.options.get('html')?.[0];
  const md = args.options.get('md')?.[0];
  if (html !== undefined && md !== undefined) throw new UsageError('report: give --html FILE or --md FILE, not both');
  let cert;
  try {
    cert = readCertificate(args.positionals[0]!);
  } catch (e) {
    if (e instanceof CertificateReadError) throw new UsageError(`report: ${e.message}`);
    throw e;
  }
  const target = html ?? md;
  const page = html !== undefined ? renderHtml(cert, THEOREMS) : renderMarkdown(cert, THEOREMS);
  if (target === undefined) {
    io.stdout(page);
    return EXIT.ok;
  }
  try {
    writeFileSync(target, page);
  } catch (e) {
    throw new UsageError(`report: cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  io.stderr(`overparam: wrote ${target}\n`);
  return EXIT.ok;
}
