/**
 * A formula's functions are the kernel's proven enclosures: f(x) evaluated by the formula
 * evaluator (encloseExpr) over an interval holds the 200-bit reference at the ends and at the
 * extrema inside, for every one-argument function the case language has; and no enclosure in
 * the kernel's evaluators reads an elementary value from Math.*, whose accuracy nothing promises.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encloseExpr } from '../../../src/kernel/expr-interval.js';
import { parseExpr } from '../../../src/kernel/expr-parse.js';
import { UNARY_FNS } from '../../../src/kernel/expr-ast.js';
import { UNARY } from './cases.js';
import { holds } from './reference.js';

const RUNS = 300;

describe('the formula evaluator encloses each function as the kernel proves it', () => {
  const named = UNARY.filter((c) => (UNARY_FNS as readonly string[]).includes(c.name));
  it('covers the trigonometric and hyperbolic functions', () => {
    expect(named.map((c) => c.name)).toEqual(expect.arrayContaining(['sin', 'cos', 'tan', 'sinh', 'cosh', 'atan', 'tanh', 'exp', 'log']));
  });
  for (const c of named) {
    it(`${c.name}(x) over ${RUNS} intervals`, () => {
      const e = parseExpr(`${c.name}(x)`, ['x']);
      const bad: string[] = [];
      const samples = fc.sample(fc.tuple(c.gen, fc.double({ min: 0, max: 2, noNaN: true })), { numRuns: RUNS, seed: 20261206 });
      const intervals = [...(c.hostileIntervals ?? []), ...c.hostile.map((x) => [x, x] as const), ...samples.map(([x, w]) => [x, x + Math.abs(x) * w * 1e-3 + w] as const)];
      for (const [a, b] of intervals) {
        if (!Number.isFinite(b)) continue;
        const r = encloseExpr(e, new Map([['x', { lo: a, hi: b }]]));
        if (!r.ok) continue; // outside the domain: refused, which is never wrong
        for (const x of new Set([a, b, ...(c.interior?.(a, b) ?? [])])) {
          const ok = c.belowRange?.(x) ? r.value.lo <= 0 && r.value.hi > 0 : holds(r.value.lo, r.value.hi, () => c.ref(x));
          if (!ok) bad.push(`${c.name}([${a}, ${b}]) = [${r.value.lo}, ${r.value.hi}] misses f(${x})`);
        }
        if (bad.length >= 5) break;
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('no elementary value from Math.* in the kernel evaluators', () => {
  it.each(['expr-interval.ts', 'expr-exact.ts', 'expr-smooth.ts', 'interval.ts', 'elementary.ts', 'elementary-core.ts'])('%s', (file) => {
    const text = readFileSync(new URL(`../../../src/kernel/${file}`, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(text.match(/Math\.(exp|expm1|log|log1p|log2|log10|sin|cos|tan|sinh|cosh|tanh|asin|acos|atan|atan2|pow|cbrt|hypot)\b/g) ?? []).toEqual([]);
  });
});
