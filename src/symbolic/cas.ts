/**
 * nerdamer, the second algebra system: limits and simplification only. It is loaded lazily
 * (CommonJS, through createRequire) the first time a caller needs it, and nothing it returns is
 * trusted by itself: every caller checks the result numerically before it counts (nerdamer has
 * been seen here to give a wrong limit, +∞ for e^(−2s−1/s)(s²−1) as s → ∞, and wrong
 * derivatives, which is why derivatives come from mathjs).
 */
import { createRequire } from 'node:module';
import { limitInWorker } from './cas-prefetch.js';

/** The part of nerdamer's API used here. */
interface NerdamerExpression {
  toString(): string;
  evaluate(): NerdamerExpression;
  text(format?: string): string;
}
type Nerdamer = (expression: string, subs?: Record<string, string>) => NerdamerExpression;

let instance: Nerdamer | undefined;

function nerdamer(): Nerdamer {
  if (instance === undefined) {
    const require = createRequire(import.meta.url);
    const core = require('nerdamer') as Nerdamer;
    require('nerdamer/Algebra');
    require('nerdamer/Calculus');
    instance = core;
  }
  return instance;
}

/** A CAS answer, or the reason there is none. */
export type CasResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

function attempt(run: () => string): CasResult {
  try {
    return { ok: true, text: run() };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `nerdamer: ${msg.split('\n')[0]}` };
  }
}

/**
 * lim_{t→0⁺} of an infix expression in `t`, as text ("0", "1", "Infinity", …). nerdamer's
 * limits are two-sided, so the one-sided limit is taken as lim_{s→∞} of the expression at
 * t = 1/s.
 */
export function limitAtZeroRight(text: string, variable = 't'): CasResult {
  // the same computation in a worker (done ahead when a caller asked for it), so that it can be
  // stopped at the step's deadline (cas-prefetch.ts); in this thread only when no worker starts
  const inWorker = limitInWorker(text, variable);
  if (inWorker !== undefined) return inWorker;
  return attempt(() => {
    const nd = nerdamer();
    const atInverse = nd(text, { [variable]: '1/s__' }).toString();
    return nd(`limit(${atInverse}, s__, Infinity)`).toString();
  });
}

/** nerdamer's simplify of an infix expression, as text. */
export function simplifyText(text: string): CasResult {
  return attempt(() => nerdamer()(`simplify(${text})`).toString());
}

/** nerdamer's expand of an infix expression, as text. */
export function expandText(text: string): CasResult {
  return attempt(() => nerdamer()(`expand(${text})`).toString());
}

/**
 * The numeric value of a nerdamer constant answer ("0", "1/2", "-Infinity"), or NaN when the
 * answer is not a plain number (it still has symbols in it, or is undefined).
 */
export function casNumber(text: string): number {
  const s = text.trim();
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  const frac = /^(-?\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/.exec(s);
  if (!frac) return NaN;
  const p = Number(frac[1]);
  return frac[2] === undefined ? p : p / Number(frac[2]);
}
