import { z } from 'zod';
import { passwordHashSchema, usernameSchema } from './password';
import { GRANTS, ROLES } from './roles';

/**
 * A local account (账户). Accounts belong to one installation: they are not synced, not put
 * in backups or packages, and never deleted (the trail refers to them), only disabled.
 */
export const accountSchema = z.object({
  id: z.string().min(1).max(64),
  username: usernameSchema,
  /** Lower-cased login name: unique, so 'Admin' and 'admin' are one account. */
  usernameKey: z.string().min(2).max(32),
  /** Shown in the trail and the header, e.g. 王主任. */
  displayName: z.string().trim().max(50),
  role: z.enum(ROLES),
  /** The instructor (师资库) a 教员 account is; their sessions are the ones they may mark. */
  instructorId: z.string().max(64).nullable(),
  grants: z.array(z.enum(GRANTS)).max(GRANTS.length),
  password: passwordHashSchema,
  /** Set when an administrator gave the password: it must be changed at the next login. */
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  /** Consecutive wrong passwords, and when the last one was typed (for the back-off). */
  failedAttempts: z.number().int().min(0),
  lastFailedAt: z.number().int().nullable(),
  lastLoginAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

/** How an account is named in the trail and on screen: 'admin（王主任）'. */
export const accountLabel = (a: Pick<Account, 'username' | 'displayName'>): string =>
  a.displayName && a.displayName !== a.username ? `${a.username}（${a.displayName}）` : a.username;
