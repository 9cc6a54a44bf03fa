/** In-memory cases for the symbolic tests (no case file: data through the inline reader). */
import { readInlineData } from '../../src/cases/data.js';
import type { Case, LossSpec, ModelSpec, PointSpec } from '../../src/cases/types.js';

export function makeCase(opts: {
  x: unknown;
  y: unknown;
  model: ModelSpec;
  loss?: LossSpec;
  point?: PointSpec;
  seed?: number;
  name?: string;
}): Case {
  return {
    name: opts.name ?? 'test',
    file: '',
    sha256: '',
    data: readInlineData(opts.x, opts.y, ['data']),
    model: opts.model,
    loss: opts.loss ?? { kind: 'sum' },
    point: opts.point ?? { kind: 'search' },
    perturb: 0,
    seed: opts.seed ?? 1,
  };
}
