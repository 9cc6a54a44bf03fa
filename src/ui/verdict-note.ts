/**
 * What the screen says under a theorem's statement once the run has ended badly: that the claim
 * does not hold on this case (or could not be decided), which step stopped it and why, in the
 * step's own words; and, where the construction of Lemma 3.3 does not apply, that a search may
 * still find a point of M (Theorem 2.1 does not need the construction).
 */
import type { Case } from '../cases/types.js';
import { prettySpaces } from '../render/terminal/format.js';
import { firstProblem, type TheoremRun } from './state.js';
import type { Tone } from './words.js';

export interface Note {
  readonly text: string;
  readonly tone: Tone;
  /** the same in fewer words, for a small terminal */
  readonly short?: string;
}

/** Results that rest on the triangular construction (Lemma 3.3, Corollary 3.4, Theorem 4.1, Remark 4.2). */
const BUILT_ON_CONSTRUCTION = new Set(['3.3', '3.4', '4.1', '4.2']);

/** Steps whose failure means the construction does not apply to the case (σ, the width, the data). */
const CONSTRUCTION_HYPOTHESES = new Set(['activation-vanishes-nonpositive', 'activation-positive', 'width-at-least-d']);

/** "does not hold here: step 2, σ vanishes for t ≤ 0, fails: tanh: σ(−1) = −0.76 ≠ 0 …" */
export function verdictNote(run: TheoremRun): Note | undefined {
  const r = run.result;
  if (r === undefined || (r.verdict !== 'fails' && r.verdict !== 'inconclusive')) return undefined;
  // The step behind the verdict: the first that fails (for fails), else the first undecided one.
  const step = r.verdict === 'fails' ? run.steps.find((s) => s.result?.verdict === 'fails') : firstProblem(run);
  const why = step?.result ? `step ${step.index + 1}, ${step.title}, ${step.result.verdict === 'fails' ? 'fails' : 'is undecided'}: ${prettySpaces(step.result.summary)}` : 'a step did not hold';
  return r.verdict === 'fails'
    ? { text: `✗ It does not hold on this case: ${why}`, tone: 'red' }
    : { text: `? Not decided on this case: ${why}`, tone: 'yellow' };
}

/**
 * A hint where `point: search` would answer: the construction does not apply (σ = tanh or
 * softplus does not vanish on t ≤ 0, a layer narrower than d), yet M may have points that a search
 * finds, and Theorem 2.1 needs no construction.
 */
export function searchHint(run: TheoremRun, c: Case, on: 'screen' | 'text' = 'screen'): Note | undefined {
  if (c.model.kind === 'expression' || run.result === undefined) return undefined;
  const step = firstProblem(run);
  if (step === undefined) return undefined;
  const constructionFails = BUILT_ON_CONSTRUCTION.has(run.theorem.id) && CONSTRUCTION_HYPOTHESES.has(step.step.id);
  // Theorem 2.1 or 2.3 at an explicit `point: construct` that did not apply.
  const noPoint = step.step.id === 'point-found' && c.point.kind === 'construct' && c.point.fallback === undefined;
  if (!constructionFails && !noPoint) return undefined;
  const where = c.point.kind === 'search' ? 'this case already has point: search' : 'put point: search in the case';
  return constructionFails
    ? {
        text: `hint: the construction does not apply here, but M may still have points: Theorem 2.1 looks for one by a search (${where}; ${on === 'screen' ? 't chooses the theorem' : 'walk 2.1 on this case'})`,
        short: `hint: Theorem 2.1 finds points of M by a search${on === 'screen' ? ' (t)' : ''}`,
        tone: 'cyan',
      }
    : {
        text: 'hint: the construction does not apply here; point: search in the case (or no point: at all) looks for a point of M by a search instead',
        short: 'hint: no construction here; point: search looks for a point of M',
        tone: 'cyan',
      };
}
