import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInFirstAdmin } from '../auth/testing';
import { setSession } from '../auth/session';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord, saveRecords } from '../write';
import type { AuditEntry } from '../../../../shared/domain/records';
import { sealEntry } from '../../../../shared/security/audit';
import { checkBackup, createBackup, restoreBackup } from '../backup';
import { signInAs } from '../auth/testing';
import { sources } from '../exchange/tables';
import { appendAudit, auditEntries, chainHead, queryAudit, trailSchools } from './trail';
import { verifyTrail } from './verify';

const site = {
  kind: '现场教学点' as const, name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '革命传统',
  capacity: 60, guide: '', guidePhone: '', courseIds: [], demoLevel: '市级示范点' as const, openPeriods: [], status: '启用' as const, notes: '',
};

beforeEach(async () => {
  setDb(await openDatabase('trail-' + newId()));
  await createTestSchool();
  await signInFirstAdmin();
});
afterEach(() => {
  setSession({ accountId: null, locked: false });
  db().close();
  setDb(null);
});

const ordered = () => db().audit.orderBy('[chainId+n]').toArray();

describe('the audit trail', () => {
  it('records who changed what, before → after, with a rising chain', async () => {
    const a = await saveRecord('sites', site);
    await saveRecord('sites', { ...a, capacity: 80 });
    const entries = await ordered();
    expect(entries.map((e) => e.n)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.at(-1)).toMatchObject({
      action: 'update', table: 'sites', recordId: a.id, summary: '教学点「中共尼山地委旧址」', actorName: 'admin（王主任）',
      before: { capacity: 60 }, after: { capacity: 80 },
    });
    expect(await chainHead()).toMatchObject({ n: entries.length, hash: entries.at(-1)!.hash });
    expect(await verifyTrail()).toMatchObject([{ own: true, check: { ok: true, count: entries.length } }]);
  });

  it('writes nothing to the trail when the write fails', async () => {
    const before = await db().audit.count();
    await expect(saveRecords('sites', [site, { ...site, name: '' }])).rejects.toThrow();
    expect(await db().audit.count()).toBe(before);
  });

  it('lands an entry with the caller’s own transaction, or not at all', async () => {
    const d = db();
    const before = await d.audit.count();
    await expect(
      d.transaction('rw', d.sites, async () => {
        await appendAudit({ action: 'export', summary: '导出学员名册' });
        throw new Error('中途失败');
      }),
    ).rejects.toThrow('中途失败');
    expect(await d.audit.count()).toBe(before);
    await d.transaction('rw', d.sites, () => appendAudit({ action: 'export', summary: '导出学员名册' }));
    expect(await d.audit.count()).toBe(before + 1);
  });

  it('names the entry that was changed in the database', async () => {
    await saveRecord('sites', site);
    await saveRecord('sites', { ...site, name: '书院街道廉政文化长廊' });
    const entries = await ordered();
    const victim = entries[entries.length - 2]!;
    await db().audit.update(victim.id, { summary: '教学点「别的」' });
    const [own] = await verifyTrail();
    expect(own!.check).toMatchObject({ ok: false, break: { kind: 'altered', n: victim.n, message: `第 ${victim.n} 条记录的内容已被改动` } });
    if (!own!.check.ok) expect(own!.check.break.entry?.id).toBe(victim.id);
  });

  it('notices entries removed from the middle or the end', async () => {
    for (const name of ['一', '二', '三']) await saveRecord('sites', { ...site, name });
    const entries = await ordered();
    await db().audit.delete(entries.at(-1)!.id);
    expect((await verifyTrail())[0]!.check).toMatchObject({ ok: false, break: { kind: 'truncated' } });
    await db().audit.delete(entries[1]!.id);
    expect((await verifyTrail())[0]!.check).toMatchObject({ ok: false, break: { kind: 'missing', n: 3 } });
  });

  it('filters and pages newest first', async () => {
    for (let i = 0; i < 5; i++) await saveRecord('sites', { ...site, name: `教学点${i}` });
    await appendAudit({ action: 'export', summary: '导出学员名册', reason: '上报' });
    const page = await queryAudit({ actions: ['create'], table: 'sites' }, 1, 3);
    expect(page.total).toBe(5);
    expect(page.rows.map((e) => e.summary)).toEqual(['教学点「教学点4」', '教学点「教学点3」', '教学点「教学点2」']);
    expect((await queryAudit({ text: '上报' }, 1, 10)).rows.map((e) => e.action)).toEqual(['export']);
    expect(await auditEntries({ from: Date.now() + 60_000 })).toEqual([]);
  });
});

/** Entries another school's installation sealed in its own chain, as a county holds them after importing its packages. */
async function receiveChain(schoolId: string, reasons: readonly string[]): Promise<AuditEntry[]> {
  const chainId = newId();
  const at = Date.now();
  let previous: AuditEntry | null = null;
  const entries = reasons.map((reason, i) => (previous = sealEntry({
    id: newId(), schoolId, createdAt: at, updatedAt: at, deletedAt: null, seq: 0, chainId, at: at + i, actorId: newId(), actorName: 'admin（李老师）',
    actorRole: '管理员', action: 'attendance.correct', table: 'attendance', recordId: newId(), summary: '考勤「冬训第一课」', before: null, after: null, reason,
  }, previous)));
  await db().audit.bulkAdd(entries);
  return entries;
}

describe('a trail that holds other schools’ entries', () => {
  it('names each school, own first, and filters by school', async () => {
    await saveRecord('sites', site);
    expect(await trailSchools()).toEqual([{ id: expect.any(String), name: '鲁城街道党校', own: true }]);
    // One school is in the registry; another is known only by the name its packages gave.
    const registered = (await db().schools.toArray()).find((s) => s.name === '中共曲阜市委党校')!;
    const unregistered = newId();
    await sources(db()).put({ id: unregistered, name: '书院街道党校', lastSequence: 1, lastHash: '', importedToSeq: 1, lastImportedAt: Date.now() });
    await receiveChain(registered.id, ['补交病假条', '更正：实为事假']);
    await receiveChain(unregistered, ['补交病假条']);
    const schools = await trailSchools();
    expect(schools.map((s) => [s.name, s.own])).toEqual([['鲁城街道党校', true], ['书院街道党校', false], ['中共曲阜市委党校', false]]);
    expect((await queryAudit({ schoolId: registered.id }, 1, 10)).rows.map((e) => e.reason)).toEqual(['更正：实为事假', '补交病假条']);
    expect((await auditEntries({ schoolId: unregistered, text: '病假' })).map((e) => e.schoolId)).toEqual([unregistered]);
    const own = await queryAudit({ schoolId: schools[0]!.id }, 1, 100);
    expect(own.total).toBe((await db().audit.count()) - 3);
    expect(own.rows.every((e) => e.schoolId === schools[0]!.id && e.action !== 'attendance.correct')).toBe(true);
  });

  it('says where each school’s chain breaks, by school', async () => {
    const registered = (await db().schools.toArray()).find((s) => s.name === '中共曲阜市委党校')!;
    const theirs = await receiveChain(registered.id, ['一', '二', '三']);
    const other = newId();
    await receiveChain(other, ['四']);
    await db().audit.update(theirs[1]!.id, { reason: '改过' });
    const reports = await verifyTrail();
    expect(reports.map((r) => [r.own, r.schoolName, r.check.ok])).toEqual([
      [true, '鲁城街道党校', true], [false, '未登记的党校', true], [false, '中共曲阜市委党校', false],
    ]);
    expect(reports[2]!.check).toMatchObject({ ok: false, break: { kind: 'altered', n: 2, entry: { id: theirs[1]!.id } } });
  });
});

describe('a restore and the trail', () => {
  it('keeps this installation’s accounts and trail, so an old backup cannot erase what was done since', async () => {
    await saveRecord('sites', site);
    const checked = await checkBackup((await createBackup()).bytes);
    if (!checked.ok) throw new Error(checked.error);
    await saveRecord('sites', { ...site, name: '备份之后新增' });
    const trailBefore = await db().audit.count();
    await restoreBackup(checked.value);
    expect((await db().sites.toArray()).map((s) => s.name)).toEqual(['中共尼山地委旧址']);
    expect(await db().accounts.count()).toBe(1);
    const entries = await ordered();
    expect(entries).toHaveLength(trailBefore + 1);
    expect(entries.at(-1)).toMatchObject({ action: 'backup.restore', summary: expect.stringContaining('鲁城街道党校') });
    expect(entries.some((e) => e.summary === '教学点「备份之后新增」')).toBe(true);
    expect(await verifyTrail()).toMatchObject([{ own: true, check: { ok: true } }]);
    // Records written after the restore still get change numbers above every kept entry.
    const next = await saveRecord('sites', { ...site, name: '恢复之后新增' });
    expect(next.seq).toBeGreaterThan(Math.max(...entries.map((e) => e.seq)));
  });

  it('adds a backup’s trail from another computer as a chain of its own', async () => {
    await saveRecord('sites', site);
    const checked = await checkBackup((await createBackup()).bytes);
    if (!checked.ok) throw new Error(checked.error);
    // The same entries under new ids, resealed as a chain of their own, stand for another computer's trail.
    const theirs = checked.value.tables.find((t) => t.name === 'audit')!;
    const foreignChain = newId();
    let previous: AuditEntry | null = null;
    theirs.rows = (theirs.rows as AuditEntry[]).map((e) => (previous = sealEntry({ ...e, id: newId(), chainId: foreignChain }, previous)));
    await restoreBackup(checked.value);
    const reports = await verifyTrail();
    expect(reports.map((r) => [r.own, r.check.ok])).toEqual([[true, true], [false, true]]);
  });

  it('is refused to a role that may not restore, before anything changes', async () => {
    await saveRecord('sites', site);
    const checked = await checkBackup((await createBackup()).bytes);
    if (!checked.ok) throw new Error(checked.error);
    await signInAs({ username: 'jiaowu', role: '教务' });
    await saveRecord('sites', { ...site, name: '教务新增' });
    await expect(restoreBackup(checked.value)).rejects.toThrow('当前账户（教务）无权从备份恢复数据');
    expect(await db().sites.count()).toBe(2);
  });
});
