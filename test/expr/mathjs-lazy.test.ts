import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import * as esm from 'mathjs';
import { describe, expect, it } from 'vitest';
import { mathjs } from '../../src/expr/mathjs-lazy.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('mathjs loaded on first use', () => {
  it('is the same mathjs as the package entry: version, parse, derivative, evaluation', () => {
    const m = mathjs();
    expect(mathjs()).toBe(m);
    expect(m.version).toBe(esm.version);
    for (const text of ['t*exp(-1/t)', 'log(1+t^2)/(1+t)', 'tanh(2*t)-sin(t)^3']) {
      const ours = m.derivative(m.derivative(m.parse(text), 't', { simplify: false }), 't', { simplify: false });
      const theirs = esm.derivative(esm.derivative(esm.parse(text), 't', { simplify: false }), 't', { simplify: false });
      expect(ours.toString()).toBe(theirs.toString());
      for (const t of [0.1, 0.7, 3]) expect(ours.compile().evaluate({ t })).toBe(theirs.compile().evaluate({ t }));
    }
  });

  it('keeps a V8 code cache of the bundle that V8 accepts', async () => {
    mathjs().parse('1 + t');
    await new Promise((resolve) => setImmediate(resolve)); // the cache is written after the first task
    const require = createRequire(import.meta.url);
    const file = require.resolve('mathjs/lib/browser/math.js');
    const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
    const dir = join(root, 'node_modules', '.cache', 'overparam');
    const accepted = readdirSync(dir)
      .filter((f) => f.startsWith('mathjs-') && f.endsWith('.v8'))
      .filter((f) => new Script(source, { filename: file, cachedData: readFileSync(join(dir, f)) }).cachedDataRejected === false);
    expect(accepted.length).toBeGreaterThan(0);
  });
});
