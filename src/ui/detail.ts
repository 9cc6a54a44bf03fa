/**
 * The detail of one step as styled lines: its claim and why it follows (the step's own
 * explanation), its state, the runner's evidence with pictures, and what its rigor grade means.
 * The same lines feed the Ink detail pane and the plain-text walkthrough.
 */
import { fmtNum, prettySpaces, truncate, wrapText } from '../render/terminal/format.js';
import { evidenceLines, picturesOf } from '../render/terminal/pick.js';
import type { StepView } from './state.js';
import { rigorMeaning, rigorTone, verdictMark, verdictTone, type Tone } from './words.js';

export interface Line {
  readonly text: string;
  readonly tone?: Tone;
  readonly bold?: boolean;
  readonly dim?: boolean;
}

const plain = (text: string): Line => ({ text });
const indent = (lines: readonly string[], by = 2): Line[] => lines.map((l) => plain(' '.repeat(by) + l));

/** A progress bar of `width` cells: ████░░░░ */
export function progressBar(fraction: number, width: number): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** The state of a step in one line: "✓ holds · exact · 0.4 ms", "running 40% …", "pending". */
export function stateLine(view: StepView): Line {
  if (view.status === 'pending') return { text: '· pending', dim: true };
  if (view.status === 'running') {
    const p = view.progress;
    if (!p) return { text: '… running', tone: 'cyan' };
    const pct = `${Math.round(p.fraction * 100)}%`;
    return { text: `… running ${progressBar(p.fraction, 20)} ${pct}${p.message ? ` ${p.message}` : ''}`, tone: 'cyan' };
  }
  const r = view.result!;
  return { text: `${verdictMark(r.verdict)} ${r.verdict} · ${r.rigor} · ${fmtNum(r.ms)} ms`, tone: verdictTone(r.verdict), bold: true };
}

/**
 * Every line of the step's detail, each at most `width` cells. `title: false` leaves the title
 * out where the step's row just above already shows it (the stacked layout).
 */
export function stepDetail(view: StepView, total: number, width: number, opts: { readonly title?: boolean } = {}): Line[] {
  const w = Math.max(20, width);
  const { step, result } = view;
  const lines: Line[] = [
    { text: truncate(`Step ${view.index + 1}/${total}  ${step.id}`, w), dim: true },
    ...(opts.title === false ? [] : wrapText(view.title, w).map((text) => ({ text, bold: true }))),
    stateLine(view),
    plain(''),
    { text: 'Claim and why it follows', bold: true },
    ...indent(wrapText(step.explain, w - 2)),
  ];
  if (step.needs && step.needs.length > 0) lines.push(...indent(wrapText(`needs: ${step.needs.join(', ')}`, w - 2)));
  if (result) {
    lines.push(plain(''), { text: 'Evidence', bold: true });
    lines.push(...wrapText(prettySpaces(result.summary), w - 2).map((t) => ({ text: `  ${t}`, tone: verdictTone(result.verdict) })));
    // Pictures first: they are what a reader would rather look at; the numbers follow.
    const { pictures, used } = picturesOf(result.data, w - 4);
    for (const p of pictures) {
      lines.push(plain(''), { text: truncate(`  ${p.title}`, w), bold: true });
      lines.push(...indent(p.lines.map((l) => truncate(l, w - 4)), 4));
    }
    const numbers = evidenceLines(result.data, used, w - 2);
    if (pictures.length > 0 && numbers.length > 0) lines.push(plain(''));
    lines.push(...indent(numbers));
    if (result.verdict !== 'skipped') {
      lines.push(plain(''), { text: 'Rigor', bold: true });
      lines.push(
        ...wrapText(`${result.rigor}: ${rigorMeaning(result.rigor)}`, w - 2).map((t) => ({ text: `  ${t}`, tone: rigorTone(result.rigor) })),
      );
    }
  }
  return lines;
}

/** Where a step's detail has its parts: how many lines name the step and its state, and where the evidence starts. */
export function detailAnchors(lines: readonly Line[]): { readonly sticky: number; readonly evidence?: number } {
  const blank = lines.findIndex((l) => l.text === '');
  const evidence = lines.findIndex((l) => l.text === 'Evidence' && l.bold === true);
  return { sticky: blank < 0 ? 0 : blank, ...(evidence >= 0 ? { evidence } : {}) };
}
