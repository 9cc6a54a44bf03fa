/** Styled lines (a step's detail), a window of them at a time, with a hint when more are hidden. */
import { Box, Text } from 'ink';
import type { Line } from '../detail.js';

export interface LinesProps {
  readonly lines: readonly Line[];
  /** first line shown */
  readonly offset: number;
  /** at most this many rows, hints included; undefined: all */
  readonly height?: number;
  readonly width: number;
}

/** The offset kept within the lines for a window of `height` rows. */
export function clampOffset(offset: number, total: number, height: number | undefined): number {
  if (height === undefined) return 0;
  return Math.max(0, Math.min(offset, total - height));
}

export function Lines(props: LinesProps) {
  const { lines, height } = props;
  let start = clampOffset(props.offset, lines.length, height);
  let end = height === undefined ? lines.length : Math.min(lines.length, start + height);
  const above = start > 0;
  const below = end < lines.length;
  // The hints take rows of their own.
  if (above) start++;
  if (below) end--;
  return (
    <Box flexDirection="column" width={props.width}>
      {above && <Text dimColor>{`↑ ${start} more above`}</Text>}
      {lines.slice(start, end).map((l, i) => (
        <Text key={start + i} color={l.tone} bold={l.bold} dimColor={l.dim} wrap="truncate-end">
          {l.text === '' ? ' ' : l.text}
        </Text>
      ))}
      {below && <Text dimColor>{`↓ ${lines.length - end} more below`}</Text>}
    </Box>
  );
}
