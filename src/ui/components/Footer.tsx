/**
 * The bottom rows: a message, the theorem's verdict once known (or the run's progress), and the
 * keys. The keys go on a row of their own when they do not fit beside the verdict: they are what
 * a user needs to get anywhere.
 */
import { Box, Text } from 'ink';
import { truncate } from '../../render/terminal/format.js';
import { paperName } from '../../../theorems/names.js';
import type { SessionMessage } from '../session.js';
import type { TheoremRun } from '../state.js';
import { theoremTone, theoremVerdictMeaning } from '../words.js';

export interface FooterProps {
  readonly run: TheoremRun;
  readonly running: boolean;
  readonly message?: SessionMessage;
  readonly keys: string;
  readonly width: number;
  /** the demo is paused */
  readonly paused?: boolean;
}

function stateText(p: FooterProps): string {
  const r = p.run.result;
  const done = p.run.steps.filter((s) => s.status === 'done').length;
  const base = r ? `${paperName(r.theorem)}: ${r.verdict}` : p.running ? `running ${done}/${p.run.steps.length}` : 'waiting';
  return p.paused ? `${base} · paused` : base;
}

/** Whether the keys share the verdict's row. */
const keysBeside = (p: FooterProps): boolean => stateText(p).length + 2 + p.keys.length <= p.width;

export function footerHeight(p: FooterProps): number {
  return (p.message ? 1 : 0) + (keysBeside(p) ? 1 : 2);
}

export function Footer(props: FooterProps) {
  const r = props.run.result;
  const state = stateText(props);
  const beside = keysBeside(props);
  // The verdict's meaning only where it fits; the keys matter more.
  const meaning = r ? `  (${theoremVerdictMeaning(r.verdict)})` : '';
  const room = props.width - state.length;
  const rest = beside ? (meaning.length + 2 + props.keys.length <= room ? `${meaning}  ${props.keys}` : `  ${props.keys}`) : meaning.length <= room ? meaning : '';
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
        <Text dimColor>{truncate(rest, Math.max(0, room))}</Text>
      </Text>
      {!beside && (
        <Text dimColor wrap="truncate-end">
          {truncate(props.keys, props.width)}
        </Text>
      )}
    </Box>
  );
}
