/** A list to choose from (a theorem, a case file): ↑/↓ or j/k to move, Enter to choose, Esc to cancel. */
import { Box, Text } from 'ink';
import { truncate } from '../../render/terminal/format.js';
import { windowStart } from './StepList.js';

export interface ChooserItem {
  readonly label: string;
  /** dimmed text after the label */
  readonly hint?: string;
  /** marked as the current choice */
  readonly current?: boolean;
}

export interface ChooserProps {
  readonly title: string;
  readonly items: readonly ChooserItem[];
  readonly selected: number;
  readonly width: number;
  readonly height?: number;
}

export function Chooser(props: ChooserProps) {
  const rows = props.height === undefined ? undefined : Math.max(1, props.height - 2);
  const start = windowStart(props.selected, props.items.length, rows);
  const shown = rows === undefined ? props.items : props.items.slice(start, start + rows);
  return (
    <Box flexDirection="column" width={props.width}>
      <Text bold>{props.title}</Text>
      {props.items.length === 0 && <Text dimColor>(nothing to choose from)</Text>}
      {shown.map((item, i) => {
        const index = start + i;
        const on = index === props.selected;
        const label = `${on ? '› ' : '  '}${item.current ? '● ' : '  '}${item.label}`;
        return (
          <Text key={index} wrap="truncate-end">
            <Text color={on ? 'cyan' : undefined} bold={on}>
              {truncate(label, props.width)}
            </Text>
            {item.hint ? <Text dimColor>{`  ${item.hint}`}</Text> : null}
          </Text>
        );
      })}
      <Text dimColor>↑/↓ j/k move · Enter choose · Esc cancel</Text>
    </Box>
  );
}
