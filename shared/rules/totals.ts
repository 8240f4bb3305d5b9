import type { Attendance, ExternalHours } from '../domain/records';

export interface TraineeYearTotal {
  traineeId: string;
  year: number;
  credited: number;
  external: number;
}

/** Add up credited 学时 per trainee and year from attendance and external hours (the cache's truth). */
export function sumHours(attendance: Iterable<Attendance>, external: Iterable<ExternalHours>): Map<string, TraineeYearTotal> {
  const totals = new Map<string, TraineeYearTotal>();
  const entry = (traineeId: string, year: number) => {
    const key = `${traineeId}|${year}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { traineeId, year, credited: 0, external: 0 }));
    return t;
  };
  for (const a of attendance) {
    if (a.deletedAt !== null) continue;
    for (const [traineeId, mark] of Object.entries(a.marks)) entry(traineeId, a.year).credited += mark.hours;
  }
  for (const e of external) if (e.deletedAt === null) entry(e.traineeId, e.year).external += e.hours;
  return totals;
}
