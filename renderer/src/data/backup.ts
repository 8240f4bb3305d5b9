import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import dayjs from 'dayjs';
import { SYNCED_TABLES, TABLE_LABELS, auditEntrySchema, type AuditEntry, type SyncedTableName } from '../../../shared/domain/records';
import { fail, ok, type Result } from '../../../shared/result';
import { APP_VERSION } from '../appVersion';
import { appendAudit } from './audit/trail';
import { requireCan } from './auth/permissions';
import { CACHE_TABLE_NAMES } from './caches';
import { CURRENT_SCHEMA_VERSION, type DxDatabase } from './db';
import { db } from './instance';
import { getSelfSchool } from './school';
import { rebuildCaches } from './totals';
import { EXCHANGE_BACKUP_SCHEMAS, linkSchema, packLinks, type IdentityLink } from './exchange/tables';

/**
 * A backup file (.dxbak) is a zip holding `manifest.json` and one `tables/<name>.json` per
 * table (an array of its rows). The manifest names the app, the school, and the SHA-256 of
 * each table file, so a foreign or damaged file is refused before anything is touched.
 *
 * Every row is plain JSON, so a plain format is lossless; dexie-export-import was tried and
 * left out: its restore reads the file between writes, which ends an enclosing transaction,
 * and a restore must land whole or not at all.
 */
const manifestSchema = z.object({
  app: z.literal('dangxiao-desk'),
  kind: z.literal('backup'),
  formatVersion: z.literal(1),
  appVersion: z.string().max(40),
  schemaVersion: z.number().int().min(1),
  createdAt: z.number().int(),
  school: z.object({ id: z.string().max(64), name: z.string().max(100) }).nullable(),
  tables: z.array(
    z.object({ name: z.string().regex(/^[a-zA-Z]{1,40}$/), count: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  ).max(100),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** A backup of a county holds well under this once unpacked; more means a damaged file or a zip bomb. */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What belongs to this installation and is never put in a backup nor replaced by a restore:
 * the accounts (password hashes stay on this computer) and the audit chain's end. The trail
 * itself is backed up, and a restore adds the backup's entries to it rather than replacing it,
 * so restoring an old backup cannot erase what was done since.
 */
const INSTALLATION_TABLES = new Set(['accounts', 'device']);
/** The packed caches are rebuilt from the records after a restore rather than carried. */
const backedUp = (d: DxDatabase) => d.tables.filter((t) => !INSTALLATION_TABLES.has(t.name) && !CACHE_TABLE_NAMES.includes(t.name));

/** A backup of the whole database; `manual` is a backup file a person saves (which their role must allow). */
export async function createBackup(kind: 'manual' | 'auto' = 'manual'): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
  const d = db();
  if (kind === 'manual') await requireCan('backup.create');
  const files: Record<string, Uint8Array> = {};
  const tables: BackupManifest['tables'] = [];
  // One read transaction: the backup is a consistent picture even while the app writes.
  // WebCrypto is awaited only after it: awaiting it inside would let IndexedDB commit the transaction early.
  await d.transaction('r', backedUp(d), async () => {
    for (const table of backedUp(d)) {
      const rows = await table.toArray();
      files[`tables/${table.name}.json`] = strToU8(JSON.stringify(rows));
      tables.push({ name: table.name, count: rows.length, sha256: '' });
    }
  });
  for (const t of tables) t.sha256 = await sha256Hex(files[`tables/${t.name}.json`]!);
  const school = await getSelfSchool();
  const manifest: BackupManifest = {
    app: 'dangxiao-desk',
    kind: 'backup',
    formatVersion: 1,
    appVersion: APP_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: Date.now(),
    school: school ? { id: school.id, name: school.name } : null,
    tables,
  };
  const bytes = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), ...files }, { level: 6 });
  const records = tables.filter((t) => Object.hasOwn(SYNCED_TABLES, t.name)).reduce((n, t) => n + t.count, 0);
  await appendAudit({ action: 'backup', table: 'backup', summary: `${kind === 'auto' ? '自动备份到数据文件夹' : '备份到文件'}（${records} 条记录）` });
  return { bytes, manifest };
}

export interface CheckedBackup {
  manifest: BackupManifest;
  /** Per synced table: the Chinese label and how many records the backup holds. */
  summary: { table: SyncedTableName; label: string; count: number }[];
  /** Every table's rows, validated. */
  tables: { name: string; rows: unknown[] }[];
}

/** The app's own tables besides the synced ones, with the shape of their rows. */
const LOCAL_TABLES: Record<string, z.ZodType> = {
  meta: z.object({ key: z.string().max(100), value: z.unknown() }),
  settings: z.object({ key: z.string().max(100), value: z.unknown(), updatedAt: z.number() }),
  audit: auditEntrySchema,
  ...EXCHANGE_BACKUP_SCHEMAS,
};

/** Caches older backups carry and restore no longer needs (it rebuilds the caches). */
const RETIRED_TABLES = new Set(['hourTotals']);

/** Tables older backups carry in an older form: the row schema then, and the table they became. */
const REFORMED_TABLES: Record<string, { schema: z.ZodType; name: string; convert: (rows: unknown[]) => unknown[] }> = {
  identityLinks: { schema: linkSchema, name: 'identityLinkBuckets', convert: (rows) => packLinks(rows as IdentityLink[]) },
};

const originSchema = z.object({ by: z.string().max(64), at: z.number().int().nonnegative() });

const NOT_A_BACKUP = '这不是党校教务通的备份文件（或文件已损坏），未做任何改动。';

/** Check everything about a backup file before anything is written. */
export async function checkBackup(bytes: Uint8Array): Promise<Result<CheckedBackup>> {
  if (bytes.length === 0) return fail('文件是空的（0 字节），不是备份文件，未做任何改动。');
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new Error('too large');
        return true;
      },
    });
  } catch {
    return fail(unpacked > MAX_UNPACKED_BYTES ? '文件解压后超过 1 GB，不是正常的备份文件（可能已损坏或是恶意文件），未做任何改动。' : NOT_A_BACKUP);
  }
  const manifest = manifestSchema.safeParse(parseJson(files['manifest.json']));
  if (!manifest.success) return fail(NOT_A_BACKUP);
  if (manifest.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return fail(`此备份由更新版本的党校教务通创建（数据格式第 ${manifest.data.schemaVersion} 版），请先升级程序。未做任何改动。`);
  }
  const summary: CheckedBackup['summary'] = [];
  const tables: CheckedBackup['tables'] = [];
  for (const entry of manifest.data.tables) {
    if (RETIRED_TABLES.has(entry.name)) continue;
    const synced = Object.hasOwn(SYNCED_TABLES, entry.name) ? (entry.name as SyncedTableName) : null;
    const reformed = Object.hasOwn(REFORMED_TABLES, entry.name) ? REFORMED_TABLES[entry.name]! : null;
    const schema = synced ? SYNCED_TABLES[synced] : reformed ? reformed.schema : Object.hasOwn(LOCAL_TABLES, entry.name) ? LOCAL_TABLES[entry.name] : null;
    const file = files[`tables/${entry.name}.json`];
    if (!schema || !file) return fail(NOT_A_BACKUP);
    if ((await sha256Hex(file)) !== entry.sha256) return fail('备份文件内容与校验值不符，可能已损坏或被修改，未做任何改动。');
    const rows = parseJson(file);
    if (!Array.isArray(rows) || rows.length !== entry.count) return fail(NOT_A_BACKUP);
    const label = synced ? TABLE_LABELS[synced] : entry.name;
    // The parsed rows, not the file's: fields the schemas do not know are left behind, except
    // the exchange's note of which school wrote an imported version.
    const valid: unknown[] = [];
    for (let i = 0; i < rows.length; i++) {
      const parsed = schema.safeParse(rows[i]);
      if (!parsed.success) return fail(`备份中「${label}」的第 ${i + 1} 条记录无效（${issueText(parsed.error.issues[0])}），未做任何改动。`);
      const origin = synced ? originSchema.safeParse((rows[i] as { _origin?: unknown })._origin) : null;
      valid.push(origin?.success ? { ...(parsed.data as object), _origin: origin.data } : parsed.data);
    }
    if (synced) summary.push({ table: synced, label, count: rows.length });
    tables.push(reformed ? { name: reformed.name, rows: reformed.convert(valid) } : { name: entry.name, rows: valid });
  }
  return ok({ manifest: manifest.data, summary, tables });
}

const ISSUE_WORDS: Record<string, string> = {
  too_big: '过长或过大', too_small: '过短、过小或为空', invalid_type: '类型不对', invalid_format: '格式不对', invalid_value: '取值不在允许范围内',
};

/** Which field of a record is wrong and how, for a person comparing the file with the app. */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return '格式不对';
  const field = issue.path.length ? `字段「${issue.path.join('.')}」` : '记录';
  return `${field}${ISSUE_WORDS[issue.code] ?? '不符合要求'}`;
}

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    return undefined;
  }
}

const RESTORE_CHUNK = 2000;

/**
 * Replace the data with a checked backup, in one transaction: all of it or nothing (closing
 * the window half-way leaves the database as it was). The accounts and the audit trail of
 * this installation stay; the backup's trail entries are added to it.
 */
export async function restoreBackup(backup: CheckedBackup, onProgress: (fraction: number) => void = () => {}): Promise<void> {
  const d = db();
  const total = backup.tables.reduce((n, t) => n + t.rows.length, 0) || 1;
  let done = 0;
  await d.transaction('rw', d.tables, async () => {
    await requireCan('backup.restore');
    const keptTrail = await d.audit.orderBy('seq').last();
    for (const table of backedUp(d)) if (table.name !== 'audit') await table.clear();
    for (const { name, rows } of backup.tables) {
      const fresh = name === 'audit' ? await newTrailEntries(d, rows as AuditEntry[]) : rows;
      for (let i = 0; i < fresh.length; i += RESTORE_CHUNK) {
        await d.table(name).bulkPut(fresh.slice(i, i + RESTORE_CHUNK));
        onProgress((done += Math.min(RESTORE_CHUNK, fresh.length - i)) / total);
      }
    }
    await rebuildCaches();
    // Entries kept from before must never be overtaken by the restored change sequence.
    const seq = ((await d.meta.get('seq'))?.value as number | undefined) ?? 0;
    if (keptTrail && keptTrail.seq > seq) await d.meta.put({ key: 'seq', value: keptTrail.seq });
    const { school, createdAt } = backup.manifest;
    await appendAudit({
      action: 'backup.restore', table: 'backup',
      summary: `从备份恢复：${school?.name ?? '未设置本校'}，${dayjs(createdAt).format('YYYY-MM-DD HH:mm')} 的备份（${backup.summary.reduce((n, t) => n + t.count, 0)} 条记录）`,
    });
  });
}

/** The backup's trail entries this installation does not hold yet. */
async function newTrailEntries(d: DxDatabase, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const held = await d.audit.bulkGet(entries.map((e) => e.id));
  return entries.filter((_, i) => !held[i]);
}

/** 'YYYYMMDD-HHmmss' in local time, for file names. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function backupFileName(date = new Date()): string {
  return `党校教务通备份-${fileStamp(date).slice(0, 13)}.dxbak`;
}
