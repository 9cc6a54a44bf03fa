/** Runs theorems on the project's case files through the real loader and runner. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadCase } from '../../src/models/case.js';
import type { Certificate } from '../../src/proof/certificate.js';
import { runCase } from '../../src/proof/runner.js';
import type { StepResult, TheoremResult } from '../../src/proof/types.js';
import { findTheorem } from '../../theorems/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The certificate of one theorem on cases/NAME.yaml (`fullSpectrum`: as `check --full-spectrum`). */
export async function check(name: string, theorem: string, opts: { readonly fullSpectrum?: boolean } = {}): Promise<{ cert: Certificate; result: TheoremResult }> {
  const loaded = loadCase(join(root, 'cases', `${name}.yaml`));
  const c = opts.fullSpectrum === true ? { ...loaded, fullSpectrum: true } : loaded;
  const t = findTheorem(theorem);
  if (t === undefined) throw new Error(`no theorem ${theorem}`);
  const cert = await runCase(c, [t]);
  return { cert, result: cert.results[0]! };
}

export function step(r: TheoremResult, id: string): StepResult {
  const s = r.steps.find((x) => x.id === id);
  if (s === undefined) throw new Error(`no step ${id} in ${r.theorem}`);
  return s;
}
