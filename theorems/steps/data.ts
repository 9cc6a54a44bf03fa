/**
 * Hypotheses about the data and the parameter count, shared by every theorem of the paper.
 * Both are decided in exact arithmetic on the case's exact values.
 */
import type { Case } from '../../src/cases/types.js';
import { add, cmp, div, mul, rat, sub, toJson, toNumber, toString, type Rational } from '../../src/kernel/rational.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fails, holds, type Step } from '../../src/proof/types.js';

const rowsEqual = (a: readonly Rational[], b: readonly Rational[]): boolean => a.every((v, j) => cmp(v, b[j]!) === 0);

/**
 * A hash of a row of exact values, from Number(num) and Number(den) of each entry: functions of
 * the value (a rational is kept in lowest terms), so equal rows hash alike. The hash only sorts
 * rows into buckets; equality is decided exactly inside a bucket.
 */
function exactRowHash(row: readonly Rational[], bits: Float64Array, words: Int32Array): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < row.length; j++) {
    const r = row[j]!;
    bits[0] = Number(r.num);
    h = Math.imul(h ^ words[0]!, 0x01000193);
    h = Math.imul(h ^ words[1]!, 0x01000193);
    bits[0] = Number(r.den);
    h = Math.imul(h ^ words[0]!, 0x01000193);
    h = Math.imul(h ^ words[1]!, 0x01000193);
  }
  return h;
}

/** Groups of rows (0-based) whose inputs are exactly equal, each group of size ≥ 2. */
export function equalInputGroups(c: Case): number[][] {
  // Rows are bucketed by a hash of their values, then compared exactly within a bucket: the
  // same groups as keying by the exact values' text, without printing d·m rationals.
  const bits = new Float64Array(1);
  const words = new Int32Array(bits.buffer);
  const buckets = new Map<number, number[][]>();
  const groups: number[][] = [];
  c.data.xExact.forEach((row, i) => {
    const h = exactRowHash(row, bits, words);
    const classes = buckets.get(h);
    if (classes === undefined) {
      const g = [i];
      groups.push(g);
      buckets.set(h, [g]);
      return;
    }
    const same = classes.find((g) => rowsEqual(c.data.xExact[g[0]!]!, row));
    if (same) same.push(i);
    else {
      const g = [i];
      groups.push(g);
      classes.push(g);
    }
  });
  // groups are in order of their first row, as a map keyed by exact value would list them
  return groups.filter((g) => g.length > 1);
}

/**
 * Rows with one input share one output f(w, x) for every w, so L(w) ≥ Σ over each group and
 * output of Σ (yᵢ − ȳ)², the least the group's squared residuals can be (exact).
 */
export function conflictLowerBound(c: Case, groups: readonly number[][]): Rational {
  let total = rat(0n);
  for (const g of groups) {
    for (let o = 0; o < c.data.k; o++) {
      const ys = g.map((i) => c.data.yExact[i]![o]!);
      const mean = div(ys.reduce(add, rat(0n)), rat(BigInt(ys.length)));
      for (const y of ys) total = add(total, mul(sub(y, mean), sub(y, mean)));
    }
  }
  return total;
}

export const distinctInputs: Step = {
  id: 'distinct-inputs',
  title: 'the inputs are pairwise distinct',
  explain:
    'The paper assumes x₁, …, x_d pairwise distinct. Checked exactly: rows are compared as exact ' +
    'rationals (a decimal string is that decimal, a number its binary64 value). Two equal inputs with ' +
    'different targets make M empty: f(w, xᵢ) = f(w, xⱼ) for every w, so L stays above a positive bound.',
  run({ case: c }) {
    const groups = equalInputGroups(c);
    if (groups.length === 0) return holds('exact', `the ${c.data.d} inputs are pairwise distinct`, { d: c.data.d });
    const described = groups.slice(0, 10).map((g) => ({
      rows: g.map((i) => i + 1),
      rows0: g,
      targetsAgree: g.every((i) => rowsEqual(c.data.yExact[i]!, c.data.yExact[g[0]!]!)),
    }));
    const conflicting = groups.filter((g) => !g.every((i) => rowsEqual(c.data.yExact[i]!, c.data.yExact[g[0]!]!)));
    const first = described[0]!;
    const where = `rows ${first.rows.join(' and ')} (0-based ${first.rows0.join(' and ')}) have equal inputs`;
    const more = groups.length > 1 ? `, and ${groups.length - 1} more group(s)` : '';
    if (conflicting.length === 0) {
      return fails('exact', `${where} and equal targets${more}: drop duplicates (dedupe: true) to meet the hypothesis`, {
        groups: described,
      });
    }
    const bound = conflictLowerBound(c, conflicting);
    return fails(
      'exact',
      `${where}${more}; ${conflicting.length} group(s) have different targets, so M is empty: L ≥ ${toNumber(bound).toPrecision(6)} > 0 everywhere`,
      { groups: described, emptyM: true, lossLowerBound: toJson(bound), lossLowerBoundExact: toString(bound) },
    );
  },
};

export const overparameterized: Step = {
  id: 'overparameterized',
  title: 'more parameters than fitted values (n > d·k)',
  explain:
    'The setting of the paper: n > d (n > k·d with k outputs), so that M = F⁻¹(0) ⊂ ℝⁿ can have ' +
    'dimension n − k·d > 0. An integer comparison.',
  run(ctx) {
    const { d, k } = ctx.case.data;
    const n = modelOf(ctx.ws).n;
    const need = d * k;
    const text = k === 1 ? `d = ${d}` : `k·d = ${k}·${d} = ${need}`;
    return n > need
      ? holds('exact', `n = ${n} > ${text}`, { n, dk: need })
      : fails('exact', `n = ${n} ≤ ${text}: the network is not overparameterized`, { n, dk: need });
  },
};
