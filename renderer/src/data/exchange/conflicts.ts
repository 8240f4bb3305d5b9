/** The conflict list: versions a person chooses between (see shared/package/merge.ts for when they arise). */
import { updateCaches } from '../caches';
import { useLiveQuery } from 'dexie-react-hooks';
import { SYNCED_TABLES, type RecordMeta } from '../../../../shared/domain/records';
import { deepEqual } from '../../../../shared/package/merge';
import { writeAudit } from '../audit/trail';
import { requireCan } from '../auth/permissions';
import { db } from '../instance';
import { applyHourChanges, HourChanges } from '../totals';
import { allocateSeq, describeRecord } from '../write';
import { conflicts, type ConflictEntry } from './tables';

const META = new Set(['id', 'schoolId', 'createdAt', 'updatedAt', 'seq']);

/** The fields on which the two versions differ (deletion included). */
export function conflictFields(c: ConflictEntry): { field: string; current: unknown; other: unknown }[] {
  const keys = new Set([...Object.keys(c.current.record), ...Object.keys(c.other.record)]);
  return [...keys]
    .filter((k) => !META.has(k) && !deepEqual(c.current.record[k], c.other.record[k]))
    .map((field) => ({ field, current: c.current.record[field], other: c.other.record[field] }));
}

export const useOpenConflicts = () =>
  useLiveQuery(async () => (await conflicts(db()).orderBy('detectedAt').reverse().toArray()).filter((c) => c.resolvedAt === null), []);

/**
 * Settle a conflict. Keeping the current version only closes it; taking the other writes it
 * here as a new local change (new updatedAt and seq), which then wins over the older versions
 * everywhere it travels.
 */
export async function resolveConflict(id: string, choice: 'current' | 'other'): Promise<void> {
  await requireCan('registry.edit');
  const d = db();
  const entry = await conflicts(d).get(id);
  if (!entry || entry.resolvedAt !== null) return;
  const table = d.table(entry.table);
  await d.transaction('rw', [d.meta, table, d.trainees, conflicts(d)], async () => {
    const now = Date.now();
    if (choice === 'other') {
      const [seq, before] = await Promise.all([allocateSeq(d, 1), table.get(entry.recordId) as Promise<RecordMeta | undefined>]);
      const record = SYNCED_TABLES[entry.table].parse({ ...entry.other.record, updatedAt: now, seq }) as RecordMeta;
      await table.put(record);
      await updateCaches(d, entry.table, [{ before, after: record }]);
      const hours = new HourChanges();
      hours.replace(entry.table, before, record);
      await applyHourChanges(d, hours.changes());
      await writeAudit([{
        action: 'update', table: entry.table, recordId: record.id, summary: describeRecord(entry.table, record),
        before: before ? { ...before } : null, after: { ...record }, reason: '处理数据交换冲突：采用另一版本',
      }]);
    }
    await conflicts(d).update(id, { resolvedAt: now, resolution: choice });
  });
}
