/**
 * `overparam check FILE... [--theorem ID]... [--json] [--out DIR] [--jobs N] [--require certified] [--full-spectrum]`
 *
 * Every file is loaded and validated before anything runs or is written, so bad input costs
 * nothing half-way.
 */
import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { cpus } from 'node:os';
import { loadCase } from '../../models/case.js';
import type { Case } from '../../cases/types.js';
import type { Certificate } from '../../proof/certificate.js';
import { THEOREM_IDS } from '../../../theorems/index.js';
import { runBatch } from '../batch.js';
import { ALLOW_READ, allowReadOption, intOption, parseArgs } from '../args.js';
import { EXIT, exitCodeFor, UsageError, type ExitCode } from '../exit.js';
import { renderCertificate, renderSummary } from '../render-text.js';
import { createProgress } from '../progress.js';

export const CHECK_OPTIONS = {
  theorem: { value: true, repeat: true },
  json: {},
  out: { value: true },
  jobs: { value: true },
  require: { value: true },
  'allow-read': ALLOW_READ,
  'full-spectrum': {},
  'step-timeout': { value: true },
} as const;

export interface CheckIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stderrIsTTY?: boolean;
  /** width of the terminal stderr is, for the progress bar */
  readonly stderrColumns?: number;
}

export function parseTheoremIds(ids: readonly string[], command: string): string[] {
  for (const id of ids) {
    if (!(THEOREM_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`${command}: unknown theorem "${id}" (known: ${THEOREM_IDS.join(', ')})`);
    }
  }
  return [...ids];
}

/** `--step-timeout SECONDS`: a positive number of seconds (SPEC's default, 60, when absent). */
export function stepTimeoutOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const s = Number(raw);
  if (!/^\s*[0-9.eE+]+\s*$/.test(raw) || !Number.isFinite(s) || s <= 0) {
    throw new UsageError(`check: --step-timeout expects a positive number of seconds, got "${raw}"`);
  }
  return s;
}

export async function checkCommand(argv: readonly string[], io: CheckIO): Promise<ExitCode> {
  const args = parseArgs(argv, CHECK_OPTIONS, 'check');
  if (args.positionals.length === 0) throw new UsageError('check: give at least one case file (e.g. overparam check cases/xor.yaml)');
  const theoremIds = parseTheoremIds(args.options.get('theorem') ?? [], 'check');
  const require = args.options.get('require')?.[0];
  if (require !== undefined && require !== 'certified') {
    throw new UsageError(`check: --require expects "certified", got "${require}"`);
  }
  const fullSpectrum = args.flags.has('full-spectrum');
  const stepTimeout = stepTimeoutOption(args.options.get('step-timeout')?.[0]);
  const cases: Case[] = args.positionals.map((file) => {
    const c = loadCase(file, allowReadOption(args));
    return { ...c, ...(fullSpectrum && { fullSpectrum }), ...(stepTimeout !== undefined && { stepTimeout }) };
  });
  const outDir = args.options.get('out')?.[0];
  if (outDir !== undefined) checkWritable(outDir);

  // more workers than cores only costs memory (SPEC: capped at the number of cores)
  const jobs = Math.min(intOption(args, 'jobs', cpus().length, 'check'), Math.max(1, cpus().length));
  const progress = createProgress(io, cases.length);
  const outcomes = await runBatch(cases, {
    theoremIds,
    jobs,
    onDone: (_done, o) => progress.done(o.ok ? o.certificate.case.name : o.name, o.ok),
  }).finally(() => progress.stop());

  const certs = outcomes.flatMap((o) => (o.ok ? [o.certificate] : []));
  if (outDir !== undefined) writeCertificates(outDir, certs);
  if (args.flags.has('json')) {
    io.stdout(`${certificateJson(certs.length === 1 && cases.length === 1 ? certs[0] : certs)}\n`);
  } else {
    io.stdout(`${certs.map(renderCertificate).join('\n\n')}\n`);
    if (cases.length > 1) io.stdout(`\n${renderSummary(outcomes)}\n`);
  }
  for (const o of outcomes) if (!o.ok) io.stderr(`overparam: case ${o.name} could not be checked: ${o.error}\n`);
  const verdicts = certs.flatMap((c) => c.results.map((r) => r.verdict));
  // A case the checker could not finish decided nothing: inconclusive unless something fails.
  if (outcomes.some((o) => !o.ok)) verdicts.push('inconclusive');
  return verdicts.length === 0 ? EXIT.ok : exitCodeFor(verdicts, require === 'certified');
}

/** Beyond this many characters a certificate is written without indentation. */
const INDENTED_MAX_CHARS = 1 << 20;

/**
 * A certificate (or an array of them) as JSON: indented for reading while small; a large one
 * (a point with 10⁵ parameters) compact, since indentation nearly doubles it and no one reads it
 * by eye. The same JSON value either way.
 */
export function certificateJson(value: unknown): string {
  const compact = JSON.stringify(value);
  return compact.length > INDENTED_MAX_CHARS ? compact : JSON.stringify(value, null, 2);
}

/** One file per case, NAME.cert.json; written to a temporary name first, then renamed. */
/** Refuses an --out directory that cannot be created or written, before any work starts. */
function checkWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`check: --out ${dir}: cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

export function writeCertificates(dir: string, certs: readonly Certificate[]): string[] {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  return certs.map((cert) => {
    const base = basename(cert.case.name).replace(/[^A-Za-z0-9._-]/g, '_') || 'case';
    let stem = base;
    for (let i = 2; used.has(stem); i++) stem = `${base}-${i}`;
    used.add(stem);
    const file = join(dir, `${stem}.cert.json`);
    // a name no concurrent run shares, renamed into place: readers see a whole certificate or none
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, `${certificateJson(cert)}\n`);
      renameSync(tmp, file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    return file;
  });
}
