import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../domain/constants';
import type { Mark } from '../domain/records';

/** Statuses in which a trainee was there (出勤, 迟到, 早退): these make a 参训人次 and count towards the attendance rate. */
export const PRESENT_STATUSES: readonly AttendanceStatus[] = ['出勤', '迟到', '早退'];

export type StatusCounts = Record<AttendanceStatus, number>;

/** What the reports need from one session's roster: how many of each status, how many present, 学时 credited. */
export interface MarkCounts {
  counts: StatusCounts;
  marked: number;
  present: number;
  hours: number;
}

export const emptyStatusCounts = (): StatusCounts =>
  Object.fromEntries(ATTENDANCE_STATUSES.map((s) => [s, 0])) as StatusCounts;

export function countMarks(marks: Iterable<Mark>): MarkCounts {
  const counts = emptyStatusCounts();
  let marked = 0;
  let hours = 0;
  for (const m of marks) {
    counts[m.status]++;
    marked++;
    hours += m.hours;
  }
  const present = PRESENT_STATUSES.reduce((n, s) => n + counts[s], 0);
  return { counts, marked, present, hours: Math.round(hours * 100) / 100 };
}

export const emptyMarkCounts = (): MarkCounts => ({ counts: emptyStatusCounts(), marked: 0, present: 0, hours: 0 });

/**
 * 出勤率 = (出勤 + 迟到 + 早退) ÷ 应到, as a percentage with one decimal; null when nobody was expected.
 * 应到 is the class's enrolment plus anyone marked who was not enrolled (a walk-in, 插班).
 */
export function attendanceRate(present: number, expected: number): number | null {
  return expected > 0 ? Math.round((present / expected) * 1000) / 10 : null;
}
