/**
 * What the walkthrough shows of one theorem's run, folded from the runner's events. Every
 * verdict here is the runner's: this module only records what the events say, in order.
 */
import type { RunEvent } from '../proof/runner.js';
import type { Step, StepResult, Theorem, TheoremResult } from '../proof/types.js';

export type StepStatus = 'pending' | 'running' | 'done';

export interface StepView {
  readonly step: Step;
  readonly index: number;
  readonly status: StepStatus;
  /** the last progress report of a running step */
  readonly progress?: { readonly fraction: number; readonly message?: string };
  /** the runner's result, once the step ended */
  readonly result?: StepResult;
}

export interface TheoremRun {
  readonly theorem: Theorem;
  /** the statement instantiated with the case's numbers (the plain statement until the run starts) */
  readonly statement: string;
  readonly steps: readonly StepView[];
  /** the runner's verdict and claims, once the run ended */
  readonly result?: TheoremResult;
}

/** A run that has not started: every step pending. */
export function pendingRun(theorem: Theorem): TheoremRun {
  return {
    theorem,
    statement: theorem.statement,
    steps: theorem.steps.map((step, index) => ({ step, index, status: 'pending' })),
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
      return { ...pendingRun(run.theorem), statement: e.statement };
    case 'step-start':
      return updateStep(run, e.step.id, (s) => ({ step: s.step, index: s.index, status: 'running' }));
    case 'step-progress':
      return updateStep(run, e.step.id, (s) => ({
        ...s,
        progress: { fraction: e.fraction, ...(e.message !== undefined ? { message: e.message } : {}) },
      }));
    case 'step-end':
      return updateStep(run, e.step.id, (s) => ({ step: s.step, index: s.index, status: 'done', result: e.result }));
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

/** The step to show when following the run: the running one, else the last that ended, else the first. */
export function followIndex(run: TheoremRun): number {
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
