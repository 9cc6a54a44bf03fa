/**
 * Lemma 3.3's number line: the sorted scalars p₁ < … < p_d (dots above the line) and the biases
 * β₁ < p₁ ≤ β₂ < p₂ ≤ … (ticks below). Unit j is switched on exactly for the points right of βⱼ,
 * which is why A is triangular. When the points crowd (many of them, or clusters), a second
 * strip zooms in on the first few so the interleaving can be seen.
 */
import { INK, esc, linear, niceTicks, num, px, svgElement, text, tickLabels } from './primitives.js';

export interface NumberLineInput {
  /** the scalars the last hidden layer sees, sorted */
  readonly p: readonly number[];
  /** βⱼ by unit, in increasing order */
  readonly beta: readonly number[];
}

const W = 640;

/** Labels closer than this (in px) to the previous one on the same row move to the next row. */
const LABEL_GAP = 30;
const ROW = 16;
const MAX_ROWS = 4;

/**
 * A row (0 … 3) for each label at the sorted positions xs: the first row where the label clears
 * the last one by LABEL_GAP, so no two labels on a row overlap; −1 (no label) where four rows do
 * not suffice. The dot or tick is still drawn, with its value as a tooltip, and the zoomed strip
 * shows the most crowded stretch.
 */
export function labelRows(xs: readonly number[]): number[] {
  const lastOnRow: number[] = [];
  return xs.map((x) => {
    let row = lastOnRow.findIndex((last) => x - last >= LABEL_GAP);
    if (row < 0 && lastOnRow.length < MAX_ROWS) row = lastOnRow.length;
    if (row >= 0) lastOnRow[row] = x;
    return row;
  });
}

/** One strip: its SVG and its height, which grows with the rows of labels it needs. */
function strip(p: readonly number[], beta: readonly number[], y0: number, label: string, pFirst = 1, betaFirst = 1): { body: string[]; height: number } {
  const left = 24;
  const right = 24;
  const all = [...p, ...beta];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.04 || 1;
  const x = linear(lo - pad, hi + pad, left, W - right);
  // Named points only when there are few; many are told apart by the zoomed strip.
  const labelled = p.length <= 12;
  const pRow = labelled ? labelRows(p.map(x)) : [];
  const betaRow = labelled ? labelRows(beta.map(x)) : [];
  const rowsAbove = labelled ? Math.max(0, ...pRow) + 1 : 0;
  const rowsBelow = labelled ? Math.max(0, ...betaRow) + 1 : 0;
  const axisY = y0 + 36 + ROW * rowsAbove;
  const tickY = axisY + 34 + ROW * rowsBelow;
  const out: string[] = [text(left, y0 + 14, label, `fill="${INK.muted}"`)];
  out.push(`<line x1="${left}" x2="${W - right}" y1="${axisY}" y2="${axisY}" stroke="${INK.muted}"/>`);
  const ticks = niceTicks(lo - pad, hi + pad, 6);
  const labels = tickLabels(ticks);
  ticks.forEach((t, i) => {
    out.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${axisY}" y2="${axisY + 4}" stroke="${INK.muted}"/>`);
    out.push(text(x(t), tickY, labels[i]!, `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  });
  beta.forEach((b, j) => {
    out.push(
      `<line x1="${px(x(b))}" x2="${px(x(b))}" y1="${axisY}" y2="${axisY + 12}" stroke="${INK.accent}" stroke-width="2"><title>${esc(`β${betaFirst + j} = ${num(b, 6)}`)}</title></line>`,
    );
    if (labelled && betaRow[j]! >= 0) out.push(text(x(b), axisY + 27 + ROW * betaRow[j]!, `β${betaFirst + j}`, `text-anchor="middle" font-size="14" fill="${INK.accent}"`));
  });
  p.forEach((v, i) => {
    out.push(`<circle cx="${px(x(v))}" cy="${axisY - 8}" r="${labelled ? 4 : 2.5}" fill="${INK.positive}"><title>${esc(`p${pFirst + i} = ${num(v, 6)}`)}</title></circle>`);
    if (labelled && pRow[i]! >= 0) out.push(text(x(v), axisY - 17 - ROW * pRow[i]!, `p${pFirst + i}`, `text-anchor="middle" font-size="14" fill="${INK.positive}"`));
  });
  return { body: out, height: tickY + 10 - y0 };
}

export function numberLineSvg(input: NumberLineInput): string {
  const p = [...input.p].sort((a, b) => a - b);
  const beta = [...input.beta].sort((a, b) => a - b);
  const main = strip(p, beta, 0, `${p.length} scalars pᵢ (dots) and ${beta.length} biases βⱼ (ticks)`);
  const body = main.body;
  let height = main.height + 8;
  // Crowded: zoom in on the k consecutive points closest together, and the biases among them
  // (from the one at or right of the point before them: βⱼ ∈ [pⱼ₋₁, pⱼ)).
  const span = (p.at(-1)! - p[0]!) || 1;
  const minGap = Math.min(...p.slice(1).map((v, i) => v - p[i]!));
  if (p.length > 12 || minGap < span / 60) {
    const k = Math.min(p.length, 6);
    let s = 0;
    for (let i = 1; i + k <= p.length; i++) if (p[i + k - 1]! - p[i]! < p[s + k - 1]! - p[s]!) s = i;
    const head = p.slice(s, s + k);
    const from = s > 0 ? p[s - 1]! : Number.NEGATIVE_INFINITY;
    const firstBeta = beta.findIndex((b) => b >= from);
    const headBeta = firstBeta < 0 ? [] : beta.slice(firstBeta).filter((b) => b <= head[k - 1]!);
    const what = s === 0 ? `the first ${k} scalars` : `p${s + 1} … p${s + k}, the ${k} scalars closest together,`;
    const zoom = strip(head, headBeta, height, `zoom: ${what} and the biases among them`, s + 1, firstBeta + 1);
    body.push(...zoom.body);
    height += zoom.height + 8;
  }
  return svgElement(W, height, `Projections and biases: β₁ < p₁ ≤ β₂ < p₂ ≤ … ≤ β_d < p_d (${p.length} points)`, body);
}
