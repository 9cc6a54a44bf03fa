/**
 * Key handling that never asks for raw mode where there is none: with stdin not a terminal
 * (a pipe, CI), Ink 6 throws on raw mode, so input is only listened to when it is supported.
 *
 * Keys typed faster than they are read reach Ink as one chunk ("jjj"), which Ink passes on as a
 * single paste; the walkthrough's keys are single characters, so such a chunk is taken apart.
 */
import { useInput, useStdin, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/** The keys of a chunk of plain characters, one by one, as Ink reports single keys. */
export function splitChunk(input: string, key: Key): [string, Key][] {
  if ([...input].length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return [...input].map((ch): [string, Key] => {
    const enter = ch === '\r' || ch === '\n';
    const backspace = ch === '\x7f' || ch === '\b';
    const tab = ch === '\t';
    const special = enter || backspace || tab;
    return [special ? '' : ch, { ...key, return: enter, backspace, tab, shift: /[A-Z]/.test(ch) }];
  });
}

export function useKeys(handler: KeyHandler, enabled = true): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const [ch, k] of splitChunk(input, key)) handler(ch, k);
    },
    { isActive: enabled && isRawModeSupported === true },
  );
}
