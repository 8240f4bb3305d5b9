/**
 * Importing a package: check everything (shared/package/read.ts and the chain) while counting
 * what each table would gain, then apply all of it in one transaction, so a cancel or a
 * failure before the end leaves nothing written. In the app these run in a worker
 * (exchange.worker.ts) and the window only draws the progress; they are plain functions of the
 * data layer, so tests call them directly.
 */
import type { AuditEntry, RecordMeta, SyncedTableName, Trainee } from '../../../../shared/domain/records';
import { AUDIT_PART, PART_LABELS, type Manifest, type PartTable } from '../../../../shared/package/format';
import { restoreIdNumber } from '../../../../shared/package/identity';
import { OUTCOMES, mergeRecord, type MergeResult, type Outcome, type Version } from '../../../../shared/package/merge';
import { openPackage, type CheckedPackage, type PackageRow } from '../../../../shared/package/read';
import { checkSequence } from '../../../../shared/package/sequence';
import { ok, type Result } from '../../../../shared/result';
import { writeAudit } from '../audit/trail';
import { requireCan } from '../auth/permissions';
import { traineeStamps, updateCaches } from '../caches';
import { CURRENT_SCHEMA_VERSION, type DxDatabase } from '../db';
import { db } from '../instance';
import { applyHourChanges, HourChanges } from '../totals';
import { allocateSeq, newId, selfSchoolId } from '../write';
import { FEW_RECORDS, HeldKeys } from './held';
import { LinkIndex, linkIdentities, localIdentities, markKeyedThrough, readLinks } from './identity';
import { CancelledError, throwIfCancelled, type WorkOptions } from './progress';
import { requireCode } from './state';
import { conflicts, identityGroups, ledger, linkBuckets, sources, type LedgerEntry } from './tables';
import { storedOf, versionOf, type StoredRecord } from './versions';

export type OutcomeCounts = Record<Outcome, number>;
export type ImportPreview = { table: PartTable; label: string; counts: OutcomeCounts }[];

/** A package checked in full, with what importing it would do: what applyImport takes. */
export interface CheckedImport {
  pkg: CheckedPackage;
  fileName: string;
  preview: ImportPreview;
  /**
   * What the preview found, for the apply to skip what it already knows: the database's state
   * then (stateMark), and per part the rows that would change anything (null: all of them).
   */
  seen: { state: string; work: Map<string, number[] | null> };
}

/**
 * The database's state as far as merging depends on it, in a form any write changes: every
 * write of a record takes a change sequence number, and a restore or a purge adds to the trail.
 */
async function stateMark(d: DxDatabase): Promise<string> {
  return `${((await d.meta.get('seq'))?.value as number | undefined) ?? 0}:${await d.audit.count()}`;
}

interface Merged {
  id: string;
  local: Version | undefined;
  result: MergeResult;
}

/**
 * Tables whose held versions are known without reading the records: rosters (large, a hundred
 * marks each) from their updatedAt index, trainees from the rolls (when a package brings many:
 * the rolls are a school's every trainee). A record arriving as the very version held here
 * (same id and updatedAt: every write stamps a new updatedAt) is unchanged.
 */
const STAMPED: ReadonlySet<PartTable> = new Set(['attendance', 'trainees']);

/** What an import knows this installation holds: the keys of each table it brings many records of, read once when first needed. */
class Holdings {
  private readonly tables = new Map<string, Promise<HeldKeys>>();
  private readonly stamped = new Map<string, Promise<Map<string, number> | null>>();
  constructor(private readonly d: DxDatabase, private readonly manifest: Manifest) {}

  of(table: PartTable): Promise<HeldKeys> {
    let held = this.tables.get(table);
    if (!held) {
      const count = this.manifest.tables.find((t) => t.table === table)?.count ?? 0;
      held = count < FEW_RECORDS ? Promise.resolve(HeldKeys.unread()) : HeldKeys.of(this.d.table(table));
      this.tables.set(table, held);
    }
    return held;
  }

  /** The updatedAt of each record of a STAMPED table (trainees: those not deleted); null when the records are looked up instead. */
  stamps(table: PartTable): Promise<Map<string, number> | null> {
    let stamps = this.stamped.get(table);
    if (!stamps) {
      const count = this.manifest.tables.find((t) => t.table === table)?.count ?? 0;
      if (table === 'trainees') stamps = count < FEW_RECORDS ? Promise.resolve(null) : traineeStamps(this.d);
      else {
        const read = new Map<string, number>();
        stamps = this.d.table(table).orderBy('updatedAt').eachKey((at, cursor) => read.set(cursor.primaryKey as string, at as number)).then(() => read);
      }
      this.stamped.set(table, stamps);
    }
    return stamps;
  }
}

/**
 * Merge a part's rows with what is held here (a part is at most a few MB of JSON: its rows are
 * read, merged and written together, a few requests per part). Only database reads and pure work:
 * usable inside the import's transaction. `unstoredKeys`: local trainees' identity keys not
 * stored yet (while previewing), else they are read from the identity links.
 */
async function mergePart(
  d: DxDatabase, held: Holdings, self: string, table: PartTable, rows: readonly PackageRow[], unstoredKeys?: Map<string, string>,
): Promise<Merged[]> {
  const stamps = STAMPED.has(table) ? await held.stamps(table) : null;
  const known = (row: PackageRow) => stamps?.get(row.record.id) === row.record.updatedAt;
  const unknown = rows.filter((r) => !known(r)).map((r) => r.record.id);
  // Every row known unchanged (a package brought again): the table's keys need not be read.
  const locals = unknown.length === 0 ? new Map<string, StoredRecord>() : await (await held.of(table)).read<StoredRecord>(d.table(table), unknown);
  if (table === AUDIT_PART) {
    // Sealed links of their source's chain: added once, never changed.
    return rows.map(({ record, by }) => ({
      id: record.id, local: undefined,
      result: locals.has(record.id) ? { outcome: 'unchanged', write: null, conflict: null } : { outcome: 'new', write: { record, by }, conflict: null },
    }));
  }
  // A trainee arriving without its number keeps the local number when both carry the same key (the same person).
  const localKeys = new Map<string, string>();
  if (table === 'trainees') {
    const ids = rows.filter((r) => !r.record.idNumber && r.idKey && (locals.get(r.record.id) as Trainee | undefined)?.idNumber).map((r) => r.record.id);
    const links = await readLinks(d, ids.filter((id) => !unstoredKeys?.has(id)));
    for (const link of links) if (link) localKeys.set(link.traineeId, link.key);
    for (const id of ids) if (unstoredKeys?.has(id)) localKeys.set(id, unstoredKeys.get(id)!);
  }
  return rows.map((row) => {
    if (known(row)) return { id: row.record.id, local: undefined, result: { outcome: 'unchanged', write: null, conflict: null } };
    const held = locals.get(row.record.id);
    const local = held ? versionOf(held, self) : undefined;
    const record = table === 'trainees'
      ? restoreIdNumber(row.record as unknown as Trainee, row.idKey, local?.record as Trainee | undefined, localKeys.get(row.record.id))
      : row.record;
    return { id: row.record.id, local, result: mergeRecord(table, local, { record: record as RecordMeta, by: row.by }) };
  });
}

/** Merge outcomes per table. */
class Tally {
  readonly counts = new Map<PartTable, OutcomeCounts>();

  add(table: PartTable, merged: readonly Merged[], unchanged = 0): void {
    const counts = this.counts.get(table) ?? (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts);
    for (const m of merged) counts[m.result.outcome]++;
    counts.unchanged += unchanged;
    this.counts.set(table, counts);
  }

  preview(manifest: Manifest): ImportPreview {
    return manifest.tables
      .filter((t) => t.count > 0)
      .map((t) => ({ table: t.table, label: PART_LABELS[t.table], counts: this.counts.get(t.table) ?? (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts) }));
  }

  summary(conflictCount: number): string {
    const sum = (o: Outcome) => [...this.counts].reduce((n, [table, c]) => n + (table === AUDIT_PART ? 0 : c[o]), 0);
    const parts = [`新增 ${sum('new')} 条`, `更新 ${sum('updated')} 条`, `删除 ${sum('deleted')} 条`, `未变 ${sum('unchanged')} 条`];
    const audit = this.counts.get(AUDIT_PART)?.new;
    if (audit) parts.push(`考勤操作日志 ${audit} 条`);
    if (conflictCount) parts.push(`冲突 ${conflictCount} 条待处理`);
    return parts.join('，');
  }
}

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

/** Whether this installation takes a package from its source now: not its own, and following what it holds of that source. */
async function admission(d: DxDatabase, self: string, manifest: Manifest): Promise<string | null> {
  if (manifest.source.schoolId === self) return '这是本校自己导出的数据包，不能导入本校。未做任何改动。';
  const sequence = checkSequence(manifest, await sources(d).get(manifest.source.schoolId));
  return sequence.ok ? null : sequence.error;
}

/**
 * Every check before anything is written — the file (read.ts), then whether it may follow what
 * was imported from its source — and, in the same pass over the file, what importing it would
 * do per table: new, updated, unchanged, conflicting, deleted. A refusal is recorded in the
 * ledger and changes nothing else.
 */
export async function checkPackageFile(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<Result<CheckedImport>> {
  await requireCan('data.import');
  const d = db();
  const [code, self, local, state] = await Promise.all([requireCode(d), selfSchoolId(d), localIdentities(d), stateMark(d)]);
  const unstoredKeys = new Map(local.changes.flatMap((c) => (c.identity ? [[c.traineeId, c.identity.key] as const] : [])));
  let held: Holdings | undefined;
  const tally = new Tally();
  const work = new Map<string, number[] | null>();
  const opened = await openPackage(bytes, {
    code,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    admit: async (manifest) => {
      held = new Holdings(d, manifest);
      return admission(d, self, manifest);
    },
    onPart: async (part, rows) => {
      throwIfCancelled(opts.signal);
      const merged = await mergePart(d, held!, self, part.table, rows, unstoredKeys);
      tally.add(part.table, merged);
      const changing = merged.flatMap((m, i) => (m.result.write || m.result.conflict ? [i] : []));
      work.set(part.path, changing.length === rows.length ? null : changing);
    },
    onProgress: (f) => opts.onProgress?.(f, '检查数据包并与本机数据比对'),
  });
  if (!opened.ok) {
    await logEntry({ ...entryFor(opened.manifest, null, fileName, bytes.byteLength), counts: {}, result: 'refused', message: opened.error });
    return opened;
  }
  return ok({ pkg: opened.value, fileName, preview: tally.preview(opened.value.manifest), seen: { state, work } });
}

export interface ImportSummary {
  entry: LedgerEntry;
  preview: ImportPreview;
  conflicts: number;
}

/**
 * Apply a checked package in one transaction: merged records get a local seq (so this
 * installation can pass them on) and keep their origin school and updatedAt; audit entries
 * new here are added as their source sealed them, under a local seq; the hour cache, identity
 * links, conflicts, the source's chain and the ledger change with them, or nothing does.
 */
export async function applyImport({ pkg, fileName, seen }: CheckedImport, opts: WorkOptions = {}): Promise<ImportSummary> {
  await requireCan('data.import');
  const d = db();
  const self = await selfSchoolId(d);
  const pending = await localIdentities(d);
  const { manifest } = pkg;
  const tally = new Tally();
  const entry: LedgerEntry = { id: newId(), at: Date.now(), ...entryFor(manifest, pkg.hash, fileName, pkg.size), counts: {}, result: 'ok', message: '' };
  let conflictCount = 0;
  const synced = manifest.tables.flatMap((t) => (t.table === AUDIT_PART ? [] : [d.table(t.table)]));
  const tables = [d.meta, d.audit, ...synced, d.trainees, ledger(d), sources(d), conflicts(d), linkBuckets(d), identityGroups(d)];
  const total = manifest.parts.reduce((n, p) => n + p.count, 0) || 1;
  // The hour cache changes once, at the end: a trainee's year is touched by many sessions.
  const hours = new HourChanges();
  // The schools of the trainees the package brings: the hour cache keeps a trainee's 学时 under their school.
  const schools = new Map<string, string>();
  try {
    await d.transaction('rw', tables, async () => {
      const refusal = await admission(d, self, manifest);
      if (refusal) throw new Error(refusal);
      // Nothing written since the preview: rows it found unchanged stay so, and need no second look.
      const known = (await stateMark(d)) === seen.state ? seen.work : null;
      const held = new Holdings(d, manifest);
      const traineeCount = manifest.tables.find((t) => t.table === 'trainees')?.count ?? 0;
      const links = traineeCount < FEW_RECORDS ? undefined : await LinkIndex.load(d);
      // A trainee written here since the keys were computed is keyed next time, not skipped.
      const keyedThrough = (await d.trainees.where('seq').above(pending.upTo).count()) > 0 ? pending.upTo : null;
      await linkIdentities(d, pending.changes, links);
      await linkIdentities(d, [...pkg.identities].map(([traineeId, identity]) => ({ traineeId, identity, from: 'package' as const })), links);
      let done = 0;
      for (const part of manifest.parts) {
        throwIfCancelled(opts.signal);
        const changing = known?.get(part.path);
        if (changing?.length !== 0) {
          const rows = pkg.rows(part);
          const merged = await mergePart(d, held, self, part.table, changing ? changing.map((i) => rows[i]!) : rows);
          tally.add(part.table, merged, rows.length - merged.length);
          conflictCount += await store(d, part.table, merged, { self, hours, schools, entry, manifest });
        } else {
          tally.add(part.table, [], part.count);
        }
        done += part.count;
        opts.onProgress?.(done / total, `写入${PART_LABELS[part.table]}`);
      }
      throwIfCancelled(opts.signal);
      await applyHourChanges(d, hours.changes(), schools);
      await markKeyedThrough(d, keyedThrough ?? ((await d.meta.get('seq'))?.value as number));
      const before = await sources(d).get(manifest.source.schoolId);
      await sources(d).put({
        id: manifest.source.schoolId, name: manifest.source.name, lastSequence: manifest.sequence, lastHash: pkg.hash,
        importedToSeq: Math.max(before?.importedToSeq ?? 0, manifest.range.toSeq), lastImportedAt: entry.at,
      });
      entry.counts = Object.fromEntries(tally.counts);
      entry.message = tally.summary(conflictCount);
      await ledger(d).add(entry);
      await writeAudit([{ action: 'import', table: 'packages', summary: `导入「${manifest.source.name}」第 ${manifest.sequence} 号数据包：${entry.message}` }]);
    });
  } catch (e) {
    const cancelled = e instanceof CancelledError;
    const message = e instanceof Error ? e.message : String(e);
    await logEntry({ ...entryFor(manifest, pkg.hash, fileName, pkg.size), counts: {}, result: cancelled ? 'cancelled' : 'failed', message });
    throw e;
  }
  return { entry, preview: tally.preview(manifest), conflicts: conflictCount };
}

/** Write a merged part inside the import's transaction; the number of true conflicts it found. */
async function store(
  d: DxDatabase, table: PartTable, merged: readonly Merged[],
  at: { self: string; hours: HourChanges; schools: Map<string, string>; entry: LedgerEntry; manifest: Manifest },
): Promise<number> {
  const writes = merged.filter((m) => m.result.write);
  if (writes.length > 0) {
    let seq = await allocateSeq(d, writes.length);
    if (table === AUDIT_PART) {
      await d.audit.bulkAdd(writes.map((m) => ({ ...(m.result.write!.record as AuditEntry), seq: seq++ })));
      return 0;
    }
    const stored = writes.map((m) => storedOf(m.result.write!, at.self, seq++));
    await d.table(table).bulkPut(stored);
    await updateCaches(d, table, writes.map((m, i) => ({ before: m.local?.record, after: stored[i] })));
    for (const m of writes) at.hours.replace(table, m.local?.record, m.result.write!.record);
    if (table === 'trainees') for (const t of stored) at.schools.set(t.id, t.schoolId);
  }
  const found = merged.filter((m) => m.result.conflict);
  await conflicts(d).bulkPut(
    found.map((m) => {
      const { current, other } = m.result.conflict!;
      return {
        id: `${table}:${current.record.id}`, table: table as SyncedTableName, recordId: current.record.id, detectedAt: at.entry.at, ledgerId: at.entry.id,
        sourceName: at.manifest.source.name, current, other, resolvedAt: null, resolution: null,
      };
    }),
  );
  return found.length;
}

/** Check and apply in one step (tests); a refusal throws with its message. */
export async function importPackage(bytes: Uint8Array, fileName: string, opts: WorkOptions = {}): Promise<ImportSummary> {
  const checked = await checkPackageFile(bytes, fileName, opts);
  if (!checked.ok) throw new Error(checked.error);
  return applyImport(checked.value, opts);
}
