/**
 * Importing a package: check everything (shared/package/read.ts and the chain), preview what
 * each table would gain, then apply all of it in one transaction, part by part, so the window
 * keeps drawing and a cancel before the end leaves nothing written.
 */
import { TABLE_LABELS, type RecordMeta, type SyncedTableName, type Trainee } from '../../../../shared/domain/records';
import { restoreIdNumber } from '../../../../shared/package/identity';
import { OUTCOMES, mergeRecord, type MergeResult, type Version } from '../../../../shared/package/merge';
import type { Manifest } from '../../../../shared/package/format';
import { openPackage, type CheckedPackage, type Identity } from '../../../../shared/package/read';
import { checkSequence } from '../../../../shared/package/sequence';
import { fail, type Result } from '../../../../shared/result';
import { addHours } from '../../../../shared/rules/totals';
import { writeAudit } from '../audit/trail';
import { requireCan } from '../auth/permissions';
import { CURRENT_SCHEMA_VERSION, type DxDatabase } from '../db';
import { db } from '../instance';
import { applyHourChanges, type HourChange } from '../totals';
import { allocateSeq, newId, selfSchoolId } from '../write';
import { linkIdentities, localIdentities, markKeyedThrough } from './identity';
import { CancelledError, throwIfCancelled, yieldToUi, type WorkOptions } from './progress';
import { requireCode } from './state';
import { conflicts, identityGroups, identityLinks, ledger, sources, type LedgerEntry, type TableCounts } from './tables';
import { storedOf, versionOf, type StoredRecord } from './versions';

export type ImportPreview = { table: SyncedTableName; label: string; counts: Required<Pick<TableCounts, (typeof OUTCOMES)[number]>> }[];

interface Merged {
  id: string;
  local: Version | undefined;
  result: MergeResult;
  identity: Identity | undefined;
}

/** Rows merged at a time: between batches the database is awaited, so the window draws even inside the import's transaction. */
const BATCH = 500;

/**
 * Merge a package's rows with what is held here, batch by batch, handing each batch to `visit`.
 * Only database reads and pure work: usable inside the import's transaction. `validate` checks
 * each row again before it is stored; `fresh`: local trainees' keys not stored yet (a preview).
 */
async function mergeBatches(
  d: DxDatabase,
  pkg: CheckedPackage,
  opts: { validate: boolean; fresh?: Map<string, string> },
  visit: (table: SyncedTableName, merged: Merged[], fraction: number) => Promise<void>,
): Promise<void> {
  const self = await selfSchoolId(d);
  const total = pkg.manifest.parts.reduce((n, p) => n + p.count, 0) || 1;
  let done = 0;
  for (const part of pkg.manifest.parts) {
    const raws = pkg.readPart(part);
    for (let i = 0; i < raws.length; i += BATCH) {
      const rows = raws.slice(i, i + BATCH).map((raw) => pkg.toRow(part.table, raw, opts.validate));
      const ids = rows.map((r) => r.record.id);
      const locals = (await d.table(part.table).bulkGet(ids)) as (StoredRecord | undefined)[];
      const keys = part.table === 'trainees' ? await identityLinks(d).bulkGet(ids) : [];
      const merged = rows.map((row, k): Merged => {
        const held = locals[k];
        const local = held ? versionOf(held, self) : undefined;
        const identity = pkg.identities.get(row.record.id);
        const localKey = opts.fresh?.get(row.record.id) ?? keys[k]?.key;
        const record = part.table === 'trainees'
          ? restoreIdNumber(row.record as unknown as Trainee, identity?.key, local?.record as Trainee | undefined, localKey)
          : row.record;
        return { id: row.record.id, local, result: mergeRecord(part.table, local, { record: record as RecordMeta, by: row.by }), identity };
      });
      done += rows.length;
      await visit(part.table, merged, done / total);
    }
  }
}

const emptyCounts = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as ImportPreview[number]['counts'];

function tally(into: Map<SyncedTableName, ImportPreview[number]['counts']>, table: SyncedTableName, merged: readonly Merged[]): void {
  const counts = into.get(table) ?? emptyCounts();
  for (const m of merged) counts[m.result.outcome]++;
  into.set(table, counts);
}

const previewOf = (counts: Map<SyncedTableName, ImportPreview[number]['counts']>, pkg: CheckedPackage): ImportPreview =>
  pkg.manifest.tables.filter((t) => t.count > 0).map((t) => ({ table: t.table, label: TABLE_LABELS[t.table], counts: counts.get(t.table) ?? emptyCounts() }));

async function logEntry(entry: Omit<LedgerEntry, 'id' | 'at'>): Promise<LedgerEntry> {
  const full: LedgerEntry = { id: newId(), at: Date.now(), ...entry };
  await ledger(db()).add(full);
  return full;
}

/** A ledger entry of an import: what the package says of itself, as far as that was verified. */
function entryFor(m: Manifest | undefined, hash: string | null, fileName: string, bytes: number): Omit<LedgerEntry, 'id' | 'at' | 'counts' | 'result' | 'message'> {
  return {
    direction: 'import', kind: 'package', sourceId: m?.source.schoolId ?? '', sourceName: m?.source.name ?? '', sequence: m?.sequence ?? null,
    packageKind: m?.kind ?? null, range: m?.range ?? null, hash, fileName, bytes, createdAt: m?.createdAt ?? null,
  };
}

/**
 * Every check before anything is written: the file (read.ts), then whether it may follow what
 * was imported from its source. A refusal is recorded in the ledger and changes nothing else.
 */
export async function checkPackageFile(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<Result<CheckedPackage>> {
  await requireCan('data.import');
  const d = db();
  const [code, self] = await Promise.all([requireCode(d), selfSchoolId(d)]);
  const opened = await openPackage(bytes, {
    code, schemaVersion: CURRENT_SCHEMA_VERSION, yieldToUi, onProgress: (f) => opts.onProgress?.(f, '检查数据包'),
  });
  let result: Result<CheckedPackage> = opened;
  if (opened.ok) {
    const { manifest } = opened.value;
    if (manifest.source.schoolId === self) result = fail('这是本校自己导出的数据包，不能导入本校。未做任何改动。');
    else {
      const sequence = checkSequence(manifest, await sources(d).get(manifest.source.schoolId));
      if (!sequence.ok) result = sequence;
    }
  }
  if (!result.ok) {
    const manifest = opened.ok ? opened.value.manifest : opened.manifest;
    await logEntry({ ...entryFor(manifest, null, fileName, bytes.byteLength), counts: {}, result: 'refused', message: result.error });
  }
  return result;
}

/** What importing would do, per table: new, updated, unchanged, conflicting, deleted. Writes nothing. */
export async function previewImport(pkg: CheckedPackage, opts: WorkOptions = {}): Promise<ImportPreview> {
  const d = db();
  const fresh = new Map((await localIdentities(d)).changes.flatMap((c) => (c.identity ? [[c.traineeId, c.identity.key] as const] : [])));
  const counts = new Map<SyncedTableName, ImportPreview[number]['counts']>();
  await mergeBatches(d, pkg, { validate: false, fresh }, async (table, merged, fraction) => {
    throwIfCancelled(opts.signal);
    tally(counts, table, merged);
    opts.onProgress?.(fraction, `比对${TABLE_LABELS[table]}`);
    await yieldToUi();
  });
  return previewOf(counts, pkg);
}

/** The net change to the hour cache of versions replacing others: marks' and external entries' 学时 out, the new ones in. */
class HourChanges {
  private readonly credited = new Map<string, { traineeId: string; year: number; credited: number }>();
  private readonly external = new Map<string, { traineeId: string; year: number; source: string; external: number }>();

  replace(table: SyncedTableName, before: RecordMeta | undefined, after: RecordMeta): void {
    for (const [record, sign] of [[before, -1], [after, 1]] as const) {
      if (!record || record.deletedAt !== null) continue;
      if (table === 'attendance') {
        const { year, marks } = record as unknown as { year: number; marks: Record<string, { hours: number }> };
        for (const [traineeId, mark] of Object.entries(marks)) {
          const key = `${traineeId}|${year}`;
          const c = this.credited.get(key) ?? { traineeId, year, credited: 0 };
          c.credited = addHours(c.credited, sign * mark.hours);
          this.credited.set(key, c);
        }
      } else if (table === 'externalHours') {
        const { traineeId, year, source, hours } = record as unknown as { traineeId: string; year: number; source: string; hours: number };
        const key = `${traineeId}|${year}|${source}`;
        const c = this.external.get(key) ?? { traineeId, year, source, external: 0 };
        c.external = addHours(c.external, sign * hours);
        this.external.set(key, c);
      }
    }
  }

  changes(): HourChange[] {
    return [...this.credited.values(), ...this.external.values()].filter((c) => ('credited' in c ? c.credited : c.external) !== 0);
  }
}

export interface ImportSummary {
  entry: LedgerEntry;
  preview: ImportPreview;
  conflicts: number;
}

/**
 * Apply a checked package in one transaction: merged records get a local seq (so this
 * installation can pass them on) and keep their origin school and updatedAt; the hour cache,
 * identity links, conflicts, the source's chain and the ledger change with them, or nothing does.
 */
export async function applyImport(pkg: CheckedPackage, fileName: string, opts: WorkOptions = {}): Promise<ImportSummary> {
  await requireCan('data.import');
  const d = db();
  const self = await selfSchoolId(d);
  const pending = await localIdentities(d);
  const { manifest } = pkg;
  const counts = new Map<SyncedTableName, ImportPreview[number]['counts']>();
  const entry: LedgerEntry = { id: newId(), at: Date.now(), ...entryFor(pkg.manifest, pkg.hash, fileName, pkg.size), counts: {}, result: 'ok', message: '' };
  let conflictCount = 0;
  const tables = [
    d.meta, d.hourTotals, ...manifest.tables.map((t) => d.table(t.table)), d.trainees,
    ledger(d), sources(d), conflicts(d), identityLinks(d), identityGroups(d),
  ];
  // The hour cache changes once, at the end: a trainee's year is touched by many sessions.
  const hours = new HourChanges();
  try {
    await d.transaction('rw', tables, async () => {
      const sequence = checkSequence(manifest, await sources(d).get(manifest.source.schoolId));
      if (!sequence.ok) throw new Error(sequence.error);
      // A trainee written here since the keys were computed is keyed next time, not skipped.
      const keyedThrough = (await d.trainees.where('seq').above(pending.upTo).count()) > 0 ? pending.upTo : null;
      await linkIdentities(d, pending.changes);
      await mergeBatches(d, pkg, { validate: true }, async (table, merged, fraction) => {
        throwIfCancelled(opts.signal);
        tally(counts, table, merged);
        const writes = merged.filter((m) => m.result.write);
        if (writes.length > 0) {
          let seq = await allocateSeq(d, writes.length);
          await d.table(table).bulkPut(writes.map((m) => storedOf(m.result.write!, self, seq++)));
          for (const m of writes) hours.replace(table, m.local?.record, m.result.write!.record);
        }
        if (table === 'trainees') {
          await linkIdentities(d, merged.flatMap((m) => (m.identity ? [{ traineeId: m.id, identity: m.identity, from: 'package' as const }] : [])));
        }
        const found = merged.filter((m) => m.result.conflict);
        conflictCount += found.length;
        await conflicts(d).bulkPut(
          found.map((m) => {
            const { current, other } = m.result.conflict!;
            return {
              id: `${table}:${current.record.id}`, table, recordId: current.record.id, detectedAt: entry.at, ledgerId: entry.id,
              sourceName: manifest.source.name, current, other, resolvedAt: null, resolution: null,
            };
          }),
        );
        opts.onProgress?.(fraction, `写入${TABLE_LABELS[table]}`);
      });
      throwIfCancelled(opts.signal);
      await applyHourChanges(d, hours.changes());
      await markKeyedThrough(d, keyedThrough ?? ((await d.meta.get('seq'))?.value as number));
      const before = await sources(d).get(manifest.source.schoolId);
      await sources(d).put({
        id: manifest.source.schoolId, name: manifest.source.name, lastSequence: manifest.sequence, lastHash: pkg.hash,
        importedToSeq: Math.max(before?.importedToSeq ?? 0, manifest.range.toSeq), lastImportedAt: entry.at,
      });
      entry.counts = Object.fromEntries(counts);
      entry.message = summarise(counts, conflictCount);
      await ledger(d).add(entry);
      await writeAudit([{ action: 'import', table: 'packages', summary: `导入「${manifest.source.name}」第 ${manifest.sequence} 号数据包：${entry.message}` }]);
    });
  } catch (e) {
    const cancelled = e instanceof CancelledError;
    const message = e instanceof Error ? e.message : String(e);
    await logEntry({ ...entryFor(pkg.manifest, pkg.hash, fileName, pkg.size), counts: {}, result: cancelled ? 'cancelled' : 'failed', message });
    throw e;
  }
  return { entry, preview: previewOf(counts, pkg), conflicts: conflictCount };
}

function summarise(counts: Map<SyncedTableName, ImportPreview[number]['counts']>, conflictCount: number): string {
  const sum = (o: (typeof OUTCOMES)[number]) => [...counts.values()].reduce((n, c) => n + c[o], 0);
  const parts = [`新增 ${sum('new')} 条`, `更新 ${sum('updated')} 条`, `删除 ${sum('deleted')} 条`, `未变 ${sum('unchanged')} 条`];
  if (conflictCount) parts.push(`冲突 ${conflictCount} 条待处理`);
  return parts.join('，');
}

/** Check and apply in one step (for the benchmark and tests); a refusal throws with its message. */
export async function importPackage(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<ImportSummary> {
  const checked = await checkPackageFile(bytes, fileName, opts);
  if (!checked.ok) throw new Error(checked.error);
  return applyImport(checked.value, fileName, opts);
}
