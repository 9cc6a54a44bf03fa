/**
 * Smoothness and continuity of an activation σ, decided from its formula (MATH.md, the checker
 * notes): a plain expression by its structure; a form that is 0 for t ≤ 0 by the one-sided limits
 * of its derivatives at 0⁺ (nerdamer, each checked against mathjs derivatives at small t), with
 * C^∞ itself only where a known flat form proves it (cited).
 */
import { fails, holds, unknown, weakest, type Evidence, type Json, type Rigor } from '../evidence.js';
import { casNumber, limitAtZeroRight } from './cas.js';
import { compileExpr, diffExpr, exprToString, type Expr } from '../expr/index.js';
import { mathjsDerivatives, type RealFn } from './mathjs-derivatives.js';
import { analyseSign, isPolynomial } from './sign.js';
import { evalInterval } from '../expr/interval-eval.js';
import { cancelPrefetch, prefetchLimitsAtZeroRight } from './cas-prefetch.js';

/** How many one-sided derivatives at 0⁺ the smoothness check computes for a form 0 on t ≤ 0. */
export const SMOOTH_ORDERS_CHECKED = 3;
/**
 * Longest derivative text sent to nerdamer's limit: beyond it nerdamer takes hundreds of
 * milliseconds and tends to return the limit unevaluated.
 */
const NERDAMER_MAX_CHARS = 120;

/** A number rounded for a summary line. */
const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

export interface Verdictish {
  readonly verdict: 'holds' | 'fails' | 'unknown';
  readonly rigor: Rigor;
  readonly summary: string;
}

export function decideSmoothWhole(expr: Expr): SmoothResult {
  const s = analyseSign(expr, 'real');
  const continuity = continuityWhole(expr);
  if (s.defined && s.obstacle === undefined) {
    return {
      continuity,
      evidence: holds('exact', 'σ is C^∞ on ℝ: a composition of C^∞ functions whose arguments stay in their open domains', {
        how: 'structure',
        order: 'infinity',
      }),
    };
  }
  return {
    continuity,
    evidence: unknown('float', `smoothness not decided: the structural argument stops at ${s.obstacle ?? 'a piece that may be undefined'}`, {
      how: 'structure',
      obstacle: s.obstacle ?? 'undefined somewhere',
    }),
  };
}

export function continuityWhole(expr: Expr): Verdictish {
  const s = analyseSign(expr, 'real');
  return s.defined
    ? { verdict: 'holds', rigor: 'exact', summary: 'σ is continuous: defined on ℝ and built from continuous functions' }
    : { verdict: 'unknown', rigor: 'float', summary: 'continuity not decided: σ may be undefined somewhere' };
}

/**
 * Continuity at 0 of a form that is 0 for t ≤ 0: lim g(t) = 0 at 0⁺. Cheap paths first (g
 * continuous at 0: its value there; g with a flat factor: the lemma, checked numerically), so
 * that Definition 3.1 does not wait for the CAS; otherwise the order-0 limit of the smoothness
 * check.
 */
export function continuityPiecewise(g: Expr): Verdictish {
  const flat = flatAtZeroForm(g);
  // a flat form needs no algebra system: the lemma gives the limit, our own evaluator checks it at small t
  if (!smoothOnLine(g) && flat !== undefined) {
    const f = compileExpr(g, ['t']);
    const arg = new Float64Array(1);
    const own = (t: number): number => {
      arg[0] = t;
      return f(arg);
    };
    if (numericLimit(own) === 0) return { verdict: 'holds', rigor: 'cited', summary: `σ(t) → 0 as t → 0⁺ (flat factor ${flat}; checked at small t)` };
  }
  const numeric = mathjsDerivatives(g, 0)[0]!;
  const lim = oneSidedLimit(g, 0, numeric);
  if (Number.isNaN(lim.value)) return { verdict: 'unknown', rigor: 'float', summary: `lim σ(t) at 0⁺ not decided (${lim.how})` };
  return lim.value === 0
    ? { verdict: 'holds', rigor: lim.rigor, summary: 'σ(t) → 0 as t → 0⁺' }
    : { verdict: 'fails', rigor: lim.rigor, summary: `σ jumps at 0: σ(0) = 0, σ(0⁺) = ${fmt(lim.value)}` };
}

/** One one-sided limit lim_{t→0⁺} g^(j)(t), with how it was found. */
interface OneSidedLimit {
  readonly order: number;
  /** the limit, or NaN when not decided */
  readonly value: number;
  readonly rigor: Rigor;
  readonly how: string;
}

/** Numeric estimate of lim_{t→0⁺} h(t) from h at t = 10⁻², …, 10⁻¹⁵ (NaN when it does not settle). */
function numericLimit(h: RealFn): number {
  const vals: number[] = [];
  for (let k = 2; k <= 15; k++) {
    const v = h(10 ** -k);
    if (Number.isFinite(v)) vals.push(v);
    else if (v === Infinity || v === -Infinity) vals.push(v);
  }
  if (vals.length < 3) return NaN;
  const [a, b, c] = vals.slice(-3) as [number, number, number];
  if (!Number.isFinite(c)) return c;
  const scale = Math.max(1, Math.abs(c));
  if (Math.abs(c - b) <= 1e-6 * scale && Math.abs(b - a) <= 1e-3 * scale) return c;
  if (Math.abs(c) > 1e12 && Math.abs(b) < Math.abs(c) && Math.sign(b) === Math.sign(c)) return Math.sign(c) * Infinity;
  return NaN;
}

function limitsAgree(cas: number, num: number): boolean {
  if (Number.isNaN(cas) || Number.isNaN(num)) return false;
  if (!Number.isFinite(cas) || !Number.isFinite(num)) return cas === num;
  return Math.abs(cas - num) <= 1e-6 * Math.max(1, Math.abs(cas));
}

/** Whether `e` is ±c/tᵖ with a numeric c and an integer p ≥ 1: returns the signed c. */
function inversePowerCoefficient(e: Expr): number | undefined {
  const isTPower = (x: Expr): boolean =>
    x.kind === 'sym' || (x.kind === 'pow' && x.left.kind === 'sym' && x.right.kind === 'num' && Number.isInteger(x.right.value) && x.right.value >= 1);
  switch (e.kind) {
    case 'neg': {
      const c = inversePowerCoefficient(e.arg);
      return c === undefined ? undefined : -c;
    }
    case 'div': {
      if (!isTPower(e.right)) return undefined;
      if (e.left.kind === 'num') return e.left.value;
      if (e.left.kind === 'neg' && e.left.arg.kind === 'num') return -e.left.arg.value;
      return undefined;
    }
    case 'mul': {
      if (e.left.kind === 'num') {
        const c = inversePowerCoefficient(e.right);
        return c === undefined ? undefined : e.left.value * c;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `e` is smooth on a neighbourhood of 0 (structurally C^∞ on all of ℝ). */
const smoothOnLine = (e: Expr): boolean => {
  const s = analyseSign(e, 'real');
  return s.defined && s.obstacle === undefined;
};

/** Terms of a sum (through add, sub and neg). */
function terms(e: Expr, sign = 1): { e: Expr; sign: number }[] {
  if (e.kind === 'add') return [...terms(e.left, sign), ...terms(e.right, sign)];
  if (e.kind === 'sub') return [...terms(e.left, sign), ...terms(e.right, -sign)];
  if (e.kind === 'neg') return terms(e.arg, -sign);
  return [{ e, sign }];
}

/** Factors of a product (through mul and div; a divisor counts as a factor 1/x). */
function factors(e: Expr): { e: Expr; inverse: boolean }[] {
  if (e.kind === 'mul') return [...factors(e.left), ...factors(e.right)];
  if (e.kind === 'div') return [...factors(e.left), ...factors(e.right).map((f) => ({ ...f, inverse: !f.inverse }))];
  if (e.kind === 'neg') return factors(e.arg);
  return [{ e, inverse: false }];
}

/**
 * Whether g(t) = e^(−c/tᵖ + h₀(t)) · R(t) · h₁(t) with c > 0, p ≥ 1, R a rational function and
 * h₀, h₁ smooth near 0 (several such exponential factors allowed). For such g every derivative
 * tends to 0 as t → 0⁺, because e^(−c/tᵖ) decays faster than any power of 1/t (the classical
 * lemma behind the smooth non-analytic function e^(−1/t)). Returns the factor in words.
 */
export function flatAtZeroForm(g: Expr): string | undefined {
  let flat: string | undefined;
  for (const f of factors(g)) {
    if (f.e.kind === 'call' && f.e.fn === 'exp' && !f.inverse) {
      let singular = false;
      let ok = true;
      for (const term of terms(f.e.arg)) {
        const c = inversePowerCoefficient(term.e);
        if (c !== undefined) {
          if (term.sign * c < 0) singular = true;
          else ok = false;
        } else if (!smoothOnLine(term.e)) ok = false;
      }
      if (ok && singular) {
        flat = `exp(${exprToString(f.e.arg)})`;
        continue;
      }
      if (ok) continue; // exp of something smooth near 0: smooth near 0
      return undefined;
    }
    if (isPolynomial(f.e) || smoothOnLine(f.e)) {
      // 1/poly is rational: allowed (beaten by the flat factor); smooth factors likewise
      continue;
    }
    return undefined;
  }
  return flat;
}

export interface SmoothResult {
  readonly evidence: Evidence;
  readonly continuity: Verdictish;
}

/**
 * The texts oneSidedLimit would send to nerdamer for g, g′, …, g^(K) if the loop reached them
 * (those its first branch does not decide, short enough), for computing them ahead; it follows
 * that branch's test, and a text it misses is only computed later, when asked for.
 */
export function nerdamerCandidates(g: Expr, K: number): string[] {
  const texts: string[] = [];
  let dj = g;
  for (let j = 0; j <= K; j++) {
    if (j > 0) dj = diffExpr(dj, 't');
    if (smoothOnLine(dj)) {
      const enc = evalInterval(dj, { lo: 0, hi: 0 });
      if (enc.lo === enc.hi || enc.lo > 0 || enc.hi < 0) continue;
    }
    const text = exprToString(dj);
    if (text.length <= NERDAMER_MAX_CHARS) texts.push(text);
  }
  return texts;
}

/**
 * The limit of g^(j) at 0⁺: the value at 0 when g^(j) is smooth on ℝ (interval enclosure at 0,
 * exact for a polynomial); otherwise nerdamer's limit, counted only when mathjs derivatives at
 * small t agree.
 */
function oneSidedLimit(dj: Expr, j: number, numeric: RealFn): OneSidedLimit {
  if (smoothOnLine(dj)) {
    const enc = evalInterval(dj, { lo: 0, hi: 0 });
    if (enc.lo === enc.hi) {
      return { order: j, value: enc.lo, rigor: isPolynomial(dj) ? 'exact' : 'interval', how: 'continuous at 0, value there' };
    }
    if (enc.lo > 0 || enc.hi < 0) {
      return { order: j, value: (enc.lo + enc.hi) / 2, rigor: 'interval', how: `continuous at 0, value in [${enc.lo}, ${enc.hi}]` };
    }
  }
  const num = numericLimit(numeric);
  const text = exprToString(dj);
  if (text.length > NERDAMER_MAX_CHARS) {
    return { order: j, value: NaN, rigor: 'float', how: `not sent to nerdamer (${text.length} characters); mathjs at small t: ${fmt(num)}` };
  }
  const cas = limitAtZeroRight(text);
  if (!cas.ok) return { order: j, value: NaN, rigor: 'float', how: `${cas.reason}; numerically ≈ ${fmt(num)}` };
  const v = casNumber(cas.text);
  if (cas.text.startsWith('limit(')) {
    return { order: j, value: NaN, rigor: 'float', how: `nerdamer left the limit unevaluated; mathjs at small t: ${fmt(num)}` };
  }
  if (limitsAgree(v, num)) {
    return { order: j, value: v, rigor: 'symbolic', how: `nerdamer: ${cas.text}, mathjs at small t: ${fmt(num)}` };
  }
  return {
    order: j,
    value: NaN,
    rigor: 'float',
    how: `disagreement: nerdamer says ${cas.text}, mathjs derivatives at small t say ${fmt(num)}`,
  };
}

export function decideSmoothPiecewise(g: Expr): SmoothResult {
  const onPositive = analyseSign(g, 'pos');
  if (!onPositive.defined || onPositive.obstacle !== undefined) {
    const why = onPositive.obstacle ?? 'a piece that may be undefined';
    return {
      evidence: unknown('float', `smoothness on t > 0 not decided: the structural argument stops at ${why}`, { obstacle: why }),
      continuity: { verdict: 'unknown', rigor: 'float', summary: `not decided (${why})` },
    };
  }
  const K = SMOOTH_ORDERS_CHECKED;
  const lemma = flatLemmaLimits(g, K);
  if (lemma !== undefined) return lemma;
  // nerdamer's limits start in a worker while mathjs differentiates here (same results either way)
  prefetchLimitsAtZeroRight(nerdamerCandidates(g, K));
  try {
    return smoothPiecewiseLimits(g, K);
  } finally {
    cancelPrefetch();
  }
}

/**
 * Smoothness at 0 of a form with a flat factor (flatAtZeroForm), from the flat-function lemma
 * alone: every derivative of g tends to 0 at 0⁺, so σ is C^∞ (cited), with no computer algebra
 * loaded. The lemma is the proof whichever way the limits are computed; what the CAS limits add
 * is a check that the form was recognised correctly, and the check here is cheaper: our own
 * derivatives g, g′, …, g^(K), evaluated in float as t → 0⁺, must tend to 0. Where one does not
 * (a misread form), undefined, and the CAS route decides.
 */
function flatLemmaLimits(g: Expr, K: number): SmoothResult | undefined {
  const flat = flatAtZeroForm(g);
  if (flat === undefined) return undefined;
  const limits: { order: number; value: number; rigor: Rigor; how: string }[] = [];
  let dj = g;
  for (let j = 0; j <= K; j++) {
    if (j > 0) dj = diffExpr(dj, 't');
    const f = compileExpr(dj, ['t']);
    const arg = new Float64Array(1);
    const num = numericLimit((t) => {
      arg[0] = t;
      return f(arg);
    });
    if (num !== 0) return undefined;
    limits.push({ order: j, value: 0, rigor: 'cited', how: `0 by the flat-function lemma (factor ${flat}); in float, this derivative at t = 10⁻ᵏ tends to 0` });
  }
  return {
    evidence: holds(
      'cited',
      `σ is C^∞: on t > 0 by structure, and at 0 every derivative of the positive part tends to 0 (it has the flat factor ${flat}, which beats every power of 1/t); orders 0..${K} checked in float`,
      { limits, order: 'infinity', flatFactor: flat },
    ),
    continuity: { verdict: 'holds', rigor: 'cited', summary: `σ(t) → 0 as t → 0⁺ (flat factor ${flat})` },
  };
}

/** decideSmoothPiecewise once σ is known smooth on t > 0: the one-sided limits at 0⁺. */
function smoothPiecewiseLimits(g: Expr, K: number): SmoothResult {
  const numeric = mathjsDerivatives(g, K);
  const limits: OneSidedLimit[] = [];
  let dj = g;
  const flat = flatAtZeroForm(g);
  // a polynomial's derivatives end in 0: follow them further, up to where they vanish identically
  const orders = isPolynomial(g) ? 24 : K;
  let vanishesIdentically = false;
  for (let j = 0; j <= orders; j++) {
    if (j > 0) dj = diffExpr(dj, 't');
    if (j > 0 && dj.kind === 'num' && dj.value === 0) {
      vanishesIdentically = true;
      break;
    }
    if (j > K && !isPolynomial(dj)) break;
    let lim = j <= K ? oneSidedLimit(dj, j, numeric[j]!) : oneSidedLimit(dj, j, () => NaN);
    if (Number.isNaN(lim.value) && flat !== undefined && numericLimit(numeric[j]!) === 0) {
      lim = { ...lim, value: 0, rigor: 'cited', how: `${lim.how}; 0 by the flat-function lemma (factor ${flat})` };
    }
    limits.push(lim);
    if (Number.isNaN(lim.value) || lim.value !== 0) break;
  }
  const data: Record<string, Json> = {
    limits: limits.map((l) => ({ order: l.order, value: Number.isNaN(l.value) ? null : l.value, rigor: l.rigor, how: l.how })),
  };
  const last = limits[limits.length - 1]!;
  const rigorSoFar = weakest(...limits.map((l) => l.rigor));
  const zeroOrders = limits.filter((l) => l.value === 0).length; // g^(0..zeroOrders−1) → 0
  const continuity: Verdictish =
    zeroOrders >= 1
      ? { verdict: 'holds', rigor: limits[0]!.rigor, summary: 'σ(t) → 0 as t → 0⁺' }
      : Number.isNaN(limits[0]!.value)
        ? { verdict: 'unknown', rigor: 'float', summary: `lim σ(t) at 0⁺ not decided (${limits[0]!.how})` }
        : { verdict: 'fails', rigor: limits[0]!.rigor, summary: `σ jumps at 0: σ(0) = 0, σ(0⁺) = ${fmt(limits[0]!.value)}` };

  if (!Number.isNaN(last.value) && last.value !== 0) {
    const j = last.order;
    const summary =
      j === 0
        ? `σ is not continuous at 0: σ(t) → ${fmt(last.value)} as t → 0⁺, but σ = 0 for t ≤ 0`
        : `σ is C^${j - 1} but not C^${j} at 0: the one-sided ${ordinal(j)} derivatives there are 0 (left) and ${fmt(last.value)} (right)`;
    return { evidence: fails(rigorSoFar, summary, { ...data, order: j - 1 }), continuity };
  }
  if (Number.isNaN(last.value)) {
    const order = zeroOrders - 1;
    const reached = order >= 0 ? `σ is C^${order} (derivatives up to order ${order} tend to 0 at 0⁺)` : 'continuity at 0 not decided';
    return { evidence: unknown('float', `${reached}; order ${last.order}: ${last.how}`, { ...data, order }), continuity };
  }
  // every checked derivative tends to 0 at 0⁺
  if (vanishesIdentically) {
    const j = limits.length;
    return {
      evidence: holds(
        rigorSoFar,
        `σ is C^∞: the derivatives of the positive part up to order ${j - 1} tend to 0 at 0⁺ and the ${ordinal(j)} is identically 0`,
        { ...data, order: 'infinity' },
      ),
      continuity,
    };
  }
  if (flat !== undefined) {
    return {
      evidence: holds(
        weakest('cited', rigorSoFar),
        `σ is C^∞: on t > 0 by structure, and at 0 every derivative of the positive part tends to 0 (it has the flat factor ${flat}, which beats every power of 1/t); orders 0..${K} checked`,
        { ...data, order: 'infinity', flatFactor: flat },
      ),
      continuity,
    };
  }
  return {
    evidence: unknown(rigorSoFar, `σ is C^${K} at least (derivatives 0..${K} tend to 0 at 0⁺); C^∞ not proved (no known form)`, {
      ...data,
      order: K,
    }),
    continuity,
  };
}

const ordinal = (j: number): string => (j === 1 ? 'first' : j === 2 ? 'second' : j === 3 ? 'third' : `${j}th`);
