/**
 * Key handling that never asks for raw mode where there is none: with stdin not a terminal
 * (a pipe, CI), Ink 6 throws on raw mode, so input is only listened to when it is supported.
 */
import { useInput, useStdin, type Key } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

export function useKeys(handler: KeyHandler, enabled = true): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: enabled && isRawModeSupported === true });
}
