/** The session's state as React state: re-renders whenever the session changes. */
import { useSyncExternalStore } from 'react';
import type { SessionState, WalkSession } from '../session.js';

export function useSession(session: WalkSession): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}
