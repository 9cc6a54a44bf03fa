/** The verdicts of the runs shown so far: one row per theorem, with its step tally. */
import { Box, Text } from 'ink';
import { truncate } from '../../render/terminal/format.js';
import type { TheoremRun } from '../state.js';
import { stepTally } from '../text.js';
import { paperName } from '../../../theorems/names.js';
import { theoremTone } from '../words.js';

export interface SummaryProps {
  readonly runs: readonly TheoremRun[];
  readonly width: number;
}

export function Summary(props: SummaryProps) {
  return (
    <Box flexDirection="column" width={props.width}>
      <Text bold>Summary</Text>
      {props.runs.map((run, i) =>
        run.result ? (
          <Text key={i} wrap="truncate-end">
            {`  ${paperName(run.theorem.id).padEnd(16)} `}
            <Text color={theoremTone(run.result.verdict)} bold>
              {run.result.verdict.padEnd(13)}
            </Text>
            {truncate(stepTally(run.result.steps), Math.max(10, props.width - 33 - 8))}
          </Text>
        ) : null,
      )}
    </Box>
  );
}
