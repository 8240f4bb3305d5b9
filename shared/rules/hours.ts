import type { AttendanceStatus, TraineeCategory } from '../domain/constants';
import type { HourRules } from '../domain/settings';

/** Round a number of 学时 by the rules' step and mode. Floating noise below 1e-9 is ignored. */
export function roundHours(hours: number, rules: Pick<HourRules, 'roundingStep' | 'roundingMode'>): number {
  const step = rules.roundingStep;
  if (step <= 0) return Math.round(hours * 100) / 100;
  const units = hours / step;
  const rounded = rules.roundingMode === 'floor' ? Math.floor(units + 1e-9) : Math.floor(units + 0.5 + 1e-9);
  return rounded * step;
}

/** Minutes to 学时 (e.g. 90 minutes at 45 minutes a 学时 = 2). */
export function minutesToHours(minutes: number, rules: HourRules): number {
  return roundHours(Math.max(0, minutes) / rules.minutesPerHour, rules);
}

/**
 * 学时 credited for one attendance mark: a fraction of the session by status, or, for
 * statuses credited by 'minutes', the minutes actually present (session minus missed).
 */
export function creditedHours(
  status: AttendanceStatus,
  sessionMinutes: number,
  minutesMissed: number,
  rules: HourRules,
): number {
  const credit = rules.credit[status];
  const minutes =
    credit === 'minutes'
      ? Math.max(0, sessionMinutes - Math.min(Math.max(0, minutesMissed), sessionMinutes))
      : sessionMinutes * credit;
  return minutesToHours(minutes, rules);
}

/** The annual requirement for a trainee; exempt trainees (年老体弱、行动不便) have none. */
export function requiredHours(category: TraineeCategory, exempt: boolean, rules: HourRules): number {
  return exempt ? 0 : rules.requirements[category];
}

/** Minutes between two HH:mm times on one day; negative or zero when end is not after start. */
export function minutesBetween(start: string, end: string): number {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return toMin(end) - toMin(start);
}
