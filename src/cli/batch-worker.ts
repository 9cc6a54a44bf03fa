/** A worker thread of `check --jobs N`: runs the cases it is sent, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { Case } from '../cases/types.js';
import { runOne } from './batch.js';

parentPort?.on('message', async ({ case: c, theoremIds }: { case: Case; theoremIds: string[] }) => {
  parentPort?.postMessage(await runOne(c, theoremIds));
});
