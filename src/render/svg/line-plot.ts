/**
 * A function of one variable sampled by a step, e.g. the loss along a line through the point
 * across M (Remark 2.2: a kink for Σ|fᵢ|, a parabola for Σfᵢ², flat to second order for a > 2).
 */
import { INK, esc, linear, niceTicks, num, px, svgElement, text, tickLabels } from './primitives.js';

export interface Series {
  readonly name: string;
  readonly y: readonly number[];
}

export interface LinePlotInput {
  readonly x: readonly number[];
  readonly series: readonly Series[];
  readonly xLabel: string;
  readonly title: string;
  /** points to mark on the curve, e.g. a witness σ(−1) = −0.76 */
  readonly marks?: readonly { readonly x: number; readonly y: number; readonly label: string }[];
}

const COLOURS = [INK.positive, INK.accent, INK.negative, INK.neutral];

export function linePlotSvg(input: LinePlotInput): string {
  const W = 640;
  const H = 300;
  const left = 72;
  const right = 20;
  const top = 36;
  const bottom = 48;
  const ys = [...input.series.flatMap((s) => s.y.filter(Number.isFinite)), ...(input.marks ?? []).map((m) => m.y)];
  const xs = input.x.filter(Number.isFinite);
  const y0 = Math.min(0, ...ys);
  const y1 = Math.max(...ys, y0 + Number.EPSILON);
  const xt = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yt = niceTicks(y0, y1, 5);
  const X = linear(Math.min(...xs), Math.max(...xs), left, W - right);
  const Y = linear(y0, y1, H - bottom, top);
  const body: string[] = [];
  const ytLabels = tickLabels(yt);
  const xtLabels = tickLabels(xt);
  for (const [i, t] of yt.entries()) {
    body.push(`<line x1="${left}" x2="${W - right}" y1="${px(Y(t))}" y2="${px(Y(t))}" stroke="${INK.grid}" stroke-width="0.5"/>`);
    body.push(text(left - 6, Y(t) + 4, ytLabels[i]!, `text-anchor="end" font-size="14" fill="${INK.muted}"`));
  }
  for (const [i, t] of xt.entries()) {
    body.push(`<line x1="${px(X(t))}" x2="${px(X(t))}" y1="${H - bottom}" y2="${H - bottom + 4}" stroke="${INK.muted}"/>`);
    body.push(text(X(t), H - bottom + 17, xtLabels[i]!, `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  }
  body.push(`<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="${INK.muted}"/>`);
  body.push(text((left + W - right) / 2, H - 10, input.xLabel, `text-anchor="middle" fill="${INK.muted}"`));
  input.series.forEach((s, k) => {
    const pts = input.x.map((x, i) => [x, s.y[i]!] as const).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    const d = pts.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${px(X(a))} ${px(Y(b))}`).join(' ');
    const c = COLOURS[k % COLOURS.length]!;
    body.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${k > 0 ? ' stroke-dasharray="6 3"' : ''}><title>${esc(s.name)}</title></path>`);
    body.push(`<line x1="${left + 8 + k * 200}" x2="${left + 32 + k * 200}" y1="18" y2="18" stroke="${c}" stroke-width="2"${k > 0 ? ' stroke-dasharray="6 3"' : ''}/>`);
    body.push(text(left + 38 + k * 200, 22, s.name));
  });
  if (y0 < 0 && y1 > 0) body.push(`<line x1="${left}" x2="${W - right}" y1="${px(Y(0))}" y2="${px(Y(0))}" stroke="${INK.muted}" stroke-width="1"/>`);
  for (const m of input.marks ?? []) {
    const cx = X(m.x);
    const cy = Y(m.y);
    body.push(`<line x1="${px(cx)}" x2="${px(cx)}" y1="${px(Y(0))}" y2="${px(cy)}" stroke="${INK.negative}" stroke-dasharray="3 3"/>`);
    body.push(`<circle cx="${px(cx)}" cy="${px(cy)}" r="6" fill="${INK.negative}"><title>${esc(m.label)}</title></circle>`);
    // The label sits on the side of the plot with more room, so it stays inside the picture.
    const anchor = cx < (left + W - right) / 2 ? 'start' : 'end';
    body.push(text(cx + (anchor === 'start' ? 12 : -12), cy + (cy > (top + H - bottom) / 2 ? -12 : 22), m.label, `text-anchor="${anchor}" font-size="16" font-weight="600" fill="${INK.negative}"`));
  }
  return svgElement(W, H, input.title, body);
}
