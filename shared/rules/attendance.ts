import { EVALUATION_CRITERIA, type AttendanceStatus } from '../domain/constants';
import type { Attendance, MarkValue } from '../domain/records';
import type { HourRules } from '../domain/settings';
import { creditedHours } from './hours';
import { exceedsLeaveLimit, LEAVE_STATUSES } from './ledger';

/** 迟到 and 早退 record the minutes missed (credited by them, or by a set fraction). */
export const MINUTES_STATUSES: readonly AttendanceStatus[] = ['迟到', '早退'];

/** The mark a status gives in a session of `sessionMinutes`, with the 学时 it credits. */
export function markValue(status: AttendanceStatus, minutesMissed: number, sessionMinutes: number, rules: HourRules): MarkValue {
  const missed = MINUTES_STATUSES.includes(status) ? Math.min(Math.max(0, Math.round(minutesMissed)), sessionMinutes) : 0;
  return { status, minutesMissed: missed, hours: creditedHours(status, sessionMinutes, missed, rules) };
}

export const sameMarkValue = (a: MarkValue | null, b: MarkValue | null): boolean =>
  a === b || (!!a && !!b && a.status === b.status && a.minutesMissed === b.minutesMissed && a.hours === b.hours);

export interface MemberLeave {
  /** Minutes of the class's sessions missed on 事假/病假. */
  leaveMinutes: number;
  /** Above the leave limit: does not complete the class (不予结业). */
  overLimit: boolean;
}

/**
 * Each class member's leave against the class's planned minutes (its sessions not cancelled):
 * the 不予结业 flag of DOMAIN §3.
 */
export function classLeave(
  attendance: Iterable<Pick<Attendance, 'minutes' | 'marks' | 'deletedAt'>>,
  memberIds: Iterable<string>,
  classMinutes: number,
  rules: HourRules,
): Map<string, MemberLeave> {
  const minutes = new Map<string, number>();
  for (const id of memberIds) minutes.set(id, 0);
  for (const a of attendance) {
    if (a.deletedAt !== null) continue;
    for (const [id, mark] of Object.entries(a.marks)) {
      if (minutes.has(id) && LEAVE_STATUSES.includes(mark.status)) minutes.set(id, minutes.get(id)! + a.minutes);
    }
  }
  return new Map(
    [...minutes].map(([id, leaveMinutes]) => [id, { leaveMinutes, overLimit: exceedsLeaveLimit(leaveMinutes, classMinutes, rules) }]),
  );
}

export interface EvaluationAverage {
  /** Forms counted. */
  count: number;
  /** Mean score per criterion (of 20), in the order of EVALUATION_CRITERIA, one decimal. */
  criteria: number[];
  /** Mean total (of 100), one decimal. */
  total: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Averages of evaluation forms (学员评课, 5 criteria × 20 points); null when there are none. */
export function averageEvaluations(forms: Iterable<{ scores: readonly number[] }>): EvaluationAverage | null {
  const sums = EVALUATION_CRITERIA.map(() => 0);
  let count = 0;
  for (const f of forms) {
    f.scores.forEach((s, i) => (sums[i] += s));
    count++;
  }
  if (count === 0) return null;
  return {
    count,
    criteria: sums.map((s) => round1(s / count)),
    total: round1(sums.reduce((a, b) => a + b, 0) / count),
  };
}
