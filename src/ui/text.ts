/**
 * The walkthrough as plain text, for pipes and CI where there is no terminal to draw in: the
 * header, the instantiated statement, every step with its state, evidence, pictures and rigor,
 * and the summary. Printed as the runner's events arrive, from the same runner as the screen.
 */
import type { Case } from '../cases/types.js';
import { runTheorem, type Judge, type RunEvent } from '../proof/runner.js';
import type { Claims, StepResult, Theorem, TheoremResult } from '../proof/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { caseFacts, factsLine, type CaseFacts } from './case-facts.js';
import { prettySpaces, truncate, wrapText } from '../render/terminal/format.js';
import { stepDetail } from './detail.js';
import { narrate, summaryLine } from './narration.js';
import { applyEvent, pendingRun, type TheoremRun } from './state.js';
import { paperName } from '../../theorems/names.js';
import { searchHint, verdictNote } from './verdict-note.js';
import { theoremVerdictMeaning } from './words.js';

/**
 * The case header: name and description, then sizes, model, activation, loss and point, and the
 * case's notes. Compact (a short terminal): the facts line alone, saying if the targets moved.
 */
export function headerLines(f: CaseFacts, width: number, perturbations = 0, compact = false): string[] {
  if (compact) return [truncate(`${factsLine(f)}${perturbations > 0 ? '  (targets perturbed)' : ''}`, width)];
  const lines = [truncate(`case ${f.name}${f.description ? ` — ${f.description}` : ''}`, width), truncate(`  ${factsLine(f)}`, width)];
  // The perturbation usually leaves a note saying what moved; say it only where it does not.
  if (perturbations > 0 && !f.notes.some((n) => n.startsWith('perturb'))) lines.push('  targets perturbed (seeded) in this walkthrough');
  for (const note of f.notes) lines.push(...wrapText(`note: ${note}`, width - 2).map((l) => `  ${l}`));
  return lines;
}

/** "3 holds (2 exact, 1 interval), 1 skipped" */
export function stepTally(steps: readonly StepResult[]): string {
  const byVerdict = new Map<string, StepResult[]>();
  for (const s of steps) byVerdict.set(s.verdict, [...(byVerdict.get(s.verdict) ?? []), s]);
  return [...byVerdict]
    .map(([v, list]) => {
      if (v !== 'holds') return `${list.length} ${v}`;
      const rig = new Map<string, number>();
      for (const s of list) rig.set(s.rigor, (rig.get(s.rigor) ?? 0) + 1);
      return `${list.length} ${v} (${[...rig].map(([r, n]) => `${n} ${r}`).join(', ')})`;
    })
    .join(', ');
}

/** `key = value` for each claim, wrapped. */
export function claimLines(claims: Claims, width: number): string[] {
  return Object.entries(claims).flatMap(([k, v]) => wrapText(`${k} = ${JSON.stringify(v)}`, width));
}

/** The end of a theorem's run: its verdict, what it means, the step tally and the claims. */
export function resultLines(r: TheoremResult, width: number): string[] {
  return [
    truncate(`${paperName(r.theorem)}: ${r.verdict} — ${theoremVerdictMeaning(r.verdict)}`, width),
    ...wrapText(`steps: ${stepTally(r.steps)}`, width - 2).map((l) => `  ${l}`),
    ...claimLines(r.claims, width - 11).map((l, i) => `  ${i === 0 ? 'claims:' : '       '} ${l}`),
  ];
}

export interface TextWalkOptions {
  /** the kernel's re-check by default (src/proof/runner.ts) */
  readonly judge?: Judge;
  /** line width (default 80) */
  readonly width?: number;
  /** print narration lines before each step (the demo) */
  readonly narrate?: boolean;
}

/**
 * Steps whose record changed after they were printed: the kernel re-judges every step once the
 * theorem's point is final (a step that needs the output weights cannot be confirmed before they
 * exist), so the text says which lines its last word revised.
 */
function revisedLines(result: TheoremResult, printed: ReadonlyMap<string, string>, width: number): string[] {
  const revised = result.steps.flatMap((s, i) => {
    const now = `${s.verdict} · ${s.rigor}`;
    const before = printed.get(s.id);
    return before !== undefined && before !== now ? [`  step ${i + 1} ${s.id}: ${before} → ${now}`] : [];
  });
  if (revised.length === 0) return [];
  return [...wrapText('Re-checked by the kernel at the final point:', width), ...revised.map((l) => truncate(l, width)), ''];
}

/**
 * Runs `theorems` on the case in order, printing the walkthrough as it goes; returns the
 * runner's results.
 */
export async function printWalkthrough(
  c: Case,
  ws: Workspace,
  theorems: readonly Theorem[],
  write: (s: string) => void,
  opts: TextWalkOptions = {},
): Promise<TheoremResult[]> {
  const width = Math.max(40, opts.width ?? 80);
  const out = (lines: readonly string[]) => write(lines.map((l) => `${l}\n`).join(''));
  out(headerLines(caseFacts(c, ws), width));
  const results: TheoremResult[] = [];
  for (const theorem of theorems) {
    let run: TheoremRun = pendingRun(theorem, c.data.k);
    const printed = new Map<string, string>();
    const onEvent = (e: RunEvent) => {
      run = applyEvent(run, e);
      const said = opts.narrate ? narrate(e, c.name, c.data.k) : undefined;
      if (said !== undefined) out(wrapText(said, width - 2).map((l, i) => `${i === 0 ? '»' : ' '} ${l}`));
      switch (e.type) {
        case 'theorem-start':
          out(['', '═'.repeat(width), ...wrapText(run.title, width), '═'.repeat(width), ...wrapText(`statement: ${prettySpaces(e.statement)}`, width)]);
          break;
        case 'step-end': {
          const view = run.steps[theorem.steps.indexOf(e.step)]!;
          out(['', '─'.repeat(width), ...stepDetail(view, theorem.steps.length, width).map((l) => l.text)]);
          printed.set(e.result.id, `${e.result.verdict} · ${e.result.rigor}`);
          break;
        }
        case 'theorem-end': {
          // What the ending means for the statement, and a hint where a search would answer.
          const said = [verdictNote(run), searchHint(run, c, 'text')].flatMap((n) => (n ? wrapText(n.text, width) : []));
          out(['', ...revisedLines(e.result, printed, width), ...resultLines(e.result, width), ...said]);
          break;
        }
        case 'step-start':
        case 'step-progress':
          break;
      }
    };
    results.push(await runTheorem(theorem, ws, { onEvent, ...(opts.judge !== undefined ? { judge: opts.judge } : {}) }));
  }
  if (opts.narrate) out(['', ...wrapText(summaryLine(results, c.name), width)]);
  return results;
}
