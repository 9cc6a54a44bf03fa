/**
 * Hypothesis steps about σ, from the activation's report (src/symbolic/activation-props.ts):
 * each property with the rigor and the witness with which the report decided it. They check
 * what the proofs of Section 3 use (MATH.md, Definition 3.1): σ = 0 on t ≤ 0 and σ > 0 on
 * t > 0 (the triangular block), smoothness (Theorem 4.1's manifold).
 */
import { compileActivation, type Activation } from '../../src/models/activation.js';
import { activationOf } from '../../src/workspace/construction.js';
import { fails, type Evidence, type Step, type StepContext } from '../../src/proof/types.js';
import { activationReport, prepareSmoothness, type ActivationReport } from '../../src/symbolic/activation-props.js';

/** The case's σ, or the evidence that the model has none. */
function withActivation(ctx: StepContext, use: (act: Activation) => Evidence): Evidence {
  const act = activationOf(ctx.ws);
  if (!act) return fails('exact', 'the model is an expression, not a feedforward network with an activation σ');
  return use(act);
}

/** A step that reports one property of the activation's report, under the activation's name. */
function reportStep(id: string, title: string, explain: string, pick: (r: ActivationReport) => Evidence): Step {
  return {
    id,
    title,
    explain,
    run: (ctx) =>
      withActivation(ctx, (act) => {
        const e = pick(activationReport(act));
        return { ...e, summary: `${act.name}: ${e.summary}`, data: { ...e.data, activation: act.name } };
      }),
  };
}

export const activationVanishes = reportStep(
  'activation-vanishes-nonpositive',
  'σ vanishes for t ≤ 0',
  'σ(t) = 0 for every t ≤ 0 (the first half of Definition 3.1). It is what makes the block A lower ' +
    'triangular: a unit whose bias lies above a data point contributes exactly 0 there. A form given ' +
    'as `positive:` vanishes by construction; a plain formula is decided by sign rules or intervals, ' +
    'and a failure names a t ≤ 0 with σ(t) ≠ 0.',
  (r) => r.vanishes,
);

export const activationPositive = reportStep(
  'activation-positive',
  'σ is positive for t > 0',
  'σ(t) > 0 for every t > 0: what the diagonal of A needs. Definition 3.1 says "monotonic increasing", ' +
    'which read loosely admits σ ≡ 0 and would break Lemma 3.3, so positivity is checked on its own.',
  (r) => r.positive,
);

export const activationSmooth: Step = {
  ...reportStep(
    'activation-smooth',
    'σ is smooth',
    'Theorem 4.1 concludes that M is a smooth manifold, through the regular value theorem, which needs ' +
      'F smooth, hence σ smooth. smooLU is C^∞ because every derivative of t·e^(−1/t) tends to 0 at 0⁺; ' +
      'relu is not differentiable at 0 and fails here (Lemma 3.3 does not need smoothness).',
    (r) => r.smooth,
  ),
  // nerdamer's limits start in a worker when the theorem starts, while the model is built and
  // the steps before this one run (σ from the spec: the report is keyed by its formula)
  prepare: (ctx) => {
    const spec = ctx.case.model;
    if (spec.kind !== 'expression') prepareSmoothness(compileActivation(spec.activation));
  },
};
