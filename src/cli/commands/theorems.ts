/** `overparam theorems` and `overparam explain THEOREM`. */
import { findTheorem, THEOREMS, THEOREM_IDS } from '../../../theorems/index.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';

export function theoremsCommand(out: (s: string) => void): ExitCode {
  const width = Math.max(...THEOREMS.map((t) => t.id.length));
  for (const t of THEOREMS) out(`${t.id.padEnd(width)}  ${t.title}\n${' '.repeat(width)}  ${t.statement}\n`);
  return EXIT.ok;
}

export function explainCommand(argv: readonly string[], out: (s: string) => void): ExitCode {
  const id = argv[0];
  if (id === undefined) throw new UsageError(`explain: name a theorem (${THEOREM_IDS.join(', ')})`);
  if (argv.length > 1) throw new UsageError(`explain: one theorem at a time (got ${argv.length})`);
  const t = findTheorem(id);
  if (!t) throw new UsageError(`explain: unknown theorem "${id}" (known: ${THEOREMS.map((x) => x.id).join(', ')})`);
  const lines = [t.title, '', t.statement, '', 'Hypotheses:', ...t.hypotheses.map((h) => `  • ${h}`), '', 'Proof steps:'];
  for (const [i, s] of t.steps.entries()) {
    lines.push(`  ${i + 1}. ${s.id}: ${s.title}`);
    lines.push(...wrap(s.explain, 74).map((l) => `       ${l}`));
    if (s.needs && s.needs.length > 0) lines.push(`       (needs: ${s.needs.join(', ')})`);
  }
  out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
