/** The bottom line: the theorem's verdict once known, a message, and the keys. */
import { Box, Text } from 'ink';
import { truncate } from '../../render/terminal/format.js';
import type { SessionMessage } from '../session.js';
import type { TheoremRun } from '../state.js';
import { theoremTone, theoremVerdictMeaning } from '../words.js';

export interface FooterProps {
  readonly run: TheoremRun;
  readonly running: boolean;
  readonly message?: SessionMessage;
  readonly keys: string;
  readonly width: number;
}

export function footerHeight(p: FooterProps): number {
  return 1 + (p.message ? 1 : 0);
}

export function Footer(props: FooterProps) {
  const r = props.run.result;
  const done = props.run.steps.filter((s) => s.status === 'done').length;
  const state = r ? `Theorem ${r.theorem}: ${r.verdict}` : props.running ? `running ${done}/${props.run.steps.length}` : 'waiting';
  // The verdict's meaning only where it fits beside the keys, which matter more.
  const meaning = r ? `  (${theoremVerdictMeaning(r.verdict)})` : '';
  const room = props.width - state.length - 2;
  const rest = meaning.length + 2 + props.keys.length <= room ? `${meaning}  ${props.keys}` : `  ${props.keys}`;
  return (
    <Box flexDirection="column" width={props.width}>
      {props.message && (
        <Text color={props.message.tone} wrap="truncate-end">
          {truncate(props.message.text, props.width)}
        </Text>
      )}
      <Text wrap="truncate-end">
        <Text color={r ? theoremTone(r.verdict) : 'cyan'} bold={r !== undefined}>
          {state}
        </Text>
        <Text dimColor>{truncate(rest, Math.max(0, props.width - state.length))}</Text>
      </Text>
    </Box>
  );
}
