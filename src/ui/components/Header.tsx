/** The case (name, sizes, model, activation) and the theorem being walked through. */
import { Box, Text } from 'ink';
import type { CaseFacts } from '../case-facts.js';
import { truncate } from '../../render/terminal/format.js';
import { headerLines } from '../text.js';

export interface HeaderProps {
  readonly facts: CaseFacts;
  readonly theoremTitle: string;
  readonly perturbations: number;
  readonly width: number;
  /** a short terminal: the facts line only */
  readonly compact?: boolean;
}

/** Lines the header takes, for the layout. */
export const headerHeight = (p: HeaderProps): number => headerLines(p.facts, p.width, p.perturbations, p.compact).length + 1;

export function Header(props: HeaderProps) {
  const [first, ...rest] = headerLines(props.facts, props.width, props.perturbations, props.compact);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {truncate(props.theoremTitle, props.width)}
      </Text>
      <Text color="cyan" wrap="truncate-end">
        {first}
      </Text>
      {rest.map((line, i) => (
        <Text key={i} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
