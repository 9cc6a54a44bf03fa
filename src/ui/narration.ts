/**
 * Short narration lines for the teaching demo, one per runner event, read off the event itself
 * (the step's title and the runner's verdict, rigor and summary).
 */
import type { RunEvent } from '../proof/runner.js';
import { checkExhaustive, type Rigor, type TheoremResult } from '../proof/types.js';
import { prettySpaces } from '../render/terminal/format.js';
import { paperName } from '../../theorems/names.js';
import { inCaseTerms, theoremVerdictMeaning } from './words.js';

/** The rigor grade as an adverbial phrase: "It holds exactly". */
export function rigorPhrase(r: Rigor): string {
  switch (r) {
    case 'exact':
      return 'exactly';
    case 'symbolic':
      return 'symbolically';
    case 'interval':
      return 'with a proof in interval arithmetic';
    case 'cited':
      return 'by a published theorem';
    case 'float':
      return 'in floating point (evidence, not proof)';
    default:
      return checkExhaustive(r);
  }
}

/** Text ending with exactly one full stop. */
const sentence = (s: string): string => `${s.trim().replace(/[.\s]+$/, '')}.`;

/** The narration for an event on a case with k outputs, or undefined when it does not change what is said (progress). */
export function narrate(e: RunEvent, caseName: string, k = 1): string | undefined {
  switch (e.type) {
    case 'theorem-start':
      return `${paperName(e.theorem.id)} on ${caseName}. ${prettySpaces(e.statement)}`;
    case 'step-start':
      return `Step ${e.index + 1} of ${e.theorem.steps.length}: ${inCaseTerms(e.step.title, k)}.`;
    case 'step-progress':
      return undefined;
    case 'step-end': {
      const r = e.result;
      switch (r.verdict) {
        case 'holds':
          return `It holds ${rigorPhrase(r.rigor)}: ${sentence(r.summary)}`;
        case 'fails':
          return `It fails (${r.rigor}): ${sentence(r.summary)}`;
        case 'unknown':
          return `Not decided: ${sentence(r.summary)}`;
        case 'skipped':
          return `Skipped: ${sentence(r.summary.replace(/^skipped:\s*/, ''))}`;
        default:
          return checkExhaustive(r.verdict);
      }
    }
    case 'theorem-end':
      return `${paperName(e.theorem.id)} is ${e.result.verdict} on ${caseName}: ${theoremVerdictMeaning(e.result.verdict)}.`;
  }
}

/** The closing line of a demo: how many theorems ended how. */
export function summaryLine(results: readonly TheoremResult[], caseName: string): string {
  if (results.length === 0) return `No theorem was run on ${caseName}.`;
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const parts = [...counts].map(([v, n]) => `${n} ${v}`);
  const noun = results.length === 1 ? 'theorem' : 'theorems';
  return `Summary on ${caseName}: ${results.length} ${noun}, ${parts.join(', ')}.`;
}
