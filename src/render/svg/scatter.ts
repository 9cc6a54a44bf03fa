/**
 * The data at a glance: for one input coordinate, the targets against it; for two or more, the
 * points in the plane of the first two coordinates, coloured by their (first) target.
 */
import { INK, colour, esc, linear, niceTicks, num, px, svgElement, text, tickLabels } from './primitives.js';

export interface ScatterInput {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  readonly title: string;
}

export function scatterSvg(input: ScatterInput): string {
  const W = 640;
  const H = 340;
  const left = 72;
  const right = 24;
  const top = 24;
  const bottom = 56;
  const oneD = (input.x[0]?.length ?? 0) === 1;
  const xs = input.x.map((r) => r[0]!);
  const ys = oneD ? input.y : input.x.map((r) => r[1]!);
  const pad = (v: readonly number[]): [number, number] => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const d = (hi - lo) * 0.08 || 1;
    return [lo - d, hi + d];
  };
  const [x0, x1] = pad(xs);
  const [y0, y1] = pad(ys);
  const X = linear(x0, x1, left, W - right);
  const Y = linear(y0, y1, H - bottom, top);
  const body: string[] = [];
  const yt = niceTicks(y0, y1, 5);
  const ytLabels = tickLabels(yt);
  for (const [i, t] of yt.entries()) {
    body.push(`<line x1="${left}" x2="${W - right}" y1="${px(Y(t))}" y2="${px(Y(t))}" stroke="${INK.grid}" stroke-width="0.5"/>`);
    body.push(text(left - 8, Y(t) + 5, ytLabels[i]!, `text-anchor="end" font-size="14" fill="${INK.muted}"`));
  }
  const xt = niceTicks(x0, x1, 6);
  const xtLabels = tickLabels(xt);
  for (const [i, t] of xt.entries()) {
    body.push(`<line x1="${px(X(t))}" x2="${px(X(t))}" y1="${H - bottom}" y2="${H - bottom + 5}" stroke="${INK.muted}"/>`);
    body.push(text(X(t), H - bottom + 22, xtLabels[i]!, `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  }
  body.push(`<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="${INK.muted}"/>`);
  body.push(text((left + W - right) / 2, H - 10, oneD ? 'input x' : 'first input coordinate x₁', `text-anchor="middle" fill="${INK.muted}"`));
  body.push(text(18, (top + H - bottom) / 2, oneD ? 'target y' : 'x₂', `text-anchor="middle" fill="${INK.muted}" transform="rotate(-90 18 ${px((top + H - bottom) / 2)})"`));
  const [c0, c1] = [Math.min(...input.y), Math.max(...input.y)];
  const shade = linear(c0, c1, 0.1, 0.9);
  input.x.forEach((r, i) => {
    const fill = oneD ? INK.positive : colour(c1 > c0 ? shade(input.y[i]!) : 0.5);
    body.push(
      `<circle cx="${px(X(xs[i]!))}" cy="${px(Y(ys[i]!))}" r="${input.x.length > 40 ? 4 : 7}" fill="${fill}" stroke="#ffffff" stroke-width="1"><title>${esc(`point ${i + 1}: x = (${r.map((v) => num(v, 4)).join(', ')}), y = ${num(input.y[i]!, 4)}`)}</title></circle>`,
    );
  });
  return svgElement(W, H, input.title, body);
}
