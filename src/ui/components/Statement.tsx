/** The theorem's statement instantiated with the case's numbers. */
import { Box, Text } from 'ink';
import { prettySpaces, wrapText } from '../../render/terminal/format.js';

export interface StatementProps {
  readonly statement: string;
  readonly width: number;
}

export const statementLines = (p: StatementProps): string[] => wrapText(prettySpaces(p.statement), p.width - 2);

export function Statement(props: StatementProps) {
  return (
    <Box flexDirection="column">
      {statementLines(props).map((line, i) => (
        <Text key={i} italic wrap="truncate-end">
          {i === 0 ? '❝ ' : '  '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
