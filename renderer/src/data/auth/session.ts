import { useSyncExternalStore } from 'react';

/**
 * Who is signed in on this window, and whether the screen is locked. Kept in sessionStorage:
 * a reload (F5) keeps the session, closing the window ends it. The role is not kept here:
 * the data layer reads the account afresh for every write, so a changed role applies at once.
 */
export interface SessionState {
  accountId: string | null;
  locked: boolean;
}

const KEY = 'dx-session';
const SIGNED_OUT: SessionState = { accountId: null, locked: false };

function read(): SessionState {
  try {
    const parsed = JSON.parse(globalThis.sessionStorage?.getItem(KEY) ?? 'null') as Partial<SessionState> | null;
    return typeof parsed?.accountId === 'string' ? { accountId: parsed.accountId, locked: parsed.locked === true } : SIGNED_OUT;
  } catch {
    return SIGNED_OUT;
  }
}

let state = read();
const listeners = new Set<() => void>();

export function getSession(): SessionState {
  return state;
}

export function setSession(next: SessionState): void {
  state = next;
  globalThis.sessionStorage?.setItem(KEY, JSON.stringify(next));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession);
}
