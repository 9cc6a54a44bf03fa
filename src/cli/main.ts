/**
 * The `overparam` command: dispatches to the subcommands and turns their outcome into an exit
 * code (SPEC.md). Bad input or usage is one line on stderr and exit 2, never a stack trace.
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CaseError } from '../cases/errors.js';
import { TOOL } from '../version.js';
import type { WalkIO } from './commands/walk.js';
import { EXIT, UsageError, type ExitCode } from './exit.js';

const help = (VERIFY_HELP: string): string => `overparam ${TOOL.version}: checks the results of "The loss landscape of overparameterized
neural networks" (Cooper, 2018) on concrete networks and data.

Usage:
  overparam                               the walkthrough of Theorem 4.1 on cases/xor.yaml
  overparam walk [THEOREM] [--case FILE]  interactive walkthrough of a proof on a case
      keys: ↑/↓ j/k move, Enter open a step, n/p next/previous, t theorem, c case,
            e perturb the targets and rerun, ? help, q quit
  overparam demo [THEOREM] [--case FILE] [--speed S]
                                          the walkthrough auto-played with narration (no keys)
      walk and demo print the walkthrough as text when there is no terminal (exit 0)
  overparam check FILE... [options]       run theorems on case files; table, JSON and certificates
      --theorem ID      only this theorem (repeatable): 2.1 2.2 2.3 3.3 3.4 4.1 4.2
      --json            print the certificate(s) as JSON on stdout
      --out DIR         write one certificate per case to DIR/NAME.cert.json
      --jobs N          cases in parallel (default: the number of cores)
      --require certified   exit 0 only if every result is certified
      --allow-read DIR  data files may also lie in DIR (repeatable); by default only the case
                        file's directory and the working directory are read
      --full-spectrum   also the float spectrum of the whole n × n Hessian (Proposition 2.3)
      --step-timeout S  each step's time budget in seconds (default 60); past it the step is unknown
${VERIFY_HELP}  overparam explore [--case FILE] [--steps N] [--direction steady|random] [--along NAME]
                    [--step-size H] [--seed S] [--json]
                                          walk along M from the case's point, certify the end
  overparam explore [--case FILE] --train [--steps N] [--rate R] [--tries K] [--json]
                                          train into M; Hessian spectrum; compare with the construction
  overparam report CERT [--html FILE | --md FILE]
                                          a readable page for a certificate: statements, steps,
                                          evidence and pictures (Markdown on stdout by default)
  overparam theorems                      list the theorem modules
  overparam explain THEOREM               statement, hypotheses and proof steps
  overparam help                          this text

Exit codes: 0 certified or supported, 1 a result fails, 2 bad input or usage, 3 inconclusive.
`;

/** The repository's own cases folder (next to dist/ or src/). */
export function bundledCase(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  // dist/src/cli → repo root is three up; src/cli → two up.
  const up = dir.includes(`${join('dist', 'src')}`) ? 3 : 2;
  for (let i = 0; i < up; i++) dir = dirname(dir);
  return join(dir, 'cases', name);
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const out = (s: string) => process.stdout.write(s);
  const err = (s: string) => process.stderr.write(s);
  const io = { stdout: out, stderr: err, stderrIsTTY: process.stderr.isTTY === true, ...(process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}) };
  const [command, ...rest] = argv;
  // Each command loads its own modules when it runs: `--version` loads none of the theorems, and
  // `check` none of Ink, React or the verifier.
  switch (command) {
    case undefined:
      return (await import('./commands/walk.js')).walkCommand([], walkIO(out, err));
    case 'walk':
      return (await import('./commands/walk.js')).walkCommand(rest, walkIO(out, err));
    case 'demo':
      return (await import('./commands/demo.js')).demoCommand(rest, walkIO(out, err));
    case 'check':
      return (await import('./commands/check.js')).checkCommand(rest, io);
    case 'verify':
      return (await import('./commands/verify.js')).verifyCommand(rest, io);
    case 'explore':
      return (await import('./commands/explore.js')).exploreCommand(rest, { ...io, ...(process.stdout.columns ? { columns: process.stdout.columns } : {}), defaultCase: bundledCase('xor.yaml') });
    case 'report':
      return (await import('./commands/report.js')).reportCommand(rest, io);
    case 'theorems':
      return (await import('./commands/theorems.js')).theoremsCommand(out);
    case 'explain':
      return (await import('./commands/theorems.js')).explainCommand(rest, out);
    case 'help':
    case '--help':
    case '-h':
      out(help((await import('./commands/verify.js')).VERIFY_HELP));
      return EXIT.ok;
    case '--version':
    case 'version':
      out(`${TOOL.version}\n`);
      return EXIT.ok;
    default:
      throw new UsageError(`unknown command "${command}" (commands: check, verify, walk, demo, explore, report, theorems, explain, help)`);
  }
}

function walkIO(stdout: (s: string) => void, stderr: (s: string) => void): WalkIO {
  return {
    stdout,
    stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    defaultCase: bundledCase('xor.yaml'),
  };
}

/** Runs main and exits; known errors become one line on stderr. */
export async function run(argv: readonly string[]): Promise<void> {
  // A reader that stops early (`overparam walk | head`) closes the pipe: that ends the output, it is not a failure.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  let code: ExitCode;
  try {
    code = await main(argv);
  } catch (e) {
    if (e instanceof UsageError || e instanceof CaseError) {
      process.stderr.write(`overparam: ${e.message}\n`);
      code = EXIT.usage;
    } else {
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`overparam: internal error: ${message}\n`);
      if (process.env.OVERPARAM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      code = EXIT.usage;
    }
  }
  // Let stdout drain before exiting (large JSON into a pipe).
  process.stdout.write('', () => process.exit(code));
}

