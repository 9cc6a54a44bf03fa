/**
 * Lemma 3.3's number line: the sorted scalars p₁ < … < p_d (dots above the line) and the biases
 * β₁ < p₁ ≤ β₂ < p₂ ≤ … (ticks below). Unit j is switched on exactly for the points right of βⱼ,
 * which is why A is triangular. When the points crowd (many of them, or clusters), a second
 * strip zooms in on the first few so the interleaving can be seen.
 */
import { INK, esc, linear, niceTicks, num, px, svgElement, text } from './primitives.js';

export interface NumberLineInput {
  /** the scalars the last hidden layer sees, sorted */
  readonly p: readonly number[];
  /** βⱼ by unit, in increasing order */
  readonly beta: readonly number[];
}

const W = 640;
const STRIP = 96;

function strip(p: readonly number[], beta: readonly number[], y0: number, label: string, firstIndex = 1): string[] {
  const left = 24;
  const right = 24;
  const all = [...p, ...beta].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.04 || 1;
  const x = linear(lo - pad, hi + pad, left, W - right);
  const axisY = y0 + 46;
  const out: string[] = [text(left, y0 + 14, label, `fill="${INK.muted}"`)];
  out.push(`<line x1="${left}" x2="${W - right}" y1="${axisY}" y2="${axisY}" stroke="${INK.muted}"/>`);
  for (const t of niceTicks(lo - pad, hi + pad, 6)) {
    out.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${axisY}" y2="${axisY + 4}" stroke="${INK.muted}"/>`);
    out.push(text(x(t), axisY + 38, num(t), `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  }
  const labelled = p.length <= 12;
  beta.forEach((b, j) => {
    out.push(
      `<line x1="${px(x(b))}" x2="${px(x(b))}" y1="${axisY}" y2="${axisY + 12}" stroke="${INK.accent}" stroke-width="2"><title>${esc(`β${firstIndex + j} = ${num(b, 6)}`)}</title></line>`,
    );
    if (labelled) out.push(text(x(b), axisY + 23, `β${firstIndex + j}`, `text-anchor="middle" font-size="14" fill="${INK.accent}"`));
  });
  p.forEach((v, i) => {
    out.push(`<circle cx="${px(x(v))}" cy="${axisY - 8}" r="${labelled ? 4 : 2.5}" fill="${INK.positive}"><title>${esc(`p${firstIndex + i} = ${num(v, 6)}`)}</title></circle>`);
    if (labelled) out.push(text(x(v), axisY - 16, `p${firstIndex + i}`, `text-anchor="middle" font-size="14" fill="${INK.positive}"`));
  });
  return out;
}

export function numberLineSvg(input: NumberLineInput): string {
  const p = [...input.p].sort((a, b) => a - b);
  const beta = [...input.beta].sort((a, b) => a - b);
  const body = strip(p, beta, 0, `${p.length} scalars pᵢ (dots) and ${beta.length} biases βⱼ (ticks)`);
  let height = STRIP + 8;
  // Crowded: show the first few points and the biases among them.
  const span = (p.at(-1)! - p[0]!) || 1;
  const minGap = Math.min(...p.slice(1).map((v, i) => v - p[i]!));
  if (p.length > 12 || minGap < span / 60) {
    const k = Math.min(p.length, 6);
    const head = p.slice(0, k);
    const headBeta = beta.filter((b) => b <= head[k - 1]!);
    body.push(...strip(head, headBeta, height, `zoom: the first ${k} scalars and the biases among them`));
    height += STRIP + 8;
  }
  return svgElement(W, height, `Projections and biases: β₁ < p₁ ≤ β₂ < p₂ ≤ … ≤ β_d < p_d (${p.length} points)`, body);
}
