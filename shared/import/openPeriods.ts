import { siteSchema, type OpenPeriod } from '../domain/records';
import { fail, ok, type Result } from '../result';

const DAY_NUMBERS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];
const NAMED_DAYS: Record<string, number[]> = {
  每天: ALL_WEEK, 每日: ALL_WEEK, 天天: ALL_WEEK, 全周: ALL_WEEK, 工作日: [1, 2, 3, 4, 5], 周末: [6, 7], 双休日: [6, 7],
};
const DASH = '(?:-|~|–|—|至|到)';
const DAY = '(?:周|星期|礼拜)?([一二三四五六日天七])';
/** Sticky patterns tried in turn at the current position. */
const SKIP = /[\s,;、/和及]+|开放/y;
const NAMED = new RegExp(Object.keys(NAMED_DAYS).join('|'), 'y');
const DAYS = new RegExp(`${DAY}(?:${DASH}${DAY})?`, 'y');
const TIMES = new RegExp(`(\\d{1,2}):(\\d{2})\\s*${DASH}\\s*(\\d{1,2}):(\\d{2})`, 'y');

const EXAMPLE = '（示例：周一至周五 08:30-17:00；周六 09:00-12:00）';

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function hhmm(h: string, m: string): string | null {
  return Number(h) <= 23 && Number(m) <= 59 ? `${h.padStart(2, '0')}:${m}` : null;
}

/** Days from `from` to `to` inclusive, wrapping past Sunday (周六至周一 = 6, 7, 1). */
function dayRange(from: number, to: number): number[] {
  const days = [from];
  for (let d = from; d !== to; days.push(d)) d = (d % 7) + 1;
  return days;
}

/**
 * Opening hours as offices write them: day specs followed by time windows, e.g.
 * '周一至周五 08:30-11:30、14:00-17:00；周六日 9:00-12:00' or '每天 8:00-18:00'.
 * A window applies to the days written before it (the previous ones if none were, the
 * whole week at the start). Input is a cell passed through normaliseCell.
 */
export function parseOpenPeriods(text: string): Result<OpenPeriod[]> {
  const periods: OpenPeriod[] = [];
  let days: number[] = ALL_WEEK;
  let pendingDays: number[] | null = null; // days written since the last time window
  let m: RegExpExecArray | null;
  for (let pos = 0; pos < text.length; ) {
    if ((m = matchAt(SKIP, text, pos))) {
      pos += m[0].length;
    } else if ((m = matchAt(NAMED, text, pos) ?? matchAt(DAYS, text, pos))) {
      const found = m[1] === undefined ? NAMED_DAYS[m[0]] : dayRange(DAY_NUMBERS[m[1]], DAY_NUMBERS[m[2] ?? m[1]]);
      pendingDays = [...(pendingDays ?? []), ...found];
      pos += m[0].length;
    } else if ((m = matchAt(TIMES, text, pos))) {
      const start = hhmm(m[1], m[2]);
      const end = hhmm(m[3], m[4]);
      if (start === null || end === null || end <= start) return fail(`开放时段无效：“${m[0]}”`);
      if (pendingDays) days = [...new Set(pendingDays)].sort((a, b) => a - b);
      pendingDays = null;
      periods.push({ weekdays: days, start, end });
      pos += m[0].length;
    } else {
      return fail(`无法识别的开放时间：“${text}”${EXAMPLE}`);
    }
  }
  if (periods.length === 0 || pendingDays) return fail(`开放时间缺少时段：“${text}”${EXAMPLE}`);
  if (!siteSchema.shape.openPeriods.safeParse(periods).success) return fail(`开放时段过多（${periods.length}段）`);
  return ok(periods);
}
