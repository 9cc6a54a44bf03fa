/**
 * The hypothesis of Theorem 2.1 that every residual fᵢ(w) = f(w, xᵢ) − yᵢ is smooth (C^∞) in w.
 *
 * - mlp and dag: the model composes affine maps with σ, so it is smooth when σ is; σ's
 *   smoothness comes from its activation report (src/symbolic/activation-props.ts), which fails
 *   ReLU with its one-sided derivatives at 0.
 * - expression: read off the formula. +, −, ×, integer powers, exp, sin, cos, tanh, sigmoid, …
 *   are C^∞ everywhere (exact, by structure). Every other piece (abs, sqrt, log, division, tan,
 *   real powers) is C^∞ away from a singular set; the kernel (src/kernel/expr-smooth.ts) tries
 *   to prove each argument away from it on all of ℝⁿ, for every input (abs(w1^2 + 1) passes).
 *   An abs not proven so has a kink where its argument is 0: the hypothesis fails, as for ReLU.
 *   The other pieces make the model C^∞ on an open domain (argument > 0, denominator ≠ 0, …),
 *   and the step checks in interval arithmetic that the point lies inside it for every input,
 *   so that Theorem 2.1 applies to M within that open set.
 */
import type { Case } from '../../src/cases/types.js';
import { encloseExpr } from '../../src/kernel/expr-interval.js';
import {
  CONDITION_TEXT,
  conditionHolds,
  conditionViolated,
  singularPieces,
  smoothEverywhere,
  type SingularPiece,
  type Smoothness,
} from '../../src/kernel/expr-smooth.js';
import { fromNumber, fromRational, type Interval } from '../../src/kernel/interval.js';
import { modelOf } from '../../src/workspace/model-of.js';
import { fails, holds, unknown, type Evidence, type Json, type Step } from '../../src/proof/types.js';
import { pointOf } from '../../src/workspace/point.js';
import { activationReport } from '../../src/symbolic/activation-props.js';
import { exprToString, type Expr } from '../../src/expr/index.js';

function expressionSmooth(c: Case, ctx: Parameters<Step['run']>[0]): Evidence {
  if (c.model.kind !== 'expression') throw new Error('not an expression model');
  const spec = c.model;
  const model = modelOf(ctx.ws);
  const formulas = (model as { formulas?: readonly Expr[] }).formulas ?? [];
  const pieces = formulas.flatMap(singularPieces);
  if (pieces.length === 0) {
    return holds('exact', `f is C^∞ on all of ℝ^${model.n}: its formula uses only +, −, ×, nonnegative integer powers and functions smooth on ℝ`, {
      formulas: formulas.map(exprToString),
    });
  }
  const inputBox = (i: number): Map<string, Interval> => new Map(spec.inputs.map((name, j) => [name, fromRational(c.data.xExact[i]![j]!)]));
  const describe = (p: SingularPiece): string => `${exprToString(p.arg)} ${CONDITION_TEXT[p.condition]} (${exprToString(p.piece)})`;
  // On all of ℝⁿ first: every singular piece proven away from its singular set for every input.
  const global = new Map<SingularPiece, Smoothness>();
  for (let i = 0; i < c.data.d; i++) {
    for (const f of formulas) {
      const s = smoothEverywhere(f, spec.params, inputBox(i));
      if (!s.smooth && !global.has(s.piece)) global.set(s.piece, s);
    }
  }
  const unproven = pieces.filter((p) => [...global.keys()].some((q) => q.piece === p.piece));
  if (unproven.length === 0) {
    return holds('interval', `f is C^∞ on all of ℝ^${model.n}: ${pieces.map(describe).join(', ')} on all of ℝ^${model.n} for all ${c.data.d} inputs (interval arithmetic over unbounded boxes)`, {
      conditions: pieces.map(describe),
    });
  }
  const kinks = unproven.filter((p) => p.piece.kind === 'call' && p.piece.fn === 'abs');
  if (kinks.length > 0) {
    const first = kinks[0]!;
    return fails('exact', `${exprToString(first.piece)} is not differentiable where ${exprToString(first.arg)} = 0 (slopes −1 and +1 meet there): the model is not smooth, so Theorem 2.1's hypothesis fails`, {
      kinks: kinks.map((kk) => exprToString(kk.piece)),
    });
  }
  // Smooth on an open domain: check the point lies inside it for every input.
  const point = pointOf(ctx.ws, ctx.progress);
  const described = unproven.map(describe);
  if (!point.found) {
    return unknown('exact', `f is C^∞ where ${described.join(', ')}; with no point, whether M meets that open set is not decided`, {
      conditions: described,
    });
  }
  const failing: Json[] = [];
  const open: Json[] = [];
  for (let i = 0; i < c.data.d; i++) {
    const box = inputBox(i);
    spec.params.forEach((name, p) => box.set(name, fromNumber(point.values[p]!)));
    for (const p of unproven) {
      const condition = `${exprToString(p.arg)} ${CONDITION_TEXT[p.condition]}`;
      const r = encloseExpr(p.arg, box);
      if (!r.ok) open.push({ input: i, condition, undefined: `${exprToString(r.piece)}: ${r.reason}` });
      else if (conditionViolated(p.condition, r.value)) failing.push({ input: i, condition, value: [r.value.lo, r.value.hi] });
      else if (!conditionHolds(p.condition, r.value)) open.push({ input: i, condition, value: [r.value.lo, r.value.hi] });
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
