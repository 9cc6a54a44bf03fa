/**
 * The scalars a deep network carries from layer to layer (Corollary 3.4): one vertical axis per
 * stage (the projection a·x, then each carrier's output), each scaled to its own range, one dot
 * per data point on each, and a line joining a point's dots. The scalars stay distinct when no
 * two dots on an axis meet; a σ that is not monotone shows as lines that cross.
 */
import { INK, colour, esc, linear, num, px, svgElement, text } from './primitives.js';

export interface CarriedInput {
  readonly columns: readonly { readonly label: string; readonly values: readonly number[] }[];
  readonly title: string;
}

/** The smallest gap between two of the values, as a fraction of their span (0 when two coincide). */
export function smallestGapRatio(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const span = s.at(-1)! - s[0]!;
  if (!(span > 0)) return 0;
  return Math.min(...s.slice(1).map((v, i) => v - s[i]!)) / span;
}

export function carriedSvg(input: CarriedInput): string {
  const W = 640;
  const H = 360;
  const top = 56;
  const bottom = 76;
  const cols = input.columns;
  const X = linear(0, Math.max(1, cols.length - 1), 90, W - 90);
  const d = cols[0]?.values.length ?? 0;
  // Colour by rank in the first column, so a point can be followed across.
  const order = [...(cols[0]?.values ?? [])].map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const shade = new Map(order.map((o, r) => [o.i, colour(d > 1 ? 0.1 + (0.8 * r) / (d - 1) : 0.5)]));
  const ys = cols.map((c) => linear(Math.min(...c.values), Math.max(...c.values), H - bottom, top));
  const body: string[] = [];
  cols.forEach((c, k) => {
    const x = X(k);
    body.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${top}" y2="${H - bottom}" stroke="${INK.muted}"/>`);
    body.push(text(x, 22, c.label, `text-anchor="middle" font-weight="600"`));
    body.push(text(x, top - 10, num(Math.max(...c.values)), `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
    body.push(text(x, H - bottom + 22, num(Math.min(...c.values)), `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
    body.push(text(x, H - bottom + 44, `gap ${num(100 * smallestGapRatio(c.values), 2)}% of span`, `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  });
  for (let i = 0; i < d; i++) {
    const pts = cols.map((c, k) => `${px(X(k))},${px(ys[k]!(c.values[i]!))}`);
    body.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${shade.get(i)!}" stroke-width="1.5" opacity="0.8"/>`);
    cols.forEach((c, k) => {
      body.push(`<circle cx="${px(X(k))}" cy="${px(ys[k]!(c.values[i]!))}" r="4.5" fill="${shade.get(i)!}"><title>${esc(`data row ${i + 1}, ${c.label}: ${num(c.values[i]!, 6)}`)}</title></circle>`);
    });
  }
  body.push(text(W / 2, H - 8, 'each axis scaled to its own range; one line per data point', `text-anchor="middle" font-size="14" fill="${INK.muted}"`));
  return svgElement(W, H, input.title, body);
}
