/**
 * `overparam check FILE... [--theorem ID]... [--json] [--out DIR] [--jobs N] [--require certified]`
 *
 * Every file is loaded and validated before anything runs or is written, so bad input costs
 * nothing half-way.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { cpus } from 'node:os';
import { loadCase } from '../../cases/load.js';
import type { Case } from '../../cases/types.js';
import type { Certificate } from '../../proof/certificate.js';
import { runCase } from '../../proof/runner.js';
import { selectTheorems, THEOREM_IDS } from '../../../theorems/index.js';
import { intOption, parseArgs } from '../args.js';
import { EXIT, exitCodeFor, UsageError, type ExitCode } from '../exit.js';
import { renderCertificate, renderSummary } from '../render-text.js';

export const CHECK_OPTIONS = {
  theorem: { value: true, repeat: true },
  json: {},
  out: { value: true },
  jobs: { value: true },
  require: { value: true },
} as const;

export interface CheckIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export function parseTheoremIds(ids: readonly string[], command: string): string[] {
  for (const id of ids) {
    if (!(THEOREM_IDS as readonly string[]).includes(id)) {
      throw new UsageError(`${command}: unknown theorem "${id}" (known: ${THEOREM_IDS.join(', ')})`);
    }
  }
  return [...ids];
}

export async function checkCommand(argv: readonly string[], io: CheckIO): Promise<ExitCode> {
  const args = parseArgs(argv, CHECK_OPTIONS, 'check');
  if (args.positionals.length === 0) throw new UsageError('check: give at least one case file (e.g. overparam check cases/xor.yaml)');
  const theoremIds = parseTheoremIds(args.options.get('theorem') ?? [], 'check');
  const require = args.options.get('require')?.[0];
  if (require !== undefined && require !== 'certified') {
    throw new UsageError(`check: --require expects "certified", got "${require}"`);
  }
  intOption(args, 'jobs', cpus().length, 'check');
  const cases: Case[] = args.positionals.map((file) => loadCase(file));
  const outDir = args.options.get('out')?.[0];

  const certs: Certificate[] = [];
  const times: number[] = [];
  for (const [i, c] of cases.entries()) {
    if (cases.length > 1) io.stderr(`[${i + 1}/${cases.length}] ${c.name}\n`);
    const started = performance.now();
    certs.push(await runCase(c, selectTheorems(c, theoremIds)));
    times.push(performance.now() - started);
  }

  if (outDir !== undefined) writeCertificates(outDir, certs);
  if (args.flags.has('json')) {
    io.stdout(`${JSON.stringify(certs.length === 1 ? certs[0] : certs, null, 2)}\n`);
  } else {
    io.stdout(`${certs.map(renderCertificate).join('\n\n')}\n`);
    if (certs.length > 1) io.stdout(`\n${renderSummary(certs, times)}\n`);
  }
  const verdicts = certs.flatMap((c) => c.results.map((r) => r.verdict));
  return verdicts.length === 0 ? EXIT.ok : exitCodeFor(verdicts, require === 'certified');
}

/** One file per case, NAME.cert.json; written to a temporary name first, then renamed. */
export function writeCertificates(dir: string, certs: readonly Certificate[]): string[] {
  mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  return certs.map((cert) => {
    let stem = basename(cert.case.name).replace(/[^A-Za-z0-9._-]/g, '_') || 'case';
    for (let i = 2; used.has(stem); i++) stem = `${cert.case.name}-${i}`;
    used.add(stem);
    const file = join(dir, `${stem}.cert.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(cert, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    return file;
  });
}
