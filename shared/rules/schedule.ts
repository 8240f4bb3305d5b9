import type { Session } from '../domain/records';

/** A session as the scheduler edits it: a new one has no id until it is saved. */
export type SessionDraft = Pick<
  Session,
  'classId' | 'courseId' | 'instructorIds' | 'siteId' | 'date' | 'start' | 'end' | 'status'
> & { id?: string };

/** A stored session as far as copying and clash checks read it. */
export type ScheduledSession = SessionDraft & Pick<Session, 'id' | 'deletedAt'>;

const DAY_MS = 86_400_000;

// A 'YYYY-MM-DD' date is taken as UTC midnight, so day arithmetic meets no time zone or DST shift.
const toUtcMs = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday, as in a site's open periods. */
export function weekdayOf(date: string): number {
  return ((new Date(toUtcMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** The date `days` days later (earlier when negative); months and years roll over. */
export function shiftDate(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  return shiftDate(date, 1 - weekdayOf(date));
}

export type SeriesSpec = { firstDate: string; weekdays: readonly number[]; weeks: number };

/**
 * The dates of a weekly series, ascending: each chosen weekday (1 = Mon … 7 = Sun) in the
 * `weeks` × 7 days from firstDate. Counting from firstDate rather than from its Monday means
 * each weekday occurs exactly `weeks` times even when the series starts mid-week.
 */
export function expandSeries({ firstDate, weekdays, weeks }: SeriesSpec): string[] {
  const wanted = new Set(weekdays);
  const firstWeekday = weekdayOf(firstDate);
  const dates: string[] = [];
  for (let day = 0; day < weeks * 7; day++) {
    if (wanted.has(((firstWeekday - 1 + day) % 7) + 1)) dates.push(shiftDate(firstDate, day));
  }
  return dates;
}

/**
 * Drafts copying the sessions of the week holding `fromMonday` into the week holding
 * `toMonday` (any day of either week will do): same weekdays, times, class, course,
 * instructors and site, no id. Cancelled and deleted sessions are not copied, and a copy
 * is always 'planned' since it has not been held yet.
 */
export function copyWeek(sessions: readonly ScheduledSession[], fromMonday: string, toMonday: string): SessionDraft[] {
  const from = mondayOf(fromMonday);
  const sunday = shiftDate(from, 6);
  const offset = Math.round((toUtcMs(mondayOf(toMonday)) - toUtcMs(from)) / DAY_MS);
  return sessions
    .filter((s) => s.deletedAt === null && s.status !== 'cancelled' && s.date >= from && s.date <= sunday)
    .map((s): SessionDraft => ({
      classId: s.classId,
      courseId: s.courseId,
      instructorIds: [...s.instructorIds],
      siteId: s.siteId,
      date: shiftDate(s.date, offset),
      start: s.start,
      end: s.end,
      status: 'planned',
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
}
