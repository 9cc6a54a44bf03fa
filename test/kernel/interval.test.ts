import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  contains,
  div,
  EMPTY,
  ENTIRE,
  exp,
  expm1,
  fromNumber,
  fromRational,
  hull,
  intersect,
  interval,
  isEmpty,
  log,
  log1p,
  mid,
  mul,
  neg,
  nextDown,
  nextUp,
  pow,
  sigmoid,
  sqr,
  sqrt,
  sub,
  tanh,
  ulp,
  width,
  type Interval,
} from '../../src/kernel/interval.js';
import * as Q from '../../src/kernel/rational.js';
import type { Rational } from '../../src/kernel/rational.js';

const RUNS = { seed: 42, numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Helpers: exact membership, arbitraries

/** Exact test lo ≤ r ≤ hi for a rational r (infinite endpoints are unbounded). */
function holds(a: Interval, r: Rational): boolean {
  const loOk = a.lo === -Infinity || (Number.isFinite(a.lo) && Q.cmp(Q.fromNumber(a.lo), r) <= 0);
  const hiOk = a.hi === Infinity || (Number.isFinite(a.hi) && Q.cmp(r, Q.fromNumber(a.hi)) <= 0);
  return loOk && hiOk;
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const moderate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
/** A box and a point in it, from three sorted finite doubles. */
const boxPoint = (gen: fc.Arbitrary<number>): fc.Arbitrary<{ box: Interval; x: number }> =>
  fc.tuple(gen, gen, gen).map(([a, b, c]) => {
    const [lo, x, hi] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
    return { box: { lo, hi }, x };
  });
/** Mostly "nice" numbers (small dyadics, where exact results are common) mixed with any doubles. */
const mixed = fc.oneof(finite, moderate, fc.integer({ min: -64, max: 64 }).map((k) => k / 8));

// ---------------------------------------------------------------------------------------------

describe('nextUp / nextDown', () => {
  it('handles the special values', () => {
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(Object.is(nextUp(-Number.MIN_VALUE), -0)).toBe(true);
    expect(nextUp(Number.MIN_VALUE)).toBe(2 * Number.MIN_VALUE);
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextDown(-Infinity)).toBe(-Infinity);
    expect(nextDown(Infinity)).toBe(Number.MAX_VALUE);
    expect(nextUp(NaN)).toBeNaN();
    // Across the subnormal / normal boundary.
    const minNormal = 2 ** -1022;
    expect(nextDown(minNormal)).toBe(minNormal - Number.MIN_VALUE);
    expect(nextUp(minNormal - Number.MIN_VALUE)).toBe(minNormal);
    expect(nextUp(-minNormal)).toBe(-minNormal + Number.MIN_VALUE);
  });

  it('steps to the adjacent float: no float lies strictly between (checked by float midpoints)', () => {
    fc.assert(
      fc.property(finite, (x) => {
        const y = nextUp(x);
        expect(y > x).toBe(true);
        if (y === Infinity) return;
        // y − x is exact for neighbours; were there a float strictly between, the midpoint
        // x + (y − x)/2 would round to something other than x or y.
        const m = x + (y - x) / 2;
        expect(m === x || m === y).toBe(true);
        expect(nextDown(y)).toBe(x === 0 ? 0 : x);
        // ...and the gap is positive and exactly representable: y − x is the ulp.
        expect(Q.cmp(Q.fromNumber(y), Q.fromNumber(x))).toBe(1);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('agrees with the exact ulp 2^(e−52) of normal numbers', () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** -1000, max: 2 ** 1000, noNaN: true }), (x) => {
        const e = Math.floor(Math.log2(x));
        // log2 can be off by one near powers of two: pick the e with 2^e ≤ x < 2^(e+1) exactly.
        const ee = 2 ** e > x ? e - 1 : 2 ** (e + 1) <= x ? e + 1 : e;
        const gap = Q.sub(Q.fromNumber(nextUp(x)), Q.fromNumber(x));
        expect(Q.eq(gap, Q.fromNumber(2 ** (ee - 52)))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('interval basics', () => {
  it('builds, queries and rejects', () => {
    expect(interval(1, 2)).toEqual({ lo: 1, hi: 2 });
    expect(() => interval(2, 1)).toThrow(RangeError);
    expect(isEmpty(interval(NaN, 1))).toBe(true);
    expect(fromNumber(3)).toEqual({ lo: 3, hi: 3 });
    expect(contains({ lo: 0, hi: 1 }, 0.5)).toBe(true);
    expect(contains({ lo: 0, hi: 1 }, 1.5)).toBe(false);
    expect(contains({ lo: 0, hi: 1 }, { lo: 0.2, hi: 1 })).toBe(true);
    expect(contains({ lo: 0, hi: 1 }, EMPTY)).toBe(true);
    expect(contains(EMPTY, 0)).toBe(false);
    expect(hull({ lo: 0, hi: 1 }, { lo: 3, hi: 4 })).toEqual({ lo: 0, hi: 4 });
    expect(hull(EMPTY, { lo: 3, hi: 4 })).toEqual({ lo: 3, hi: 4 });
    expect(intersect({ lo: 0, hi: 2 }, { lo: 1, hi: 4 })).toEqual({ lo: 1, hi: 2 });
    expect(isEmpty(intersect({ lo: 0, hi: 1 }, { lo: 2, hi: 4 }))).toBe(true);
    expect(width(fromNumber(5))).toBe(0);
    expect(width({ lo: 0, hi: 1 })).toBe(1);
    expect(width({ lo: -Infinity, hi: 0 })).toBe(Infinity);
    expect(mid({ lo: 1, hi: 3 })).toBe(2);
    expect(mid(ENTIRE)).toBe(0);
    expect(mid({ lo: 0, hi: Infinity })).toBe(Number.MAX_VALUE);
    expect(mid({ lo: -Number.MAX_VALUE, hi: Number.MAX_VALUE })).toBe(0);
    expect(mid({ lo: Number.MAX_VALUE, hi: Number.MAX_VALUE })).toBe(Number.MAX_VALUE);
    expect(mid(EMPTY)).toBeNaN();
  });

  it('width bounds the exact width from above; mid lies inside', () => {
    fc.assert(
      fc.property(boxPoint(finite), ({ box }) => {
        const w = width(box);
        const exact = Q.sub(Q.fromNumber(box.hi), Q.fromNumber(box.lo));
        expect(w === Infinity || Q.cmp(exact, Q.fromNumber(w)) <= 0).toBe(true);
        expect(contains(box, mid(box))).toBe(true);
      }),
      RUNS,
    );
  });

  it('maps EMPTY to EMPTY everywhere', () => {
    const unary = [neg, abs, sqr, sqrt, exp, expm1, log, log1p, tanh, sigmoid, (a: Interval) => pow(a, 3)];
    for (const f of unary) expect(isEmpty(f(EMPTY))).toBe(true);
    for (const f of [add, sub, mul, div]) {
      expect(isEmpty(f(EMPTY, { lo: 1, hi: 2 }))).toBe(true);
      expect(isEmpty(f({ lo: 1, hi: 2 }, EMPTY))).toBe(true);
    }
  });
});

describe('interval arithmetic against exact rationals', () => {
  const ops: [string, (a: Interval, b: Interval) => Interval, (x: Rational, y: Rational) => Rational | undefined, (x: number, y: number) => number][] = [
    ['add', add, Q.add, (x, y) => x + y],
    ['sub', sub, Q.sub, (x, y) => x - y],
    ['mul', mul, Q.mul, (x, y) => x * y],
    ['div', div, (x, y) => (Q.isZero(y) ? undefined : Q.div(x, y)), (x, y) => x / y],
  ];

  for (const [name, op, exact, float] of ops) {
    it(`${name}: the exact result and the float result at any points lie in the box result`, () => {
      fc.assert(
        fc.property(boxPoint(mixed), boxPoint(mixed), ({ box: a, x }, { box: b, x: y }) => {
          const r = op(a, b);
          expect(r.lo <= r.hi).toBe(true);
          const e = exact(Q.fromNumber(x), Q.fromNumber(y));
          if (e !== undefined) expect(holds(r, e)).toBe(true);
          const f = float(x, y);
          if (!Number.isNaN(f)) expect(contains(r, f)).toBe(true);
        }),
        RUNS,
      );
    });
  }

  it('add and mul of points are at most 2 ulps wide, and exact results stay points', () => {
    fc.assert(
      fc.property(mixed, mixed, (x, y) => {
        for (const [op, v] of [
          [add, x + y],
          [mul, x * y],
        ] as const) {
          const r = op(fromNumber(x), fromNumber(y));
          if (!Number.isFinite(v)) continue;
          expect(r.hi - r.lo).toBeLessThanOrEqual(2 * ulp(v) + Number.MIN_VALUE);
        }
        const s = add(fromNumber(x), fromNumber(y));
        const exactSum = Q.add(Q.fromNumber(x), Q.fromNumber(y));
        if (Number.isFinite(x + y) && Q.eq(Q.fromNumber(x + y), exactSum)) expect(s.lo).toBe(s.hi);
      }),
      { seed: 42, numRuns: 1000 },
    );
    expect(add(fromNumber(0.5), fromNumber(0.25))).toEqual({ lo: 0.75, hi: 0.75 });
    expect(mul(fromNumber(3), fromNumber(0))).toEqual({ lo: 0, hi: 0 });
    expect(mul(fromNumber(1e-200), fromNumber(1e-200)).hi).toBe(Number.MIN_VALUE); // underflow is not "exact 0"
  });

  it('+ − × ÷ of points give the tightest float enclosure of the exact result (in the normal range)', () => {
    const inRange = (v: number): boolean => v === 0 || (Math.abs(v) >= 2 ** -900 && Math.abs(v) <= 2 ** 900);
    const inRangeQ = (e: Rational): boolean => {
      const m = Q.sign(e) < 0 ? Q.neg(e) : e;
      return Q.isZero(e) || (Q.cmp(m, Q.fromNumber(2 ** -900)) >= 0 && Q.cmp(m, Q.fromNumber(2 ** 900)) <= 0);
    };
    fc.assert(
      fc.property(mixed, mixed, (x, y) => {
        if (!inRange(x) || !inRange(y)) return;
        const X = Q.fromNumber(x);
        const Y = Q.fromNumber(y);
        const cases: [Interval, Rational][] = [
          [add(fromNumber(x), fromNumber(y)), Q.add(X, Y)],
          [sub(fromNumber(x), fromNumber(y)), Q.sub(X, Y)],
          [mul(fromNumber(x), fromNumber(y)), Q.mul(X, Y)],
        ];
        if (y !== 0) cases.push([div(fromNumber(x), fromNumber(y)), Q.div(X, Y)]);
        for (const [r, e] of cases) {
          if (!inRangeQ(e)) continue;
          expect(r).toEqual(fromRational(e));
        }
      }),
      { seed: 42, numRuns: 1000 },
    );
    expect(div(fromNumber(1), fromNumber(3)).hi).toBe(nextUp(div(fromNumber(1), fromNumber(3)).lo));
    expect(div(fromNumber(3), fromNumber(-0.75))).toEqual({ lo: -4, hi: -4 });
  });

  it('handles unbounded endpoints and overflow', () => {
    expect(add({ lo: 1, hi: Infinity }, { lo: 1, hi: 2 })).toEqual({ lo: 2, hi: Infinity });
    expect(add(fromNumber(Number.MAX_VALUE), fromNumber(Number.MAX_VALUE))).toEqual({ lo: Number.MAX_VALUE, hi: Infinity });
    expect(mul({ lo: 0, hi: 0 }, { lo: -Infinity, hi: Infinity })).toEqual({ lo: 0, hi: 0 });
    expect(mul({ lo: 1, hi: 2 }, { lo: -Infinity, hi: 3 })).toEqual({ lo: -Infinity, hi: 6 });
    expect(div({ lo: 1, hi: 2 }, { lo: -1, hi: 1 })).toEqual(ENTIRE);
    expect(div({ lo: 1, hi: 2 }, { lo: 0, hi: 0 })).toEqual(ENTIRE);
    expect(div({ lo: 1, hi: 2 }, { lo: 0, hi: 1 })).toEqual(ENTIRE);
    expect(div({ lo: 0, hi: 0 }, { lo: 1, hi: 2 })).toEqual({ lo: 0, hi: 0 });
    expect(div({ lo: 1, hi: Infinity }, { lo: 1, hi: Infinity })).toEqual({ lo: 0, hi: Infinity });
    expect(div({ lo: -1, hi: Infinity }, { lo: -Infinity, hi: -2 })).toEqual({ lo: -Infinity, hi: 0.5 });
  });

  it('sqr, abs, neg and integer powers enclose the exact value', () => {
    fc.assert(
      fc.property(boxPoint(fc.double({ min: -1e30, max: 1e30, noNaN: true })), fc.integer({ min: -6, max: 9 }), ({ box, x }, n) => {
        const X = Q.fromNumber(x);
        expect(holds(sqr(box), Q.mul(X, X))).toBe(true);
        expect(holds(abs(box), Q.sign(X) < 0 ? Q.neg(X) : X)).toBe(true);
        expect(holds(neg(box), Q.neg(X))).toBe(true);
        if (n < 0 && x === 0) return;
        let p: Rational = Q.ONE;
        for (let i = 0; i < Math.abs(n); i++) p = Q.mul(p, X);
        if (n < 0) p = Q.div(Q.ONE, p);
        expect(holds(pow(box, n), p)).toBe(true);
      }),
      RUNS,
    );
    expect(sqr({ lo: -2, hi: 3 })).toEqual({ lo: 0, hi: 9 });
    expect(pow({ lo: -2, hi: 3 }, 3)).toEqual({ lo: -8, hi: 27 });
    expect(pow({ lo: -2, hi: 3 }, 0)).toEqual({ lo: 1, hi: 1 });
    expect(() => pow({ lo: 1, hi: 2 }, 0.5)).toThrow(RangeError);
  });

  it('sqrt: lo² ≤ x ≤ hi² exactly, and exact squares stay exact', () => {
    fc.assert(
      fc.property(boxPoint(fc.double({ min: 0, max: 1e300, noNaN: true })), ({ box, x }) => {
        const r = sqrt(box);
        const X = Q.fromNumber(x);
        const lo = Q.fromNumber(r.lo);
        expect(Q.cmp(Q.mul(lo, lo), X) <= 0 && r.lo >= 0).toBe(true);
        const hi = Q.fromNumber(r.hi);
        expect(Q.cmp(X, Q.mul(hi, hi)) <= 0).toBe(true);
        expect(contains(r, Math.sqrt(x))).toBe(true);
      }),
      RUNS,
    );
    expect(sqrt({ lo: 4, hi: 9 })).toEqual({ lo: 2, hi: 3 });
    expect(sqrt({ lo: -1, hi: 0.25 })).toEqual({ lo: 0, hi: 0.5 });
    expect(isEmpty(sqrt({ lo: -2, hi: -1 }))).toBe(true);
    const s2 = sqrt(fromNumber(2));
    expect(s2.hi).toBe(nextUp(s2.lo));
  });
});

describe('fromRational', () => {
  const rationals = fc
    .tuple(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), fc.bigInt({ min: 1n, max: 2n ** 200n }))
    .map(([p, q]) => Q.rat(p, q));

  it('is the tightest float enclosure', () => {
    fc.assert(
      fc.property(rationals, (r) => {
        const a = fromRational(r);
        expect(holds(a, r)).toBe(true);
        if (a.lo === a.hi) expect(Q.eq(Q.fromNumber(a.lo), r)).toBe(true);
        else expect(a.hi).toBe(nextUp(a.lo));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('is exact on floats and correct far out of range', () => {
    fc.assert(
      fc.property(finite, (x) => {
        expect(fromRational(Q.fromNumber(x))).toEqual({ lo: x + 0, hi: x + 0 });
      }),
      RUNS,
    );
    expect(fromRational(Q.rat(1n, 10n))).toEqual({ lo: nextDown(0.1), hi: 0.1 }); // the float 0.1 is above 1/10
    expect(fromRational(Q.rat(1n, 2n ** 1050n))).toEqual({ lo: 2 ** -1050, hi: 2 ** -1050 });
    const tiny = fromRational(Q.rat(1n, 3n * 2n ** 1030n));
    expect(tiny.hi).toBe(nextUp(tiny.lo));
    expect(tiny.lo > 0).toBe(true);
    expect(fromRational(Q.rat(1n, 2n ** 1100n))).toEqual({ lo: 0, hi: Number.MIN_VALUE });
    expect(fromRational(Q.rat(-(2n ** 1100n)))).toEqual({ lo: -Infinity, hi: -Number.MAX_VALUE });
  });
});

// ---------------------------------------------------------------------------------------------
// Elementary functions against a high-precision reference (BigInt fixed point)

/** Fixed-point reference values V·2⁻ᴾ, accurate to a few units of 2⁻ᴾ. */
class Fixed {
  constructor(readonly P: bigint) {}
  get one(): bigint {
    return 1n << this.P;
  }
  of(r: Rational): bigint {
    return (r.num << this.P) / r.den;
  }
  /** a·b·2⁻ᴾ, truncated toward 0 (a shift would floor, and series of negative terms would end at −1, never 0). */
  mul(a: bigint, b: bigint): bigint {
    return (a * b) / this.one;
  }
  /** ln 2 = 2 atanh(1/3). */
  ln2(): bigint {
    return 2n * this.atanh(this.one / 3n);
  }
  /** atanh t = Σ t^(2k+1)/(2k+1), |t| ≤ 1/3. */
  atanh(t: bigint): bigint {
    const t2 = this.mul(t, t);
    let term = t;
    let s = 0n;
    for (let k = 1n; term !== 0n; k += 2n) {
      s += term / k;
      term = this.mul(term, t2);
    }
    return s;
  }
  /** eˣ − 1 for |x| ≤ 1/2, by Taylor series (no cancellation near 0). */
  expm1Small(x: bigint): bigint {
    let term = x;
    let s = 0n;
    for (let k = 2n; term !== 0n; k++) {
      s += term;
      term = this.mul(term, x) / k;
    }
    return s;
  }
  /** eˣ: x = k ln2 + r with |r| ≤ ½ ln 2. */
  exp(x: Rational): bigint {
    const k = BigInt(Math.round(Q.toNumber(x) / Math.LN2));
    const r = this.of(x) - k * this.ln2();
    const e = this.expm1Small(r) + this.one;
    return k >= 0n ? e << k : e >> -k;
  }
  expm1(x: Rational): bigint {
    return Math.abs(Q.toNumber(x)) <= 0.5 ? this.expm1Small(this.of(x)) : this.exp(x) - this.one;
  }
  /** ln y for y > 0: y = m·2ᵉ, m ∈ [1, 2), ln m = 2 atanh((m − 1)/(m + 1)). */
  log(y: Rational): bigint {
    let e = BigInt(y.num.toString(2).length - y.den.toString(2).length);
    let m = e >= 0n ? Q.rat(y.num, y.den << e) : Q.rat(y.num << -e, y.den);
    if (Q.cmp(m, Q.ONE) < 0) {
      m = Q.mul(m, Q.rat(2n));
      e -= 1n;
    }
    const t = Q.div(Q.sub(m, Q.ONE), Q.add(m, Q.ONE));
    return e * this.ln2() + 2n * this.atanh(this.of(t));
  }
  /** ln(1 + x), with 1 + x formed exactly (no cancellation for small x). */
  log1p(x: Rational): bigint {
    if (Math.abs(Q.toNumber(x)) <= 0.5) return 2n * this.atanh(this.of(Q.div(x, Q.add(Q.rat(2n), x))));
    return this.log(Q.add(Q.ONE, x));
  }
  /** tanh x = expm1(2x)/(expm1(2x) + 2). */
  tanh(x: Rational): bigint {
    const e = this.expm1(Q.mul(Q.rat(2n), x));
    return (e << this.P) / (e + 2n * this.one);
  }
  /** 1/(1 + e⁻ˣ). */
  sigmoid(x: Rational): bigint {
    return (this.one << this.P) / (this.one + this.exp(Q.neg(x)));
  }
}

/** lo·2ᴾ ≤ V + 8 and V − 8 ≤ hi·2ᴾ: the enclosure holds the reference up to its own error. */
function holdsFixed(a: Interval, V: bigint, P: bigint): boolean {
  const scaled = (x: number): Rational => Q.mul(Q.fromNumber(x), Q.rat(1n << P));
  const loOk = a.lo === -Infinity || Q.cmp(scaled(a.lo), Q.rat(V + 8n)) <= 0;
  const hiOk = a.hi === Infinity || Q.cmp(Q.rat(V - 8n), scaled(a.hi)) <= 0;
  return loOk && hiOk;
}

/** Enough fixed-point bits to resolve x and results of x's size far below an ulp. */
function precisionFor(x: number): bigint {
  const e = x === 0 ? 0 : Math.floor(Math.log2(Math.abs(x)));
  return BigInt(200 + Math.max(0, -e));
}

describe('elementary functions', () => {
  const refs: [string, (a: Interval) => Interval, (F: Fixed, x: Rational) => bigint, fc.Arbitrary<number>][] = [
    ['exp', exp, (F, x) => F.exp(x), fc.double({ min: -30, max: 30, noNaN: true })],
    ['expm1', expm1, (F, x) => F.expm1(x), fc.double({ min: -30, max: 30, noNaN: true })],
    ['log', log, (F, x) => F.log(x), fc.double({ min: 2 ** -60, max: 1e30, noNaN: true })],
    ['log1p', log1p, (F, x) => F.log1p(x), fc.double({ min: -0.999, max: 1e20, noNaN: true })],
    ['tanh', tanh, (F, x) => F.tanh(x), fc.double({ min: -20, max: 20, noNaN: true })],
    ['sigmoid', sigmoid, (F, x) => F.sigmoid(x), fc.double({ min: -30, max: 30, noNaN: true })],
  ];

  for (const [name, f, ref, gen] of refs) {
    it(`${name}: encloses the true value (BigInt fixed-point reference)`, () => {
      fc.assert(
        fc.property(gen, (x) => {
          if (Math.abs(x) < 2 ** -200 && x !== 0) return; // the reference's precision rule assumes moderate x
          const F = new Fixed(precisionFor(x));
          expect(holdsFixed(f(fromNumber(x)), ref(F, Q.fromNumber(x)), F.P)).toBe(true);
        }),
        { seed: 42, numRuns: 150 },
      );
    });
  }

  it('is at most a few ulps wide on points, and exact where the value is', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        for (const [f, v] of [
          [exp, Math.exp(x)],
          [tanh, Math.tanh(x)],
        ] as const) {
          const r = f(fromNumber(x));
          expect(r.hi - r.lo).toBeLessThanOrEqual(4 * ulp(v) + 4 * Number.MIN_VALUE);
        }
      }),
      RUNS,
    );
    expect(exp(fromNumber(0))).toEqual({ lo: 1, hi: 1 });
    expect(log(fromNumber(1))).toEqual({ lo: 0, hi: 0 });
    expect(tanh(fromNumber(0))).toEqual({ lo: 0, hi: 0 });
  });

  it('respects ranges and domains', () => {
    expect(exp({ lo: -Infinity, hi: -800 })).toEqual({ lo: 0, hi: Number.MIN_VALUE });
    expect(exp({ lo: 0, hi: 1000 }).hi).toBe(Infinity);
    expect(tanh({ lo: -100, hi: 100 })).toEqual({ lo: -1, hi: 1 });
    expect(sigmoid({ lo: -Infinity, hi: Infinity })).toEqual({ lo: 0, hi: 1 });
    expect(expm1({ lo: -Infinity, hi: 0 })).toEqual({ lo: -1, hi: 0 });
    expect(log({ lo: -1, hi: 0 }).lo).toBe(-Infinity);
    expect(log({ lo: 0, hi: 1 }).lo).toBe(-Infinity);
    expect(isEmpty(log({ lo: -2, hi: -1 }))).toBe(true);
    expect(isEmpty(log1p({ lo: -3, hi: -2 }))).toBe(true);
    const s = sigmoid({ lo: 0, hi: 0 });
    expect(contains(s, 0.5) && s.hi - s.lo < 1e-15).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

