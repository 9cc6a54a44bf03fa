/**
 * The elementary functions of src/kernel/elementary.ts with their references (reference.ts), the
 * ranges their arguments are drawn from and the hostile points every run includes: 0 and the
 * subnormals, the ends of each function's branches (each threshold in elementary.ts and its
 * neighbouring floats), where results overflow or underflow, the domain ends, the region where
 * V8's Math.tanh, sinh and cosh are worst, arguments near multiples of π/2, huge arguments.
 */
import fc from 'fast-check';
import * as E from '../../../src/kernel/elementary.js';
import { nextDown, nextUp } from '../../../src/kernel/float.js';
import * as R from './reference.js';
import type { Ref } from './reference.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export interface UnaryCase {
  readonly name: string;
  readonly f: (a: Interval) => Interval;
  readonly ref: (x: number) => Ref;
  readonly gen: fc.Arbitrary<number>;
  readonly hostile: readonly number[];
  /** points where the truth is positive but below decimal.js's range (10^−9·10¹⁵): checked as 0 < v ≤ hi */
  readonly belowRange?: (x: number) => boolean;
  /** floats inside an interval where the function may have an extremum or a pole (for interval inputs) */
  readonly interior?: (a: number, b: number) => number[];
  /** intervals every run includes: around the extrema and poles, of several widths */
  readonly hostileIntervals?: readonly (readonly [number, number])[];
  /** whether point enclosures of normal results are asserted at most 4 ulps wide */
  readonly tight: boolean;
}

const MIN = Number.MIN_VALUE;
const MAX = Number.MAX_VALUE;
const p2 = (k: number): number => 2 ** k;

/** x and its two neighbours on each side. */
const near = (...xs: number[]): number[] => xs.flatMap((x) => [nextDown(nextDown(x)), nextDown(x), x, nextUp(x), nextUp(nextUp(x))]);
const signed = (xs: number[]): number[] => xs.flatMap((x) => [x, -x]);

/** Shared hostile points: zeros, subnormals, the normal boundary, tiny and huge magnitudes. */
export const COMMON = [
  0,
  -0,
  ...signed([MIN, 2 * MIN, 3 * MIN, 1e-320, p2(-1022), nextDown(p2(-1022)), nextUp(p2(-1022)), 1e-300, 1e-200, 1e-100, 1e-20]),
  ...signed(near(p2(-60), p2(-26))),
  ...signed([0.5, 1, 2, 10, 100, 1e10, 1e100, 1e300, MAX, nextDown(MAX)]),
];

const range = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
/** x·(1 ± rel) around a point. */
const around = (x: number, rel: number): fc.Arbitrary<number> => range(Math.min(x * (1 - rel), x * (1 + rel)), Math.max(x * (1 - rel), x * (1 + rel)));
/** Log-uniform positive floats with binary exponents in [lo, hi], subnormals included when lo < −1022. */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.tuple(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }), fc.integer({ min: lo, max: hi })).map(([m, e]) => {
    const v = e < -1000 ? m * p2(e + 100) * p2(-100) : e > 1000 ? m * p2(e - 100) * p2(100) : m * p2(e);
    return Number.isFinite(v) ? v : MAX;
  });
const either = (a: fc.Arbitrary<number>): fc.Arbitrary<number> => fc.tuple(a, fc.boolean()).map(([x, s]) => (s ? -x : x));
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const tiny = either(logUniform(-1074, -20));

/** The floats nearest k·π/2 for the multiples inside [a, b] (at most 8), with their neighbours. */
function halfPiMultiples(a: number, b: number, parity: 'all' | 'odd'): number[] {
  // beyond 2⁵⁰ the multiples are no longer consecutive floats apart (and the kernel gives the whole range there)
  if (!(b - a < 20) || Math.abs(a) > 2 ** 50 || Math.abs(b) > 2 ** 50) return [];
  const out: number[] = [];
  for (let k = Math.ceil(a / (Math.PI / 2)) - 1; k <= Math.floor(b / (Math.PI / 2)) + 1; k++) {
    if (parity === 'odd' && k % 2 === 0) continue;
    const x = k * (Math.PI / 2);
    for (const y of near(x)) if (y >= a && y <= b) out.push(y);
  }
  return out;
}
/** Arguments within a few ulps of k·π/2, where the reduction cancels most. */
const nearHalfPi = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -4, max: 4 })).map(([k, s]) => {
  let x = k * (Math.PI / 2);
  for (let i = 0; i < Math.abs(s); i++) x = s > 0 ? nextUp(x) : nextDown(x);
  return x;
});

const SWISH_MIN_AT = -1.2784645427610738;

/** [c − δ, c + δ] and the one-sided [c − δ, c], [c, c + δ] for a few widths δ. */
const aroundPoint = (c: number): [number, number][] =>
  [1e-12, 1e-6, 0.01, 0.3, 1.2, 2.9].flatMap((w): [number, number][] => [
    [c - w, c + w],
    [c - w, c],
    [c, c + w],
    [c - w, c + w / 3],
  ]);
/** Around k·π/2 for k = −8…8. */
const AROUND_HALF_PI = Array.from({ length: 17 }, (_, i) => (i - 8) * (Math.PI / 2)).flatMap(aroundPoint);

export const UNARY: readonly UnaryCase[] = [
  {
    name: 'exp',
    f: E.exp,
    ref: R.refExp,
    gen: fc.oneof(range(-746, 710), range(-2, 2), tiny, around(709.78, 1e-4), around(-745.13, 1e-4), around(-708.4, 1e-3), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...near(709.782712893384, 709.8, -745.1332191019412, -745.2, -708.3964185322641, -708.39641853226410622)],
    tight: true,
  },
  {
    name: 'expm1',
    f: E.expm1,
    ref: R.refExpm1,
    gen: fc.oneof(range(-40, 710), range(-0.01, 0.01), tiny, around(41, 0.01), around(-38, 0.01), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...near(-38, 41, 0.00542, -0.00542, 709.8, 709.782712893384, -1e-10)],
    tight: true,
  },
  {
    name: 'log',
    f: E.log,
    ref: R.refLog,
    gen: fc.oneof(logUniform(-1074, 1023), range(0.5, 2), around(1, 1e-10), range(0.7, 1.5)),
    hostile: [...COMMON.filter((x) => x > 0), ...near(1, Math.SQRT2, Math.SQRT1_2, 2, 0.5, Math.E)],
    tight: true,
  },
  {
    name: 'log1p',
    f: E.log1p,
    ref: R.refLog1p,
    gen: fc.oneof(range(-1, 1e3), range(-0.01, 0.01), tiny, logUniform(-60, 1023), range(-1, -0.999)),
    hostile: [...COMMON.filter((x) => x >= -1), -1, nextUp(-1), -0.5, ...near(Math.SQRT2 - 1, Math.SQRT1_2 - 1, 1e-18)],
    tight: true,
  },
  {
    name: 'tanh',
    f: E.tanh,
    ref: R.refTanh,
    gen: fc.oneof(range(-20, 20), range(-1, 1), range(-0.3, -0.15), tiny, around(19.1, 0.01), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(19.1, 0.22692861531342456, 0.5493061443340549, 0.88))],
    tight: true,
  },
  {
    name: 'sigmoid',
    f: E.sigmoid,
    ref: R.refSigmoid,
    gen: fc.oneof(range(-750, 40), range(-5, 5), tiny, around(37.5, 0.01), around(-37.5, 0.01), around(-745.2, 1e-4), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...near(37.5, -37.5, -745.2, -709, -745.1332191019412)],
    tight: true,
  },
  {
    name: 'softplus',
    f: E.softplus,
    ref: R.refSoftplus,
    gen: fc.oneof(range(-750, 40), range(-12, 12), tiny, around(37.5, 0.01), around(-37.5, 0.01), around(-10, 0.01), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...near(37.5, -37.5, -10, -745.2, -700)],
    tight: true,
  },
  {
    name: 'expNegInv',
    f: E.expNegInv,
    ref: R.refExpNegInv,
    gen: fc.oneof(logUniform(-1074, 1023), range(0, 10), range(0.0013, 0.0014), around(p2(60), 0.01), range(-5, 0)),
    hostile: [...COMMON, ...near(0.00134, p2(60), 1 / 745.2, 1 / 708)],
    belowRange: (t) => t > 0 && t < 1e-15,
    tight: true,
  },
  {
    name: 'smoolu',
    f: E.smoolu,
    ref: R.refSmoolu,
    gen: fc.oneof(logUniform(-1074, 1023), range(0, 10), range(0.0013, 0.0014), around(p2(60), 0.01), range(-5, 0)),
    hostile: [...COMMON, ...near(0.00134, p2(60), 1 / 745.2, 1 / 708)],
    belowRange: (t) => t > 0 && t < 1e-15,
    tight: true,
  },
  {
    name: 'swish',
    f: E.swish,
    ref: R.refSwish,
    gen: fc.oneof(range(-760, 40), range(-3, 1), tiny, around(SWISH_MIN_AT, 1e-6), around(-37.5, 0.01), around(-752, 1e-3), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...near(SWISH_MIN_AT, 37.5, -37.5, -752, -745, -2 * p2(-1022))],
    interior: (a, b) => near(SWISH_MIN_AT).filter((x) => x >= a && x <= b),
    hostileIntervals: aroundPoint(SWISH_MIN_AT),
    tight: true,
  },
  {
    name: 'sinh',
    f: E.sinh,
    ref: R.refSinh,
    gen: fc.oneof(range(-711, 711), range(-2, 2), tiny, around(40, 0.01), around(710.5, 1e-3), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(40, 710.5, 710.4758600739439, 0.5, 1e-5))],
    tight: true,
  },
  {
    name: 'cosh',
    f: E.cosh,
    ref: R.refCosh,
    gen: fc.oneof(range(-711, 711), range(-2, 2), tiny, around(40, 0.01), around(-710.5, 1e-3), either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(40, 710.5, 710.4758600739439, 0.5, 1e-5))],
    interior: (a, b) => (a < 0 && b > 0 ? [0] : []),
    hostileIntervals: aroundPoint(0),
    tight: true,
  },
  {
    name: 'sin',
    f: E.sin,
    ref: R.refSin,
    gen: fc.oneof(range(-10, 10), range(-1.6e6, 1.6e6), nearHalfPi, tiny, either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(Math.PI, Math.PI / 2, Math.PI / 4, 1.6e6, 355, 103993, 1e6 * Math.PI))],
    interior: (a, b) => halfPiMultiples(a, b, 'all'),
    hostileIntervals: AROUND_HALF_PI,
    tight: false,
  },
  {
    name: 'cos',
    f: E.cos,
    ref: R.refCos,
    gen: fc.oneof(range(-10, 10), range(-1.6e6, 1.6e6), nearHalfPi, tiny, either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(Math.PI, Math.PI / 2, Math.PI / 4, 1.6e6, 355, 103993, 1e6 * Math.PI))],
    interior: (a, b) => halfPiMultiples(a, b, 'all'),
    hostileIntervals: AROUND_HALF_PI,
    tight: false,
  },
  {
    name: 'tan',
    f: E.tan,
    ref: R.refTan,
    gen: fc.oneof(range(-10, 10), range(-1.6e6, 1.6e6), nearHalfPi, tiny, either(logUniform(-1074, 1023))),
    hostile: [...COMMON, ...signed(near(Math.PI, Math.PI / 2, Math.PI / 4, 1.6e6, 355, 103993, 1e6 * Math.PI))],
    interior: (a, b) => halfPiMultiples(a, b, 'odd'),
    hostileIntervals: AROUND_HALF_PI,
    tight: false,
  },
  {
    name: 'atan',
    f: E.atan,
    ref: R.refAtan,
    gen: fc.oneof(finite, range(-2, 2), tiny, around(1, 1e-6), either(logUniform(-1074, 1023)), either(logUniform(55, 65))),
    hostile: [...COMMON, ...signed(near(1, p2(60), 0.0625, 0.125, 1 / 16 + 1 / 8))],
    tight: true,
  },
];

export interface PowCase {
  readonly x: number;
  readonly y: number;
}

/** Positive bases over the whole range and exponents small, integral, huge and tiny. */
export const POW_GEN: fc.Arbitrary<PowCase> = fc.record({
  x: fc.oneof(logUniform(-1074, 1023), range(0.5, 2), around(1, 1e-12)),
  y: fc.oneof(range(-50, 50), fc.integer({ min: -1100, max: 1100 }), range(-1e6, 1e6), either(logUniform(-80, -1)), range(-0.5, 0.5)),
});

export const POW_HOSTILE: readonly PowCase[] = [
  { x: 2, y: 0.5 },
  { x: 4, y: 0.5 },
  { x: 0.5, y: 1074 },
  { x: 0.5, y: 1075 },
  { x: 2, y: 1023 },
  { x: 2, y: 1024 },
  { x: 2, y: -1074 },
  { x: 10, y: 308.25 },
  { x: 10, y: -323.5 },
  { x: MIN, y: 0.5 },
  { x: MIN, y: -0.5 },
  { x: MAX, y: 1 },
  { x: MAX, y: 0.5 },
  { x: MAX, y: -1 },
  { x: nextUp(1), y: p2(60) },
  { x: nextDown(1), y: -p2(60) },
  { x: nextUp(1), y: 1e-300 },
  { x: 3, y: p2(-70) },
  { x: 1e-300, y: 1e-300 },
  { x: 7, y: -1 },
  { x: 7, y: 3 },
  { x: Math.E, y: 709.78 },
];
