import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { saveSetting } from '../settings';
import { createTestSchool } from '../testing';
import { newId, saveRecord } from '../write';
import { changeOwnPassword, createFirstAdmin, lockScreen, login, logout, resetPassword, unlock, updateAccount } from './accounts';
import { can } from './permissions';
import { getSession, setSession } from './session';
import { ADMIN, signInAs, signInFirstAdmin } from './testing';

const site = {
  kind: '现场教学点' as const, name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '革命传统',
  capacity: 60, guide: '', guidePhone: '', courseIds: [], demoLevel: '市级示范点' as const, openPeriods: [], status: '启用' as const, notes: '',
};

beforeEach(async () => {
  setDb(await openDatabase('accounts-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  vi.useRealTimers();
  setSession({ accountId: null, locked: false });
  db().close();
  setDb(null);
});

const actions = async () => (await db().audit.orderBy('[chainId+n]').toArray()).map((e) => e.action);

describe('the first administrator', () => {
  it('is created once, signed in, and recorded', async () => {
    const admin = await signInFirstAdmin();
    expect(admin.role).toBe('管理员');
    expect(getSession()).toEqual({ accountId: admin.id, locked: false });
    expect(JSON.stringify(await db().accounts.get(admin.id))).not.toContain(ADMIN.password);
    await expect(createFirstAdmin({ ...ADMIN, username: 'second' })).rejects.toThrow('管理员账户已经存在');
    expect(await actions()).toEqual(['create', 'create', 'account.create', 'login']);
  });

  it('must have a strong password', async () => {
    await expect(createFirstAdmin({ ...ADMIN, password: 'short1' })).rejects.toThrow('密码至少需要 8 位');
    await expect(createFirstAdmin({ ...ADMIN, password: 'password' })).rejects.toThrow('密码须同时包含字母和数字');
    expect(await db().accounts.count()).toBe(0);
  });
});

describe('signing in', () => {
  it('accepts the right password whatever the case of the name, and refuses others alike', async () => {
    await signInFirstAdmin();
    await logout();
    expect(getSession().accountId).toBeNull();
    expect(await login('nobody', ADMIN.password)).toEqual({ ok: false, error: '用户名或密码错误' });
    expect(await login('admin', 'wrong-password1')).toEqual({ ok: false, error: '用户名或密码错误' });
    expect((await login('ADMIN', ADMIN.password)).ok).toBe(true);
    const failed = await db().audit.where('action').equals('login.failed').toArray();
    expect(failed.map((e) => e.summary)).toEqual(['登录失败：用户名「nobody」不存在', 'admin（王主任） 登录失败：密码错误']);
  });

  it('makes each attempt wait longer after repeated failures, even with the right password', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00+08:00'));
    await signInFirstAdmin();
    await logout();
    for (let i = 0; i < 4; i++) expect(await login('admin', 'wrong-password1')).toEqual({ ok: false, error: '用户名或密码错误' });
    expect(await login('admin', 'wrong-password1')).toEqual({ ok: false, error: '密码错误次数过多，请 30 秒后再试' });
    expect(await login('admin', ADMIN.password)).toEqual({ ok: false, error: '密码错误次数过多，请 30 秒后再试' });
    vi.setSystemTime(new Date('2026-03-01T09:00:31+08:00'));
    expect(await login('admin', 'wrong-password1')).toEqual({ ok: false, error: '密码错误次数过多，请 1 分钟后再试' });
    vi.setSystemTime(new Date('2026-03-01T09:02:00+08:00'));
    expect((await login('admin', ADMIN.password)).ok).toBe(true);
    expect((await db().accounts.toArray())[0]!.failedAttempts).toBe(0);
  });

  it('locks on request, refuses writes while locked, and unlocks with the password', async () => {
    await signInFirstAdmin();
    await lockScreen('手动锁定');
    expect(getSession().locked).toBe(true);
    await expect(saveRecord('sites', site)).rejects.toThrow('屏幕已锁定');
    expect(await unlock('wrong-password1')).toMatchObject({ ok: false });
    expect(getSession().locked).toBe(true);
    expect((await unlock(ADMIN.password)).ok).toBe(true);
    expect(getSession().locked).toBe(false);
    await saveRecord('sites', site);
    expect(await actions()).toEqual(expect.arrayContaining(['lock', 'login.failed', 'unlock', 'create']));
  });

  it('refuses every write once accounts exist and nobody is signed in', async () => {
    await signInFirstAdmin();
    await logout();
    await expect(saveRecord('sites', site)).rejects.toThrow('请先登录后再修改数据');
    expect(await db().sites.count()).toBe(0);
  });
});

describe('managing accounts', () => {
  it('lets only a 管理员 create accounts; a new account must change its password', async () => {
    await signInFirstAdmin();
    const clerk = await signInAs({ username: 'jiaowu', role: '教务' });
    expect(clerk.mustChangePassword).toBe(true);
    await expect(signInAs({ username: 'other', role: '只读' })).rejects.toThrow('当前账户（教务）无权管理账户');
    await changeOwnPassword('Jiaoyuan2024', 'Jiaowu2025new');
    expect((await db().accounts.get(clerk.id))?.mustChangePassword).toBe(false);
    await logout();
    expect((await login('jiaowu', 'Jiaowu2025new')).ok).toBe(true);
  });

  it('keeps at least one usable 管理员', async () => {
    const admin = await signInFirstAdmin();
    await expect(updateAccount(admin.id, { role: '教务' })).rejects.toThrow('至少需要保留一个可用的管理员账户');
    await expect(updateAccount(admin.id, { disabled: true })).rejects.toThrow('至少需要保留一个可用的管理员账户');
  });

  it('applies a changed role at once and records before → after', async () => {
    const admin = await signInFirstAdmin();
    const clerk = await signInAs({ username: 'jiaowu', role: '教务' });
    await saveRecord('sites', site);
    setSession({ accountId: admin.id, locked: false });
    await updateAccount(clerk.id, { role: '只读' });
    setSession({ accountId: clerk.id, locked: false });
    await expect(saveRecord('sites', { ...site, name: '书院街道廉政文化长廊' })).rejects.toThrow('当前账户（只读）无权修改教学点信息');
    const change = await db().audit.where('action').equals('account.update').first();
    expect(change).toMatchObject({ before: { role: '教务' }, after: { role: '只读' }, actorName: 'admin（王主任）' });
  });

  it('disables an account: it can no longer sign in', async () => {
    await signInFirstAdmin();
    const clerk = await signInAs({ username: 'jiaowu', role: '教务' });
    setSession({ accountId: (await db().accounts.where('usernameKey').equals('admin').first())!.id, locked: false });
    await updateAccount(clerk.id, { disabled: true });
    expect(await login('jiaowu', 'Jiaoyuan2024')).toEqual({ ok: false, error: '该账户已停用，请联系管理员' });
    await resetPassword(clerk.id, 'Reset2026abc');
    await updateAccount(clerk.id, { disabled: false });
    expect((await login('jiaowu', 'Reset2026abc')).ok).toBe(true);
  });
});

describe('permissions of the signed-in account', () => {
  it('grant reveals separately, and never to 只读', async () => {
    await signInFirstAdmin();
    expect(await can('reveal.idNumber')).toBe(true);
    await signInAs({ username: 'jiaowu', role: '教务', grants: ['revealPhone'] });
    expect(await can('reveal.phone')).toBe(true);
    expect(await can('reveal.idNumber')).toBe(false);
    expect(await can('export.unmasked')).toBe(false);
  });

  it('refuses a settings change by a role that may not make it', async () => {
    await signInFirstAdmin();
    await signInAs({ username: 'viewer', role: '只读' });
    await expect(saveSetting('backup', { autoDaily: false, keep: 3 })).rejects.toThrow('当前账户（只读）无权修改设置');
  });
});
