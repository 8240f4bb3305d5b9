import type { RecordMeta, SyncedTableName } from '../../../shared/domain/records';
import { addHours, emptyTotal, sumHours, withExternal } from '../../../shared/rules/totals';
import { classMembers, emptyYearTotals, rebuildRolls, setRoster, setYearTotal, yearTotalOf, yearTotalsDocs, yearTotalsId, type YearTotalsDoc } from './caches';
import { CACHES_STALE, type DxDatabase } from './db';
import { db } from './instance';

/**
 * Rebuild one year's packed totals from the attendance and external hours: each trainee's
 * credited and external 学时 (under the trainee's school) and each session's roster counted
 * (the class rolls must be current). Returns how many trainees have hours that year.
 */
export async function rebuildHourTotals(year: number): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.attendance, d.externalHours, d.trainees, d.yearTotals], async () => {
    const [attendance, external] = await Promise.all([
      d.attendance.where('year').equals(year).toArray(),
      d.externalHours.where('year').equals(year).toArray(),
    ]);
    const totals = [...sumHours(attendance, external).values()];
    const trainees = await d.trainees.bulkGet(totals.map((t) => t.traineeId));
    const docs = new Map<string, YearTotalsDoc>();
    const doc = (schoolId: string) => {
      const id = yearTotalsId(schoolId, year);
      let found = docs.get(id);
      if (!found) docs.set(id, (found = emptyYearTotals(schoolId, year)));
      return found;
    };
    totals.forEach((t, i) => setYearTotal(doc(trainees[i]?.schoolId ?? ''), t));
    const members = await classMembers(d, attendance.map((a) => a.classId));
    for (const a of attendance) setRoster(doc(a.schoolId), a, members.get(a.classId)!);
    await d.yearTotals.where('year').equals(year).delete();
    await d.yearTotals.bulkPut([...docs.values()]);
    return totals.length;
  });
}

/** Rebuild every cache from the records (after a restore or a bulk load), in one transaction. */
export async function rebuildCaches(): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.attendance, d.externalHours, d.trainees, d.enrolments, d.yearTotals], async () => {
    const years = new Set([...(await d.attendance.orderBy('year').uniqueKeys()), ...(await d.externalHours.orderBy('year').uniqueKeys())] as number[]);
    await d.yearTotals.clear();
    await rebuildRolls(d);
    for (const year of years) await rebuildHourTotals(year);
    await d.meta.delete(CACHES_STALE);
  });
}

/**
 * Rebuild the caches if an upgrade of the database left them stale (once, at start-up; seconds
 * at county scale). `onRebuild` is told first, so the window can say what it is doing.
 */
export async function rebuildStaleCaches(onRebuild?: () => void): Promise<void> {
  if (!(await db().meta.get(CACHES_STALE))) return;
  onRebuild?.();
  await rebuildCaches();
}

/** A change to one trainee's year: credited 学时 from a mark, or external 学时 of a source (negative to remove). */
export type HourChange = { traineeId: string; year: number } & (
  | { credited: number }
  | { source: string; external: number }
);

/**
 * Apply changes to the year totals. Call it inside the transaction that writes the marks or
 * external hours (it must include the trainees), so the totals never disagree with the
 * records they sum. `schools`: the school of trainees the caller knows (the rest are read).
 */
export async function applyHourChanges(d: DxDatabase, changes: readonly HourChange[], schools: ReadonlyMap<string, string> = new Map()): Promise<void> {
  if (changes.length === 0) return;
  const schoolOf = new Map(schools);
  const unknown = [...new Set(changes.map((c) => c.traineeId).filter((id) => !schoolOf.has(id)))];
  (await d.trainees.bulkGet(unknown)).forEach((t, i) => schoolOf.set(unknown[i]!, t?.schoolId ?? ''));
  const docs = await yearTotalsDocs(d, changes.map((c) => ({ schoolId: schoolOf.get(c.traineeId)!, year: c.year })));
  for (const c of changes) {
    const doc = docs.get(yearTotalsId(schoolOf.get(c.traineeId)!, c.year))!;
    const before = { ...emptyTotal(c.traineeId, c.year), ...yearTotalOf(doc, c.traineeId) };
    setYearTotal(doc, 'credited' in c ? { ...before, credited: addHours(before.credited, c.credited) } : withExternal(before, c.source, c.external));
  }
  await d.yearTotals.bulkPut([...docs.values()]);
}

/**
 * The net change to the year totals of records replacing others (an import, a conflict
 * settled): marks' and external entries' 学时 out, the new ones in.
 */
export class HourChanges {
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
