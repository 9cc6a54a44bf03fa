/**
 * The terminal's size, updated when it is resized. `rows` is undefined when the output is not a
 * terminal that knows its height (the screen then shows everything).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows?: number;
}

export function useTerminalSize(override?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => {
    const rows = override?.rows ?? (stdout.rows > 0 ? stdout.rows : undefined);
    return { columns: override?.columns ?? (stdout.columns > 0 ? stdout.columns : 80), ...(rows !== undefined ? { rows } : {}) };
  };
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // The override is fixed for a render's life; reading the stream is what changes.
  }, [stdout]);
  return size;
}
