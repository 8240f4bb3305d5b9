import { v7 as uuidv7 } from 'uuid';
import { SYNCED_TABLES, TABLE_LABELS, type RecordMeta, type Session, type SyncedTableName } from '../../../shared/domain/records';
import type { Account } from '../../../shared/security/account';
import { diffRecords } from '../../../shared/security/audit';
import type { AuditAction } from '../../../shared/security/auditActions';
import { writeRefusal, type WriteIntent } from '../../../shared/security/permissions';
import type { z } from 'zod';
import { actorOf, signedInAccount, SYSTEM_ACTOR, writeAudit, type AuditInput } from './audit/trail';
import { getSession } from './auth/session';
import { updateCaches } from './caches';
import type { DxDatabase } from './db';
import { db } from './instance';

export type RecordOf<K extends SyncedTableName> = z.infer<(typeof SYNCED_TABLES)[K]>;
/** A record as a form or an importer produces it: its fields, with metadata optional. */
export type Draft<K extends SyncedTableName> = Omit<RecordOf<K>, keyof RecordMeta> & Partial<Pick<RecordMeta, 'id' | 'schoolId'>>;

export const newId = (): string => uuidv7();

/** Reserve `count` change-sequence numbers; call inside a rw transaction that includes `meta`. */
export async function allocateSeq(d: DxDatabase, count: number): Promise<number> {
  const entry = await d.meta.get('seq');
  const first = ((entry?.value as number | undefined) ?? 0) + 1;
  await d.meta.put({ key: 'seq', value: first + count - 1 });
  return first;
}

export async function selfSchoolId(d: DxDatabase = db()): Promise<string> {
  const entry = await d.meta.get('selfSchoolId');
  if (typeof entry?.value !== 'string') throw new Error('尚未设置本校信息');
  return entry.value;
}

/** A write the signed-in account may not make; the message says why, in Chinese. */
export class PermissionError extends Error {
  override name = 'PermissionError';
}

export interface WriteOptions {
  /** Why the change is made; required to correct attendance after its session was closed. Kept in the trail. */
  reason?: string;
  /** One trail entry for the whole batch (an import), instead of one per record. */
  batch?: { action: AuditAction; summary: string };
}

/**
 * The account a write is made by, read afresh (a role changed a moment ago applies now).
 * Null only while no account exists at all: a database from before accounts, or first run.
 */
async function writer(d: DxDatabase): Promise<Account | null> {
  const account = await signedInAccount(d);
  if (account && getSession().locked) throw new PermissionError('屏幕已锁定，请先解锁后再修改数据');
  if (account) return account;
  if ((await d.accounts.count()) > 0) throw new PermissionError('请先登录后再修改数据');
  return null;
}

/** The stored session a record belongs to, which decides who may mark or change it. */
async function sessionsFor(d: DxDatabase, table: SyncedTableName, records: readonly RecordMeta[]): Promise<Map<string, Session>> {
  if (table !== 'attendance' && table !== 'sessions') return new Map();
  const ids = records.map((r) => (table === 'attendance' ? (r as unknown as { sessionId: string }).sessionId : r.id));
  const found = await d.sessions.bulkGet(ids);
  return new Map(found.filter((s): s is Session => !!s).map((s) => [s.id, s]));
}

/** How a record is named in the trail: 学员「张三」, 课次「2025-03-08 08:30」. */
export function describeRecord(table: SyncedTableName, record: object): string {
  const r = record as { name?: string; title?: string; date?: string; start?: string; source?: string };
  const name = r.name ?? r.title ?? (r.date ? `${r.date}${r.start ? ` ${r.start}` : ''}` : r.source) ?? '';
  return name ? `${TABLE_LABELS[table]}「${name}」` : TABLE_LABELS[table];
}

const withoutMeta = ({ id: _i, schoolId: _s, createdAt: _c, updatedAt: _u, deletedAt: _d, seq: _q, ...fields }: RecordMeta) => fields;

/**
 * Check that the signed-in account may make these writes, and describe each for the trail.
 * Throws PermissionError, before anything is written, when one is not allowed.
 */
async function checkAndDescribe(
  d: DxDatabase,
  table: SyncedTableName,
  changes: readonly { before: RecordMeta | undefined; after: RecordMeta; kind: WriteIntent['kind'] }[],
  options: WriteOptions,
): Promise<{ account: Account | null; entries: AuditInput[] }> {
  const account = await writer(d);
  const sessions = await sessionsFor(d, table, changes.map((c) => c.after));
  const entries: AuditInput[] = [];
  for (const { before, after, kind } of changes) {
    const diff = before ? diffRecords(before, after) : null;
    const sessionId = table === 'attendance' ? (after as unknown as { sessionId: string }).sessionId : after.id;
    const session = sessions.get(sessionId) ?? null;
    if (account) {
      const refusal = writeRefusal(account, { table, kind, changedFields: diff?.fields ?? [], session, reason: options.reason });
      if (refusal) throw new PermissionError(refusal);
    }
    if (diff && diff.fields.length === 0) continue;
    // Marks of an open session carry their own author and time; the trail takes attendance
    // once the session is closed, when every change is a correction with a reason.
    const correction = table === 'attendance' && session?.closed === true;
    if (table === 'attendance' && !correction) continue;
    entries.push({
      action: correction ? 'attendance.correct' : kind,
      table,
      recordId: after.id,
      summary: describeRecord(table, after),
      before: diff ? diff.before : null,
      after: diff ? diff.after : withoutMeta(after),
      reason: options.reason,
    });
  }
  if (options.batch && entries.length > 0) {
    return { account, entries: [{ action: options.batch.action, table, summary: options.batch.summary, reason: options.reason }] };
  }
  return { account, entries };
}

/**
 * Validate and write records of one table in one transaction, stamping metadata: a new
 * record gets a UUIDv7, this school and createdAt; every write gets updatedAt and a seq.
 * The signed-in account must be allowed to make every write, and each is recorded in the
 * audit trail (before → after) in the same transaction. Invalid data or a refused write
 * throws before anything is written.
 */
export async function saveRecords<K extends SyncedTableName>(
  table: K, drafts: Draft<K>[], options: WriteOptions = {},
): Promise<RecordOf<K>[]> {
  const d = db();
  const t = d.table(table);
  return d.transaction('rw', d.meta, t, async () => {
    const own = await selfSchoolId(d);
    const ids = drafts.map((x) => x.id).filter((x): x is string => !!x);
    const existing = new Map<string, RecordMeta>();
    for (const r of (await t.bulkGet(ids)) as (RecordMeta | undefined)[]) if (r) existing.set(r.id, r);
    const now = Date.now();
    const first = await allocateSeq(d, drafts.length);
    const records = drafts.map((draft, i) => {
      const before = draft.id ? existing.get(draft.id) : undefined;
      const record = {
        ...draft,
        id: draft.id ?? newId(),
        schoolId: before?.schoolId ?? draft.schoolId ?? own,
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
        deletedAt: before?.deletedAt ?? null,
        seq: first + i,
      };
      return SYNCED_TABLES[table].parse(record) as RecordOf<K>;
    });
    const changes = records.map((after) => {
      const before = existing.get(after.id);
      return { before, after, kind: before ? ('update' as const) : ('create' as const) };
    });
    const { account, entries } = await checkAndDescribe(d, table, changes, options);
    await t.bulkPut(records);
    await updateCaches(d, table, changes);
    await writeAudit(entries, account ? actorOf(account) : SYSTEM_ACTOR);
    return records;
  });
}

export async function saveRecord<K extends SyncedTableName>(table: K, draft: Draft<K>, options?: WriteOptions): Promise<RecordOf<K>> {
  const [saved] = await saveRecords(table, [draft], options);
  return saved!;
}

/** Tombstone (or restore) a record: synced data is never hard-deleted. Checked and recorded like saveRecords. */
export async function setDeleted(table: SyncedTableName, id: string, deleted: boolean, options: WriteOptions = {}): Promise<void> {
  const d = db();
  const t = d.table(table);
  await d.transaction('rw', d.meta, t, async () => {
    const before = (await t.get(id)) as RecordMeta | undefined;
    if (!before || (before.deletedAt !== null) === deleted) return;
    const seq = await allocateSeq(d, 1);
    const now = Date.now();
    const after = { ...before, deletedAt: deleted ? now : null, updatedAt: now, seq };
    const { account, entries } = await checkAndDescribe(d, table, [{ before, after, kind: deleted ? 'delete' : 'restore' }], options);
    await t.put(after);
    await updateCaches(d, table, [{ before, after }]);
    await writeAudit(entries, account ? actorOf(account) : SYSTEM_ACTOR);
  });
}
