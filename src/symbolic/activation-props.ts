/**
 * What an activation σ is, decided from its formula (MATH.md, Definition 3.1 and the checker
 * notes), each property with the rigor of how it was decided and a witness when it fails:
 *
 * - vanishes:   σ(t) = 0 for all t ≤ 0
 * - positive:   σ(t) > 0 for all t > 0                      (what Lemma 3.3 uses)
 * - increasing: σ strictly increasing on t > 0, from the sign of σ′
 * - smooth:     σ is C^∞ on ℝ (or the order of smoothness reached)
 * - rectified:  the paper's Definition 3.1: continuous, vanishes, monotone increasing on t > 0
 *
 * Nothing is declared: built-ins run the same procedures on their formulas as the user's forms.
 * Sign rules on the expression tree come first (exact); interval bisection where they do not
 * apply (interval, or float when a tail could only be sampled); for smoothness of a form that
 * is 0 for t ≤ 0, the one-sided limits of the derivatives at 0⁺ (nerdamer, each checked against
 * mathjs derivatives evaluated at small t), and C^∞ itself only where a known form proves it
 * (cited). The report is memoized per activation and per formula text.
 */
import type { Activation } from '../models/activation.js';
import { fails, holds, unknown, weakest, type Evidence, type Json, type Rigor } from '../evidence.js';
import { casNumber, expandText, limitAtZeroRight } from './cas.js';
import { cancelPrefetch, prefetchLimitsAtZeroRight } from './cas-prefetch.js';
import { binRaw, call, compileExpr, diffExpr, exprToString, neg, type Expr } from '../expr/index.js';
import { evalInterval } from '../expr/interval-eval.js';
import { mathjsDerivatives, type RealFn } from './mathjs-derivatives.js';
import { CORE_HI, CORE_LO, provePositiveOnHalfLine, signChanges } from './prove-sign.js';
import { POS, ZERO, analyseSign, isPolynomial, type Assumption } from './sign.js';

export interface ActivationReport {
  readonly vanishes: Evidence;
  readonly positive: Evidence;
  readonly increasing: Evidence;
  readonly smooth: Evidence;
  readonly rectified: Evidence;
}

/** How many one-sided derivatives at 0⁺ the smoothness check computes for a form 0 on t ≤ 0. */
export const SMOOTH_ORDERS_CHECKED = 3;
/**
 * Longest derivative text sent to nerdamer's limit: beyond it nerdamer takes hundreds of
 * milliseconds and tends to return the limit unevaluated.
 */
const NERDAMER_MAX_CHARS = 120;

const byActivation = new WeakMap<Activation, ActivationReport>();
const byText = new Map<string, ActivationReport>();
/** Formula keys whose smoothness has been decided in this process. */
const smoothDecided = new Set<string>();

const reportKey = (act: Activation): string => `${act.formula.piecewise ? 'positive' : 'expr'}:${exprToString(act.formula.expr)}`;

/**
 * Begins, in a worker thread, the CAS work that deciding σ's smoothness will ask for (nerdamer's
 * one-sided limits at 0⁺ of a form that is 0 for t ≤ 0), so that it overlaps with whatever this
 * thread does until then. Decides nothing: `activationReport(act).smooth` does, with or without
 * the head start (see cas-prefetch.ts). Nothing starts when smoothness is already decided here
 * or needs no limits.
 */
export function prepareSmoothness(act: Activation): void {
  if (!act.formula.piecewise || smoothDecided.has(reportKey(act))) return;
  const g = act.formula.expr;
  const onPositive = analyseSign(g, 'pos');
  if (!onPositive.defined || onPositive.obstacle !== undefined) return;
  // a flat form is decided by the flat-function lemma, without nerdamer (flatLemmaLimits)
  if (flatAtZeroForm(g) !== undefined) return;
  prefetchLimitsAtZeroRight(nerdamerCandidates(g, SMOOTH_ORDERS_CHECKED));
}

/** The report for `act`, computed once per activation object and per (form, formula) text. */
export function activationReport(act: Activation): ActivationReport {
  const hit = byActivation.get(act);
  if (hit) return hit;
  const key = reportKey(act);
  let report = byText.get(key);
  if (!report) {
    report = decide(act.formula.expr, act.formula.piecewise, () => smoothDecided.add(key));
    byText.set(key, report);
  }
  byActivation.set(act, report);
  return report;
}


/** A number rounded for a summary line. */
const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

/**
 * Runs the decisions on σ's formula (`expr` for t > 0, and for t ≤ 0 unless piecewise). Each
 * property is computed when first read: the sign rules take microseconds, while smoothness of a
 * form that is 0 for t ≤ 0 may load nerdamer for its limits, which only the theorems that need
 * smoothness should pay for.
 */
function decide(expr: Expr, piecewise: boolean, onSmoothDecided: () => void = () => {}): ActivationReport {
  const text = exprToString(expr);
  const sigma = piecewise ? `σ(t) = ${text} for t > 0, 0 for t ≤ 0` : `σ(t) = ${text}`;
  const withFormula = (e: Evidence): Evidence => ({ ...e, data: { ...e.data, sigma } });
  const once = <T>(f: () => T): (() => T) => {
    let done = false;
    let value: T | undefined;
    return () => {
      if (!done) {
        value = f();
        done = true;
      }
      return value as T;
    };
  };
  const vanishes = once(() => decideVanishes(expr, piecewise));
  const positive = once(() => decidePositive(expr));
  const inc = once(() => decideIncreasing(expr));
  const smooth = once((): SmoothResult => {
    const r = piecewise ? decideSmoothPiecewise(expr) : decideSmoothWhole(expr);
    onSmoothDecided();
    return r;
  });
  // continuity of a piecewise form is the order-0 limit; of a plain expression, its structure
  const continuity = once(() => (piecewise ? continuityPiecewise(expr) : continuityWhole(expr)));
  const rectified = once(() => decideRectified(vanishes(), inc(), continuity(), positive()));
  const report = {
    vanishes: once(() => withFormula(vanishes())),
    positive: once(() => withFormula(positive())),
    increasing: once(() => withFormula(inc().evidence)),
    smooth: once(() => withFormula(smooth().evidence)),
    rectified: once(() => withFormula(rectified())),
  };
  return Object.freeze({
    get vanishes() {
      return report.vanishes();
    },
    get positive() {
      return report.positive();
    },
    get increasing() {
      return report.increasing();
    },
    get smooth() {
      return report.smooth();
    },
    get rectified() {
      return report.rectified();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// vanishes: σ(t) = 0 for t ≤ 0

/** Points t ≤ 0 tried for a witness, nice ones first. */
const NONPOS_POINTS = [-1, -2, -0.5, -0.1, -10, 0, -100, -0.01, -3, -1e-3];

/** Replaces abs(u) by u or −u where the sign of u is known under `assume`. */
function rewriteAbs(e: Expr, assume: Assumption): Expr {
  switch (e.kind) {
    case 'num':
    case 'sym':
    case 'const':
      return e;
    case 'neg':
      return neg(rewriteAbs(e.arg, assume));
    case 'call': {
      const a = rewriteAbs(e.arg, assume);
      if (e.fn === 'abs') {
        const s = analyseSign(a, assume).signs;
        if ((s & POS) === 0) return neg(a);
        if ((s & 1) === 0) return a;
      }
      return call(e.fn, a);
    }
    default:
      return binRaw(e.kind, rewriteAbs(e.left, assume), rewriteAbs(e.right, assume));
  }
}

function decideVanishes(expr: Expr, piecewise: boolean): Evidence {
  if (piecewise) {
    return holds('exact', 'σ(t) = 0 for t ≤ 0 by its form (0 for t ≤ 0, the expression for t > 0)', { how: 'form' });
  }
  const s = analyseSign(expr, 'nonpos');
  if (s.defined && s.signs === ZERO) {
    return holds('exact', 'σ(t) = 0 for t ≤ 0 by the sign rules', { how: 'sign rules' });
  }
  const f = compileExpr(expr, ['t']);
  const buf = new Float64Array(1);
  const at = (t: number): number => {
    buf[0] = t;
    return f(buf);
  };
  // a point whose enclosure excludes 0 is a proven witness
  for (const t of NONPOS_POINTS) {
    const enc = evalInterval(expr, { lo: t, hi: t });
    if (enc.lo > 0 || enc.hi < 0) {
      const v = at(t);
      return fails('interval', `σ(${fmt(t)}) = ${fmt(v)} ≠ 0, so σ does not vanish on t ≤ 0`, {
        witness: { t, value: v, enclosure: [enc.lo, enc.hi] },
      });
    }
  }
  const samples = [...NONPOS_POINTS];
  for (let k = -240; k <= 240; k++) samples.push(-(2 ** (k / 4)));
  for (const t of samples) {
    const v = at(t);
    if (v !== 0) {
      return fails('float', `σ(${fmt(t)}) = ${fmt(v)} ≠ 0 in floating point (not proven)`, {
        witness: { t, value: v },
      });
    }
  }
  // every sample is 0: try the identity σ(t) = 0 for t ≤ 0 symbolically, |u| resolved by sign
  const rewritten = exprToString(rewriteAbs(expr, 'nonpos'));
  const cas = expandText(rewritten);
  if (cas.ok && casNumber(cas.text) === 0) {
    return holds('symbolic', `σ(t) = 0 for t ≤ 0: ${rewritten} expands to 0 (nerdamer), and σ = 0 at ${samples.length} samples`, {
      how: 'nerdamer expand, numerically cross-checked',
      rewritten,
    });
  }
  return unknown('float', `σ(t) = 0 at ${samples.length} samples t ≤ 0, but no proof for all t ≤ 0`, {
    samples: samples.length,
    cas: cas.ok ? cas.text : cas.reason,
  });
}

// ---------------------------------------------------------------------------------------------
// positive: σ(t) > 0 for t > 0

function bisectionNote(o: { coreProven: boolean; lowTailProven: boolean; highTailProven: boolean }): string {
  const core = `[${CORE_LO}, ${CORE_HI}]`;
  const parts = [o.coreProven ? `proved on ${core} by interval bisection` : `interval bisection on ${core} did not finish (sampled)`];
  if (!o.lowTailProven) parts.push(`t < ${CORE_LO} only sampled`);
  if (!o.highTailProven) parts.push(`t > ${CORE_HI} only sampled`);
  if (o.lowTailProven && o.highTailProven) parts.push('tails proved by interval enclosures');
  return parts.join('; ');
}

/** Positivity of `g` on t > 0: sign rules, else interval bisection. `what` names g in words. */
function decidePositiveOf(g: Expr, what: string): Evidence {
  const s = analyseSign(g, 'pos');
  if (s.defined && s.signs === POS) {
    return holds('exact', `${what} > 0 for t > 0 by the sign rules`, { how: 'sign rules', expression: exprToString(g) });
  }
  if (s.defined && (s.signs & POS) === 0) {
    const v = compileExpr(g, ['t'])(Float64Array.of(1));
    return fails('exact', `${what} ≤ 0 for every t > 0 by the sign rules (at t = 1 it is ${fmt(v)})`, {
      how: 'sign rules',
      witness: { t: 1, value: v },
      expression: exprToString(g),
    });
  }
  const o = provePositiveOnHalfLine(g);
  if (o.verdict === 'fails') {
    const w = o.witness;
    return fails(o.rigor, `${what} at t = ${fmt(w.t)} is ${fmt(w.value)} ≤ 0${w.proven ? '' : ' (in floating point)'}`, {
      witness: { t: w.t, value: w.value },
      expression: exprToString(g),
    });
  }
  return holds(o.rigor, `${what} > 0 for t > 0: ${bisectionNote(o)}`, {
    how: 'interval bisection',
    boxes: o.boxes,
    expression: exprToString(g),
  });
}

function decidePositive(g: Expr): Evidence {
  return decidePositiveOf(g, 'σ(t)');
}

// ---------------------------------------------------------------------------------------------
// increasing: σ′ > 0 on t > 0

interface IncreasingResult {
  readonly evidence: Evidence;
  /** the paper's non-strict reading: σ non-decreasing on t > 0 */
  readonly monotone: { readonly verdict: 'holds' | 'fails' | 'unknown'; readonly rigor: Rigor };
}

/** Nice pairs a < b tried first as a witness that σ decreases. */
const NICE_PAIRS: readonly (readonly [number, number])[] = [
  [1.5, 2], [2, 3], [3, 4], [0.5, 1], [0.25, 0.5], [1, 2], [4, 8], [0.1, 0.2], [8, 16],
];

/** Whether d < 0 on [a, b] by interval bisection (depth-limited). */
function negativeOn(d: Expr, a: number, b: number, depth = 0): boolean {
  const enc = evalInterval(d, { lo: a, hi: b });
  if (enc.hi < 0) return true;
  if (depth >= 12 || !(enc.lo < 0)) return false;
  const m = (a + b) / 2;
  return negativeOn(d, a, m, depth + 1) && negativeOn(d, m, b, depth + 1);
}

function decideIncreasing(g: Expr): IncreasingResult {
  const d = diffExpr(g, 't');
  const dText = exprToString(d);
  const s = analyseSign(d, 'pos');
  const f = compileExpr(g, ['t']);
  const at = (t: number): number => f(Float64Array.of(t));
  if (s.defined && s.signs === POS) {
    return {
      evidence: holds('exact', `σ′(t) = ${dText} > 0 for t > 0 by the sign rules`, { how: 'sign rules', derivative: dText }),
      monotone: { verdict: 'holds', rigor: 'exact' },
    };
  }
  if (s.defined && s.signs === ZERO) {
    return {
      evidence: fails('exact', `σ′ = 0 on t > 0: σ is constant there (σ(1) = σ(2) = ${fmt(at(1))})`, {
        derivative: dText,
        witness: { a: 1, b: 2, sigmaA: at(1), sigmaB: at(2) },
      }),
      monotone: { verdict: 'holds', rigor: 'exact' },
    };
  }
  const nonneg = s.defined && (s.signs & 1) === 0;
  const o = provePositiveOnHalfLine(d);
  if (o.verdict === 'holds') {
    return {
      evidence: holds(o.rigor, `σ′(t) = ${dText} > 0 for t > 0: ${bisectionNote(o)}`, {
        how: 'interval bisection',
        derivative: dText,
        boxes: o.boxes,
      }),
      monotone: { verdict: 'holds', rigor: o.rigor },
    };
  }
  const changes = signChanges(d);
  const where = changes.length > 0 ? `; σ′ changes sign near t = ${changes.map(fmt).join(', ')}` : '';
  // a pair a < b with σ′ < 0 on [a, b] proves σ(a) > σ(b) (mean value theorem)
  const t0 = o.witness.t;
  const candidates: (readonly [number, number])[] = [...NICE_PAIRS, [t0, t0 * (1 + 1 / 64)], [t0, t0 * (1 + 2 ** -20)]];
  for (const [a, b] of candidates) {
    if (negativeOn(d, a, b)) {
      const sa = at(a);
      const sb = at(b);
      return {
        evidence: fails('interval', `σ is not increasing on t > 0: σ′ < 0 on [${fmt(a)}, ${fmt(b)}], so σ(${fmt(a)}) = ${fmt(sa)} > σ(${fmt(b)}) = ${fmt(sb)}${where}`, {
          derivative: dText,
          witness: { a, b, sigmaA: sa, sigmaB: sb },
          signChanges: changes,
        }),
        monotone: { verdict: 'fails', rigor: 'interval' },
      };
    }
  }
  if (nonneg) {
    // σ′ ≥ 0 by the sign rules but zero somewhere: monotone, strictness undecided
    return {
      evidence: unknown('float', `σ′(t) = ${dText} ≥ 0 for t > 0 by the sign rules, but σ′(${fmt(t0)}) = ${fmt(o.witness.value)}: strictness not decided`, {
        derivative: dText,
      }),
      monotone: { verdict: 'holds', rigor: 'exact' },
    };
  }
  return {
    evidence: fails('float', `σ′(${fmt(t0)}) = ${fmt(o.witness.value)} < 0 in floating point${where}`, {
      derivative: dText,
      witness: { t: t0, value: o.witness.value },
      signChanges: changes,
    }),
    monotone: { verdict: 'fails', rigor: 'float' },
  };
}

// ---------------------------------------------------------------------------------------------
// smooth

interface Verdictish {
  readonly verdict: 'holds' | 'fails' | 'unknown';
  readonly rigor: Rigor;
  readonly summary: string;
}

function decideSmoothWhole(expr: Expr): SmoothResult {
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

function continuityWhole(expr: Expr): Verdictish {
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
function continuityPiecewise(g: Expr): Verdictish {
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
function flatAtZeroForm(g: Expr): string | undefined {
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

interface SmoothResult {
  readonly evidence: Evidence;
  readonly continuity: Verdictish;
}

/**
 * The texts oneSidedLimit would send to nerdamer for g, g′, …, g^(K) if the loop reached them
 * (those its first branch does not decide, short enough), for computing them ahead; it follows
 * that branch's test, and a text it misses is only computed later, when asked for.
 */
function nerdamerCandidates(g: Expr, K: number): string[] {
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

function decideSmoothPiecewise(g: Expr): SmoothResult {
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

// ---------------------------------------------------------------------------------------------
// rectified (Definition 3.1)

function decideRectified(vanishes: Evidence, inc: IncreasingResult, continuity: Verdictish, positive: Evidence): Evidence {
  const parts: { name: string; verdict: string; rigor: Rigor; summary: string }[] = [
    { name: 'vanishes on t ≤ 0', verdict: vanishes.verdict, rigor: vanishes.rigor, summary: vanishes.summary },
    { name: 'monotone increasing on t > 0', verdict: inc.monotone.verdict, rigor: inc.monotone.rigor, summary: inc.evidence.summary },
    { name: 'continuous', verdict: continuity.verdict, rigor: continuity.rigor, summary: continuity.summary },
  ];
  const data = { parts: parts.map((p) => ({ name: p.name, verdict: p.verdict, rigor: p.rigor })) };
  const failed = parts.find((p) => p.verdict === 'fails');
  if (failed) {
    const witness = failed === parts[0] ? vanishes.data['witness'] : failed === parts[1] ? inc.evidence.data['witness'] : undefined;
    return fails(failed.rigor, `not rectified: not ${failed.name} (${failed.summary})`, witness === undefined ? data : { ...data, witness });
  }
  const open = parts.find((p) => p.verdict !== 'holds');
  if (open) return unknown('float', `rectified not decided: ${open.name} is undecided (${open.summary})`, data);
  const rigor = weakest(...parts.map((p) => p.rigor));
  const caveat = positive.verdict === 'holds' ? '' : '; but σ is not shown positive on t > 0, which Lemma 3.3 needs';
  return holds(rigor, `rectified (Definition 3.1): continuous, 0 for t ≤ 0, monotone increasing for t > 0${caveat}`, data);
}
