/**
 * External hours (外部学时): study outside this school's sessions (学习强国, 灯塔—党建在线,
 * training at another school or level), entered per trainee or imported from a sheet. Each
 * write updates the hour cache in the same transaction.
 */
import type { ExternalHours, Trainee } from '../../../../shared/domain/records';
import { previewExternalImport, type ExternalImportPreview, type ExternalImportRow } from '../../../../shared/import/externalHours';
import type { Result } from '../../../../shared/result';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { loadTraineeIndex } from '../schedule/enrolments';
import { applyHourChanges, type HourChange } from '../totals';
import { saveRecords, setDeleted, type Draft } from '../write';

/** Sources offices commonly record; any other text is accepted too. */
export const EXTERNAL_SOURCES = ['学习强国', '灯塔—党建在线', '市委党校网络学院', '其他党校培训', '上级调训'] as const;

export type ExternalDraft = Pick<ExternalHours, 'traineeId' | 'date' | 'source' | 'hours' | 'note'> & { id?: string };

const tables = (d: DxDatabase) => [d.meta, d.externalHours, d.trainees];

const change = (e: Pick<ExternalHours, 'traineeId' | 'year' | 'source' | 'hours'>, sign: 1 | -1): HourChange => ({
  traineeId: e.traineeId, year: e.year, source: e.source, external: sign * e.hours,
});

/** Add or edit entries in one transaction (an import lands whole or not at all). */
export async function saveExternalHours(drafts: readonly ExternalDraft[]): Promise<ExternalHours[]> {
  const d = db();
  return d.transaction('rw', tables(d), async () => {
    const ids = drafts.map((x) => x.id).filter((x): x is string => !!x);
    const before = (await d.externalHours.bulkGet(ids)).filter((e): e is ExternalHours => !!e && e.deletedAt === null);
    const trainees = await d.trainees.bulkGet([...new Set(drafts.map((x) => x.traineeId))]);
    const missing = trainees.findIndex((t) => !t || t.deletedAt !== null);
    if (missing !== -1) throw new Error('找不到要记入外部学时的学员');
    const saved = await saveRecords(
      'externalHours',
      drafts.map((x): Draft<'externalHours'> => ({ ...x, source: x.source.trim(), note: x.note.trim(), year: Number(x.date.slice(0, 4)) })),
    );
    await applyHourChanges(d, [...before.map((e) => change(e, -1)), ...saved.map((e) => change(e, 1))]);
    return saved;
  });
}

/** Remove an entry (a tombstone, as all synced data) and its hours from the cache. */
export async function deleteExternalHours(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', tables(d), async () => {
    const entry = await d.externalHours.get(id);
    if (!entry || entry.deletedAt !== null) return;
    await setDeleted('externalHours', id, true);
    await applyHourChanges(d, [change(entry, -1)]);
  });
}

export type ExternalEntry = ExternalHours & { trainee: Pick<Trainee, 'name' | 'branch' | 'idNumber'> | null };

/** A year's entries with their trainees, newest first. */
export async function externalHoursOfYear(year: number): Promise<ExternalEntry[]> {
  const d = db();
  const rows = await d.externalHours.where('year').equals(year).filter((e) => e.deletedAt === null).toArray();
  rows.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
  const ids = [...new Set(rows.map((r) => r.traineeId))];
  const found = await d.trainees.bulkGet(ids);
  const trainee = new Map(ids.map((id, i) => [id, found[i] ?? null]));
  return rows.map((r) => ({ ...r, trainee: trainee.get(r.traineeId) ?? null }));
}

/** Check a sheet of external hours against the register and what is already recorded. */
export async function previewExternalSheet(rows: string[][], today: string): Promise<Result<ExternalImportPreview>> {
  const [trainees, existing] = await Promise.all([loadTraineeIndex(), db().externalHours.toArray()]);
  return previewExternalImport({ rows, trainees, existing, today });
}

/** Import what a preview found to add, in one transaction. */
export function importExternalRows(rows: readonly ExternalImportRow[]): Promise<ExternalHours[]> {
  return saveExternalHours(rows.map((r) => ({ traineeId: r.trainee.id, date: r.date, source: r.source, hours: r.hours, note: r.note })));
}
