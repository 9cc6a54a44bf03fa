/**
 * The proof's steps, one row each: a marker for the selected one, the state (pending, a spinner
 * while running, ✓ ✗ ? – when done), the title, and the rigor badge.
 */
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { padEnd, truncate } from '../../render/terminal/format.js';
import { progressBar } from '../detail.js';
import type { StepView } from '../state.js';
import { rigorTone, verdictMark, verdictTone } from '../words.js';

export interface StepListProps {
  readonly steps: readonly StepView[];
  readonly selected: number;
  readonly width: number;
  /** at most this many rows; a window around the selection is shown when the steps do not fit */
  readonly height?: number;
}

/** The first row shown so that `selected` is inside a window of `height` rows. */
export function windowStart(selected: number, total: number, height: number | undefined): number {
  if (height === undefined || total <= height) return 0;
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}

const BADGE_WIDTH = 10;

/** Cells of a row besides the title: the marker, the state, the number and the rigor badge. */
export const STEP_ROW_CHROME = 2 + 2 + 4 + BADGE_WIDTH;

function StepRow({ view, selected, width }: { readonly view: StepView; readonly selected: boolean; readonly width: number }) {
  const r = view.result;
  const num = `${view.index + 1}.`.padStart(3);
  const titleWidth = Math.max(8, width - STEP_ROW_CHROME);
  let title = view.title;
  if (view.status === 'running' && view.progress) {
    title = `${progressBar(view.progress.fraction, 8)} ${Math.round(view.progress.fraction * 100)}% ${title}`;
  }
  return (
    <Box width={width}>
      <Text color="cyan" bold>
        {selected ? '› ' : '  '}
      </Text>
      {view.status === 'running' ? (
        <Text color="cyan">
          <Spinner type="dots" />
        </Text>
      ) : view.status === 'pending' ? (
        <Text dimColor>·</Text>
      ) : (
        <Text color={verdictTone(r!.verdict)} bold>
          {verdictMark(r!.verdict)}
        </Text>
      )}
      <Text> </Text>
      <Text dimColor={view.status === 'pending'}>{num} </Text>
      <Text bold={selected} dimColor={view.status === 'pending'} wrap="truncate-end">
        {padEnd(truncate(title, titleWidth), titleWidth)}
      </Text>
      {r ? (
        <Text color={r.verdict === 'skipped' ? 'gray' : rigorTone(r.rigor)}>{padEnd(` ${r.verdict === 'skipped' ? 'skipped' : r.rigor}`, BADGE_WIDTH)}</Text>
      ) : (
        <Text dimColor>{padEnd(view.status === 'running' ? ' running' : '', BADGE_WIDTH)}</Text>
      )}
    </Box>
  );
}

export function StepList(props: StepListProps) {
  const { steps, selected, height } = props;
  const start = windowStart(selected, steps.length, height);
  const shown = height === undefined ? steps : steps.slice(start, start + height);
  return (
    <Box flexDirection="column" width={props.width}>
      {shown.map((view) => (
        <StepRow key={view.step.id} view={view} selected={view.index === selected} width={props.width} />
      ))}
    </Box>
  );
}
