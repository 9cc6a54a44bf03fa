/** Certificates of library cases, made once per test file by the real runner and read back from JSON as a file would be. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCase } from '../../src/models/case.js';
import type { Certificate } from '../../src/proof/certificate.js';
import { runCase } from '../../src/proof/runner.js';
import { certificateFromJson } from '../../src/report/read.js';
import { selectTheorems } from '../../theorems/index.js';

const CASES = fileURLToPath(new URL('../../cases/', import.meta.url));
const made = new Map<string, Promise<Certificate>>();

export function certificateOf(name: string, theorems: readonly string[] = []): Promise<Certificate> {
  const key = `${name} ${theorems.join(' ')}`;
  let p = made.get(key);
  if (!p) {
    const c = loadCase(join(CASES, `${name}.yaml`));
    p = runCase(c, selectTheorems(c, theorems)).then((cert) => certificateFromJson(JSON.parse(JSON.stringify(cert)), `${name}.cert.json`));
    made.set(key, p);
  }
  return p;
}
