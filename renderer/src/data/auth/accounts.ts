import { accountLabel, accountSchema, type Account } from '../../../../shared/security/account';
import { diffRecords } from '../../../../shared/security/audit';
import { hashPassword, lockoutSeconds, passwordProblem, usernameSchema, verifyPassword, type PasswordHash } from '../../../../shared/security/password';
import type { Grant, Role } from '../../../../shared/security/roles';
import { fail, ok, type Result } from '../../../../shared/result';
import { actorOf, signedInAccount, SYSTEM_ACTOR, writeAudit, type AuditActor } from '../audit/trail';
import { db } from '../instance';
import { newId, PermissionError } from '../write';
import { requireCan } from './permissions';
import { getSession, setSession } from './session';

export interface AccountInput {
  username: string;
  displayName: string;
  role: Role;
  instructorId: string | null;
  grants: Grant[];
}

/** What an administrator may change about an account; the name it signs in with stays. */
export type AccountPatch = Partial<Omit<AccountInput, 'username'>> & { disabled?: boolean };

const BAD_LOGIN = '用户名或密码错误';

/** Fields shown in the trail for an account: never the password hash. */
const visible = (a: Account) => ({
  username: a.username, displayName: a.displayName, role: a.role, instructorId: a.instructorId, grants: a.grants, disabled: a.disabled,
});

function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new PermissionError(problem);
}

function parseUsername(raw: string): string {
  const parsed = usernameSchema.safeParse(raw);
  if (!parsed.success) throw new PermissionError(parsed.error.issues[0]?.message ?? '用户名无效');
  return parsed.data;
}

function newAccount(input: AccountInput, password: PasswordHash, mustChangePassword: boolean): Account {
  const username = parseUsername(input.username);
  const now = Date.now();
  return accountSchema.parse({
    ...input,
    id: newId(),
    username,
    usernameKey: username.toLowerCase(),
    displayName: input.displayName.trim(),
    instructorId: input.role === '教员' ? input.instructorId : null,
    grants: input.role === '管理员' || input.role === '只读' ? [] : input.grants,
    password,
    mustChangePassword,
    disabled: false,
    failedAttempts: 0,
    lastFailedAt: null,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
}

async function assertUsernameFree(username: string): Promise<void> {
  const key = parseUsername(username).toLowerCase();
  if (await db().accounts.where('usernameKey').equals(key).count()) throw new PermissionError(`用户名「${username.trim()}」已被使用`);
}

/**
 * The first account, made on first run (or when a database from before accounts is opened):
 * a 管理员, signed in at once. Refused once any account exists.
 */
export async function createFirstAdmin(input: { username: string; displayName: string; password: string }): Promise<Account> {
  const d = db();
  checkPassword(input.password, input.username);
  const account = { ...newAccount({ ...input, role: '管理员', instructorId: null, grants: [] }, await hashPassword(input.password), false), lastLoginAt: Date.now() };
  await d.transaction('rw', d.accounts, async () => {
    if ((await d.accounts.count()) > 0) throw new PermissionError('管理员账户已经存在，请登录');
    await d.accounts.add(account);
    await writeAudit([{ action: 'account.create', table: 'accounts', recordId: account.id, summary: `创建管理员账户 ${accountLabel(account)}`, after: visible(account) }], SYSTEM_ACTOR);
    await writeAudit([{ action: 'login', table: 'accounts', recordId: account.id, summary: `${accountLabel(account)} 登录` }], actorOf(account));
  });
  setSession({ accountId: account.id, locked: false });
  return account;
}

/** A new account, made by a 管理员 with a first password the user must change at their first login. */
export async function createAccount(input: AccountInput, password: string): Promise<Account> {
  await requireCan('accounts.manage');
  checkPassword(password, input.username);
  await assertUsernameFree(input.username);
  const account = newAccount(input, await hashPassword(password), true);
  const d = db();
  await d.transaction('rw', d.accounts, async () => {
    await d.accounts.add(account);
    await writeAudit([{ action: 'account.create', table: 'accounts', recordId: account.id, summary: `新建账户 ${accountLabel(account)}（${account.role}）`, after: visible(account) }]);
  });
  return account;
}

const activeAdmins = (all: Account[]) => all.filter((a) => a.role === '管理员' && !a.disabled);

/** Change an account's role, name, instructor, grants or whether it is disabled. One 管理员 always stays. */
export async function updateAccount(id: string, patch: AccountPatch): Promise<Account> {
  const d = db();
  return d.transaction('rw', d.accounts, async () => {
    await requireCan('accounts.manage');
    const before = await d.accounts.get(id);
    if (!before) throw new PermissionError('找不到该账户');
    const role = patch.role ?? before.role;
    const after = accountSchema.parse({
      ...before,
      ...patch,
      displayName: (patch.displayName ?? before.displayName).trim(),
      instructorId: role === '教员' ? (patch.instructorId ?? before.instructorId) : null,
      grants: role === '管理员' || role === '只读' ? [] : (patch.grants ?? before.grants),
      // Re-enabling an account also lifts its back-off.
      failedAttempts: patch.disabled === false ? 0 : before.failedAttempts,
      updatedAt: Date.now(),
    });
    const others = (await d.accounts.toArray()).filter((a) => a.id !== id);
    if (activeAdmins([...others, after]).length === 0) throw new PermissionError('至少需要保留一个可用的管理员账户');
    if (after.role === '教员' && !after.instructorId) throw new PermissionError('教员账户须关联师资库中的教员');
    const diff = diffRecords(visible(before), visible(after));
    if (diff.fields.length === 0) return before;
    await d.accounts.put(after);
    await writeAudit([{ action: 'account.update', table: 'accounts', recordId: id, summary: `修改账户 ${accountLabel(after)}`, before: diff.before, after: diff.after }]);
    return after;
  });
}

/** An administrator sets a new password for someone who forgot theirs; it must be changed at the next login. */
export async function resetPassword(id: string, password: string): Promise<void> {
  await requireCan('accounts.manage');
  const target = await db().accounts.get(id);
  if (!target) throw new PermissionError('找不到该账户');
  checkPassword(password, target.username);
  const hash = await hashPassword(password);
  const d = db();
  await d.transaction('rw', d.accounts, async () => {
    await d.accounts.update(id, { password: hash, mustChangePassword: true, failedAttempts: 0, lastFailedAt: null, updatedAt: Date.now() });
    await writeAudit([{ action: 'account.password', table: 'accounts', recordId: id, summary: `重置账户 ${accountLabel(target)} 的密码` }]);
  });
}

/** The signed-in user changes their own password, proving they know the current one. */
export async function changeOwnPassword(current: string, next: string): Promise<void> {
  const account = await signedInAccount();
  if (!account) throw new PermissionError('请先登录');
  if (!(await verifyPassword(current, account.password))) throw new PermissionError('当前密码不正确');
  checkPassword(next, account.username);
  if (current === next) throw new PermissionError('新密码不能与当前密码相同');
  const hash = await hashPassword(next);
  const d = db();
  await d.transaction('rw', d.accounts, async () => {
    await d.accounts.update(account.id, { password: hash, mustChangePassword: false, updatedAt: Date.now() });
    await writeAudit([{ action: 'account.password', table: 'accounts', recordId: account.id, summary: `${accountLabel(account)} 修改了自己的密码` }]);
  });
}

/** Seconds still to wait before this account may try again, after repeated wrong passwords. */
export function waitSeconds(account: Pick<Account, 'failedAttempts' | 'lastFailedAt'>, now = Date.now()): number {
  if (!account.lastFailedAt) return 0;
  return Math.max(0, Math.ceil(lockoutSeconds(account.failedAttempts) - (now - account.lastFailedAt) / 1000));
}

const tryLater = (seconds: number) =>
  `密码错误次数过多，请 ${seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`}后再试`;

/** Hashing something even for an unknown name, so the time taken does not tell which names exist. */
let decoy: Promise<PasswordHash> | null = null;

/**
 * Check a password for an account, counting failures (with a growing wait) and recording
 * the attempt. Shared by login and unlocking a locked screen.
 */
async function attempt(account: Account, password: string, success: 'login' | 'unlock'): Promise<Result<Account>> {
  const d = db();
  const actor: AuditActor = actorOf(account);
  const wait = waitSeconds(account);
  const failed = async (why: string, counts: boolean) => {
    await d.transaction('rw', d.accounts, async () => {
      const now = Date.now();
      if (counts) await d.accounts.update(account.id, { failedAttempts: account.failedAttempts + 1, lastFailedAt: now });
      await writeAudit([{ action: 'login.failed', table: 'accounts', recordId: account.id, summary: `${accountLabel(account)} 登录失败：${why}` }], actor);
    });
  };
  if (account.disabled) {
    await failed('账户已停用', false);
    return fail('该账户已停用，请联系管理员');
  }
  if (wait > 0) {
    await failed('等待期间再次尝试', false);
    return fail(tryLater(wait));
  }
  if (!(await verifyPassword(password, account.password))) {
    await failed('密码错误', true);
    const next = lockoutSeconds(account.failedAttempts + 1);
    return fail(next > 0 ? tryLater(next) : BAD_LOGIN);
  }
  const now = Date.now();
  await d.transaction('rw', d.accounts, async () => {
    await d.accounts.update(account.id, { failedAttempts: 0, lastFailedAt: null, ...(success === 'login' ? { lastLoginAt: now } : {}) });
    await writeAudit([{ action: success, table: 'accounts', recordId: account.id, summary: `${accountLabel(account)} ${success === 'login' ? '登录' : '解锁'}` }], actor);
  });
  setSession({ accountId: account.id, locked: false });
  return ok(account);
}

/** Sign in. Wrong names and wrong passwords get the same answer, and both are recorded. */
export async function login(username: string, password: string): Promise<Result<Account>> {
  const key = username.trim().toLowerCase();
  const account = key ? await db().accounts.where('usernameKey').equals(key).first() : undefined;
  if (account) return attempt(account, password, 'login');
  decoy ??= hashPassword('decoy-password-0');
  await verifyPassword(password, await decoy);
  await writeAudit([{ action: 'login.failed', table: 'accounts', summary: `登录失败：用户名「${username.trim().slice(0, 40)}」不存在` }], SYSTEM_ACTOR);
  return fail(BAD_LOGIN);
}

/** Unlock the screen with the signed-in user's password. */
export async function unlock(password: string): Promise<Result<Account>> {
  const account = await signedInAccount();
  if (!account) {
    setSession({ accountId: null, locked: false });
    return fail('账户已不可用，请重新登录');
  }
  return attempt(account, password, 'unlock');
}

/** Lock the screen (on request, or after the idle time): the session stays, the password opens it again. */
export async function lockScreen(why: '手动锁定' | '空闲超时'): Promise<void> {
  const session = getSession();
  if (!session.accountId || session.locked) return;
  setSession({ ...session, locked: true });
  await writeAudit([{ action: 'lock', table: 'accounts', recordId: session.accountId, summary: `锁定屏幕（${why}）` }]);
}

export async function logout(): Promise<void> {
  const account = await signedInAccount();
  if (account) await writeAudit([{ action: 'logout', table: 'accounts', recordId: account.id, summary: `${accountLabel(account)} 退出登录` }]);
  setSession({ accountId: null, locked: false });
}
