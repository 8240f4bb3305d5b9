/**
 * Exporting a package up to the county: every record changed since the county's last receipt
 * (incremental) or everything (full), tombstones included, with the attendance-related audit
 * entries of the same range, read in one consistent snapshot. In the app buildPackage runs in a
 * worker (exchange.worker.ts); it is a plain function of the data layer, so tests call it directly.
 */
import type { Table } from 'dexie';
import { SYNCED_TABLE_NAMES, type AuditEntry } from '../../../../shared/domain/records';
import {
  AUDIT_PART, FORMAT_VERSION, PACKAGE_EXTENSION, PACKAGE_FORMAT, PART_LABELS, PART_TABLES, isAttendanceAudit, type Manifest, type PackageKind,
  type PartTable,
} from '../../../../shared/package/format';
import { keyIdOf } from '../../../../shared/package/hash';
import { packageRow } from '../../../../shared/package/identity';
import type { Identity } from '../../../../shared/package/read';
import { PackageWriter } from '../../../../shared/package/write';
import { APP_VERSION } from '../../appVersion';
import { writeAudit } from '../audit/trail';
import { requireCan } from '../auth/permissions';
import { fileStamp } from '../backup';
import { CURRENT_SCHEMA_VERSION } from '../db';
import { db } from '../instance';
import { getSelfSchool } from '../school';
import { identitiesOf, readLinks } from './identity';
import { throwIfCancelled, type WorkOptions } from './progress';
import { getExchangeSettings, getOwnState, putOwnState, requireCode } from './state';
import { ledger, type LedgerEntry, type TableCounts } from './tables';
import { versionOf, type StoredRecord } from './versions';
import { newId } from '../write';

/** Records read at a time: a session's roster holds a hundred marks, so fewer of those. */
const batchSize = (table: PartTable) => (table === 'attendance' ? 100 : 2000);

/**
 * Visit the records of a table changed in (fromSeq, toSeq], a batch at a time in seq order,
 * inside the caller's transaction. Records sharing a seq are never split from each other or skipped.
 */
async function eachChanged(table: Table, fromSeq: number, toSeq: number, size: number, visit: (rows: StoredRecord[]) => void): Promise<void> {
  let lo = fromSeq;
  let taken = new Set<string>();
  for (;;) {
    const rows = ((await table.where('seq').between(lo, toSeq, taken.size > 0, true).limit(size + taken.size).toArray()) as StoredRecord[])
      .filter((r) => !(r.seq === lo && taken.has(r.id)));
    if (rows.length === 0) return;
    visit(rows);
    const last = rows[rows.length - 1]!.seq;
    const atLast = rows.filter((r) => r.seq === last).map((r) => r.id);
    taken = new Set(last === lo ? [...taken, ...atLast] : atLast);
    lo = last;
  }
}

export interface PendingChanges {
  fromSeq: number;
  toSeq: number;
  tables: { table: PartTable; label: string; count: number }[];
  total: number;
}

/** How many records of each table a package of this kind would hold now (counted by the seq index). */
export async function pendingChanges(kind: PackageKind): Promise<PendingChanges> {
  const d = db();
  const own = await getOwnState(d);
  const fromSeq = kind === 'full' ? 0 : own.ackSeq;
  return d.transaction('r', [d.meta, d.audit, ...SYNCED_TABLE_NAMES.map((t) => d.table(t))], async () => {
    const toSeq = ((await d.meta.get('seq'))?.value as number | undefined) ?? 0;
    const tables = await Promise.all(
      PART_TABLES.map(async (table) => {
        const changed = d.table(table).where('seq').above(fromSeq);
        return { table, label: PART_LABELS[table], count: await (table === AUDIT_PART ? changed.filter(isAttendanceAudit) : changed).count() };
      }),
    );
    return { fromSeq, toSeq, tables, total: tables.reduce((n, t) => n + t.count, 0) };
  });
}

export interface BuiltPackage {
  bytes: Uint8Array;
  manifest: Manifest;
  hash: string;
  fileName: string;
  counts: Partial<Record<PartTable, TableCounts>>;
}

export function packageFileName(schoolName: string, sequence: number, at = new Date()): string {
  return `${schoolName}-第${sequence}号数据包-${fileStamp(at).slice(0, 13)}.${PACKAGE_EXTENSION}`;
}

/** Build the next package in memory; nothing is recorded until commitExport (after it was saved). */
export async function buildPackage(kind: PackageKind, opts: WorkOptions = {}): Promise<BuiltPackage> {
  await requireCan('data.export');
  const d = db();
  const code = await requireCode(d);
  const [settings, own, self] = await Promise.all([getExchangeSettings(d), getOwnState(d), getSelfSchool()]);
  if (!self) throw new Error('尚未设置本校信息');
  const fromSeq = kind === 'full' ? 0 : own.ackSeq;
  const progress = opts.onProgress ?? (() => {});

  const json = new Map<PartTable, string[]>(PART_TABLES.map((t) => [t, []]));
  const counts: BuiltPackage['counts'] = {};
  const trainees: ReturnType<typeof versionOf>[] = [];
  let toSeq = fromSeq;
  await d.transaction('r', [d.meta, d.audit, ...SYNCED_TABLE_NAMES.map((t) => d.table(t))], async () => {
    toSeq = Math.max(fromSeq, ((await d.meta.get('seq'))?.value as number | undefined) ?? 0);
    for (const [index, table] of PART_TABLES.entries()) {
      const out = json.get(table)!;
      const tally = { records: 0, deletedRecords: 0 };
      await eachChanged(d.table(table), fromSeq, toSeq, batchSize(table), (rows) => {
        throwIfCancelled(opts.signal);
        for (const row of rows) {
          if (table === AUDIT_PART) {
            // Entries travel as they were sealed; only the attendance-related part of the trail leaves.
            if (!isAttendanceAudit(row as unknown as AuditEntry)) continue;
            tally.records++;
            out.push(JSON.stringify(row));
            continue;
          }
          const version = versionOf(row, self.id);
          tally.records++;
          if (version.record.deletedAt !== null) tally.deletedRecords++;
          if (table === 'trainees') trainees.push(version);
          else out.push(JSON.stringify(packageRow(version.record, version.by)));
        }
        const within = (rows[rows.length - 1]!.seq - fromSeq) / Math.max(toSeq - fromSeq, 1);
        progress((index + within) / PART_TABLES.length / 2, `读取${PART_LABELS[table]}`);
      });
      counts[table] = tally;
    }
  });

  // ID numbers leave as keys unless full numbers are allowed; a record received without its number passes on the key it came with.
  if (trainees.length > 0) {
    const plain = settings.allowIdNumbers;
    const withNumber = trainees.map((v) => ({ id: v.record.id, idNumber: String((v.record as { idNumber?: string }).idNumber ?? '') }));
    const computed = plain ? new Map<string, Identity | null>() : await identitiesOf(code, withNumber);
    const received = new Map((await readLinks(d, withNumber.filter((t) => !t.idNumber).map((t) => t.id))).flatMap((l) => (l ? [[l.traineeId, l] as const] : [])));
    json.set('trainees', trainees.map((v) => {
      const identity = computed.get(v.record.id) ?? received.get(v.record.id) ?? null;
      return JSON.stringify(packageRow(v.record, v.by, { identity: identity && { key: identity.key, last4: identity.last4 }, plain }));
    }));
  }

  const writer = new PackageWriter();
  const total = PART_TABLES.reduce((n, t) => n + json.get(t)!.length, 0);
  let written = 0;
  for (const table of PART_TABLES) {
    throwIfCancelled(opts.signal);
    const rows = json.get(table)!;
    for (let i = 0; i < rows.length; i += 2000) {
      await writer.addJsonRows(table, rows.slice(i, i + 2000));
      written += Math.min(2000, rows.length - i);
      progress(0.5 + (written / Math.max(total, 1)) / 2, `压缩${PART_LABELS[table]}`);
    }
  }
  const sequence = own.sequence + 1;
  const built = await writer.finish(
    {
      format: PACKAGE_FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: APP_VERSION,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      kind,
      source: { schoolId: self.id, name: self.name, level: self.level, code: self.code },
      sequence,
      previous: own.sequence > 0 && own.lastHash ? { sequence: own.sequence, hash: own.lastHash } : null,
      range: { fromSeq, toSeq },
      createdAt: Date.now(),
      identity: { keyId: await keyIdOf(code), idNumbers: settings.allowIdNumbers ? 'plain' : 'hashed' },
      tables: PART_TABLES.map((table) => ({ table, count: counts[table]!.records!, deleted: counts[table]!.deletedRecords! })),
    },
    code,
  );
  progress(1, '完成');
  return { ...built, fileName: packageFileName(self.name, sequence), counts };
}

const totalRecords = (counts: BuiltPackage['counts']) => Object.values(counts).reduce((n, c) => n + (c.records ?? 0), 0);

/** Record a saved package: it becomes the chain's newest link, and the ledger shows it. */
export async function commitExport(built: BuiltPackage): Promise<LedgerEntry> {
  const d = db();
  const { manifest } = built;
  const entry: LedgerEntry = {
    id: newId(),
    at: Date.now(),
    direction: 'export',
    kind: 'package',
    sourceId: manifest.source.schoolId,
    sourceName: manifest.source.name,
    sequence: manifest.sequence,
    packageKind: manifest.kind,
    range: manifest.range,
    hash: built.hash,
    fileName: built.fileName,
    bytes: built.bytes.byteLength,
    createdAt: manifest.createdAt,
    counts: built.counts,
    result: 'ok',
    message: `${manifest.kind === 'full' ? '完整' : '增量'}数据包，共 ${totalRecords(built.counts)} 条记录`,
  };
  await d.transaction('rw', [d.meta, ledger(d)], async () => {
    const own = await getOwnState(d);
    if (own.sequence !== manifest.sequence - 1) throw new Error('在此期间本机又导出了一个数据包，请重新生成后再保存。');
    await putOwnState(d, { ...own, sequence: manifest.sequence, lastHash: built.hash });
    await ledger(d).add(entry);
    await writeAudit([{ action: 'export', table: 'packages', summary: `导出第 ${manifest.sequence} 号数据包（${entry.message}）` }]);
  });
  return entry;
}

/** Build and record in one step (for the benchmark and for tests): the package's bytes and what it holds. */
export async function exportPackage(kind: PackageKind, opts: WorkOptions = {}): Promise<BuiltPackage> {
  const built = await buildPackage(kind, opts);
  await commitExport(built);
  return built;
}
