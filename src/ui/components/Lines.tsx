/**
 * Styled lines (a step's detail), a window of them at a time: the first `sticky` lines always
 * shown (the step's name and state), then the rest from `offset`, with a hint where lines are
 * hidden above or below.
 */
import { Box, Text } from 'ink';
import type { Line } from '../detail.js';

export interface LinesProps {
  readonly lines: readonly Line[];
  /** first line shown after the sticky ones, counted from the first line that is not sticky */
  readonly offset: number;
  /** lines always shown at the top */
  readonly sticky?: number;
  /** at most this many rows, hints included; undefined: all */
  readonly height?: number;
  readonly width: number;
}

export interface LinesWindow {
  /** the sticky lines shown */
  readonly sticky: number;
  /** the other lines shown: [start, end) */
  readonly start: number;
  readonly end: number;
  /** hidden lines above and below the window (each hint takes a row) */
  readonly above: number;
  readonly below: number;
}

/**
 * Which lines fit in `height` rows: the line at `offset` first (just under the "more above"
 * hint), the window kept full at the end, each hint taking a row of its own.
 */
export function linesWindow(total: number, offset: number, height: number | undefined, sticky = 0): LinesWindow {
  const fixed = Math.min(sticky, total, height ?? total);
  const all = { sticky: fixed, start: fixed, end: total, above: 0, below: 0 };
  if (height === undefined) return all;
  const rows = height - fixed;
  const body = total - fixed;
  if (body <= rows) return all;
  if (rows < 4) {
    // No room for hints (they would take most of it): just the lines.
    const start = fixed + Math.max(0, Math.min(offset, body - rows));
    return { sticky: fixed, start, end: start + rows, above: 0, below: 0 };
  }
  // The last start that still fills the window: the final rows − 1 lines under the hint.
  const start = fixed + Math.max(0, Math.min(offset, body - (rows - 1)));
  const room = start === fixed ? rows : rows - 1;
  const end = start + room >= total ? total : start + room - 1;
  return { sticky: fixed, start, end, above: start - fixed, below: total - end };
}

export function Lines(props: LinesProps) {
  const { lines } = props;
  const w = linesWindow(lines.length, props.offset, props.height, props.sticky ?? 0);
  const row = (l: Line, key: number) => (
    <Text key={key} color={l.tone} bold={l.bold} dimColor={l.dim} wrap="truncate-end">
      {l.text === '' ? ' ' : l.text}
    </Text>
  );
  return (
    <Box flexDirection="column" width={props.width}>
      {lines.slice(0, w.sticky).map((l, i) => row(l, i))}
      {w.above > 0 && <Text dimColor>{`↑ ${w.above} more above`}</Text>}
      {lines.slice(w.start, w.end).map((l, i) => row(l, w.start + i))}
      {w.below > 0 && <Text dimColor>{`↓ ${w.below} more below`}</Text>}
    </Box>
  );
}
