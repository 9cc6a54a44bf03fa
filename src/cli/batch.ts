/**
 * Runs many cases, in worker threads when there is more than one case. A case that crashes the
 * checker becomes that case's error and the batch goes on.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Case } from '../cases/types.js';
import type { Certificate } from '../proof/certificate.js';
import { runCase } from '../proof/runner.js';
import { selectTheorems } from '../../theorems/index.js';

export type CaseOutcome =
  | { readonly ok: true; readonly certificate: Certificate; readonly ms: number }
  | { readonly ok: false; readonly name: string; readonly error: string; readonly ms: number };

export interface BatchOptions {
  readonly theoremIds: readonly string[];
  readonly jobs: number;
  /** called after each case finishes, with the number done so far */
  readonly onDone?: (done: number, outcome: CaseOutcome) => void;
}

/** Runs one case in this thread; what the workers do too. */
export async function runOne(c: Case, theoremIds: readonly string[]): Promise<CaseOutcome> {
  const started = performance.now();
  try {
    const certificate = await runCase(c, selectTheorems(c, theoremIds));
    return { ok: true, certificate, ms: performance.now() - started };
  } catch (e) {
    return { ok: false, name: c.name, error: e instanceof Error ? e.message : String(e), ms: performance.now() - started };
  }
}

/** The compiled worker, if this module runs from compiled JavaScript (not under a TypeScript loader). */
function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return undefined;
  const file = here.replace(/batch\.js$/, 'batch-worker.js');
  return existsSync(file) ? file : undefined;
}

export async function runBatch(cases: readonly Case[], opts: BatchOptions): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = new Array(cases.length);
  let done = 0;
  const finish = (i: number, o: CaseOutcome) => {
    outcomes[i] = o;
    opts.onDone?.(++done, o);
  };
  const file = workerFile();
  const jobs = Math.max(1, Math.min(opts.jobs, cases.length));
  // One case runs here; several run in workers even with one job, so that a case that takes the
  // checker down (out of memory, say) takes only its own worker with it and the batch goes on.
  if (cases.length === 1 || file === undefined) {
    for (const [i, c] of cases.entries()) finish(i, await runOne(c, opts.theoremIds));
    return outcomes;
  }
  let next = 0;
  const lane = async (): Promise<void> => {
    let worker: LaneWorker | undefined;
    while (next < cases.length) {
      const i = next++;
      // A worker that crashed is replaced; the case it was running keeps its error.
      if (worker?.dead) worker = undefined;
      worker ??= new LaneWorker(file);
      finish(i, await worker.run(cases[i]!, opts.theoremIds));
    }
    await worker?.close();
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return outcomes;
}

/** A worker thread that runs cases one at a time; module loading is paid once per lane. */
class LaneWorker {
  private readonly worker: Worker;
  dead = false;
  private pending: ((o: CaseOutcome) => void) | undefined;
  private current = { name: '', started: 0 };

  constructor(file: string) {
    this.worker = new Worker(file);
    this.worker.on('message', (o: CaseOutcome) => this.settle(o));
    this.worker.on('messageerror', (e) => this.settle(this.failure(`the result could not be received: ${e.message}`)));
    this.worker.on('error', (e) => this.crash(e.message));
    this.worker.on('exit', (code) => this.crash(`the worker stopped (exit ${code})`));
  }

  run(c: Case, theoremIds: readonly string[]): Promise<CaseOutcome> {
    this.current = { name: c.name, started: performance.now() };
    return new Promise((resolve) => {
      this.pending = resolve;
      if (this.dead) return this.crash('the worker had stopped');
      try {
        this.worker.postMessage({ case: c, theoremIds });
      } catch (e) {
        // A case that cannot be sent (not structured-cloneable) is that case's error; the worker is fine.
        this.settle(this.failure(e instanceof Error ? e.message : String(e)));
      }
    });
  }

  private settle(o: CaseOutcome): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(o);
  }

  private failure(error: string): CaseOutcome {
    return { ok: false, name: this.current.name, error, ms: performance.now() - this.current.started };
  }

  private crash(error: string): void {
    this.dead = true;
    this.settle(this.failure(error));
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}
