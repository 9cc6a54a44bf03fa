/** The keys of the walkthrough. */
import { Box, Text } from 'ink';

export const KEYS: readonly (readonly [string, string])[] = [
  ['↑/↓  j/k', 'move between steps (scroll, in an open step)'],
  ['Enter', 'open the selected step; Enter or Esc closes it'],
  ['n / p', 'next / previous step'],
  ['t', 'choose a theorem (same case: computations are reused)'],
  ['c', 'choose a case from the cases folder'],
  ['e', 'perturb the targets (seeded, Theorem 2.1\'s "generic") and rerun'],
  ['m', 'walk along M from the point (Esc back); the end point is certified too'],
  ['?', 'this help'],
  ['q', 'quit'],
];

export function Help({ width }: { readonly width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Keys</Text>
      {KEYS.map(([key, what]) => (
        <Text key={key} wrap="truncate-end">
          <Text color="cyan">{`  ${key.padEnd(10)}`}</Text>
          {what}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor>Marks: · pending, spinner running, ✓ holds, ✗ fails, ? unknown, – skipped.</Text>
      <Text dimColor>Rigor: exact, symbolic, interval, cited (proofs); float (evidence, not proof).</Text>
      <Text dimColor>Press any key to close.</Text>
    </Box>
  );
}
