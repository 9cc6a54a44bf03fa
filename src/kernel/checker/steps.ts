/**
 * How the verifier re-checks each step of a certificate, by its id: it derives the step's
 * verdict and rigor from the certificate's data with its own code (context.ts), and compares.
 *
 * A derivation returns one of:
 *   derived    the verdict and a rigor, re-established here; compared with the claim: the
 *              verdicts must agree, and a claim graded as a proof (anything but float) must be
 *              re-established as a proof (any non-float grade; a different proof grade is noted)
 *   float      the claim is float evidence: its numbers are recomputed where the certificate
 *              carries their inputs, and it is never read as proof
 *   unchecked  the certificate does not carry what a re-check needs (symbolic derivations, the
 *              construction's own bookkeeping); listed, not believed
 */
import { cmp, div as rdiv, fromNumber, mul as rmul, rat, sub as rsub, add as radd, toString as rToString, type Rational } from '../rational.js';
import { atLeast, FLOAT_SV_WORK, weakest, type Context, type Grade } from './context.js';
import { entire } from './sigma.js';
import { showExpr, type Expr } from '../expr-ast.js';
import { parseExpr } from '../expr-parse.js';
import { smoothOnBox } from '../expr-smooth.js';
import { ENTIRE, fromRational, type Interval } from '../interval.js';
import { toInterval } from './hnum.js';
import { exactPositiveDefinite } from './proofs.js';
import type { ResultJson, StepJson } from './read.js';

export type CheckStatus = 'ok' | 'float' | 'unchecked' | 'failed';

/** One check: where, how it went, and in words what was found. */
export interface Check {
  readonly where: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

type Verdict = 'holds' | 'fails' | 'unknown';
export type Derivation =
  | { readonly kind: 'derived'; readonly verdict: Verdict; readonly rigor: Grade; readonly why: string }
  | { readonly kind: 'float'; readonly why: string }
  | { readonly kind: 'unchecked'; readonly why: string }
  | { readonly kind: 'mismatch'; readonly why: string };

const derived = (verdict: Verdict, rigor: Grade, why: string): Derivation => ({ kind: 'derived', verdict, rigor, why });
const floatOnly = (why: string): Derivation => ({ kind: 'float', why });
const unchecked = (why: string): Derivation => ({ kind: 'unchecked', why });
const mismatch = (why: string): Derivation => ({ kind: 'mismatch', why });

const numberAt = (data: Record<string, unknown>, key: string): number | undefined => (typeof data[key] === 'number' ? (data[key] as number) : undefined);

// ---------------------------------------------------------------------------------------------
// Facts shared by several steps

/**
 * Whether the point is on M, as re-established. Float evidence uses the kernel's own tolerance,
 * never one the certificate states.
 */
export function onM(ctx: Context): { readonly verdict: Verdict; readonly rigor: Grade; readonly why: string; readonly enclosure: boolean } {
  const e = ctx.enclosure();
  if (e !== undefined) {
    return e.ok
      ? { verdict: 'holds', rigor: 'interval', why: ctx.featureGram()?.ok ? `a zero of F in the enclosure is re-proved by ${e.how}` : `the Krawczyk test re-proves one zero of F in the enclosure (contraction ≤ ${e.contraction.toPrecision(3)})`, enclosure: true }
      : { verdict: 'unknown', rigor: 'float', why: `the enclosure is not re-proved: ${e.why}`, enclosure: true };
  }
  const r = ctx.residualAtPoint();
  if (r === undefined) return { verdict: 'unknown', rigor: 'float', why: 'no point', enclosure: false };
  if (r.exactZero) return { verdict: 'holds', rigor: r.known, why: 'F(w) = 0 exactly at the point', enclosure: false };
  const t = defaultTol(ctx);
  return r.maxAbs <= t
    ? { verdict: 'holds', rigor: 'float', why: `max |Fᵣ| ≤ ${r.maxAbs.toExponential(2)} ≤ tol ${t.toExponential(2)}`, enclosure: false }
    : { verdict: 'unknown', rigor: 'float', why: `max |Fᵣ| is up to ${r.maxAbs.toExponential(2)} > tol ${t.toExponential(2)}`, enclosure: false };
}

function defaultTol(ctx: Context): number {
  let s = 1;
  for (const row of ctx.cert.y) for (const v of row) s = Math.max(s, Math.abs(Number(v.num) / Number(v.den)));
  return 1e-12 * s;
}

/** A rank of J at the point and how it is known; `coversBox`: it holds on the whole enclosure. */
interface RankFact {
  readonly rank: number;
  readonly rigor: Grade;
  readonly how: string;
  readonly coversBox: boolean;
}

/**
 * The rank facts the verifier can establish, strongest first. Float singular values are
 * computed only when asked for or when nothing stronger is known (they cost an eigenvalue
 * problem of size d·k).
 */
export function rankFacts(ctx: Context, wantFloat = false): RankFact[] {
  const out: RankFact[] = [];
  // the output-weight solve proves rank d·k on the whole box, and nothing else is needed (or cheap) there
  if (ctx.featureGram()?.ok) return [{ rank: ctx.dk, rigor: 'interval', how: 'the feature Gram matrix ΦΦᵀ of the output-weight solve, proven positive definite on the box', coversBox: true }];
  const tri = ctx.triangular();
  if (tri?.ok) out.push({ rank: ctx.dk, rigor: tri.rigor, how: 'a triangular block with a proven diagonal among the output-layer columns', coversBox: true });
  const ex = ctx.exactRankAtPoint();
  if (ex?.ok) out.push({ rank: ex.rank, rigor: ex.rigor, how: 'exact elimination on J at the point', coversBox: ctx.box === undefined });
  const enc = ctx.enclosure();
  if (enc?.ok) out.push({ rank: ctx.dk, rigor: 'interval', how: 'the Krawczyk test on the enclosure', coversBox: true });
  const sv = wantFloat || out.length === 0 ? ctx.singularValues() : undefined;
  if (sv !== undefined && sv.length > 0) {
    const tol = Math.max(ctx.dk, ctx.n) * Number.EPSILON * sv[0]!;
    out.push({ rank: sv.filter((s) => s > tol).length, rigor: 'float', how: `float singular values, tol ${tol.toExponential(2)}`, coversBox: ctx.box === undefined });
  }
  return out.sort((a, b) => (atLeast(a.rigor, b.rigor) ? (atLeast(b.rigor, a.rigor) ? 0 : -1) : 1));
}

/** The rank on M: at the true zero the enclosure holds, or at an exact point. */
export function rankOnM(ctx: Context): RankFact | undefined {
  const facts = rankFacts(ctx);
  const covering = ctx.box === undefined ? facts : facts.filter((f) => f.coversBox);
  return covering[0] ?? (facts.length > 0 ? { ...facts[facts.length - 1]!, rigor: 'float' } : undefined);
}

function activationOf(ctx: Context) {
  return ctx.net.sigma;
}

/** σ's smoothness, or the expression model's, as the verifier sees it. */
function smoothness(ctx: Context): Derivation {
  const model = ctx.cert.json.input.model;
  if (model.kind === 'expression') {
    const symbols = [...model.params, ...model.inputs];
    const formulas = model.output.map((t) => parseExpr(t, symbols));
    if (formulas.every(entire)) return derived('holds', 'exact', 'every formula is built from analytic pieces only');
    return expressionSmoothness(ctx, model.params, model.inputs, formulas);
  }
  const s = activationOf(ctx)!.smooth;
  return s.verdict === 'unknown' ? unchecked(s.why) : derived(s.verdict, s.rigor, s.why);
}

/**
 * A formula with pieces smooth only away from a singular set (abs, sqrt, log, division, …):
 * re-proved by the kernel's interval smoothness, for every input, on all of ℝⁿ or else on the
 * certificate's enclosure box (or its point), so that f is C^∞ on an open set holding the point.
 */
function expressionSmoothness(ctx: Context, params: readonly string[], inputs: readonly string[], formulas: readonly Expr[]): Derivation {
  const where = ctx.box ?? ctx.w;
  const boxes: { label: string; of: (j: number) => Interval }[] = [{ label: `all of ℝ^${ctx.n}`, of: () => ENTIRE }];
  if (where !== undefined) boxes.push({ label: ctx.box !== undefined ? 'the enclosure box' : 'the point', of: (j) => toInterval(where[j]!) });
  let last = '';
  for (const { label, of } of boxes) {
    let ok = true;
    for (let i = 0; i < ctx.d && ok; i++) {
      const box = new Map<string, Interval>();
      params.forEach((name, j) => box.set(name, of(j)));
      inputs.forEach((name, j) => box.set(name, toInterval(ctx.x[i]![j]!)));
      for (const f of formulas) {
        const s = smoothOnBox(f, box);
        if (!s.smooth) {
          ok = false;
          last = `${showExpr(s.piece.piece)} on ${label}: ${s.reason}`;
          break;
        }
      }
    }
    if (ok) return derived('holds', 'interval', `every singular piece of the formula is proven away from its singular set on ${label}, for all ${ctx.d} inputs (interval arithmetic)`);
  }
  return unchecked(`smoothness not re-proved: ${last}`);
}

/** Exact t = a·x for the projection data of a construction step. */
function projections(ctx: Context, a: readonly number[], coords: readonly number[]): Rational[] {
  return ctx.cert.x.map((row) => a.reduce<Rational>((s, ac, c) => radd(s, rmul(fromNumber(ac), row[coords[c]!]!)), rat(0n)));
}

const hiddenDepth = (ctx: Context): number | undefined => {
  const m = ctx.cert.json.input.model;
  return m.kind === 'mlp' ? m.hidden.length : undefined;
};

// ---------------------------------------------------------------------------------------------
// The rules, by step id

type Rule = (ctx: Context, step: StepJson, result: ResultJson) => Derivation;

function enclosureDerivation(ctx: Context, what: string): Derivation {
  const e = ctx.enclosure();
  if (e === undefined) return derived('unknown', 'float', 'the certificate carries no enclosure');
  return e.ok ? derived('holds', 'interval', `${what}: ${ctx.featureGram()?.ok ? e.how : 'the Krawczyk test re-proves one zero in the enclosure'}`) : derived('unknown', 'float', `the enclosure is not re-proved: ${e.why}`);
}

function triangularDerivation(ctx: Context): Derivation {
  const t = ctx.triangular();
  if (t === undefined) return unchecked('no output-layer block to look at');
  return t.ok ? derived('holds', t.rigor, `a triangular block of ${ctx.dk} columns with a proven nonzero diagonal (${t.rigor})`) : derived('unknown', 'float', t.why);
}

function rankDerivation(ctx: Context, step: StepJson): Derivation {
  const dk = numberAt(step.data, 'dk') ?? numberAt(step.data, 'rows');
  if (dk !== undefined && dk !== ctx.dk) return mismatch(`the step says d·k = ${dk}, the data give ${ctx.dk}`);
  // A rank is a claim about J on M: at a point not proven to lie on M it is float evidence.
  const on = onM(ctx);
  const all = rankFacts(ctx, step.rigor === 'float' || step.verdict !== 'holds').map((f) => (on.verdict === 'holds' && on.rigor !== 'float' ? f : { ...f, rigor: 'float' as Grade, how: `${f.how}, at a point not proven to lie on M` }));
  if (all.length === 0) return derived('unknown', 'float', 'no point to evaluate J at');
  // A certificate that names its method is re-checked by that method: the claim is about it.
  const method = step.data.method;
  const byMethod: Record<string, (f: RankFact) => boolean> = {
    construction: (f) => f.how.startsWith('a triangular block'),
    'exact-jacobian': (f) => f.how.startsWith('exact elimination'),
    interval: (f) => f.how.startsWith('the Krawczyk test'),
    'output-solve': (f) => f.how.startsWith('the feature Gram'),
    float: (f) => f.rigor === 'float',
  };
  const pick = typeof method === 'string' ? byMethod[method] : undefined;
  if (typeof method === 'string' && pick === undefined) return mismatch(`unknown rank method "${method}"`);
  if (method === 'float' && step.rigor !== 'float') return mismatch(`a float rank graded ${step.rigor}`);
  const facts = pick === undefined ? all : all.filter(pick);
  if (facts.length === 0) return derived('unknown', 'float', `the rank is not re-established by its method (${String(method)})`);
  const claimedRank = numberAt(step.data, 'rank');
  if (step.verdict === 'holds') {
    const full = facts.find((f) => f.rank === ctx.dk);
    return full === undefined ? derived('fails', facts[0]!.rigor, `rank ${facts[0]!.rank} < d·k = ${ctx.dk} (${facts[0]!.how})`) : derived('holds', full.rigor, `rank J = d·k = ${ctx.dk} by ${full.how}`);
  }
  const low = facts.find((f) => f.rank < ctx.dk);
  if (low === undefined) return derived('holds', facts[0]!.rigor, `rank J = d·k by ${facts[0]!.how}`);
  if (claimedRank !== undefined && low.rigor !== 'float' && claimedRank !== low.rank) return mismatch(`the step says rank ${claimedRank}, exact elimination gives ${low.rank}`);
  return derived('fails', low.rigor, `rank J = ${low.rank} < d·k = ${ctx.dk} (${low.how})`);
}

/** The loss's exponent a in Σ |Fᵣ|^a (the sum and the mean are a = 2). */
function lossExponent(ctx: Context): number {
  const l = ctx.cert.json.input.loss;
  return l === 'abs' ? 1 : typeof l === 'object' ? l.power : 2;
}

/**
 * The Hessian of the case's loss at the proven point of M: for a square loss ∇²L = 2c·JᵀJ there
 * (Proposition 2.3), so its counts follow from rank J; for Σ |Fᵣ|^a with a > 2 it is 0 on M; for
 * a < 2 it does not exist there.
 */
export function hessianOnM(ctx: Context): { readonly kind: 'counts'; readonly counts: { positive: number; zero: number; negative: number }; readonly rigor: Grade; readonly why: string } | { readonly kind: 'none'; readonly why: string } {
  const a = lossExponent(ctx);
  const on = onM(ctx);
  if (on.verdict !== 'holds') return { kind: 'none', why: `no point of M: ${on.why}` };
  if (a < 2) return { kind: 'none', why: `the loss Σ |Fᵣ|^${a} is not twice differentiable on M` };
  if (a > 2) return { kind: 'counts', counts: { positive: 0, zero: ctx.n, negative: 0 }, rigor: on.rigor, why: `the loss Σ |Fᵣ|^${a} has Hessian 0 on M (every term is flat to second order at Fᵣ = 0)` };
  const r = rankOnM(ctx);
  if (r === undefined) return { kind: 'none', why: 'no rank of J is known' };
  return {
    kind: 'counts',
    counts: { positive: r.rank, zero: ctx.n - r.rank, negative: 0 },
    rigor: weakest(on.rigor, r.rigor),
    why: `∇²L = 2c·JᵀJ on M with rank J = ${r.rank} (${r.how}): ${r.rank} positive, ${ctx.n - r.rank} zero, 0 negative`,
  };
}

/**
 * The step "the Hessian has d·k positive and n − d·k zero eigenvalues" (Proposition 2.3's count).
 * It holds for a square loss at full rank. For Σ|Fᵣ|^a it is false: for a > 2 the Hessian is 0 on
 * M (0 positive), and for a < 2 it does not exist at a point of M where some ∇Fᵣ ≠ 0 (full rank
 * gives every row of J nonzero), since |κt|^a has no second derivative at t = 0.
 */
function countsDerivation(ctx: Context, step: StepJson): Derivation {
  const a = lossExponent(ctx);
  if (a < 2) {
    const on = onM(ctx);
    const r = rankOnM(ctx);
    if (on.verdict === 'holds' && r !== undefined && r.rank === ctx.dk && on.rigor !== 'float' && r.rigor !== 'float') {
      return derived('fails', weakest(on.rigor, r.rigor), `the loss Σ |Fᵣ|^${a} is not twice differentiable at a point of M where J has full rank ${ctx.dk} (${r.how}): there is no Hessian to count`);
    }
  }
  const h = hessianOnM(ctx);
  if (h.kind !== 'counts') return step.verdict === 'holds' && step.rigor !== 'float' ? mismatch(`no Hessian counts hold here: ${h.why}`) : derived('unknown', 'float', h.why);
  const got = { positive: numberAt(step.data, 'positive'), zero: numberAt(step.data, 'zero'), negative: numberAt(step.data, 'negative') };
  if (got.positive !== h.counts.positive || got.zero !== h.counts.zero || got.negative !== h.counts.negative) {
    return mismatch(`counts ${JSON.stringify(got)} disagree with ${JSON.stringify(h.counts)}: ${h.why}`);
  }
  return h.counts.positive === ctx.dk && a === 2
    ? derived('holds', h.rigor, h.why)
    : derived('fails', h.rigor, `${h.why}: ${h.counts.positive} positive eigenvalues, not d·k = ${ctx.dk}`);
}

/** The loss factor c of ∇²L = 2c·JᵀJ (1 for the sum, 1/d for the mean), exactly. */
function lossFactor(ctx: Context): Rational | undefined {
  const l = ctx.cert.json.input.loss;
  if (l === 'sum') return rat(1n);
  if (l === 'mean') return rat(1n, BigInt(ctx.d));
  if (typeof l === 'object' && l.power === 2) return rat(1n);
  return undefined;
}

/** A claimed lower bound on λ_min⁺(∇²L) = 2c·λ_min(JJᵀ), re-proved. */
export function boundDerivation(ctx: Context, bound: number | undefined, claimedRigor: string): Derivation {
  if (bound === undefined) return mismatch('no bound in the step data');
  const c = lossFactor(ctx);
  if (c === undefined) return unchecked('not a square loss');
  if (claimedRigor === 'float') {
    const sv = ctx.singularValues();
    if (sv === undefined && ctx.w !== undefined && ctx.dk * ctx.dk * ctx.n > FLOAT_SV_WORK) {
      return floatOnly(`float evidence, not re-computed at this size ((d·k)²·n = ${(ctx.dk * ctx.dk * ctx.n).toExponential(2)} multiply-adds)`);
    }
    const estimate = sv !== undefined && sv.length > 0 ? 2 * (Number(c.num) / Number(c.den)) * sv[sv.length - 1]! ** 2 : NaN;
    const close = Math.abs(estimate - bound) <= 1e-6 * Math.max(1, Math.abs(bound));
    return close ? floatOnly(`estimate re-computed: ${estimate.toPrecision(6)}`) : mismatch(`the float estimate ${bound} disagrees with the re-computed ${estimate}`);
  }
  if (!(bound > 0) || !Number.isFinite(bound)) return mismatch(`a bound ${bound} that is not a positive finite number`);
  // the bound is about the Hessian on M: over the enclosure box, or at a point proven to lie on M
  const on = onM(ctx);
  if (on.verdict !== 'holds' || on.rigor === 'float') return unchecked(`no point proven to lie on M to bound the Hessian at (${on.why})`);
  const mu = rdiv(fromNumber(bound), rmul(rat(2n), c));
  // The claim is a number: any proof of it re-establishes it, graded by the kernel's own proof
  // (a grade the certificate states is compared with it, never adopted). At a point of M with a
  // rational J: J Jᵀ − μI decided exactly.
  const ex = ctx.box === undefined ? exactGram(ctx) : undefined;
  if (ex !== undefined && exactPositiveDefinite(ex.G, mu)) return derived('holds', ex.known, `re-proved exactly: J Jᵀ − μI is positive definite (rational LDLᵀ) for μ = bound/2c, so λ_min⁺ ≥ ${bound}`);
  // μ rounded up so that λ_min(JJᵀ) > μ implies the claim (by exact comparisons: Number(num)/Number(den)
  // is ∞/∞ or x/∞ = 0 once a denominator passes 2¹⁰²⁴, for bounds below ~1e-308)
  const muF = fromRational(mu).hi;
  const g = ctx.gramAbove(muF);
  return g.ok ? derived('holds', g.rigor, `re-proved in interval arithmetic: λ_min(${g.matrix}) > ${muF.toPrecision(6)}, so λ_min⁺ ≥ ${bound}`) : derived('unknown', 'float', g.why);
}

/** J Jᵀ exactly at the point, when every entry of J is rational there (and the exact rank was in reach). */
function exactGram(ctx: Context): { readonly G: Rational[][]; readonly known: Grade } | undefined {
  if (ctx.w === undefined || ctx.exactRankAtPoint()?.ok !== true) return undefined;
  const J = ctx.jacobian(ctx.w, Array.from({ length: ctx.n }, (_, j) => j));
  let known: Grade = 'exact';
  const rows: Rational[][] = [];
  for (const row of J) {
    const r: Rational[] = [];
    for (const e of row) {
      if (e.kind !== 'exact') return undefined;
      known = weakest(known, e.known);
      r.push(e.r);
    }
    rows.push(r);
  }
  const G = rows.map((a) => rows.map((b) => a.reduce<Rational>((s, x, j) => (x.num === 0n || b[j]!.num === 0n ? s : radd(s, rmul(x, b[j]!))), rat(0n))));
  return { G, known };
}

function manifoldDerivation(ctx: Context, step: StepJson): Derivation {
  const dim = numberAt(step.data, 'dimension');
  if (dim !== ctx.n - ctx.dk) return mismatch(`dimension ${dim} ≠ n − d·k = ${ctx.n - ctx.dk}`);
  const codim = numberAt(step.data, 'codimension');
  if (codim !== undefined && codim !== ctx.dk) return mismatch(`codimension ${codim} ≠ d·k = ${ctx.dk}`);
  const on = onM(ctx);
  const r = rankOnM(ctx);
  if (on.verdict !== 'holds' || r === undefined || r.rank !== ctx.dk) return derived('unknown', 'float', 'the point or the rank is not re-established');
  const smooth = smoothness(ctx);
  const smoothGrade = smooth.kind === 'derived' ? smooth.rigor : 'float';
  const strong = on.rigor !== 'float' && r.rigor !== 'float' && smoothGrade !== 'float';
  return derived('holds', strong ? 'cited' : 'float', `the regular value theorem at a point of M (${on.rigor}) with rank J = d·k (${r.rigor}), σ smooth (${smoothGrade})`);
}

const RULES: Readonly<Record<string, Rule>> = {
  'distinct-inputs': (ctx, step) => {
    const keys = new Map<string, number[]>();
    ctx.cert.x.forEach((row, i) => {
      const key = row.map(rToString).join(',');
      keys.set(key, [...(keys.get(key) ?? []), i]);
    });
    const groups = [...keys.values()].filter((g) => g.length > 1);
    if (groups.length === 0) return derived('holds', 'exact', `the ${ctx.d} inputs are pairwise distinct (exact comparison)`);
    const claimed = step.data.lossLowerBoundExact;
    if (typeof claimed === 'string') {
      // rows with equal inputs share f: L ≥ Σ over their targets of (y − mean)²
      let total = rat(0n);
      for (const g of groups) {
        for (let o = 0; o < ctx.k; o++) {
          const ys = g.map((i) => ctx.cert.y[i]![o]!);
          const mean = rdiv(ys.reduce(radd, rat(0n)), rat(BigInt(ys.length)));
          for (const y of ys) total = radd(total, rmul(rsub(y, mean), rsub(y, mean)));
        }
      }
      if (rToString(total) !== claimed) return mismatch(`the loss bound ${claimed} ≠ ${rToString(total)} re-computed`);
    }
    return derived('fails', 'exact', `rows ${groups[0]!.map((i) => i + 1).join(' and ')} have equal inputs`);
  },
  overparameterized: (ctx, step) =>
    step.data.n !== ctx.n || step.data.dk !== ctx.dk
      ? mismatch(`the step says n = ${String(step.data.n)}, d·k = ${String(step.data.dk)}; the model and data give ${ctx.n} and ${ctx.dk}`)
      : derived(ctx.n > ctx.dk ? 'holds' : 'fails', 'exact', `n = ${ctx.n}, d·k = ${ctx.dk}`),
  'smooth-model': (ctx) => smoothness(ctx),
  'activation-smooth': (ctx) => smoothness(ctx),
  'activation-vanishes-nonpositive': (ctx, step) => {
    const s = activationOf(ctx);
    if (s === undefined) return mismatch('the model has no activation');
    if (s.rectified) return derived('holds', 'exact', `${s.name} is 0 for t ≤ 0 by its form`);
    // Not rectified by its form: look for a proven witness t ≤ 0 with σ(t) ≠ 0, the step's own first.
    const w = step.data.witness as { t?: unknown } | undefined;
    const tries = [...(typeof w?.t === 'number' && w.t <= 0 ? [w.t] : []), -1, -0.5, -2, -0.125, -8];
    for (const t of tries) {
      const v = s.value({ kind: 'exact', r: fromNumber(t), known: 'exact' });
      const iv = v.kind === 'exact' ? { lo: Number(v.r.num) / Number(v.r.den), hi: Number(v.r.num) / Number(v.r.den) } : v.iv;
      if (iv.lo > 0 || iv.hi < 0) return derived('fails', v.kind === 'exact' ? 'exact' : 'interval', `σ(${t}) ∈ [${iv.lo}, ${iv.hi}] ≠ 0`);
    }
    return unchecked(`σ is not shown nonzero at any of t = ${tries.join(', ')}`);
  },
  'activation-positive': (ctx, step) => {
    const s = activationOf(ctx);
    if (s === undefined) return mismatch('the model has no activation');
    if (s.positive.verdict !== 'unknown') return derived(s.positive.verdict, s.positive.rigor, s.positive.why);
    // not decided by its form: a proven witness of σ(t) ≤ 0 for some t > 0, the step's own first
    const w = step.data.witness as { t?: unknown } | undefined;
    const found = s.notPositiveAt?.([...(typeof w?.t === 'number' ? [w.t] : []), 1, 0.5, 2, 0.25, 4, 0.125, 8, 3, 10]);
    return found === undefined ? unchecked(s.positive.why) : derived(found.verdict, found.rigor, found.why);
  },
  'width-at-least-d': (ctx, step, result) => {
    const model = ctx.cert.json.input.model;
    if (model.kind === 'expression') return derived('fails', 'exact', 'an expression model has no hidden layer');
    if (model.kind === 'mlp') {
      const depth = model.hidden.length;
      if (result.theorem === '3.3' && depth !== 1) return derived('fails', 'exact', `Lemma 3.3 is about one hidden layer; this net has ${depth}`);
      const last = model.hidden[depth - 1]!;
      return derived(last >= ctx.d ? 'holds' : 'fails', 'exact', `the last hidden layer has width ${last}, d = ${ctx.d}`);
    }
    if (step.verdict === 'holds') {
      const t = ctx.triangular();
      return t?.ok ? derived('holds', 'exact', `the graph has ${ctx.dk} units feeding the outputs in a triangular pattern`) : unchecked('the graph search for the wiring is not re-done');
    }
    return unchecked('the graph search for the wiring is not re-done');
  },
  'projection-separates': (ctx, step) => {
    const a = step.data.a;
    const coords = step.data.coordinates;
    const len = numberAt(step.data, 'aLength');
    if (!Array.isArray(a) || !Array.isArray(coords) || len !== a.length || coords.length !== a.length || !a.every((v) => typeof v === 'number')) {
      return unchecked('the step data carry only a sample of the projection');
    }
    const t = projections(ctx, a as number[], coords as number[]).sort(cmp);
    for (let i = 1; i < t.length; i++) if (cmp(t[i - 1]!, t[i]!) === 0) return derived('fails', 'exact', `two inputs share the projection ${rToString(t[i]!)}`);
    const listed = step.data.tSorted;
    if (Array.isArray(listed) && !listed.includes('…') && listed.length === t.length) {
      const bad = listed.findIndex((v, i) => {
        const r = typeof v === 'number' ? fromNumber(v) : typeof v === 'string' ? parseExact(v) : undefined;
        return r === undefined || cmp(r, t[i]!) !== 0;
      });
      if (bad >= 0) return mismatch(`tSorted[${bad}] is not the ${bad + 1}-th smallest projection ${rToString(t[bad]!)}`);
    }
    return derived('holds', 'exact', `the ${ctx.d} projections a·xᵢ are pairwise distinct (exact)`);
  },
  'scalars-stay-distinct': (ctx, step) => {
    if (numberAt(step.data, 'layers') === 0) {
      return hiddenDepth(ctx) === 1 || ctx.cert.json.input.model.kind === 'dag' ? derived('holds', 'exact', 'one hidden layer: nothing is carried') : mismatch('the step says no layer carries a scalar, but the net is deeper');
    }
    // distinct last-layer scalars, hence distinct ones before, follow from the triangular pattern
    return triangularDerivation(ctx);
  },
  'biases-interleave': (ctx) => triangularDerivation(ctx),
  'triangular-block-invertible': (ctx) => triangularDerivation(ctx),
  'output-weights-enclosed': (ctx) => enclosureDerivation(ctx, 'the output weights'),
  'residual-zero': (ctx) => enclosureDerivation(ctx, 'F = 0 in the box'),
  'copies-fit': (ctx, step) => {
    const model = ctx.cert.json.input.model;
    if (model.kind === 'mlp' && model.hidden.length === 1) {
      const h = model.hidden[0]!;
      const copy = ctx.cert.m * h + 2 * h + 1;
      if (numberAt(step.data, 'copyParameters') !== copy || numberAt(step.data, 'totalParameters') !== ctx.k * copy) {
        return mismatch(`a copy has ${copy} parameters and ${ctx.k} copies ${ctx.k * copy}`);
      }
    }
    return enclosureDerivation(ctx, 'every copy is the shared hidden layer with one column of V');
  },
  'parameter-count': (ctx, step) =>
    numberAt(step.data, 'network') === ctx.n ? derived('holds', 'exact', `n = ${ctx.n} re-counted (the family count is the construction's bookkeeping)`) : mismatch(`network ${String(step.data.network)} ≠ n = ${ctx.n}`),
  'point-found': (ctx, step) => {
    const p = ctx.cert.json.point;
    if (p === null) return derived('unknown', 'float', 'the certificate has no point');
    if (step.data.method !== undefined && step.data.method !== p.method) return mismatch(`method ${String(step.data.method)} ≠ point.method ${p.method}`);
    const enc = ctx.enclosure();
    const rigor: Grade = p.method === 'construct' || p.method === 'params' ? 'exact' : enc?.ok ? 'interval' : 'float';
    return derived('holds', rigor, `a point with ${ctx.n} named parameters (${p.method})`);
  },
  'residual-vanishes': (ctx, step) => {
    const on = onM(ctx);
    const r = on.enclosure ? undefined : ctx.residualAtPoint();
    // a point proven off M shows nothing about M: not a failure of the theorem, but no evidence for it either
    if (r?.provenNonzero === true) return derived('unknown', r.known === 'exact' ? 'exact' : 'interval', `a residual at the point is proven nonzero (max |Fᵣ| ≈ ${r.maxAbs.toPrecision(3)}): the point is not on M, so nothing about M is shown at it`);
    return derived(on.verdict, on.rigor, on.why);
  },
  'jacobian-full-rank': (ctx, step) => rankDerivation(ctx, step),
  'manifold-near-point': manifoldDerivation,
  'manifold-dimension': manifoldDerivation,
  'manifold-transfers': manifoldDerivation,
  'hessian-counts': countsDerivation,
  'hessian-spectrum': (ctx, step) => {
    const c = countsDerivation(ctx, step);
    if (c.kind !== 'derived' || c.verdict !== 'holds') return c;
    const b = boundDerivation(ctx, numberAt(step.data, 'minPositiveEigenvalueLowerBound'), step.rigor);
    if (b.kind !== 'derived') return b;
    return derived(b.verdict, weakest(c.rigor, b.rigor), `${c.why}; ${b.why}`);
  },
  'min-positive-eigenvalue-bound': (ctx, step) =>
    step.verdict !== 'holds' && numberAt(step.data, 'bound') === undefined ? floatOnly('the step found no bound') : boundDerivation(ctx, numberAt(step.data, 'bound'), step.rigor),
  'loss-is-square': (ctx) => {
    const l = ctx.cert.json.input.loss;
    const square = l === 'sum' || l === 'mean' || (typeof l === 'object' && l.power === 2);
    return derived(square ? 'holds' : 'fails', 'exact', `the loss is ${JSON.stringify(l)}`);
  },
  // ∇L = 2c·JᵀF and ∇²L = 2c(JᵀJ + Σ Fᵣ∇²Fᵣ) for L = c·Σ Fᵣ² by the chain rule; the closed forms
  // in the step's data illustrate them on the case and are not what the kernel relies on.
  'symbolic-gradient': (ctx) => (lossFactor(ctx) === undefined ? derived('unknown', 'float', 'not a square loss') : derived('holds', 'exact', 'for L = c·Σ Fᵣ², ∇L = 2c·JᵀF by the chain rule')),
  'hessian-identity': (ctx) => {
    if (lossFactor(ctx) === undefined) return derived('unknown', 'float', 'not a square loss');
    const on = onM(ctx);
    return on.verdict === 'holds' ? derived('holds', on.rigor, `∇²L = 2c(JᵀJ + Σ Fᵣ∇²Fᵣ), and every Fᵣ = 0 at the point of M (${on.why})`) : derived('unknown', 'float', on.why);
  },
  'loss-across-M': () => floatOnly('a picture of the loss along a line, in floating point'),
  'same-zero-set': () => derived('holds', 'exact', 'every loss of the format is Σ g(Fᵣ) with g ≥ 0 vanishing only at 0'),
  'second-order-at-M': (ctx, step) => {
    const l = ctx.cert.json.input.loss;
    const a = l === 'abs' ? 1 : typeof l === 'object' ? l.power : 2;
    return numberAt(step.data, 'a') === undefined || numberAt(step.data, 'a') === a ? derived('holds', 'exact', `the exponent is a = ${a}`) : mismatch(`a = ${String(step.data.a)} but the loss has a = ${a}`);
  },
  'shared-versus-copies': (ctx, step) => {
    const model = ctx.cert.json.input.model;
    const shared = step.data.shared as Record<string, unknown> | undefined;
    const copies = step.data.copies as Record<string, unknown> | undefined;
    if (shared === undefined || copies === undefined) return mismatch('no shared/copies data');
    if (shared.network !== ctx.n || shared.codimension !== ctx.dk || shared.manifoldDimension !== ctx.n - ctx.dk) return mismatch('the shared network\'s counts are off');
    // one copy per output keeps everything but the other outputs' incoming weights and biases
    const total = copiesParameters(ctx);
    if (total === undefined) return unchecked('an expression model has no copies');
    if (copies.network !== total || copies.manifoldDimension !== total - ctx.dk) return mismatch(`the copies have ${total} parameters and M of dimension ${total - ctx.dk}`);
    return derived('holds', 'exact', `shared n = ${ctx.n}, copies n = ${total}, codimension ${ctx.dk} in both`);
  },
};

/** Σ over outputs o of the parameters of o's copy: n less the other outputs' weights and biases. */
function copiesParameters(ctx: Context): number | undefined {
  const model = ctx.cert.json.input.model;
  let perOutput: number[];
  if (model.kind === 'mlp') {
    const fanIn = model.hidden.length > 0 ? model.hidden[model.hidden.length - 1]! : ctx.cert.m;
    perOutput = new Array<number>(ctx.k).fill(fanIn + 1);
  } else if (model.kind === 'dag') {
    perOutput = model.outputs.map((o) => model.edges.filter(([, b]) => b === o).length + 1);
  } else return undefined;
  const all = perOutput.reduce((a, b) => a + b, 0);
  return perOutput.reduce((sum, own) => sum + ctx.n - (all - own), 0);
}

function parseExact(s: string): Rational | undefined {
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(s);
  if (m) return rat(BigInt(m[1]!), BigInt(m[2] ?? '1'));
  const d = /^(-?)(\d*)\.(\d+)$/.exec(s);
  if (d) return rat(BigInt(`${d[1]}${d[2]}${d[3]}`), 10n ** BigInt(d[3]!.length));
  return undefined;
}

/** The kernel's re-derivation of a step from the certificate's data; the step's own data are hints only. */
export function deriveStep(ctx: Context, step: StepJson, result: ResultJson): Derivation {
  const rule = Object.prototype.hasOwnProperty.call(RULES, step.id) ? RULES[step.id] : undefined;
  return rule === undefined ? unchecked('the kernel has no re-check for this step') : rule(ctx, step, result);
}

/** Checks one step of a result. */
export function checkStep(ctx: Context, step: StepJson, result: ResultJson): Check {
  const where = `${result.theorem}/${step.id}`;
  if (step.verdict === 'skipped') {
    const m = /needs "([^"]+)"/.exec(step.summary);
    if (m === null) return { where, status: 'ok', detail: 'skipped: claims nothing' };
    const blocker = result.steps.find((s) => s.id === m[1]);
    return blocker === undefined || blocker.verdict === 'holds'
      ? { where, status: 'failed', detail: `skipped for "${m[1]}", which ${blocker === undefined ? 'is not in the result' : 'holds'}` }
      : { where, status: 'ok', detail: `skipped: "${m[1]}" did not hold` };
  }
  const d = deriveStep(ctx, step, result);
  switch (d.kind) {
    case 'mismatch':
      return { where, status: 'failed', detail: d.why };
    case 'unchecked':
      return { where, status: step.rigor === 'float' ? 'float' : 'unchecked', detail: `not re-checkable from the certificate: ${d.why}` };
    case 'float':
      return { where, status: step.rigor === 'float' ? 'float' : 'failed', detail: step.rigor === 'float' ? `float evidence: ${d.why}` : `claimed ${step.rigor}, re-derived only as float: ${d.why}` };
    case 'derived': {
      // float evidence is refused only where the kernel proves otherwise
      // (a proof that the step cannot be established, an `unknown` graded above float, refuses it)
      const refutes = d.verdict === 'unknown' && d.rigor !== 'float';
      if (step.rigor === 'float' && d.verdict !== step.verdict && !refutes && (d.verdict === 'unknown' || d.rigor === 'float')) return { where, status: 'float', detail: `float evidence, not re-established: ${d.why}` };
      if (d.verdict !== step.verdict) return { where, status: 'failed', detail: `claims ${step.verdict}, re-derived ${d.verdict}: ${d.why}` };
      if (step.rigor === 'float') return { where, status: 'float', detail: `float evidence, consistent: ${d.why}` };
      if (d.rigor === 'float') return { where, status: 'failed', detail: `claimed ${step.rigor}, re-derived only in float: ${d.why}` };
      if (!atLeast(d.rigor, step.rigor)) return { where, status: 'failed', detail: `claimed ${step.rigor}, re-established only as ${d.rigor}: ${d.why}` };
      const note = d.rigor === step.rigor ? '' : ` (claimed ${step.rigor}, re-proved ${d.rigor})`;
      return { where, status: 'ok', detail: `${d.why}${note}` };
    }
  }
}
