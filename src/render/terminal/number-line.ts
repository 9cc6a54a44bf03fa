/**
 * The projections tᵢ = a·xᵢ of Lemma 3.3, sorted, on a number line, with the biases βⱼ marked
 * between them: the picture of why A = (σ(tᵢ − βⱼ)) is triangular (βⱼ lies at or right of t_{j−1}
 * and left of tⱼ, so σ vanishes above the diagonal).
 *
 *     β₁  β₂  β₃  β₄
 *   ──│─●─│─●─│─●─│─●──
 *       t₁  t₂  t₃  t₄
 */
import { cells, fmtNum, subscript, truncate, wrapText } from './format.js';

export interface NumberLineInput {
  /** the projections, in any order (they are drawn sorted and numbered by rank) */
  readonly t: readonly number[];
  /** the biases, numbered in the order given */
  readonly beta: readonly number[];
  /** how each value is written in the legend (exact text), when not the compact number */
  readonly tText?: readonly string[];
  readonly betaText?: readonly string[];
}

const T_MARK = '●';
const BETA_MARK = '│';

/** Lines of at most `width` cells: β labels, the axis with marks, t labels, the range, and the values. */
export function numberLine(input: NumberLineInput, width: number): string[] {
  const W = Math.max(10, width);
  const order = input.t.map((v, i) => ({ v, text: input.tText?.[i] ?? fmtNum(v) })).sort((a, b) => a.v - b.v);
  const betas = input.beta.map((v, j) => ({ v, text: input.betaText?.[j] ?? fmtNum(v) }));
  const all = [...order.map((e) => e.v), ...betas.map((e) => e.v)].filter(Number.isFinite);
  if (all.length === 0) return ['(no projections)'];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  // One cell of margin at each end so the extreme marks are not on the edge.
  const span = W - 3;
  const col = (v: number) => 1 + Math.round(((v - lo) / (hi - lo)) * span);

  const axis = [...'─'.repeat(W - 1)];
  for (const b of betas) axis[col(b.v)] = BETA_MARK;
  // A projection drawn over a bias at the same place: tᵢ = βⱼ is allowed (βⱼ = t_{j−1}).
  for (const t of order) axis[col(t.v)] = T_MARK;

  const betaLabels = placeLabels(
    betas.map((b, j) => ({ at: col(b.v), text: `β${subscript(j + 1)}` })),
    W - 1,
  );
  const tLabels = placeLabels(
    order.map((t, i) => ({ at: col(t.v), text: `t${subscript(i + 1)}` })),
    W - 1,
  );
  const lines = [...(betas.length > 0 ? [betaLabels.line] : []), axis.join(''), tLabels.line];
  const loText = fmtNum(lo);
  const hiText = fmtNum(hi);
  lines.push(`${loText}${' '.repeat(Math.max(1, W - 1 - cells(loText) - cells(hiText)))}${hiText}`);
  if (betaLabels.dropped || tLabels.dropped) lines.push('(some labels left out where marks are close; values below)');
  lines.push(...legend('t (sorted)', order.map((e) => e.text), W - 1));
  if (betas.length > 0) lines.push(...legend('β', betas.map((e) => e.text), W - 1));
  return lines.map((l) => truncate(l, W - 1));
}

/** Labels centred on their marks, left to right, each skipped if it would touch the previous one. */
function placeLabels(labels: readonly { at: number; text: string }[], width: number): { line: string; dropped: boolean } {
  const row = [...' '.repeat(width)];
  let free = 0;
  let dropped = false;
  for (const l of [...labels].sort((a, b) => a.at - b.at)) {
    const w = cells(l.text);
    const start = Math.min(width - w, Math.max(0, l.at - Math.floor((w - 1) / 2)));
    if (start < free) {
      dropped = true;
      continue;
    }
    [...l.text].forEach((ch, k) => (row[start + k] = ch));
    free = start + w + 1;
  }
  return { line: row.join('').trimEnd(), dropped };
}

/** "name = a, b, c" wrapped, at most three lines, with a count when cut. */
function legend(name: string, values: readonly string[], width: number): string[] {
  const text = `${name} = ${values.join(', ')}`;
  const lines = wrapText(text, width);
  if (lines.length <= 3) return lines;
  const more = ` … (${values.length} values)`;
  return [...lines.slice(0, 2), truncate(lines[2]!, width - cells(more)) + more];
}
