/**
 * `overparam demo [THEOREM] [--case FILE] [--speed S]`: the walkthrough auto-played for a
 * classroom. Each step is held on screen with a line of narration, then the next; the demo
 * ends on a summary and exits by itself, no keys needed. `--speed 2` plays twice as fast.
 * Without a terminal on stdout it prints the narrated walkthrough as text and exits 0.
 */
import { selectTheorems, THEOREMS } from '../../../theorems/index.js';
import type { Case } from '../../cases/types.js';
import type { RunEvent } from '../../proof/runner.js';
import type { Theorem } from '../../proof/types.js';
import { Workspace } from '../../workspace/workspace.js';
import { printWalkthrough } from '../../ui/text.js';
import { ALLOW_READ, allowReadOption, numberOption, parseArgs } from '../args.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { caseArgument, isCI, runScreen, sessionDeps, theoremAndCase, type WalkIO } from './walk.js';

export const DEMO_OPTIONS = { case: { value: true }, speed: { value: true }, 'allow-read': ALLOW_READ } as const;

/** How long each event stays on screen at speed 1, in ms. */
export const DEMO_HOLD_MS = { theoremStart: 2500, stepStart: 700, stepEnd: 2800, theoremEnd: 2500, summary: 5000 } as const;

/** The demo's pace: the hold of each event at the given speed. */
export function demoPace(speed: number): (e: RunEvent) => number {
  return (e) => {
    switch (e.type) {
      case 'theorem-start':
        return DEMO_HOLD_MS.theoremStart / speed;
      case 'step-start':
        return DEMO_HOLD_MS.stepStart / speed;
      case 'step-progress':
        return 0;
      case 'step-end':
        return DEMO_HOLD_MS.stepEnd / speed;
      case 'theorem-end':
        return DEMO_HOLD_MS.theoremEnd / speed;
    }
  };
}

/** The named theorem; else the ones the case asks for or that fit it; else the first registered. */
export function demoTheorems(named: Theorem | undefined, c: Case): Theorem[] {
  if (named) return [named];
  const chosen = selectTheorems(c);
  if (chosen.length > 0) return chosen;
  if (THEOREMS.length === 0) throw new UsageError('no theorem modules are registered');
  return [THEOREMS[0]!];
}

export async function demoCommand(argv: readonly string[], io: WalkIO): Promise<ExitCode> {
  const args = parseArgs(argv, DEMO_OPTIONS, 'demo');
  const given = theoremAndCase(args.positionals, args.options.get('case')?.[0], 'demo');
  const named = given.theorem;
  const speed = numberOption(args, 'speed', 1, 'demo');
  const { file, case: c } = caseArgument(given.file, io, args);
  const theorems = demoTheorems(named, c);
  if (!io.stdoutIsTTY || (io.ci ?? isCI(process.env))) {
    await printWalkthrough(c, new Workspace(c), theorems, io.stdout, { width: 80, narrate: true });
    return EXIT.ok;
  }
  // Keys are optional in the demo (q quits when stdin is a terminal), so only stdout must be one.
  const how = await runScreen('demo', { case: c, file, theorem: theorems[0]! }, sessionDeps(io.defaultCase, allowReadOption(args)), (s) => s.play(theorems), {
    pace: demoPace(speed),
    narrate: true,
    endHoldMs: DEMO_HOLD_MS.summary / speed,
  });
  return how === 'interrupt' ? EXIT.interrupted : EXIT.ok;
}
