/**
 * nerdamer's one-sided limits computed ahead, in a worker thread, while this thread does other
 * work (the smoothness check computes mathjs derivatives meanwhile). Loading nerdamer and its
 * limits take a few hundred milliseconds of a process's life; on a second core they overlap.
 *
 * Nothing is trusted more for being prefetched: the worker runs the same two nerdamer calls as
 * `limitAtZeroRight` in cas.ts, on the same text, in the same order, and a result is handed out
 * only for exactly the text and variable it was computed for. Callers check it numerically as
 * before. When the worker cannot start, fails or falls silent, `takePrefetchedLimit` answers
 * undefined and the caller computes the limit in its own thread, so the answer never depends on
 * whether a worker ran.
 *
 * The wait is synchronous (Atomics.wait on a counter the worker bumps after each result, then
 * receiveMessageOnPort), so the callers' synchronous API stays as it is.
 */
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CasResult } from './cas.js';
import { symbolicTimeLeft } from './budget.js';

/**
 * The worker: loads nerdamer as cas.ts does, then for each text the limit as cas.ts's
 * `limitAtZeroRight` computes it (substitute t = 1/s, then s → ∞), posting each result before
 * bumping the counter. Plain CommonJS source, so it runs the same from TypeScript sources and
 * from the compiled build.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, counter, paths, texts, variable } = workerData;
const count = new Int32Array(counter);
const post = (message) => {
  port.postMessage(message);
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
};
try {
  const nd = require(paths.core);
  require(paths.algebra);
  require(paths.calculus);
  for (let i = 0; i < texts.length; i++) {
    let result;
    try {
      const atInverse = nd(texts[i], { [variable]: '1/s__' }).toString();
      result = { ok: true, text: nd('limit(' + atInverse + ', s__, Infinity)').toString() };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      result = { ok: false, reason: 'nerdamer: ' + msg.split('\\n')[0] };
    }
    post({ i, result });
  }
} catch (err) {
  // anything but a limit failing: say so, and the caller computes in its own thread
  post({ fatal: String(err && err.message) });
} finally {
  port.close();
}
`;

/**
 * How long a caller waits for one result: at most this, and never past the step's deadline
 * (budget.ts). A limit that does not come in time is not computed again in this thread (that
 * is how it ran unbounded): its worker is stopped and the limit is reported as not found.
 */
const WAIT_MS = 30_000;

/** The answer for a limit whose worker ran out of time. */
const timedOut = (ms: number): CasResult => ({ ok: false, reason: `nerdamer: the limit did not finish within ${(ms / 1000).toFixed(1)} s; its worker was stopped` });

interface Batch {
  readonly variable: string;
  readonly texts: readonly string[];
  readonly results: (CasResult | undefined)[];
  readonly port: MessagePort;
  readonly count: Int32Array;
  readonly worker: Worker;
  /** messages taken off the port so far */
  received: number;
  /** the worker failed or fell silent: nothing more comes from it */
  dead: boolean;
  /** the worker was stopped for running out of time: its missing results are answered as such */
  outOfTime?: number;
}

let batch: Batch | undefined;

/** Where nerdamer's files are, as cas.ts loads them. */
function nerdamerPaths(): { core: string; algebra: string; calculus: string } {
  const require = createRequire(import.meta.url);
  return {
    core: require.resolve('nerdamer'),
    algebra: require.resolve('nerdamer/Algebra'),
    calculus: require.resolve('nerdamer/Calculus'),
  };
}

/**
 * Starts computing lim_{t→0⁺} of each text in a worker (replacing an earlier batch, unless that
 * one is on the same texts and still working). Returns false when no worker could be started;
 * the limits are then computed when asked for.
 */
export function prefetchLimitsAtZeroRight(texts: readonly string[], variable = 't'): boolean {
  const b = batch;
  const same = b !== undefined && b.variable === variable && b.texts.length === texts.length && b.texts.every((t, i) => t === texts[i]);
  if (same && !b.dead) return true;
  cancelPrefetch();
  if (texts.length === 0) return false;
  try {
    const { port1, port2 } = new MessageChannel();
    const counter = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, counter, paths: nerdamerPaths(), texts: [...texts], variable },
      transferList: [port2],
      // plain Node: the worker only requires nerdamer, and a TypeScript loader the process may
      // run under (tsx) would make it boot several times slower
      execArgv: [],
    });
    // a worker still computing never keeps the process alive, and its failure is ours to handle
    worker.unref();
    worker.on('error', () => {
      if (batch?.worker === worker) batch.dead = true;
    });
    const results = texts.map(() => undefined);
    batch = { variable, texts: [...texts], results, port: port1, count: new Int32Array(counter), worker, received: 0, dead: false };
    return true;
  } catch {
    batch = undefined;
    return false;
  }
}

/** Stops the current batch's worker (its remaining results are no longer wanted). */
export function cancelPrefetch(): void {
  if (batch === undefined) return;
  const b = batch;
  batch = undefined;
  b.port.close();
  void b.worker.terminate();
}

/** Takes every message already on the port. */
function drain(b: Batch): void {
  for (let m = receiveMessageOnPort(b.port); m !== undefined; m = receiveMessageOnPort(b.port)) {
    b.received++;
    const msg = m.message as { i?: number; result?: CasResult; fatal?: string };
    if (msg.fatal !== undefined) b.dead = true;
    else if (msg.i !== undefined && msg.result !== undefined) b.results[msg.i] = msg.result;
  }
}

/**
 * The prefetched limit of `text`, waiting for the worker if it is still on it; undefined when
 * the text was not prefetched or the worker did not deliver it.
 */
export function takePrefetchedLimit(text: string, variable = 't'): CasResult | undefined {
  const b = batch;
  if (b === undefined || b.variable !== variable) return undefined;
  const i = b.texts.indexOf(text);
  if (i < 0) return undefined;
  const wait = Math.max(0, Math.min(WAIT_MS, symbolicTimeLeft()));
  const deadline = performance.now() + wait;
  for (;;) {
    drain(b);
    const r = b.results[i];
    if (r !== undefined) return r;
    if (b.outOfTime !== undefined) return timedOut(b.outOfTime);
    if (b.dead) return undefined;
    const left = deadline - performance.now();
    if (left <= 0) {
      // out of time: stop the worker, and answer every limit it still owed as not found
      b.outOfTime = wait;
      b.dead = true;
      b.port.close();
      void b.worker.terminate();
      return timedOut(wait);
    }
    // sleeps until the worker bumps the counter past what has been received
    Atomics.wait(b.count, 0, b.received, Math.min(left, 1000));
  }
}

/**
 * lim_{t→0⁺} of one text in a worker of its own, waited for within the bounds above; undefined
 * when no worker can be started (the caller then computes in its own thread).
 */
export function limitInWorker(text: string, variable = 't'): CasResult | undefined {
  const b = batch;
  const owed = b !== undefined && b.variable === variable && b.texts.includes(text) && (!b.dead || b.outOfTime !== undefined);
  if (!owed && !prefetchLimitsAtZeroRight([text], variable)) return undefined;
  return takePrefetchedLimit(text, variable);
}
