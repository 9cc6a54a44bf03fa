/**
 * From step verdicts to a theorem's verdict (SPEC.md): certified when every step holds with
 * rigor stronger than float, supported when some hold only in float, fails when any step
 * fails, inconclusive when any is unknown and none fails.
 */
import type { StepResult, TheoremVerdict } from './types.js';

export function theoremVerdict(steps: readonly Pick<StepResult, 'verdict' | 'rigor'>[]): TheoremVerdict {
  if (steps.some((s) => s.verdict === 'fails')) return 'fails';
  if (steps.some((s) => s.verdict === 'unknown')) return 'inconclusive';
  const held = steps.filter((s) => s.verdict === 'holds');
  // A theorem with nothing proven has proven nothing, even if nothing failed.
  if (held.length === 0) return 'inconclusive';
  return held.some((s) => s.rigor === 'float') ? 'supported' : 'certified';
}
