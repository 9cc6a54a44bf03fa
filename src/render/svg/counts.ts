/**
 * The Hessian's eigenvalues by sign when they were counted, not computed (rank J = d·k gives the
 * counts exactly): one bar split into positive, zero and negative, with what the step knows of the
 * smallest positive eigenvalue: a proven lower bound, or a float estimate said to be one.
 */
import { INK, num, px, svgElement, text } from './primitives.js';

export interface CountsInput {
  readonly positive: number;
  readonly zero: number;
  readonly negative: number;
  /** the smallest positive eigenvalue: a proven lower bound, or (proven false) a float estimate */
  readonly minPositive?: { readonly value: number; readonly proven: boolean };
}

export function countsSvg(input: CountsInput): string {
  const W = 640;
  const H = input.minPositive !== undefined ? 112 : 92;
  const left = 16;
  const right = 16;
  const total = input.positive + input.zero + input.negative;
  const width = W - left - right;
  const parts: [number, string, string][] = [
    [input.positive, INK.positive, 'positive'],
    [input.zero, INK.neutral, 'zero'],
    [input.negative, INK.negative, 'negative'],
  ];
  const body: string[] = [];
  let x = left;
  for (const [count, fill, label] of parts) {
    if (count === 0 || total === 0) continue;
    const w = (count / total) * width;
    body.push(`<rect x="${px(x)}" y="34" width="${px(Math.max(w, 1))}" height="26" fill="${fill}"/>`);
    const s = `${count} ${label}`;
    // Inside the segment when it fits, else below it.
    if (w > s.length * 7 + 8) body.push(text(x + w / 2, 51, s, 'text-anchor="middle" fill="#ffffff" font-weight="600"'));
    else body.push(text(x + Math.max(w, 1) / 2, 76, s, `text-anchor="middle" fill="${fill}"`));
    x += w;
  }
  body.push(text(left, 22, `${total} eigenvalues of ∇²L at the point, by sign, counted from rank J`, `fill="${INK.muted}"`));
  const m = input.minPositive;
  if (m !== undefined) {
    const said = m.proven ? `smallest positive eigenvalue ≥ ${num(m.value, 4)} (proven bound)` : `smallest positive eigenvalue ≈ ${num(m.value, 4)} (float estimate, not a bound)`;
    body.push(text(left, H - 10, said, `fill="${m.proven ? INK.positive : INK.muted}"`));
  }
  const title = `Hessian eigenvalues by sign: ${input.positive} positive, ${input.zero} zero, ${input.negative} negative`;
  return svgElement(W, H, title, body);
}
