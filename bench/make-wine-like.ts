/**
 * Writes cases/data/wine-like.csv: 178 seeded rows of 13 measurements and a class 0/1/2, the
 * shape of the UCI wine data (which is not in the repository). Each class has its own mean per
 * column; every value is rounded to 3 decimals, so the file is its own exact data.
 *
 *   npx tsx bench/make-wine-like.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { rngFor } from '../src/numeric/random.js';

const rng = rngFor(178, 'wine-like');
const columns = Array.from({ length: 13 }, (_, j) => `x${j + 1}`);
const sizes = [59, 71, 48];
const means = sizes.map(() => columns.map(() => 1 + 9 * rng.uniform()));
const lines = [[...columns, 'class'].join(',')];
sizes.forEach((size, cls) => {
  for (let i = 0; i < size; i++) {
    const row = means[cls]!.map((mu) => (mu + 0.5 * mu * 0.2 * rng.normal()).toFixed(3));
    lines.push([...row, String(cls)].join(','));
  }
});
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'cases', 'data', 'wine-like.csv');
writeFileSync(out, `${lines.join('\n')}\n`);
