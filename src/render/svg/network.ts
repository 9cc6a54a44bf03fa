/**
 * A layered network as a diagram: one column of nodes per layer (inputs, each hidden layer, the
 * outputs), each column labelled with its width; wide layers show a few nodes and a count.
 */
import { INK, px, svgElement, text } from './primitives.js';

export interface NetworkInput {
  /** widths: inputs, hidden layers…, outputs */
  readonly widths: readonly number[];
  readonly activation: string;
  readonly title: string;
}

const MAX_NODES = 8;

export function networkSvg(input: NetworkInput): string {
  const W = 640;
  const H = 320;
  const top = 30;
  const bottom = 70;
  const cols = input.widths.length;
  const colX = (c: number): number => 70 + (c * (W - 140)) / Math.max(1, cols - 1);
  const nodeYs = input.widths.map((w) => {
    const shown = Math.min(w, MAX_NODES);
    return Array.from({ length: shown }, (_, i) => top + ((i + 0.5) * (H - top - bottom)) / shown);
  });
  const body: string[] = [];
  for (let c = 0; c + 1 < cols; c++) {
    for (const a of nodeYs[c]!) for (const b of nodeYs[c + 1]!) body.push(`<line x1="${px(colX(c))}" y1="${px(a)}" x2="${px(colX(c + 1))}" y2="${px(b)}" stroke="${INK.grid}" stroke-width="1"/>`);
  }
  input.widths.forEach((w, c) => {
    const kind = c === 0 ? 'input' : c === cols - 1 ? 'output' : 'hidden';
    const fill = kind === 'input' ? INK.neutral : kind === 'output' ? INK.accent : INK.positive;
    for (const y of nodeYs[c]!) body.push(`<circle cx="${px(colX(c))}" cy="${px(y)}" r="11" fill="${fill}" stroke="#ffffff" stroke-width="2"/>`);
    const name = kind === 'input' ? `input, ${w}` : kind === 'output' ? `output, ${w}` : `layer ${c}, ${w}`;
    body.push(text(colX(c), H - bottom + 30, name, `text-anchor="middle" font-size="16"`));
    if (w > MAX_NODES) body.push(text(colX(c), H - bottom + 50, `(${MAX_NODES} of ${w} shown)`, `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  });
  if (cols > 2) body.push(text(W / 2, 18, `hidden units apply σ = ${input.activation}`, `text-anchor="middle" font-size="15" fill="${INK.muted}"`));
  return svgElement(W, H, input.title, body);
}
