/**
 * The hypothesis of Theorem 2.1 that every residual fᵢ(w) = f(w, xᵢ) − yᵢ is smooth (C^∞) in w.
 *
 * - mlp and dag: the model composes affine maps with σ, so it is smooth when σ is; σ's
 *   smoothness comes from its activation report (src/symbolic/activation-props.ts), which fails
 *   ReLU with its one-sided derivatives at 0.
 * - expression: read off the formula. +, −, ×, integer powers, exp, sin, cos, tanh, sigmoid, …
 *   are C^∞ everywhere (exact, by structure). abs has a kink where its argument is 0, so the
 *   model is not smooth there: the hypothesis fails, as for ReLU. sqrt, log, division, tan and
 *   real powers are C^∞ on an open domain (argument > 0, denominator ≠ 0, …): the model is
 *   smooth there, and the step checks in interval arithmetic that the point lies inside it for
 *   every input, so that Theorem 2.1 applies to M within that open set.
 */
import type { Case } from '../../src/cases/types.js';
import {
  add,
  div,
  fromNumber,
  fromRational,
  intersect,
  mul,
  neg,
  sub,
  type Interval,
} from '../../src/kernel/interval.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fails, holds, unknown, type Evidence, type Json, type Step } from '../../src/proof/types.js';
import { pointOf } from '../../src/workspace/point.js';
import { activationReport } from '../../src/symbolic/activation-props.js';
import { call, exprToString, sym, type Expr } from '../../src/expr/index.js';
import { evalInterval } from '../../src/expr/interval-eval.js';

/** A place where the formula is smooth only on an open domain, and that domain's condition. */
export interface DomainCondition {
  /** the subexpression whose value the condition constrains */
  readonly arg: Expr;
  readonly kind: 'positive' | 'greater-than-minus-one' | 'nonzero' | 'cos-nonzero';
  /** where, in words: "sqrt(u)", "x/u" */
  readonly where: string;
}

/** A kink: a place where the formula is not differentiable (abs at 0). */
export interface Kink {
  readonly arg: Expr;
  readonly where: string;
}

/** The kinks and open-domain conditions of a formula. */
export interface FormulaSmoothness {
  readonly kinks: readonly Kink[];
  readonly conditions: readonly DomainCondition[];
}

const isIntegerLiteral = (e: Expr): number | undefined =>
  e.kind === 'num' && Number.isInteger(e.value) ? e.value : e.kind === 'neg' && e.arg.kind === 'num' && Number.isInteger(e.arg.value) ? -e.arg.value : undefined;

/** Walks a formula and lists its kinks and the open-domain conditions of its pieces. */
export function formulaSmoothness(e: Expr): FormulaSmoothness {
  const kinks: Kink[] = [];
  const conditions: DomainCondition[] = [];
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'num':
      case 'sym':
      case 'const':
        return;
      case 'neg':
        walk(x.arg);
        return;
      case 'call': {
        walk(x.arg);
        const where = exprToString(x);
        switch (x.fn) {
          case 'abs':
            kinks.push({ arg: x.arg, where });
            break;
          case 'sqrt':
          case 'log':
            conditions.push({ arg: x.arg, kind: 'positive', where });
            break;
          case 'log1p':
            conditions.push({ arg: x.arg, kind: 'greater-than-minus-one', where });
            break;
          case 'tan':
            conditions.push({ arg: x.arg, kind: 'cos-nonzero', where });
            break;
          default:
            break; // exp, expm1, sin, cos, tanh, sinh, cosh, atan, sigmoid: C^∞ on ℝ
        }
        return;
      }
      case 'div':
        walk(x.left);
        walk(x.right);
        conditions.push({ arg: x.right, kind: 'nonzero', where: exprToString(x) });
        return;
      case 'pow': {
        walk(x.left);
        walk(x.right);
        const k = isIntegerLiteral(x.right);
        if (k !== undefined && k >= 0) return; // a polynomial power
        conditions.push({ arg: x.left, kind: k !== undefined ? 'nonzero' : 'positive', where: exprToString(x) });
        return;
      }
      default:
        walk(x.left);
        walk(x.right);
    }
  };
  walk(e);
  return { kinks, conditions };
}

/** Encloses a formula over boxes for its symbols (functions through evalInterval's enclosures). */
export function evalIntervalEnv(e: Expr, env: ReadonlyMap<string, Interval>): Interval {
  switch (e.kind) {
    case 'num':
    case 'const':
      return evalInterval(e, fromNumber(0));
    case 'sym': {
      const v = env.get(e.name);
      if (v === undefined) throw new RangeError(`no value for ${e.name}`);
      return v;
    }
    case 'neg':
      return neg(evalIntervalEnv(e.arg, env));
    case 'call':
      return evalInterval(call(e.fn, sym('t')), evalIntervalEnv(e.arg, env));
    case 'add':
      return add(evalIntervalEnv(e.left, env), evalIntervalEnv(e.right, env));
    case 'sub':
      return sub(evalIntervalEnv(e.left, env), evalIntervalEnv(e.right, env));
    case 'mul':
      return mul(evalIntervalEnv(e.left, env), evalIntervalEnv(e.right, env));
    case 'div':
      return div(evalIntervalEnv(e.left, env), evalIntervalEnv(e.right, env));
    case 'pow': {
      // evaluate the power with t standing for the base, the exponent kept as written when numeric
      const base = evalIntervalEnv(e.left, env);
      if (e.right.kind === 'num' || isIntegerLiteral(e.right) !== undefined) {
        return evalInterval({ kind: 'pow', left: sym('t'), right: e.right }, base);
      }
      const ex = evalIntervalEnv(e.right, env);
      const pos = intersect(base, { lo: 0, hi: Infinity });
      return evalInterval(call('exp', sym('t')), mul(ex, evalInterval(call('log', sym('t')), pos)));
    }
  }
}

/** Whether a condition holds on the whole box value `v`: true, false (violated somewhere, certainly), or undefined. */
function decide(kind: DomainCondition['kind'], v: Interval): boolean | undefined {
  if (Number.isNaN(v.lo)) return false; // undefined on the whole box
  switch (kind) {
    case 'positive':
      return v.lo > 0 ? true : v.hi <= 0 ? false : undefined;
    case 'greater-than-minus-one':
      return v.lo > -1 ? true : v.hi <= -1 ? false : undefined;
    case 'nonzero':
      return v.lo > 0 || v.hi < 0 ? true : v.lo === 0 && v.hi === 0 ? false : undefined;
    case 'cos-nonzero': {
      // cos u ≠ 0 when u stays strictly between two zeros (j + ½)π; the margin covers π's rounding
      const j = Math.floor(v.lo / Math.PI - 0.5);
      const margin = 1e-9 * Math.max(1, Math.abs(v.lo), Math.abs(v.hi));
      return v.lo > (j + 0.5) * Math.PI + margin && v.hi < (j + 1.5) * Math.PI - margin ? true : undefined;
    }
  }
}

const CONDITION_TEXT: Record<DomainCondition['kind'], string> = {
  positive: '> 0',
  'greater-than-minus-one': '> −1',
  nonzero: '≠ 0',
  'cos-nonzero': 'has cos ≠ 0',
};

function expressionSmooth(c: Case, ctx: Parameters<Step['run']>[0]): Evidence {
  if (c.model.kind !== 'expression') throw new Error('not an expression model');
  const spec = c.model;
  const model = modelOf(ctx.ws);
  const formulas = (model as { formulas?: readonly Expr[] }).formulas ?? [];
  const all = formulas.map(formulaSmoothness);
  const kinks = all.flatMap((f) => f.kinks);
  if (kinks.length > 0) {
    const first = kinks[0]!;
    return fails('exact', `${first.where} is not differentiable where ${exprToString(first.arg)} = 0 (slopes −1 and +1 meet there): the model is not smooth, so Theorem 2.1's hypothesis fails`, {
      kinks: kinks.map((kk) => kk.where),
    });
  }
  const conditions = all.flatMap((f) => f.conditions);
  if (conditions.length === 0) {
    return holds('exact', `f is C^∞ on all of ℝ^${model.n}: its formula uses only +, −, ×, nonnegative integer powers and functions smooth on ℝ`, {
      formulas: formulas.map(exprToString),
    });
  }
  // Smooth on an open domain: check the point lies inside it for every input.
  const point = pointOf(ctx.ws, ctx.progress);
  const described = conditions.map((cd) => `${exprToString(cd.arg)} ${CONDITION_TEXT[cd.kind]} (${cd.where})`);
  if (!point.found) {
    return unknown('exact', `f is C^∞ where ${described.join(', ')}; with no point, whether M meets that open set is not decided`, {
      conditions: described,
    });
  }
  const env = new Map<string, Interval>();
  spec.params.forEach((name, p) => env.set(name, fromNumber(point.values[p]!)));
  const failing: Json[] = [];
  const open: Json[] = [];
  for (let i = 0; i < c.data.d; i++) {
    spec.inputs.forEach((name, j) => env.set(name, fromRational(c.data.xExact[i]![j]!)));
    for (const cd of conditions) {
      const v = evalIntervalEnv(cd.arg, env);
      const ok = decide(cd.kind, v);
      if (ok === false) failing.push({ input: i, condition: `${exprToString(cd.arg)} ${CONDITION_TEXT[cd.kind]}`, value: [v.lo, v.hi] });
      else if (ok === undefined) open.push({ input: i, condition: `${exprToString(cd.arg)} ${CONDITION_TEXT[cd.kind]}`, value: [v.lo, v.hi] });
    }
  }
  if (failing.length > 0) {
    const f = failing[0] as { input: number; condition: string };
    return fails('interval', `f is C^∞ only where ${described.join(', ')}, and the point is outside: ${f.condition} fails at input ${f.input}`, {
      conditions: described,
      failing: failing.slice(0, 20),
    });
  }
  if (open.length > 0) {
    return unknown('interval', `f is C^∞ where ${described.join(', ')}; at the point this is not decided for ${open.length} case(s)`, {
      conditions: described,
      undecided: open.slice(0, 20),
    });
  }
  return holds('interval', `f is C^∞ on the open set where ${described.join(', ')}, which holds at the point for all ${c.data.d} inputs (interval arithmetic); Theorem 2.1 applies to M within it`, {
    conditions: described,
  });
}

/** Step `smooth-model`: every fᵢ is C^∞ in w (from σ's report or the formula). */
export const smoothModel: Step = {
  id: 'smooth-model',
  title: 'each fᵢ is smooth in w',
  explain:
    'Sard\'s theorem needs the residual map F: ℝⁿ → ℝ^(d·k) to be smooth enough (C^r with r ≥ n − d·k + 1). ' +
    'A network composes affine maps with σ, so it is C^∞ when σ is; ReLU is not (its one-sided derivatives ' +
    'at 0 are 0 and 1), and neither is a formula with abs. sqrt, log and division are smooth on an open domain, ' +
    'checked at the point.',
  run(ctx) {
    return smoothEvidence(ctx);
  },
};

/** The smoothness evidence for the case, decided once per workspace. */
export function smoothEvidence(ctx: Parameters<Step['run']>[0]): Evidence {
  return ctx.ws.memo('evidence:smooth-model', () => decideSmooth(ctx));
}

function decideSmooth(ctx: Parameters<Step['run']>[0]): Evidence {
  {
    const c = ctx.case;
    if (c.model.kind === 'expression') return expressionSmooth(c, ctx);
    const act = modelOf(ctx.ws).activation;
    if (act === undefined) return unknown('exact', 'the model has no activation to check');
    const s = activationReport(act).smooth;
    const prefix = `f composes affine maps with σ = ${act.name}`;
    const sentence =
      s.verdict === 'holds'
        ? `${prefix}, and σ is smooth: ${s.summary}`
        : s.verdict === 'fails'
          ? `${prefix}, and σ is not smooth: ${s.summary}; Theorem 2.1's hypothesis fails`
          : `${prefix}; σ's smoothness is not decided: ${s.summary}`;
    return { ...s, summary: sentence, data: { ...s.data, activation: act.name } };
  }
}
