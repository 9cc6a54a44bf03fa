/** One-character marks for verdicts, the same in the terminal, Markdown and HTML. */
import { checkExhaustive, type Verdict } from './types.js';

export function verdictMark(v: Verdict): string {
  switch (v) {
    case 'holds':
      return '✓';
    case 'fails':
      return '✗';
    case 'unknown':
      return '?';
    case 'skipped':
      return '–';
    default:
      return checkExhaustive(v);
  }
}
