/**
 * A walk along M: above, the path in the plane of the two coordinates it spreads along most
 * (S the start, E the end); below, the loss at each point of the path on a log scale against
 * the distance travelled, with the tolerance that counts as 0. A path that stays on M keeps the
 * loss at rounding level however far it goes.
 */
import { INK, decadeLabel, decadeTicks, esc, linear, niceTicks, num, px, svgElement, text, tickLabels } from './primitives.js';

export interface WalkPathInput {
  /** the path's two coordinates, point by point */
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly aName: string;
  readonly bName: string;
  /** distance travelled and loss, point by point */
  readonly distance: readonly number[];
  readonly loss: readonly number[];
  /** the loss that counts as 0 */
  readonly lossTol: number;
  readonly title: string;
}

const W = 640;
const LEFT = 84;
const RIGHT = 24;

function padded(v: readonly number[]): [number, number] {
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const d = (hi - lo) * 0.08 || Math.max(1e-9, Math.abs(lo) * 0.01);
  return [lo - d, hi + d];
}

export function walkPathSvg(input: WalkPathInput): string {
  const body: string[] = [];
  // The plane.
  const top = 20;
  const planeH = 280;
  const [a0, a1] = padded(input.a);
  const [b0, b1] = padded(input.b);
  const X = linear(a0, a1, LEFT, W - RIGHT);
  const Y = linear(b0, b1, top + planeH, top);
  const at = niceTicks(a0, a1, 5);
  const bt = niceTicks(b0, b1, 4);
  tickLabels(bt).forEach((s, i) => {
    body.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${px(Y(bt[i]!))}" y2="${px(Y(bt[i]!))}" stroke="${INK.grid}" stroke-width="0.5"/>`);
    body.push(text(LEFT - 8, Y(bt[i]!) + 5, s, `text-anchor="end" font-size="14" fill="${INK.muted}"`));
  });
  tickLabels(at).forEach((s, i) => body.push(text(X(at[i]!), top + planeH + 20, s, `text-anchor="middle" font-size="14" fill="${INK.muted}"`)));
  body.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${top + planeH}" y2="${top + planeH}" stroke="${INK.muted}"/>`);
  body.push(text((LEFT + W - RIGHT) / 2, top + planeH + 42, input.aName, `text-anchor="middle" fill="${INK.muted}"`));
  const midY = top + planeH / 2;
  body.push(text(18, midY, input.bName, `text-anchor="middle" fill="${INK.muted}" transform="rotate(-90 18 ${px(midY)})"`));
  const pts = input.a.map((v, i) => `${px(X(v))},${px(Y(input.b[i]!))}`);
  body.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${INK.positive}" stroke-width="2.5"/>`);
  for (const [i, label, fill] of [
    [0, 'S', INK.text],
    [input.a.length - 1, 'E', INK.negative],
  ] as const) {
    const x = X(input.a[i]!);
    const y = Y(input.b[i]!);
    body.push(`<circle cx="${px(x)}" cy="${px(y)}" r="6" fill="${fill}"><title>${esc(`${label === 'S' ? 'start' : 'end'}: ${input.aName} = ${num(input.a[i]!, 6)}, ${input.bName} = ${num(input.b[i]!, 6)}`)}</title></circle>`);
    body.push(text(x + 10, y - 8, label, `font-weight="600" fill="${fill}"`));
  }

  // The loss along the path, log scale.
  const top2 = top + planeH + 76;
  const lossH = 170;
  const floor = Math.min(input.lossTol, ...input.loss.filter((v) => v > 0)) / 10;
  const logs = input.loss.map((v) => Math.log10(Math.max(v, floor)));
  const e0 = Math.floor(Math.min(...logs, Math.log10(input.lossTol)));
  const e1 = Math.ceil(Math.max(...logs, Math.log10(input.lossTol))) + 1;
  const D = linear(0, Math.max(...input.distance, 1e-300), LEFT, W - RIGHT);
  const E = linear(e0, e1, top2 + lossH, top2);
  for (const e of decadeTicks(e0, e1, 5)) {
    body.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${px(E(e))}" y2="${px(E(e))}" stroke="${INK.grid}" stroke-width="0.5"/>`);
    body.push(text(LEFT - 8, E(e) + 5, decadeLabel(e), `text-anchor="end" font-size="14" fill="${INK.muted}"`));
  }
  const tolY = E(Math.log10(input.lossTol));
  body.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${px(tolY)}" y2="${px(tolY)}" stroke="${INK.accent}" stroke-dasharray="6 4"/>`);
  body.push(text(W - RIGHT, tolY - 6, `counts as 0 below ${num(input.lossTol)}`, `text-anchor="end" font-size="14" fill="${INK.accent}"`));
  const lp = logs.map((v, i) => `${px(D(input.distance[i]!))},${px(E(v))}`);
  body.push(`<polyline points="${lp.join(' ')}" fill="none" stroke="${INK.positive}" stroke-width="2"/>`);
  body.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${top2 + lossH}" y2="${top2 + lossH}" stroke="${INK.muted}"/>`);
  const dt = niceTicks(0, Math.max(...input.distance), 5);
  tickLabels(dt).forEach((s, i) => body.push(text(D(dt[i]!), top2 + lossH + 20, s, `text-anchor="middle" font-size="14" fill="${INK.muted}"`)));
  body.push(text((LEFT + W - RIGHT) / 2, top2 + lossH + 42, 'distance travelled along the path', `text-anchor="middle" fill="${INK.muted}"`));
  const mid2 = top2 + lossH / 2;
  body.push(text(18, mid2, 'loss L', `text-anchor="middle" fill="${INK.muted}" transform="rotate(-90 18 ${px(mid2)})"`));
  return svgElement(W, top2 + lossH + 56, input.title, body);
}
