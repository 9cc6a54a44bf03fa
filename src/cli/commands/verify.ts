/**
 * `overparam verify CERT... [--json] [--all]`: re-checks certificates from the data they carry
 * (src/kernel/checker/), one line per certificate: ✓ with the counts of checks, or ✗ with the first
 * check that fails. Exit 0 when every certificate verifies, 1 when some check fails, 2 when a
 * file is missing or is not a certificate (one line on stderr with the file and the field).
 */
import { NotACertificate, verifyText, type VerifyReport } from '../../kernel/checker/index.js';
import { UnreadableCertificate, readCertificateFile } from '../../kernel/checker/read.js';
import { parseArgs } from '../args.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';

export const VERIFY_OPTIONS = { json: {}, all: {} } as const;

/** The rule, for `overparam help`. */
export const VERIFY_HELP = `  overparam verify CERT... [--json] [--all]
                                          re-check certificates from the data they carry
      --json            print the reports as JSON
      --all             list every check, not only the first failure
      Nothing in a certificate is believed but its data: the model is rebuilt from input.model,
      the data are read exactly, and every step and claim is re-derived by code apart from the
      checker's. A certificate verifies when no check fails: a check fails when a recomputed
      verdict, number or count disagrees; when a step graded exact, symbolic, interval or cited
      cannot be re-established as a proof; when a theorem's verdict does not follow from its
      steps; or when a claim is not re-derived from re-checked steps. Float steps are recomputed
      where the certificate carries their inputs and never count as proof. Steps whose re-check
      needs what a certificate does not carry (symbolic derivations) are listed as not
      re-checkable; no claim rests on them alone.
      Exit codes: 0 every certificate verifies, 1 a check fails, 2 a file is not a certificate.
`;

interface VerifyIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

type Outcome =
  | { readonly file: string; readonly ok: true; readonly name: string; readonly report: VerifyReport }
  | { readonly file: string; readonly ok: false; readonly error: string };

function verifyFile(file: string): Outcome {
  let text: string;
  try {
    text = readCertificateFile(file);
  } catch (e) {
    if (e instanceof UnreadableCertificate) return { file, ok: false, error: e.message };
    throw e;
  }
  try {
    const report = verifyText(text);
    const name = (JSON.parse(text) as { case: { name: string } }).case.name;
    return { file, ok: true, name, report };
  } catch (e) {
    if (e instanceof NotACertificate) return { file, ok: false, error: `not a certificate: ${e.message}` };
    throw e;
  }
}

function line(o: Extract<Outcome, { ok: true }>): string {
  const { counts, failed } = o.report;
  const total = counts.ok + counts.float + counts.unchecked + counts.failed;
  if (failed !== undefined) return `✗ ${o.file} (${o.name}): ${failed.where}: ${failed.detail}`;
  const parts = [`${counts.ok} re-checked`];
  if (counts.float > 0) parts.push(`${counts.float} float evidence`);
  if (counts.unchecked > 0) parts.push(`${counts.unchecked} not re-checkable from the certificate`);
  return `✓ ${o.file} (${o.name}): ${total} checks, ${parts.join(', ')}`;
}

const MARK = { ok: '✓', float: '~', unchecked: '?', failed: '✗' } as const;

export function verifyCommand(argv: readonly string[], io: VerifyIO): ExitCode {
  const args = parseArgs(argv, VERIFY_OPTIONS, 'verify');
  if (args.positionals.length === 0) throw new UsageError('verify: give at least one certificate (e.g. overparam verify out/xor.cert.json)');
  const outcomes = args.positionals.map(verifyFile);
  for (const o of outcomes) if (!o.ok) io.stderr(`overparam: ${o.file}: ${o.error}\n`);
  const done = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
  if (args.flags.has('json')) {
    const json = done.map((o) => ({
      file: o.file,
      case: o.name,
      verified: o.report.failed === undefined,
      counts: o.report.counts,
      ...(o.report.failed === undefined ? {} : { failed: o.report.failed }),
      checks: o.report.checks,
    }));
    io.stdout(`${JSON.stringify(json.length === 1 && outcomes.length === 1 ? json[0] : json, null, 2)}\n`);
  } else {
    for (const o of done) {
      io.stdout(`${line(o)}\n`);
      if (args.flags.has('all')) for (const c of o.report.checks) io.stdout(`    ${MARK[c.status]} ${c.where}: ${c.detail}\n`);
    }
  }
  if (outcomes.some((o) => !o.ok)) return EXIT.usage;
  return done.some((o) => o.report.failed !== undefined) ? EXIT.fails : EXIT.ok;
}
