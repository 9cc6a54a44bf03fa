/**
 * The runner: runs theorems' steps on a case and reports each as an event. The walkthrough,
 * the demo and batch checking all consume this one stream, so what the screen shows and what
 * the certificate says cannot disagree.
 */
import { STEP_TIMEOUT_SECONDS, type Case } from '../cases/types.js';
import { setSymbolicDeadline } from '../symbolic/budget.js';
import { perturbTargets } from '../cases/perturb.js';
import { buildCertificate, streamedCertificate, type Certificate } from './certificate.js';
import type { StreamedData } from './streamed-route.js';
import { gateResult, gateStep } from './gate.js';
import type { Claims, Evidence, Step, StepResult, Theorem, TheoremResult, TheoremVerdict } from './types.js';
import { Workspace } from '../workspace/workspace.js';

export type RunEvent =
  | { readonly type: 'theorem-start'; readonly theorem: Theorem; readonly statement: string }
  | { readonly type: 'step-start'; readonly theorem: Theorem; readonly step: Step; readonly index: number }
  | {
      readonly type: 'step-progress';
      readonly theorem: Theorem;
      readonly step: Step;
      readonly fraction: number;
      readonly message?: string;
    }
  | { readonly type: 'step-end'; readonly theorem: Theorem; readonly step: Step; readonly result: StepResult }
  | { readonly type: 'theorem-end'; readonly theorem: Theorem; readonly result: TheoremResult };

/**
 * What stands between a step's evidence and the record: the trusted kernel's re-check (gate.ts).
 * Replaceable only so that tests of the screens can run made-up theorems the kernel does not know.
 */
export interface Judge {
  step(ws: Workspace, theorem: string, id: string, ev: Evidence, earlier: readonly StepResult[]): Evidence;
  result(ws: Workspace, theorem: string, steps: readonly StepResult[], claims: Claims): { readonly verdict: TheoremVerdict; readonly claims: Claims };
}

export const KERNEL_JUDGE: Judge = { step: gateStep, result: gateResult };

export interface RunOptions {
  /** the kernel's re-check, by default */
  readonly judge?: Judge;
  /** receives every event, in order */
  readonly onEvent?: (e: RunEvent) => void;
  /** a workspace to reuse (the walkthrough keeps one per case); a fresh one by default */
  readonly workspace?: Workspace;
  /** each step's time budget in ms; default the case's `stepTimeout`, else STEP_TIMEOUT_SECONDS */
  readonly stepTimeoutMs?: number;
  /**
   * Theorem 4.1 alone on a case the streamed construction fits (proof/streamed-route.ts): 'auto'
   * (the default) takes it from STREAMED_WORK on, where the generic re-check's O(d·n) starts to
   * cost seconds; 'always' wherever it fits; 'never' keeps the generic route.
   */
  readonly streamed?: 'auto' | 'always' | 'never';
}

/** d·n from which 'auto' takes the streamed route: below it the generic route is quick and says more (its pictures, the block's data). */
export const STREAMED_WORK = 1e6;

/** Lets the event loop breathe between steps so a terminal UI can repaint. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function skipped(step: Step, why: string): StepResult {
  return { id: step.id, verdict: 'skipped', rigor: 'exact', summary: why, data: {}, ms: 0 };
}

/** Runs one theorem on a case. */
export async function runTheorem(theorem: Theorem, ws: Workspace, opts: RunOptions = {}): Promise<TheoremResult> {
  const emit = opts.onEvent ?? (() => {});
  const judge = opts.judge ?? KERNEL_JUDGE;
  const c = ws.case_;
  const budgetMs = opts.stepTimeoutMs ?? (c.stepTimeout ?? STEP_TIMEOUT_SECONDS) * 1000;
  for (const step of theorem.steps) prepareStep(step, { case: c, ws, progress: () => {} });
  emit({ type: 'theorem-start', theorem, statement: safeInstantiate(theorem, ws) });
  const byId = new Map<string, Evidence>();
  const results: StepResult[] = [];
  // what each step found before the kernel's re-check, re-judged once the theorem's point is final
  const found: StepResult[] = [];
  for (const [index, step] of theorem.steps.entries()) {
    emit({ type: 'step-start', theorem, step, index });
    await breathe();
    const blocker = (step.needs ?? []).find((id) => byId.get(id)?.verdict !== 'holds');
    let result: StepResult;
    if (blocker !== undefined) {
      result = skipped(step, `skipped: it needs "${blocker}", which did not hold`);
    } else {
      const started = performance.now();
      const evidence = await runStep(
        step,
        {
          case: c,
          ws,
          progress: (fraction, message) => emit({ type: 'step-progress', theorem, step, fraction, message }),
        },
        budgetMs,
      );
      // Nothing is recorded before the kernel has re-checked it (gate.ts).
      const ms = Math.round((performance.now() - started) * 10) / 10;
      found.push({ id: step.id, ...evidence, ms });
      result = { id: step.id, ...judge.step(ws, theorem.id, step.id, evidence, results), ms };
    }
    if (blocker !== undefined) found.push(result);
    byId.set(step.id, result);
    results.push(result);
    emit({ type: 'step-end', theorem, step, result });
  }
  // Steps that ran before the point existed (the construction's own) are judged again at it.
  // A step skipped for a need that holds once re-judged there is run now: nothing is skipped for a
  // step that holds.
  const final: StepResult[] = [];
  const finalById = new Map<string, StepResult>();
  for (const f of found) {
    let r: StepResult = f;
    if (f.verdict !== 'skipped') r = { ...f, ...judge.step(ws, theorem.id, f.id, f, final) };
    else {
      const step = theorem.steps.find((s) => s.id === f.id)!;
      const blocker = (step.needs ?? []).find((id) => finalById.get(id)?.verdict !== 'holds');
      if (blocker === undefined) {
        const started = performance.now();
        const evidence = await runStep(step, { case: c, ws, progress: () => {} }, budgetMs);
        r = { id: step.id, ...evidence, ...judge.step(ws, theorem.id, step.id, evidence, final), ms: Math.round((performance.now() - started) * 10) / 10 };
      } else if (!f.summary.includes(`"${blocker}"`)) r = { ...skipped(step, `skipped: it needs "${blocker}", which did not hold`), ms: f.ms };
    }
    final.push(r);
    finalById.set(r.id, r);
  }
  const gated = judge.result(ws, theorem.id, final, theorem.claims(new Map(final.map((r) => [r.id, r])), ws));
  const result: TheoremResult = { theorem: theorem.id, verdict: gated.verdict, steps: final, claims: gated.claims };
  emit({ type: 'theorem-end', theorem, result });
  return result;
}

/**
 * Runs a step within its time budget. The budget is the deadline of the symbolic work the step
 * does (symbolic/budget.ts: computer algebra stops there and the step answers from what it has)
 * and a timer raced against the step, so a step that waits (a worker, a file) ends `unknown` at
 * the budget and the batch goes on; a step that throws has a bug, not an answer, and is
 * reported as unknown too.
 */
async function runStep(step: Step, ctx: Parameters<Step['run']>[0], budgetMs: number): Promise<Evidence> {
  const restore = setSymbolicDeadline(budgetMs);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<Evidence>((resolve) => {
    if (!Number.isFinite(budgetMs)) return;
    timer = setTimeout(() => resolve(outOfTime(budgetMs)), budgetMs);
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(() => step.run(ctx)), overrun]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { verdict: 'unknown', rigor: 'float', summary: `the step could not be run: ${message}`, data: { error: message } };
  } finally {
    clearTimeout(timer);
    restore();
  }
}

/** The answer of a step that ran out of time. */
function outOfTime(budgetMs: number): Evidence {
  const seconds = budgetMs / 1000;
  return {
    verdict: 'unknown',
    rigor: 'float',
    summary: `not decided: the step ran past its time budget of ${seconds} s (--step-timeout) and was stopped there`,
    data: { timeout: seconds },
  };
}

/** A step's background head start; its failure costs only the head start. */
function prepareStep(step: Step, ctx: Parameters<Step['run']>[0]): void {
  try {
    step.prepare?.(ctx);
  } catch {
    // run() computes everything itself
  }
}

function safeInstantiate(theorem: Theorem, ws: Workspace): string {
  try {
    return theorem.instantiate(ws.case_, ws);
  } catch {
    return theorem.statement;
  }
}

/** Runs theorems on a case, in order, and returns its certificate. */
export async function runCase(c: Case, theorems: readonly Theorem[], opts: RunOptions = {}): Promise<Certificate> {
  const ws = opts.workspace ?? new Workspace(perturbTargets(c)); // perturb: ε moves the targets first (Theorem 2.1)
  // Theorem 4.1 alone on integer image data: the streamed construction, judged by the kernel from its generators
  const c0 = ws.case_;
  const mode = opts.streamed ?? 'auto';
  const big = c0.data.d * (c0.data.d * (c0.data.m + 1 + c0.data.k) + c0.data.k) >= STREAMED_WORK;
  if (opts.judge === undefined && mode !== 'never' && (mode === 'always' || big) && theorems.length === 1 && theorems[0]!.id === '4.1') {
    const route = await import('./streamed-route.js');
    const data = route.streamedData(ws.case_);
    if (typeof data !== 'string') return runStreamedCase(ws.case_, theorems[0]!, data, route, opts);
  }
  const results: TheoremResult[] = [];
  for (const theorem of theorems) results.push(await runTheorem(theorem, ws, opts));
  return buildCertificate(ws, results);
}

/** Theorem 4.1 by the streamed route (proof/streamed-route.ts): the same events, the kernel's steps. */
async function runStreamedCase(c: Case, theorem: Theorem, data: StreamedData, route: typeof import('./streamed-route.js'), opts: RunOptions): Promise<Certificate> {
  const emit = opts.onEvent ?? (() => {});
  const dk = c.data.d * c.data.k;
  const n = c.data.d * c.data.m + c.data.d + dk + c.data.k;
  emit({ type: 'theorem-start', theorem, statement: `M ⊂ ℝ^${n} is non-empty, and near the constructed point a smooth manifold of dimension n − d·k = ${n - dk}; the Hessian there has ${dk} positive and ${n - dk} zero eigenvalues.` });
  const run = route.runStreamed(c, data, theorem.steps.map((s) => s.id), (point, result) => streamedCertificate(c, point, n, [result]));
  for (const [index, step] of theorem.steps.entries()) {
    emit({ type: 'step-start', theorem, step, index });
    emit({ type: 'step-end', theorem, step, result: run.result.steps[index]! });
  }
  emit({ type: 'theorem-end', theorem, result: run.result });
  return streamedCertificate(c, run.point, run.n, [run.result]);
}
