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
import { fails, holds, unknown, weakest, type Evidence, type Rigor } from '../evidence.js';
import { continuityPiecewise, continuityWhole, decideSmoothPiecewise, decideSmoothWhole, flatAtZeroForm, nerdamerCandidates, SMOOTH_ORDERS_CHECKED, type SmoothResult, type Verdictish } from './activation-smooth.js';
import { casNumber, expandText } from './cas.js';
import { prefetchLimitsAtZeroRight } from './cas-prefetch.js';
import { binRaw, call, compileExpr, diffExpr, exprToString, neg, type Expr } from '../expr/index.js';
import { evalInterval } from '../expr/interval-eval.js';
import { CORE_HI, CORE_LO, provePositiveOnHalfLine, signChanges } from './prove-sign.js';
import { POS, ZERO, analyseSign, type Assumption } from './sign.js';

export interface ActivationReport {
  readonly vanishes: Evidence;
  readonly positive: Evidence;
  readonly increasing: Evidence;
  readonly smooth: Evidence;
  readonly rectified: Evidence;
}


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
