/**
 * Polynomials in t with rational coefficients, and an exact decision of p > 0 on t > 0 by Sturm's
 * theorem: for the sequence p₀ = q, p₁ = q′, pᵢ₊₁ = −(pᵢ₋₁ mod pᵢ), the number of distinct real
 * roots of q in (a, b], a and b not roots, is V(a) − V(b), V the number of sign changes along the
 * sequence (zeros dropped). That holds for q with repeated roots too: the last nonzero pᵢ is
 * gcd(q, q′), and dividing the sequence by it changes no sign where q ≠ 0.
 */
import type { Expr } from './expr-ast.js';
import { ZERO, add, div, isZero, mul, neg, rat, sign, sub, type Rational } from './rational.js';

/** Coefficients, lowest degree first, with no trailing zero (the zero polynomial is []). */
export type Poly = readonly Rational[];

/** Largest degree built while reading a formula as a polynomial (beyond it: not a polynomial here). */
const MAX_DEGREE = 64;

function trim(p: Rational[]): Rational[] {
  while (p.length > 0 && isZero(p[p.length - 1]!)) p.pop();
  return p;
}

function padd(a: Poly, b: Poly): Rational[] {
  const out: Rational[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(add(a[i] ?? ZERO, b[i] ?? ZERO));
  return trim(out);
}

function pmul(a: Poly, b: Poly): Rational[] | undefined {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length + b.length - 2 > MAX_DEGREE) return undefined;
  const out: Rational[] = new Array<Rational>(a.length + b.length - 1).fill(ZERO);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j] = add(out[i + j]!, mul(a[i]!, b[j]!));
  return trim(out);
}

/** The formula as a polynomial in t, when it is one syntactically (t, rational literals, + − ×, ÷ by a nonzero literal, powers by literal naturals). */
export function polynomialOf(e: Expr): Poly | undefined {
  switch (e.kind) {
    case 'num':
      return trim([e.exact]);
    case 'sym':
      return e.name === 't' ? [ZERO, rat(1n)] : undefined;
    case 'neg': {
      const a = polynomialOf(e.arg);
      return a === undefined ? undefined : a.map(neg);
    }
    case 'add':
    case 'sub':
    case 'mul': {
      const a = polynomialOf(e.left);
      const b = polynomialOf(e.right);
      if (a === undefined || b === undefined) return undefined;
      if (e.kind === 'add') return padd(a, b);
      if (e.kind === 'sub') return padd(a, b.map(neg));
      return pmul(a, b);
    }
    case 'div': {
      const a = polynomialOf(e.left);
      if (a === undefined || e.right.kind !== 'num' || isZero(e.right.exact)) return undefined;
      const c = e.right.exact;
      return a.map((x) => div(x, c));
    }
    case 'pow': {
      if (e.right.kind !== 'num' || e.right.exact.den !== 1n || e.right.exact.num < 0n || e.right.exact.num > BigInt(MAX_DEGREE)) return undefined;
      const a = polynomialOf(e.left);
      if (a === undefined) return undefined;
      let r: Rational[] | undefined = [rat(1n)];
      for (let k = 0n; k < e.right.exact.num && r !== undefined; k++) r = pmul(r, a);
      // 0⁰ = 1 as everywhere in the formula language
      return r;
    }
    default:
      return undefined;
  }
}

function derivative(p: Poly): Rational[] {
  return trim(p.slice(1).map((c, i) => mul(c, rat(BigInt(i + 1)))));
}

/** The remainder of a divided by b ≠ 0. */
function remainder(a: Poly, b: Poly): Rational[] {
  const r = [...a];
  const lead = b[b.length - 1]!;
  for (let i = r.length - b.length; i >= 0; i--) {
    const f = div(r[i + b.length - 1]!, lead);
    if (isZero(f)) continue;
    for (let j = 0; j < b.length; j++) r[i + j] = sub(r[i + j]!, mul(f, b[j]!));
  }
  return trim(r.slice(0, b.length - 1));
}

function signChanges(signs: readonly number[]): number {
  let changes = 0;
  let last = 0;
  for (const s of signs) {
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/** The number of distinct roots of q in (0, ∞), for q with q(0) ≠ 0. */
export function rootsOnHalfLine(q: Poly): number {
  const seq: Rational[][] = [[...q], derivative(q)];
  while (seq[seq.length - 1]!.length > 0) {
    const n = seq.length;
    seq.push(remainder(seq[n - 2]!, seq[n - 1]!).map(neg));
  }
  seq.pop();
  const atZero = seq.map((p) => sign(p[0] ?? ZERO));
  const atInfinity = seq.map((p) => sign(p[p.length - 1]!));
  return signChanges(atZero) - signChanges(atInfinity);
}

/** Whether p(t) > 0 for every t > 0, exactly. */
export function positiveOnHalfLine(p: Poly): boolean {
  if (p.length === 0) return false;
  // p = tᵏ·q with q(0) ≠ 0: tᵏ > 0 on t > 0, so p > 0 there iff q(0) > 0 and q has no root in (0, ∞)
  let k = 0;
  while (isZero(p[k]!)) k++;
  const q = p.slice(k);
  return sign(q[0]!) > 0 && rootsOnHalfLine(q) === 0;
}
