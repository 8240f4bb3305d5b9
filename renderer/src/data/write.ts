import { v7 as uuidv7 } from 'uuid';
import { SYNCED_TABLES, type RecordMeta, type SyncedTableName } from '../../../shared/domain/records';
import type { z } from 'zod';
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

/**
 * Validate and write records of one table in one transaction, stamping metadata: a new
 * record gets a UUIDv7, this school and createdAt; every write gets updatedAt and a seq.
 * Invalid data throws before anything is written.
 */
export async function saveRecords<K extends SyncedTableName>(table: K, drafts: Draft<K>[]): Promise<RecordOf<K>[]> {
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
    await t.bulkPut(records);
    return records;
  });
}

export async function saveRecord<K extends SyncedTableName>(table: K, draft: Draft<K>): Promise<RecordOf<K>> {
  const [saved] = await saveRecords(table, [draft]);
  return saved!;
}

/** Tombstone (or restore) a record: synced data is never hard-deleted. */
export async function setDeleted(table: SyncedTableName, id: string, deleted: boolean): Promise<void> {
  const d = db();
  const t = d.table(table);
  await d.transaction('rw', d.meta, t, async () => {
    const seq = await allocateSeq(d, 1);
    const now = Date.now();
    await t.update(id, { deletedAt: deleted ? now : null, updatedAt: now, seq });
  });
}
