import Dexie from 'dexie';
import { addHours, emptyTotal, sumHours, withExternal, type TraineeYearTotal } from '../../../shared/rules/totals';
import { classMembers, emptyYearTotals, patchYearTotals, rebuildRolls, setRoster, setYearTotal, yearTotalsId, type YearTotalsDoc } from './caches';
import type { DxDatabase, HourTotal } from './db';
import { db } from './instance';

const totalId = (traineeId: string, year: number) => `${traineeId}|${year}`;

/**
 * Rebuild the per-trainee-per-year cache for one year from the attendance and external hours,
 * with its packed form (yearTotals, which also holds each session's roster counted; the class
 * rolls must be current).
 */
export async function rebuildHourTotals(year: number): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.attendance, d.externalHours, d.hourTotals, d.trainees, d.yearTotals], async () => {
    const [attendance, external] = await Promise.all([
      d.attendance.where('year').equals(year).toArray(),
      d.externalHours.where('year').equals(year).toArray(),
    ]);
    const totals = [...sumHours(attendance, external).values()];
    const trainees = await d.trainees.bulkGet(totals.map((t) => t.traineeId));
    const rows: HourTotal[] = totals.map((t, i) => ({
      id: totalId(t.traineeId, t.year),
      ...t,
      schoolId: trainees[i]?.schoolId ?? '',
    }));
    await d.hourTotals.where('[year+schoolId]').between([year, Dexie.minKey], [year, Dexie.maxKey]).delete();
    await d.hourTotals.bulkPut(rows);
    const docs = new Map<string, YearTotalsDoc>();
    const doc = (schoolId: string) => {
      const id = yearTotalsId(schoolId, year);
      let found = docs.get(id);
      if (!found) docs.set(id, (found = emptyYearTotals(schoolId, year)));
      return found;
    };
    for (const r of rows) setYearTotal(doc(r.schoolId), r);
    const members = await classMembers(d, attendance.map((a) => a.classId));
    for (const a of attendance) setRoster(doc(a.schoolId), a, members.get(a.classId)!);
    await d.yearTotals.where('year').equals(year).delete();
    await d.yearTotals.bulkPut([...docs.values()]);
    return rows.length;
  });
}

/** Rebuild every cache from the records (after a restore or a bulk load), in one transaction. */
export async function rebuildCaches(): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.attendance, d.externalHours, d.hourTotals, d.trainees, d.enrolments, d.yearTotals], async () => {
    const years = new Set([...(await d.attendance.orderBy('year').uniqueKeys()), ...(await d.externalHours.orderBy('year').uniqueKeys())] as number[]);
    await d.hourTotals.clear();
    await d.yearTotals.clear();
    await rebuildRolls(d);
    for (const year of years) await rebuildHourTotals(year);
  });
}

/** A change to one trainee's year: credited 学时 from a mark, or external 学时 of a source (negative to remove). */
export type HourChange = { traineeId: string; year: number } & (
  | { credited: number }
  | { source: string; external: number }
);

/**
 * Apply changes to the cache. Call it inside the transaction that writes the marks or
 * external hours (it must include hourTotals and trainees), so the cache never disagrees
 * with the records it sums.
 */
export async function applyHourChanges(d: DxDatabase, changes: readonly HourChange[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = [...new Set(changes.map((c) => totalId(c.traineeId, c.year)))];
  const found = await d.hourTotals.bulkGet(ids);
  const rows = new Map<string, HourTotal>();
  found.forEach((r) => r && rows.set(r.id, r));
  const missing = [...new Set(changes.filter((c) => !rows.has(totalId(c.traineeId, c.year))).map((c) => c.traineeId))];
  const schoolOf = new Map<string, string>();
  (await d.trainees.bulkGet(missing)).forEach((t, i) => schoolOf.set(missing[i]!, t?.schoolId ?? ''));
  for (const c of changes) {
    const id = totalId(c.traineeId, c.year);
    const before: HourTotal = rows.get(id) ?? { id, schoolId: schoolOf.get(c.traineeId)!, ...emptyTotal(c.traineeId, c.year) };
    const after: TraineeYearTotal =
      'credited' in c ? { ...before, credited: addHours(before.credited, c.credited) } : withExternal(before, c.source, c.external);
    rows.set(id, { ...before, ...after });
  }
  await d.hourTotals.bulkPut([...rows.values()]);
  await patchYearTotals(d, [...rows.values()]);
}
