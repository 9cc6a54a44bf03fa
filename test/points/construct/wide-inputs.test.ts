/**
 * Theorem 4.1 through the runner on the first images of Fashion-MNIST (m = 784 inputs): the
 * projection step carries the whole direction a, so the kernel re-derives the projections and
 * the theorem is certified. With a 16-entry sample of a, the kernel could only call it float.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../src/models/case.js';
import { runCase } from '../../../src/proof/runner.js';
import { findTheorem } from '../../../theorems/index.js';

const DIR = '/usr/share/datasets/fashion-mnist';

describe('Theorem 4.1 on wide inputs, through the runner and the kernel', () => {
  it('certifies the first 8 Fashion-MNIST images, the projection re-derived from the whole of a', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'overparam-wide-'));
    try {
      const file = join(dir, 'fashion-8.json');
      writeFileSync(
        file,
        JSON.stringify({
          data: { idx: { images: `${DIR}/train-images-idx3-ubyte.gz`, labels: `${DIR}/train-labels-idx1-ubyte.gz` }, limit: 8 },
          model: { kind: 'mlp', hidden: [8], activation: 'smoolu' },
          point: 'construct',
          theorems: ['4.1'],
        }),
      );
      const cert = await runCase(loadCase(file, { allowRead: [DIR] }), [findTheorem('4.1')!]);
      const r = cert.results[0]!;
      const projection = r.steps.find((s) => s.id === 'projection-separates')!;
      expect(projection.rigor).toBe('exact');
      expect((projection.data.a as number[]).length).toBe(784);
      expect(r.verdict).toBe('certified');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
