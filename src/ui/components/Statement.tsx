/**
 * What the theorem claims on this case (its statement instantiated with the case's numbers) and,
 * once the run has ended badly, that it does not hold here and why, with a hint where one helps.
 * On a short terminal each part is cut to a few rows, so the steps keep their room.
 */
import { Box, Text } from 'ink';
import { prettySpaces, truncate, wrapText } from '../../render/terminal/format.js';
import type { Note } from '../verdict-note.js';
import type { Tone } from '../words.js';

export interface StatementProps {
  readonly statement: string;
  /** the verdict's reason, once the run ended badly */
  readonly note?: Note;
  readonly hint?: Note;
  readonly width: number;
  /** at most this many rows for the claim, and for the note (a short terminal) */
  readonly maxLines?: number;
  /** at most this many rows for the claim alone (a very short terminal) */
  readonly claimLines?: number;
}

interface Row {
  readonly text: string;
  readonly tone?: Tone;
  readonly italic?: boolean;
  readonly dim?: boolean;
}

/** At most `max` lines of `text` wrapped to `width`, the last one ending in … when cut. */
function cut(text: string, width: number, max: number | undefined): string[] {
  const lines = wrapText(text, width);
  if (max === undefined || lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = truncate(`${kept[max - 1]!} ${lines[max]!}`, width);
  return kept;
}

export function statementRows(p: StatementProps): Row[] {
  const w = Math.max(10, p.width - 2);
  const rows: Row[] = cut(`claims: ${prettySpaces(p.statement)}`, w, p.claimLines ?? p.maxLines).map((text, i) => ({ text: `${i === 0 ? '❝ ' : '  '}${text}`, italic: true }));
  if (p.note) rows.push(...cut(p.note.text, w, p.maxLines).map((text, i) => ({ text: `${i === 0 ? '' : '  '}${text}`, tone: p.note!.tone })));
  const hint = p.hint && p.maxLines !== undefined && p.hint.short !== undefined ? p.hint.short : p.hint?.text;
  if (p.hint && hint !== undefined) rows.push(...cut(hint, w, p.maxLines === undefined ? undefined : 1).map((text, i) => ({ text: `${i === 0 ? '' : '  '}${text}`, tone: p.hint!.tone, dim: true })));
  return rows;
}

export const statementLines = (p: StatementProps): string[] => statementRows(p).map((r) => r.text);

export function Statement(props: StatementProps) {
  return (
    <Box flexDirection="column">
      {statementRows(props).map((row, i) => (
        <Text key={i} italic={row.italic} color={row.tone} dimColor={row.dim} wrap="truncate-end">
          {row.text}
        </Text>
      ))}
    </Box>
  );
}
