/** The keys of the walkthrough: only those that act in the mode shown (the list, an open step, the demo). */
import { Box, Text } from 'ink';

type KeyRow = readonly [string, string];

const SHARED: readonly KeyRow[] = [
  ['t', 'choose a theorem (same case: computations are reused)'],
  ['c', 'choose a case from the cases folder'],
  ['e', 'perturb the targets (seeded, Theorem 2.1\'s "generic") and rerun'],
  ['m', 'walk along M from the point (Esc back); the end point is certified too'],
  ['?', 'this help'],
  ['q', 'quit (Ctrl-C too)'],
];

export const LIST_KEYS: readonly KeyRow[] = [
  ['↑/↓  j/k', 'move between steps'],
  ['n / p', 'next / previous step'],
  ['Enter  →', 'open the selected step'],
  ...SHARED,
];

export const OPEN_KEYS: readonly KeyRow[] = [
  ['↑/↓  j/k', 'scroll the step'],
  ['PgUp/PgDn', 'scroll a page (space too)'],
  ['n / p', 'next / previous step, kept open'],
  ['Enter Esc ←', 'close the step, back to the list'],
  ...SHARED,
];

export const DEMO_KEYS: readonly KeyRow[] = [
  ['space', 'pause the demo; space again resumes it'],
  ['?', 'this help'],
  ['q', 'quit (Ctrl-C too)'],
];

/** The keys that act in this mode. */
export function keysOf(mode: 'walk' | 'demo', opened: boolean): readonly KeyRow[] {
  if (mode === 'demo') return DEMO_KEYS;
  return opened ? OPEN_KEYS : LIST_KEYS;
}

export interface HelpProps {
  readonly width: number;
  readonly mode: 'walk' | 'demo';
  readonly opened: boolean;
}

export function Help({ width, mode, opened }: HelpProps) {
  const rows = keysOf(mode, opened);
  const pad = Math.max(...rows.map(([k]) => k.length)) + 2;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{mode === 'demo' ? 'Keys of the demo' : opened ? 'Keys in an open step' : 'Keys'}</Text>
      {rows.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text color="cyan">{`  ${key.padEnd(pad)}`}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor wrap="truncate-end">Marks: · pending, spinner running, ✓ holds, ✗ fails, ? unknown, – skipped.</Text>
      <Text dimColor wrap="truncate-end">Rigor: exact, symbolic, interval, cited (proofs); float (evidence, not proof).</Text>
      <Text dimColor>Press any key to close.</Text>
    </Box>
  );
}
