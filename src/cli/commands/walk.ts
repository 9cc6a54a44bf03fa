/**
 * `overparam walk [THEOREM] [FILE | --case FILE]`: the interactive walkthrough of a theorem's
 * proof on a case (Ink). Without a terminal on both stdin and stdout (a pipe, CI) it prints the
 * walkthrough as plain text and exits 0. `overparam` with no arguments is this command. Ctrl-C
 * exits 130, as a shell reports an interrupt.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findTheorem, paperName, THEOREMS, THEOREM_IDS } from '../../../theorems/index.js';
import { loadCase } from '../../models/case.js';
import { perturbTargets } from '../../cases/perturb.js';
import type { Case } from '../../cases/types.js';
import type { Theorem } from '../../proof/types.js';
import { Workspace } from '../../workspace/workspace.js';
import type { AppMode } from '../../ui/App.js';
import { honourColorEnv } from '../../ui/color.js';
import { WalkSession, type SessionDeps, type SessionOptions } from '../../ui/session.js';
import { printWalkthrough } from '../../ui/text.js';
import { ALLOW_READ, allowReadOption, parseArgs, type ParsedArgs } from '../args.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';

export interface WalkIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  /** the terminal's width, when stdout is one */
  readonly columns?: number;
  /** running under CI, where Ink draws only a final frame, so the walkthrough is printed as text (default: from the environment) */
  readonly ci?: boolean;
  /** the case used without --case (the repository's cases/xor.yaml) */
  readonly defaultCase: string;
}

export const WALK_OPTIONS = { case: { value: true }, 'allow-read': ALLOW_READ } as const;

/** Whether the environment says CI (as Ink reads it: CI or CONTINUOUS_INTEGRATION set, not "0"/"false"). */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const set = (v: string | undefined) => v !== undefined && v !== '0' && v !== 'false';
  return set(env.CI) || set(env.CONTINUOUS_INTEGRATION);
}

/** The theorem named on the command line, or a usage error. */
export function namedTheorem(id: string, command: string): Theorem {
  const t = findTheorem(id);
  if (!t) throw new UsageError(`${command}: unknown theorem "${id}" (known: ${THEOREM_IDS.join(', ')})`);
  return t;
}

/**
 * The positionals of walk and demo: a theorem id, a case file, or both, in either order
 * (`walk cases/xor.yaml`, `walk 2.1 cases/tanh.yaml`). A file given here and with --case is an error.
 */
export function theoremAndCase(
  positionals: readonly string[],
  caseOption: string | undefined,
  command: string,
): { readonly theorem?: Theorem; readonly file?: string } {
  let theorem: Theorem | undefined;
  let file = caseOption;
  for (const p of positionals) {
    const t = findTheorem(p);
    if (t !== undefined && theorem === undefined) theorem = t;
    else if (t !== undefined) throw new UsageError(`${command}: one theorem at a time (got ${theorem!.id} and ${t.id})`);
    else if (/\.(ya?ml|json)$/i.test(p) || existsSync(p)) {
      if (file !== undefined) throw new UsageError(`${command}: one case at a time (got ${file} and ${p})`);
      file = p;
    } else if (/^\d+(\.\d+)*$/.test(p)) namedTheorem(p, command);
    else throw new UsageError(`${command}: "${p}" is neither a theorem (known: ${THEOREM_IDS.join(', ')}) nor a case file`);
  }
  return { ...(theorem ? { theorem } : {}), ...(file !== undefined ? { file } : {}) };
}

/**
 * Theorem 4.1 where its setting fits the case; else the first theorem the case lists; else the
 * first whose setting fits; else the first. (An expression model is not Theorem 4.1's setting:
 * walking it through 4.1 would only show the feedforward hypotheses failing.)
 */
export function defaultTheorem(c: Case): Theorem {
  const main = findTheorem('4.1');
  const listed = (c.theorems ?? []).map((id) => findTheorem(id)).find((t) => t !== undefined);
  const t = (main && fitsSafely(main, c) ? main : undefined) ?? listed ?? THEOREMS.find((x) => fitsSafely(x, c)) ?? main ?? THEOREMS[0];
  if (!t) throw new UsageError('no theorem modules are registered');
  return t;
}

function fitsSafely(t: Theorem, c: Case): boolean {
  try {
    return t.fits(c);
  } catch {
    return false;
  }
}

/** The folder the case chooser lists: ./cases if there is one, else the folder of the default case. */
export function casesFolder(defaultCase: string): string {
  const local = resolve('cases');
  return existsSync(local) && statSync(local).isDirectory() ? local : dirname(resolve(defaultCase));
}

/** Case files (.yaml, .yml, .json) directly in `dir`, sorted by name; none if it cannot be read. */
export function caseFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/i.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/**
 * The size ε of the label perturbation that key `e` applies to a case whose own `perturb` is 0:
 * small beside targets of order 1, large beside rounding.
 */
export const WALK_PERTURB = 1e-3;

/** The case's seeded label perturbation, of its own size, or of WALK_PERTURB if it has none. */
export function perturbForWalk(c: Case): Case {
  return perturbTargets(c.perturb > 0 ? c : { ...c, perturb: WALK_PERTURB });
}

/** What the walkthrough needs from the rest of the tool. */
export function sessionDeps(defaultCase: string, opts: { readonly allowRead?: readonly string[] } = {}): SessionDeps {
  const folder = casesFolder(defaultCase);
  return {
    theorems: THEOREMS,
    loadCase: (file) => loadCase(file, opts),
    perturb: perturbForWalk,
    caseFiles: () => caseFilesIn(folder),
  };
}

/** The case of --case, or the default one; its path resolved so the chooser can mark it. */
export function caseArgument(
  file: string | undefined,
  io: Pick<WalkIO, 'defaultCase'>,
  args?: ParsedArgs,
): { readonly file: string; readonly case: Case } {
  const path = file ?? io.defaultCase;
  return { file: resolve(path), case: loadCase(path, args === undefined ? {} : allowReadOption(args)) };
}

/** Runs the Ink app until the user quits (or the demo ends); says how it ended. */
export async function runScreen(
  mode: AppMode,
  initial: { readonly case: Case; readonly file: string; readonly theorem: Theorem },
  deps: SessionDeps,
  start: (session: WalkSession) => Promise<unknown>,
  opts: SessionOptions & { readonly endHoldMs?: number } = {},
): Promise<'quit' | 'interrupt'> {
  // Loading Ink, React and the app takes a moment: say so, on a line the first frame replaces.
  process.stdout.write(`loading the walkthrough of ${paperName(initial.theorem.id)} on ${initial.case.name}…`);
  honourColorEnv();
  // Ink, React and the app load here, not with this module: the text walkthrough (no terminal) needs none of them.
  const [{ createElement }, { render }, { App }] = await Promise.all([import('react'), import('ink'), import('../../ui/App.js')]);
  process.stdout.write('\r\u001B[2K');
  const session = new WalkSession(initial, deps, opts);
  let how: 'quit' | 'interrupt' = 'quit';
  const onExit = (h: 'quit' | 'interrupt') => {
    how = h;
  };
  // Ctrl-C is the app's own key (exit 130), not Ink's (which would exit 0).
  const instance = render(createElement(App, { session, mode, onExit, ...(opts.endHoldMs !== undefined ? { endHoldMs: opts.endHoldMs } : {}) }), {
    exitOnCtrlC: false,
  });
  void start(session);
  await instance.waitUntilExit();
  session.dispose();
  // Ink leaves the cursor at the end of its last frame: the shell's prompt goes on a line of its own.
  process.stdout.write('\n');
  return how;
}

export async function walkCommand(argv: readonly string[], io: WalkIO): Promise<ExitCode> {
  const args = parseArgs(argv, WALK_OPTIONS, 'walk');
  const given = theoremAndCase(args.positionals, args.options.get('case')?.[0], 'walk');
  const named = given.theorem;
  const { file, case: c } = caseArgument(given.file, io, args);
  const theorem = named ?? defaultTheorem(c);
  if (!io.stdinIsTTY || !io.stdoutIsTTY || (io.ci ?? isCI(process.env))) {
    // No terminal to draw in or read keys from: the same walkthrough, as text.
    await printWalkthrough(c, new Workspace(c), [theorem], io.stdout, { width: io.stdoutIsTTY ? (io.columns ?? 80) : 80 });
    return EXIT.ok;
  }
  const how = await runScreen('walk', { case: c, file, theorem }, sessionDeps(io.defaultCase, allowReadOption(args)), (s) => s.rerun());
  return how === 'interrupt' ? EXIT.interrupted : EXIT.ok;
}
