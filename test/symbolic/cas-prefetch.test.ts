import { afterEach, describe, expect, it } from 'vitest';
import { limitAtZeroRight } from '../../src/symbolic/cas.js';
import { cancelPrefetch, prefetchLimitsAtZeroRight, takePrefetchedLimit } from '../../src/symbolic/cas-prefetch.js';

/** Limits computed in this thread, with no batch in flight. */
function inThread(texts: readonly string[], variable = 't'): ReturnType<typeof limitAtZeroRight>[] {
  cancelPrefetch();
  return texts.map((t) => limitAtZeroRight(t, variable));
}

const TEXTS = [
  't*exp(-1/t)', // 0
  'exp(-1/t)-t*(exp(-1/t)*(-1/t^2))', // 0
  '1/t', // Infinity
  '(1+t)^2', // 1
  'sin(t)/t', // 1
  't*log(t)', // nerdamer's answer, whatever it is, must be the same from the worker
  '((', // a syntax error: nerdamer's message, the same from the worker
];

describe('nerdamer limits computed ahead in a worker', () => {
  afterEach(() => cancelPrefetch());

  it('gives exactly what the in-thread computation gives, errors included', () => {
    const expected = inThread(TEXTS);
    expect(expected[0]).toEqual({ ok: true, text: '0' });
    expect(expected[2]).toEqual({ ok: true, text: 'Infinity' });
    expect(expected[6]!.ok).toBe(false);
    expect(prefetchLimitsAtZeroRight(TEXTS)).toBe(true);
    const got = TEXTS.map((t) => takePrefetchedLimit(t));
    expect(got).toEqual(expected);
  });

  it('answers through limitAtZeroRight, in any order, for its own variable only', () => {
    const texts = ['s*exp(-1/s)', '1/s'];
    const expected = inThread(texts, 's');
    prefetchLimitsAtZeroRight(texts, 's');
    expect(takePrefetchedLimit('s*exp(-1/s)', 't')).toBeUndefined();
    expect(limitAtZeroRight('1/s', 's')).toEqual(expected[1]);
    expect(limitAtZeroRight('s*exp(-1/s)', 's')).toEqual(expected[0]);
  });

  it('leaves texts it was not asked for, and cancelled batches, to the caller', () => {
    prefetchLimitsAtZeroRight(['t*exp(-1/t)']);
    expect(takePrefetchedLimit('t^2')).toBeUndefined();
    cancelPrefetch();
    expect(takePrefetchedLimit('t*exp(-1/t)')).toBeUndefined();
    expect(prefetchLimitsAtZeroRight([])).toBe(false);
  });
});
