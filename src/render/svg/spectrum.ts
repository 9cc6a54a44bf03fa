/**
 * Eigenvalues (or singular values) on a log scale, one dot each in increasing order, coloured by
 * what the step counted them as: positive, zero within the tolerance, negative. The tolerance is
 * a dashed line, so a reader sees the gap that separates the d·k positive values from the
 * n − d·k that vanish on M.
 */
import { INK, decadeLabel, decadeTicks, esc, linear, num, px, svgElement, text } from './primitives.js';

export interface SpectrumInput {
  readonly values: readonly number[];
  /** |λ| ≤ tol counts as zero */
  readonly tol?: number;
  /** what the values are, for the title: "eigenvalues of ∇²L" */
  readonly what: string;
}

export interface SpectrumClasses {
  readonly positive: number;
  readonly zero: number;
  readonly negative: number;
}

export function classify(values: readonly number[], tol = 0): SpectrumClasses {
  let positive = 0;
  let zero = 0;
  let negative = 0;
  for (const v of values) {
    if (Math.abs(v) <= tol) zero++;
    else if (v > 0) positive++;
    else negative++;
  }
  return { positive, zero, negative };
}

export function spectrumSvg(input: SpectrumInput): string {
  const W = 640;
  const H = 280;
  const left = 64;
  const right = 16;
  const top = 40;
  const bottom = 44;
  const values = [...input.values].filter(Number.isFinite).sort((a, b) => a - b);
  const tol = input.tol ?? 0;
  const classes = classify(values, tol);
  const mags = values.map(Math.abs).filter((v) => v > 0);
  const hiExp = mags.length > 0 ? Math.log10(Math.max(...mags)) : 0;
  // The floor: the smallest nonzero magnitude (or the tolerance, whichever is lower), a decade down.
  const loExp = Math.min(mags.length > 0 ? Math.log10(Math.min(...mags)) : hiExp - 1, tol > 0 ? Math.log10(tol) : Infinity, hiExp - 1) - 0.5;
  const ticks = decadeTicks(loExp, hiExp + 0.25);
  const y = linear(ticks[0]!, ticks.at(-1)!, H - bottom, top);
  const x = linear(0, Math.max(1, values.length - 1), left + 8, W - right - 8);
  const body: string[] = [];
  for (const e of ticks) {
    body.push(`<line x1="${left}" x2="${W - right}" y1="${px(y(e))}" y2="${px(y(e))}" stroke="${INK.grid}" stroke-width="0.5"/>`);
    body.push(text(left - 6, y(e) + 4, decadeLabel(e), `text-anchor="end" fill="${INK.muted}"`));
  }
  body.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" stroke="${INK.muted}"/>`);
  if (tol > 0) {
    const ty = y(Math.log10(tol));
    body.push(`<line x1="${left}" x2="${W - right}" y1="${px(ty)}" y2="${px(ty)}" stroke="${INK.accent}" stroke-dasharray="5 3"/>`);
    body.push(text(W - right - 4, ty - 4, `tolerance ${num(tol)}`, `text-anchor="end" fill="${INK.accent}"`));
  }
  const r = values.length > 400 ? 1.6 : values.length > 100 ? 2.2 : 3.2;
  values.forEach((v, i) => {
    const a = Math.abs(v);
    const cls = a <= tol ? 'zero' : v > 0 ? 'positive' : 'negative';
    const fill = cls === 'zero' ? INK.neutral : cls === 'positive' ? INK.positive : INK.negative;
    const cy = a > 0 ? y(Math.max(Math.log10(a), ticks[0]!)) : y(ticks[0]!);
    body.push(`<circle cx="${px(x(i))}" cy="${px(cy)}" r="${r}" fill="${fill}"><title>${esc(`λ${i + 1} = ${num(v, 4)}`)}</title></circle>`);
  });
  body.push(text(left, H - bottom + 18, '1', `fill="${INK.muted}"`));
  body.push(text(W - right, H - bottom + 18, String(values.length), `text-anchor="end" fill="${INK.muted}"`));
  body.push(text((left + W - right) / 2, H - 10, `${input.what}, in increasing order (|value|, log scale)`, `text-anchor="middle" fill="${INK.muted}"`));
  const legend: [string, string, number][] = [
    [INK.positive, 'positive', classes.positive],
    [INK.neutral, tol > 0 ? `zero (|·| ≤ tolerance)` : 'zero', classes.zero],
    [INK.negative, 'negative', classes.negative],
  ];
  let lx = left;
  for (const [fill, label, count] of legend) {
    body.push(`<circle cx="${px(lx + 5)}" cy="18" r="5" fill="${fill}"/>`);
    const s = `${label}: ${count}`;
    body.push(text(lx + 14, 22, s));
    lx += 24 + s.length * 6.6;
  }
  const title = `${input.what}: ${classes.positive} positive, ${classes.zero} zero, ${classes.negative} negative${tol > 0 ? ` (tolerance ${num(tol)})` : ''}`;
  return svgElement(W, H, title, body);
}
