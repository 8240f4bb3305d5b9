import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import { SYNCED_TABLES, TABLE_LABELS, type SyncedTableName } from '../../../shared/domain/records';
import { fail, ok, type Result } from '../../../shared/result';
import { APP_VERSION } from '../appVersion';
import { CURRENT_SCHEMA_VERSION } from './db';
import { db } from './instance';
import { getSelfSchool } from './school';

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

export async function createBackup(): Promise<{ bytes: Uint8Array; manifest: BackupManifest }> {
  const d = db();
  const files: Record<string, Uint8Array> = {};
  const tables: BackupManifest['tables'] = [];
  // One read transaction: the backup is a consistent picture even while the app writes.
  await d.transaction('r', d.tables, async () => {
    for (const table of d.tables) {
      const rows = await table.toArray();
      const bytes = strToU8(JSON.stringify(rows));
      files[`tables/${table.name}.json`] = bytes;
      tables.push({ name: table.name, count: rows.length, sha256: await sha256Hex(bytes) });
    }
  });
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
  hourTotals: z.object({ id: z.string().max(200), traineeId: z.string(), year: z.number(), schoolId: z.string(), credited: z.number(), external: z.number() }),
};

const NOT_A_BACKUP = '这不是党校教务通的备份文件（或文件已损坏），未做任何改动。';

/** Check everything about a backup file before anything is written. */
export async function checkBackup(bytes: Uint8Array): Promise<Result<CheckedBackup>> {
  let files: Record<string, Uint8Array>;
  try {
    let unpacked = 0;
    files = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new Error('too large');
        return true;
      },
    });
  } catch {
    return fail(NOT_A_BACKUP);
  }
  const manifest = manifestSchema.safeParse(parseJson(files['manifest.json']));
  if (!manifest.success) return fail(NOT_A_BACKUP);
  if (manifest.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return fail(`此备份由更新版本的党校教务通创建（数据格式第 ${manifest.data.schemaVersion} 版），请先升级程序。未做任何改动。`);
  }
  const summary: CheckedBackup['summary'] = [];
  const tables: CheckedBackup['tables'] = [];
  for (const entry of manifest.data.tables) {
    const synced = Object.hasOwn(SYNCED_TABLES, entry.name) ? (entry.name as SyncedTableName) : null;
    const schema = synced ? SYNCED_TABLES[synced] : Object.hasOwn(LOCAL_TABLES, entry.name) ? LOCAL_TABLES[entry.name] : null;
    const file = files[`tables/${entry.name}.json`];
    if (!schema || !file) return fail(NOT_A_BACKUP);
    if ((await sha256Hex(file)) !== entry.sha256) return fail('备份文件内容与校验值不符，可能已损坏或被修改，未做任何改动。');
    const rows = parseJson(file);
    if (!Array.isArray(rows) || rows.length !== entry.count) return fail(NOT_A_BACKUP);
    const label = synced ? TABLE_LABELS[synced] : entry.name;
    for (let i = 0; i < rows.length; i++) {
      if (!schema.safeParse(rows[i]).success) return fail(`备份中「${label}」的第 ${i + 1} 条记录无效，未做任何改动。`);
    }
    if (synced) summary.push({ table: synced, label, count: rows.length });
    tables.push({ name: entry.name, rows });
  }
  return ok({ manifest: manifest.data, summary, tables });
}

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    return undefined;
  }
}

/** Replace the whole database with a checked backup, in one transaction: all of it or nothing. */
export async function restoreBackup(backup: CheckedBackup): Promise<void> {
  const d = db();
  await d.transaction('rw', d.tables, async () => {
    for (const table of d.tables) await table.clear();
    for (const { name, rows } of backup.tables) await d.table(name).bulkPut(rows);
  });
}

/** 'YYYYMMDD-HHmmss' in local time, for file names. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export function backupFileName(date = new Date()): string {
  return `党校教务通备份-${fileStamp(date).slice(0, 13)}.dxbak`;
}
