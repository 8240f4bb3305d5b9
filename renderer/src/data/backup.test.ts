import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkBackup } from './backup';
import { packLinks } from './exchange/tables';

const sha256 = async (b: Uint8Array) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>))].map((x) => x.toString(16).padStart(2, '0')).join('');

const site = {
  id: 's1', schoolId: 'k1', createdAt: 1, updatedAt: 1, deletedAt: null, seq: 1,
  kind: '现场教学点', name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '', capacity: 60, guide: '',
  guidePhone: '', courseIds: [], demoLevel: '无', openPeriods: [], status: '启用', notes: '',
};

async function backupFile(over: { name?: string; rows?: unknown[]; manifest?: Record<string, unknown>; table?: Record<string, unknown> } = {}) {
  const name = over.name ?? 'sites';
  const rows = over.rows ?? [site];
  const file = strToU8(JSON.stringify(rows));
  const manifest = {
    app: 'dangxiao-desk', kind: 'backup', formatVersion: 1, appVersion: '0.1.0', schemaVersion: 1, createdAt: 1,
    school: { id: 'k1', name: '鲁城街道党校' },
    tables: [{ name, count: rows.length, sha256: await sha256(file), ...over.table }],
    ...over.manifest,
  };
  return zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), [`tables/${name}.json`]: file });
}

describe('checking a backup before restoring it', () => {
  it('accepts a good backup and summarises it per table', async () => {
    const result = await checkBackup(await backupFile());
    expect(result.ok && result.value.summary).toEqual([{ table: 'sites', label: '教学点', count: 1 }]);
  });

  it('refuses a file that is not a zip', async () => {
    const result = await checkBackup(strToU8('hello, not a backup'));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('不是党校教务通的备份文件') });
  });

  it('refuses a zip of another program', async () => {
    const result = await checkBackup(zipSync({ 'readme.txt': strToU8('x') }));
    expect(result.ok).toBe(false);
  });

  it('refuses a backup whose content does not match its checksum', async () => {
    const result = await checkBackup(await backupFile({ table: { sha256: '0'.repeat(64) } }));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('校验值不符') });
  });

  it('refuses a table the app does not know', async () => {
    const result = await checkBackup(await backupFile({ table: { name: 'constructor' } }));
    expect(result.ok).toBe(false);
  });

  it('refuses a backup from a newer app', async () => {
    const result = await checkBackup(await backupFile({ manifest: { schemaVersion: 99 } }));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('更新版本') });
  });

  it('names the table and record of an invalid row', async () => {
    const result = await checkBackup(await backupFile({ rows: [site, { ...site, id: 's2', capacity: -5 }] }));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('「教学点」的第 2 条记录无效') });
  });

  it('reads the identity links of a schema version 1 backup into their buckets, and leaves its hour totals to the rebuild', async () => {
    const links = [{ traineeId: 't1', key: 'k1', last4: '1234', from: 'package' }, { traineeId: 't2', key: 'k2', last4: '0042', from: 'local' }] as const;
    const result = await checkBackup(await backupFile({ name: 'identityLinks', rows: [...links] }));
    expect(result.ok && result.value.tables).toEqual([{ name: 'identityLinkBuckets', rows: packLinks(links) }]);
    const totals = await checkBackup(await backupFile({ name: 'hourTotals', rows: [{ id: 't1|2026' }] }));
    expect(totals.ok && totals.value.tables).toEqual([]);
  });

  it('refuses a truncated file', async () => {
    const good = await backupFile();
    expect((await checkBackup(good.slice(0, good.length - 40))).ok).toBe(false);
  });
});
