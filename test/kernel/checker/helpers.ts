/** Certificates of the project's case files, made in-process as `overparam check` makes them. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCase } from '../../../src/models/case.js';
import { runCase } from '../../../src/proof/runner.js';
import { selectTheorems } from '../../../theorems/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const cache = new Map<string, unknown>();

/** The certificate of cases/NAME.yaml as plain JSON (what `check --json` prints). */
export async function certificateOf(name: string): Promise<Record<string, unknown>> {
  if (!cache.has(name)) {
    const c = loadCase(join(ROOT, 'cases', `${name}.yaml`));
    const cert = await runCase(c, selectTheorems(c));
    cache.set(name, JSON.parse(JSON.stringify(cert)));
  }
  return structuredClone(cache.get(name)) as Record<string, unknown>;
}
