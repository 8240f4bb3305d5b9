import Dexie from 'dexie';
import { sumHours } from '../../../shared/rules/totals';
import type { HourTotal } from './db';
import { db } from './instance';

/** Rebuild the per-trainee-per-year cache for one year from the attendance and external hours. */
export async function rebuildHourTotals(year: number): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.attendance, d.externalHours, d.hourTotals, d.trainees], async () => {
    const [attendance, external] = await Promise.all([
      d.attendance.where('year').equals(year).toArray(),
      d.externalHours.where('year').equals(year).toArray(),
    ]);
    const totals = [...sumHours(attendance, external).values()];
    const trainees = await d.trainees.bulkGet(totals.map((t) => t.traineeId));
    const rows: HourTotal[] = totals.map((t, i) => ({
      id: `${t.traineeId}|${t.year}`,
      ...t,
      schoolId: trainees[i]?.schoolId ?? '',
    }));
    await d.hourTotals.where('[year+schoolId]').between([year, Dexie.minKey], [year, Dexie.maxKey]).delete();
    await d.hourTotals.bulkPut(rows);
    return rows.length;
  });
}
