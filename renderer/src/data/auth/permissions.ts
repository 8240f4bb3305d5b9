import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Account } from '../../../../shared/security/account';
import { can as roleCan, refusalFor, type Action, type PermissionContext } from '../../../../shared/security/permissions';
import { signedInAccount } from '../audit/trail';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { PermissionError } from '../write';
import { useSession } from './session';

/** Whether `account` (with its own grants and instructor) may do `action`; no account may do nothing. */
export function accountCan(account: Account | null, action: Action, context: PermissionContext = {}): boolean {
  if (!account) return false;
  return roleCan(account.role, action, { ...context, grants: account.grants, instructorId: account.instructorId });
}

async function noAccounts(d: DxDatabase): Promise<boolean> {
  return (await d.accounts.count()) === 0;
}

/** Whether the signed-in account may do `action` now (for code outside React). */
export async function can(action: Action, context: PermissionContext = {}): Promise<boolean> {
  const d = db();
  const account = await signedInAccount(d);
  return accountCan(account, action, context) || (!account && (await noAccounts(d)));
}

/** Refuse, with the Chinese reason, what the signed-in account may not do. Call it before doing anything. */
export async function requireCan(action: Action, context: PermissionContext = {}): Promise<Account | null> {
  const d = db();
  const account = await signedInAccount(d);
  if (accountCan(account, action, context)) return account;
  if (!account && (await noAccounts(d))) return null;
  throw new PermissionError(account ? refusalFor(account.role, action) : '请先登录');
}

export interface Access {
  accounts: number;
  account: Account | null;
}

const AccessContext = createContext<Access | undefined>(undefined);

/** How many accounts exist and who is signed in on this window, read now. */
export const readAccess = async (): Promise<Access> => ({ accounts: await db().accounts.count(), account: await signedInAccount() });

/**
 * Reads, once for the whole window, how many accounts exist and who is signed in, kept current
 * (a role changed by the administrator shows at once): every page and menu that asks has the
 * answer in the same render, rather than each reading it again after signing in.
 */
export function AccessProvider({ children, initial }: { children: ReactNode; initial?: Access }) {
  const { accountId, locked } = useSession();
  const access = useLiveQuery(readAccess, [accountId, locked], initial);
  return createElement(AccessContext.Provider, { value: access }, children);
}

/** How many accounts exist and who is signed in (from AccessProvider); undefined while reading. */
export function useAccess(): Access | undefined {
  return useContext(AccessContext);
}

/** The signed-in account; null when signed out, undefined while reading. */
export function useCurrentAccount(): Account | null | undefined {
  return useAccess()?.account;
}

/** Whether the signed-in account may do `action`: for showing or hiding what it cannot use. False while loading. */
export function useCan(action: Action, context: PermissionContext = {}): boolean {
  const account = useCurrentAccount();
  return accountCan(account ?? null, action, context);
}
