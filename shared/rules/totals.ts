import type { Attendance, ExternalHours } from '../domain/records';

export interface TraineeYearTotal {
  traineeId: string;
  year: number;
  credited: number;
  /** External 学时 per source, before caps. */
  externalBySource: Record<string, number>;
  external: number;
}

/**
 * Add 学时 so that sums stay on the 0.01 grid: 学时 are rounded to at most two decimals, and
 * a cache updated a thousand times must equal a fresh recount exactly, not within a float error.
 */
export const addHours = (a: number, b: number): number => Math.round((a + b) * 100) / 100 || 0; // never -0

/** A total with a source's hours added (or removed, when negative); a source reaching 0 is dropped. */
export function withExternal(total: TraineeYearTotal, source: string, hours: number): TraineeYearTotal {
  const bySource = { ...total.externalBySource };
  const next = addHours(bySource[source] ?? 0, hours);
  if (next === 0) delete bySource[source];
  else bySource[source] = next;
  return { ...total, externalBySource: bySource, external: addHours(total.external, hours) };
}

export const emptyTotal = (traineeId: string, year: number): TraineeYearTotal => ({
  traineeId, year, credited: 0, externalBySource: {}, external: 0,
});

/** Add up credited 学时 per trainee and year from attendance and external hours (the cache's truth). */
export function sumHours(attendance: Iterable<Attendance>, external: Iterable<ExternalHours>): Map<string, TraineeYearTotal> {
  const totals = new Map<string, TraineeYearTotal>();
  const entry = (traineeId: string, year: number) => {
    const key = `${traineeId}|${year}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = emptyTotal(traineeId, year)));
    return t;
  };
  for (const a of attendance) {
    if (a.deletedAt !== null) continue;
    for (const [traineeId, mark] of Object.entries(a.marks)) {
      const t = entry(traineeId, a.year);
      t.credited = addHours(t.credited, mark.hours);
    }
  }
  for (const e of external) {
    if (e.deletedAt !== null) continue;
    const key = `${e.traineeId}|${e.year}`;
    totals.set(key, withExternal(entry(e.traineeId, e.year), e.source, e.hours));
  }
  return totals;
}
