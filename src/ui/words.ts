/**
 * How verdicts and rigor grades look and read on screen and in text: marks, colours, and the
 * meaning of each grade (SPEC.md "Verdicts and rigor"). Exhaustive switches, so a new grade
 * cannot be shown without a word for it.
 */
import { checkExhaustive, type Rigor, type TheoremVerdict, type Verdict } from '../proof/types.js';

export { verdictMark } from '../proof/marks.js';

/**
 * A title in the case's terms: titles are written for k outputs ("rank d·k", "n − d·k"), and with
 * one output d·k is just d, as the paper writes it.
 */
export function inCaseTerms(text: string, k: number): string {
  return k === 1 ? text.replace(/\bd·k\b/g, 'd') : text;
}

/** Ink colour names used by the walkthrough. */
export type Tone = 'green' | 'red' | 'yellow' | 'gray' | 'cyan' | 'blue' | 'magenta';

export function verdictTone(v: Verdict): Tone {
  switch (v) {
    case 'holds':
      return 'green';
    case 'fails':
      return 'red';
    case 'unknown':
      return 'yellow';
    case 'skipped':
      return 'gray';
    default:
      return checkExhaustive(v);
  }
}

export function theoremTone(v: TheoremVerdict): Tone {
  switch (v) {
    case 'certified':
      return 'green';
    case 'supported':
      return 'cyan';
    case 'fails':
      return 'red';
    case 'inconclusive':
      return 'yellow';
    default:
      return checkExhaustive(v);
  }
}

export function rigorTone(r: Rigor): Tone {
  switch (r) {
    case 'exact':
      return 'green';
    case 'symbolic':
      return 'magenta';
    case 'interval':
      return 'cyan';
    case 'cited':
      return 'blue';
    case 'float':
      return 'yellow';
    default:
      return checkExhaustive(r);
  }
}

/** What a rigor grade means, in one line. */
export function rigorMeaning(r: Rigor): string {
  switch (r) {
    case 'exact':
      return 'integer or rational arithmetic, or a structural argument on exact data';
    case 'symbolic':
      return 'a computer-algebra identity or derivative';
    case 'interval':
      return 'outward-rounded interval arithmetic: a proof, given a correct implementation';
    case 'cited':
      return 'a published theorem, with its hypotheses checked on this case';
    case 'float':
      return 'floating point with a stated tolerance: evidence, not proof';
    default:
      return checkExhaustive(r);
  }
}

/** How a theorem's verdict reads in a sentence. */
export function theoremVerdictMeaning(v: TheoremVerdict): string {
  switch (v) {
    case 'certified':
      return 'every step holds, none on floating point alone';
    case 'supported':
      return 'every step holds, some only in floating point';
    case 'fails':
      return 'a step fails on this case';
    case 'inconclusive':
      return 'a step could not be decided';
    default:
      return checkExhaustive(v);
  }
}
