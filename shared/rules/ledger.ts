import type { AttendanceStatus, TraineeCategory } from '../domain/constants';
import type { HourRules } from '../domain/settings';
import { requiredHours } from './hours';

/**
 * A trainee's year (学时台账): required, credited from sessions, external, total, short by,
 * what is still scheduled, and the resulting status.
 * 已达标 met; 预计达标 will meet if they attend what is scheduled; 有风险 will fall short even
 * then (while the year runs); 未达标 the year has ended short; 免学 exempt.
 */
export const LEDGER_STATUSES = ['已达标', '预计达标', '有风险', '未达标', '免学'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

export interface LedgerInput {
  category: TraineeCategory;
  exempt: boolean;
  year: number;
  /** 学时 credited from attendance in the year. */
  credited: number;
  /** External 学时 of the year per source (学习强国, 灯塔—党建在线 …), before caps. */
  externalBySource: Record<string, number>;
  /** 学时 of sessions still planned for the trainee in the year (not held, not cancelled). */
  scheduled: number;
  /** 'YYYY-MM-DD' */
  today: string;
}

export interface LedgerRow {
  required: number;
  credited: number;
  external: number;
  total: number;
  shortBy: number;
  scheduled: number;
  status: LedgerStatus;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** External hours count up to each source's yearly cap (a setting); uncapped sources count in full. */
export function cappedExternal(bySource: Record<string, number>, caps: HourRules['externalCaps']): number {
  let total = 0;
  // Not Object.entries: a ledger calls this for each of 40,000 trainees, most with no external hours.
  for (const source in bySource) {
    const cap = Object.hasOwn(caps, source) ? caps[source]! : Infinity;
    total += Math.min(bySource[source]!, cap);
  }
  return round2(total);
}

export function ledgerRow(input: LedgerInput, rules: HourRules): LedgerRow {
  const required = requiredHours(input.category, input.exempt, rules);
  const external = cappedExternal(input.externalBySource, rules.externalCaps);
  const total = round2(input.credited + external);
  const shortBy = round2(Math.max(0, required - total));
  const yearOver = input.today > `${input.year}-12-31`;
  const status: LedgerStatus = input.exempt
    ? '免学'
    : shortBy === 0
      ? '已达标'
      : yearOver
        ? '未达标'
        : total + input.scheduled >= required
          ? '预计达标'
          : '有风险';
  return { required, credited: round2(input.credited), external, total, shortBy, scheduled: round2(input.scheduled), status };
}

/** Leave statuses that count against the leave limit (不予结业). */
export const LEAVE_STATUSES: readonly AttendanceStatus[] = ['事假', '病假'];

/**
 * A class member whose leave exceeds the set share (1/7 by default) of the class's planned
 * minutes does not complete the class (不予结业).
 */
export function exceedsLeaveLimit(leaveMinutes: number, classMinutes: number, rules: HourRules): boolean {
  if (classMinutes <= 0) return false;
  return leaveMinutes * rules.leaveLimit.denominator > classMinutes * rules.leaveLimit.numerator;
}
