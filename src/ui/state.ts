/**
 * What the walkthrough shows of one theorem's run, folded from the runner's events. Every
 * verdict here is the runner's: this module only records what the events say, in order.
 */
import type { RunEvent } from '../proof/runner.js';
import type { Step, StepResult, Theorem, TheoremResult } from '../proof/types.js';
import { inCaseTerms } from './words.js';

export type StepStatus = 'pending' | 'running' | 'done';

export interface StepView {
  readonly step: Step;
  readonly index: number;
  /** the step's title in the case's terms (d·k read as d when k = 1) */
  readonly title: string;
  readonly status: StepStatus;
  /** the last progress report of a running step */
  readonly progress?: { readonly fraction: number; readonly message?: string };
  /** the runner's result, once the step ended */
  readonly result?: StepResult;
}

export interface TheoremRun {
  readonly theorem: Theorem;
  /** the theorem's title in the case's terms */
  readonly title: string;
  /** the case's number of outputs, which the titles are read for */
  readonly k: number;
  /** the statement instantiated with the case's numbers (the plain statement until the run starts) */
  readonly statement: string;
  readonly steps: readonly StepView[];
  /** the runner's verdict and claims, once the run ended */
  readonly result?: TheoremResult;
}

/** A run that has not started on a case with `k` outputs: every step pending. */
export function pendingRun(theorem: Theorem, k = 1): TheoremRun {
  return {
    theorem,
    // the theorem's own title, in general terms (commands and reports quote it as written)
    title: theorem.title,
    k,
    statement: theorem.statement,
    steps: theorem.steps.map((step, index) => ({ step, index, title: inCaseTerms(step.title, k), status: 'pending' })),
  };
}

function updateStep(run: TheoremRun, id: string, f: (s: StepView) => StepView): TheoremRun {
  return { ...run, steps: run.steps.map((s) => (s.step.id === id ? f(s) : s)) };
}

/** The run after one more event; events of another theorem leave it unchanged. */
export function applyEvent(run: TheoremRun, e: RunEvent): TheoremRun {
  if (e.theorem !== run.theorem) return run;
  switch (e.type) {
    case 'theorem-start':
      return { ...pendingRun(run.theorem, run.k), statement: e.statement };
    case 'step-start':
      return updateStep(run, e.step.id, (s) => ({ step: s.step, index: s.index, title: s.title, status: 'running' }));
    case 'step-progress':
      return updateStep(run, e.step.id, (s) => ({
        ...s,
        progress: { fraction: e.fraction, ...(e.message !== undefined ? { message: e.message } : {}) },
      }));
    case 'step-end':
      return updateStep(run, e.step.id, (s) => ({ step: s.step, index: s.index, title: s.title, status: 'done', result: e.result }));
    case 'theorem-end': {
      // the kernel's last word on each step (src/proof/gate.ts) replaces what was shown while running
      const final = new Map(e.result.steps.map((r) => [r.id, r]));
      const steps = run.steps.map((s) => {
        const r = final.get(s.step.id);
        return r === undefined || s.status !== 'done' ? s : { ...s, result: r };
      });
      return { ...run, steps, result: e.result };
    }
  }
}

/** The first step that fails or could not be decided, once the run has ended. */
export function firstProblem(run: TheoremRun): StepView | undefined {
  if (run.result === undefined) return undefined;
  return run.steps.find((s) => s.result?.verdict === 'fails' || s.result?.verdict === 'unknown');
}

/**
 * The step to show when following the run: the running one, else the last that ended; once the
 * run has ended, the first step that fails or is unknown (the reason for the verdict), else step 1.
 */
export function followIndex(run: TheoremRun): number {
  if (run.result !== undefined) return firstProblem(run)?.index ?? 0;
  const running = run.steps.find((s) => s.status === 'running');
  if (running) return running.index;
  const done = run.steps.filter((s) => s.status === 'done');
  return done.length > 0 ? done[done.length - 1]!.index : 0;
}

/** The step running now, if any. */
export function runningIndex(run: TheoremRun): number | undefined {
  const s = run.steps.find((v) => v.status === 'running');
  return s?.index;
}

/** Whether the run has ended. */
export const isFinished = (run: TheoremRun): boolean => run.result !== undefined;
