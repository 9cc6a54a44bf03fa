/**
 * The walkthrough's session: which case and theorem are shown, and the run in progress, fed by
 * the shared runner's events. It keeps one Workspace per case, so running another theorem on
 * the same case reuses what earlier runs computed (the model, the point, the Jacobian).
 *
 * The session is plain TypeScript (no React): the Ink app subscribes to it, and tests drive it
 * directly. In the demo, events are held on screen for a while each (`pace`) and narrated.
 */
import type { Case } from '../cases/types.js';
import { runTheorem, type Judge, type RunEvent } from '../proof/runner.js';
import type { Theorem, TheoremResult } from '../proof/types.js';
import { Workspace } from '../workspace/workspace.js';
import { paperName } from '../../theorems/names.js';
import { caseFacts, type CaseFacts } from './case-facts.js';
import { narrate, summaryLine } from './narration.js';
import { applyEvent, pendingRun, type TheoremRun } from './state.js';
import type { Tone } from './words.js';

/** What the session needs from the rest of the tool; injected so the UI is testable on its own. */
export interface SessionDeps {
  /** the registered theorems, in order */
  readonly theorems: readonly Theorem[];
  /** loads and validates a case file (throws CaseError on bad input) */
  readonly loadCase: (file: string) => Case;
  /** the case with its targets perturbed by the case's seeded perturbation (Theorem 2.1's "generic") */
  readonly perturb: (c: Case) => Case;
  /** case files the user may choose from */
  readonly caseFiles: () => readonly string[];
  /** the kernel's re-check by default (src/proof/runner.ts) */
  readonly judge?: Judge;
}

export interface SessionOptions {
  /** how long to hold an event on screen, in ms (the demo); events show at once without it */
  readonly pace?: (e: RunEvent) => number;
  /** narrate each event (the demo) */
  readonly narrate?: boolean;
}

export interface SessionMessage {
  readonly text: string;
  readonly tone: Tone;
}

export interface SessionState {
  readonly case: Case;
  /** the file the case came from ('' for a case built in memory) */
  readonly caseFile: string;
  readonly facts: CaseFacts;
  /** how many times the targets were perturbed since the case was loaded */
  readonly perturbations: number;
  readonly theorem: Theorem;
  /** the run shown now */
  readonly run: TheoremRun;
  /** counts runs started, so the screen can tell a new run from an update */
  readonly runNumber: number;
  /** a run is in progress (its events are still arriving or being shown) */
  readonly running: boolean;
  /** runs that ended, in the order shown (the demo's summary) */
  readonly completed: readonly TheoremRun[];
  readonly narration?: string;
  readonly message?: SessionMessage;
  /** the demo has played everything and shows its summary */
  readonly ended: boolean;
  /** the demo is paused (space): no event is shown until it resumes */
  readonly paused: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class WalkSession {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly workspaces = new WeakMap<Case, Workspace>();
  private readonly casesByFile = new Map<string, Case>();
  /** the number of the newest run: events of older runs are dropped */
  private generation = 0;
  /** runs one at a time: a new run starts when the previous one has finished computing */
  private chain: Promise<unknown> = Promise.resolve();
  private readonly queue: RunEvent[] = [];
  private pumping = false;
  private drainWaiters: (() => void)[] = [];
  private resumeWaiters: (() => void)[] = [];
  private disposed = false;

  constructor(
    initial: { readonly case: Case; readonly file: string; readonly theorem: Theorem },
    readonly deps: SessionDeps,
    private readonly opts: SessionOptions = {},
  ) {
    if (initial.file) this.casesByFile.set(initial.file, initial.case);
    this.state = {
      case: initial.case,
      caseFile: initial.file,
      facts: caseFacts(initial.case, this.workspaceFor(initial.case)),
      perturbations: 0,
      theorem: initial.theorem,
      run: pendingRun(initial.theorem, initial.case.data.k),
      runNumber: 0,
      running: false,
      completed: [],
      ended: false,
      paused: false,
    };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private set(patch: Partial<SessionState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** The case's workspace, made once per case. */
  workspaceFor(c: Case): Workspace {
    let ws = this.workspaces.get(c);
    if (!ws) {
      ws = new Workspace(c);
      this.workspaces.set(c, ws);
    }
    return ws;
  }

  /** Whether a theorem's setting fits the current case (a theorem that throws does not fit). */
  fits(t: Theorem): boolean {
    return safeFits(t, this.state.case);
  }

  /** Runs the current theorem on the current case (again). */
  rerun(): Promise<TheoremResult | undefined> {
    return this.runNow(this.state.theorem);
  }

  /** Shows another theorem on the same case, reusing the case's workspace. */
  chooseTheorem(theorem: Theorem): Promise<TheoremResult | undefined> {
    this.set({ message: undefined });
    return this.runNow(theorem);
  }

  /** Loads another case file and runs the current theorem on it (or the first that fits). */
  chooseCase(file: string): Promise<TheoremResult | undefined> {
    let c = this.casesByFile.get(file);
    if (!c) {
      try {
        c = this.deps.loadCase(file);
      } catch (e) {
        this.set({ message: { text: e instanceof Error ? e.message : String(e), tone: 'red' } });
        return Promise.resolve(undefined);
      }
      this.casesByFile.set(file, c);
    }
    const keep = safeFits(this.state.theorem, c);
    const theorem = keep ? this.state.theorem : (this.deps.theorems.find((t) => safeFits(t, c)) ?? this.state.theorem);
    this.setCase(c, file, 0, { text: `case ${c.name} (${file})`, tone: 'gray' });
    return this.runNow(theorem);
  }

  /** Perturbs the targets (seeded) and runs the current theorem on the perturbed case. */
  perturbTargets(): Promise<TheoremResult | undefined> {
    let c: Case;
    try {
      c = this.deps.perturb(this.state.case);
    } catch (e) {
      this.set({ message: { text: `could not perturb the targets: ${e instanceof Error ? e.message : String(e)}`, tone: 'red' } });
      return Promise.resolve(undefined);
    }
    if (c === this.state.case) {
      // The seeded perturbation is idempotent: perturbing again moves nothing, so nothing reruns.
      this.set({ message: { text: 'the targets did not move (already perturbed: the seeded perturbation moves them once)', tone: 'yellow' } });
      return Promise.resolve(undefined);
    }
    const count = this.state.perturbations + 1;
    this.setCase(c, this.state.caseFile, count, {
      text: `targets perturbed (seeded); ${paperName(this.state.theorem.id)} runs again on the perturbed case`,
      tone: 'yellow',
    });
    return this.runNow(this.state.theorem);
  }

  private setCase(c: Case, file: string, perturbations: number, message: SessionMessage): void {
    this.set({ case: c, caseFile: file, perturbations, facts: caseFacts(c, this.workspaceFor(c)), message, completed: [] });
  }

  /**
   * Plays theorems one after another, each held on screen by `pace`, then shows the summary
   * (the demo). Resolves when the summary is up.
   */
  async play(theorems: readonly Theorem[]): Promise<void> {
    for (const t of theorems) {
      if (this.disposed) return;
      await this.runNow(t);
      await this.drained();
    }
    const results = this.state.completed.flatMap((r) => (r.result ? [r.result] : []));
    this.set({ ended: true, ...(this.opts.narrate ? { narration: summaryLine(results, this.state.case.name) } : {}) });
  }

  /** Starts a run of `theorem` on the current case; older runs' events stop showing. */
  private runNow(theorem: Theorem): Promise<TheoremResult | undefined> {
    const gen = ++this.generation;
    const c = this.state.case;
    this.queue.length = 0;
    this.set({ theorem, run: pendingRun(theorem, c.data.k), runNumber: this.state.runNumber + 1, running: true, ended: false });
    const job = this.chain.then(async () => {
      // A newer run was asked for while this one waited: skip it.
      if (gen !== this.generation || this.disposed) return undefined;
      try {
        return await runTheorem(theorem, this.workspaceFor(c), {
          ...(this.deps.judge !== undefined ? { judge: this.deps.judge } : {}),
          onEvent: (e) => {
            if (gen === this.generation) this.deliver(e);
          },
        });
      } catch (e) {
        if (gen === this.generation) {
          this.set({ running: false, message: { text: `the run stopped: ${e instanceof Error ? e.message : String(e)}`, tone: 'red' } });
        }
        return undefined;
      }
    });
    this.chain = job.catch(() => undefined);
    return job;
  }

  private deliver(e: RunEvent): void {
    if (!this.opts.pace) {
      this.apply(e);
      return;
    }
    this.queue.push(e);
    if (!this.pumping) void this.pump();
  }

  private apply(e: RunEvent): void {
    const run = applyEvent(this.state.run, e);
    const said = this.opts.narrate ? narrate(e, this.state.case.name, this.state.case.data.k) : undefined;
    const patch: Partial<SessionState> = { run, ...(said !== undefined ? { narration: said } : {}) };
    if (e.type === 'theorem-end') Object.assign(patch, { running: false, completed: [...this.state.completed, run] });
    this.set(patch);
  }

  /** Pauses the paced events (the demo's space key), or resumes them; the run computes on meanwhile. */
  togglePause(): void {
    const paused = !this.state.paused;
    this.set({ paused });
    if (!paused) {
      const waiters = this.resumeWaiters;
      this.resumeWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once the session is not paused. */
  private unpaused(): Promise<void> {
    if (!this.state.paused || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.resumeWaiters.push(resolve));
  }

  /** Shows queued events one by one, holding each for its pace (and for as long as it is paused). */
  private async pump(): Promise<void> {
    this.pumping = true;
    while (this.queue.length > 0 && !this.disposed) {
      await this.unpaused();
      // A newer run may have emptied the queue meanwhile.
      if (this.disposed || this.queue.length === 0) break;
      const e = this.queue.shift()!;
      this.apply(e);
      const ms = this.opts.pace?.(e) ?? 0;
      if (ms > 0) await sleep(ms);
    }
    this.pumping = false;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when every event so far has been shown. */
  drained(): Promise<void> {
    if (!this.pumping && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Stops showing anything; a run in progress finishes computing in the background. */
  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    this.listeners.clear();
    for (const w of this.drainWaiters) w();
    this.drainWaiters = [];
    for (const w of this.resumeWaiters) w();
    this.resumeWaiters = [];
  }
}

/** `fits` of a theorem that throws on an odd case counts as not fitting. */
function safeFits(t: Theorem, c: Case): boolean {
  try {
    return t.fits(c);
  } catch {
    return false;
  }
}
