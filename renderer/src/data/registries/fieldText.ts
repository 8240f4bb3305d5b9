/**
 * Registry fields as text, the way the importer reads them back: exported sheets re-import
 * unchanged, and the import preview shows values as the sheet would hold them.
 */
import { maskIdNumber, maskPhone } from '../../../../shared/domain/idnumber';
import type { OpenPeriod } from '../../../../shared/domain/records';

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** [1,2,3,4,5] → 周一至周五; [6,7] → 周六、周日; all seven → 每天. */
function daysText(days: readonly number[]): string {
  if (days.length === 7) return '每天';
  const runs: number[][] = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && d === run[run.length - 1]! + 1) run.push(d);
    else runs.push([d]);
  }
  return runs
    .map((r) => (r.length >= 3 ? `${DAY_NAMES[r[0]!]}至${DAY_NAMES[r[r.length - 1]!]}` : r.map((d) => DAY_NAMES[d]).join('、')))
    .join('、');
}

/** Open periods as offices write them: 周一至周五 08:30-11:30、14:00-17:30；周六 09:00-12:00. */
export function formatOpenPeriods(periods: readonly OpenPeriod[]): string {
  const groups: { days: string; windows: string[] }[] = [];
  for (const p of periods) {
    const days = daysText(p.weekdays);
    const last = groups[groups.length - 1];
    const window = `${p.start}-${p.end}`;
    if (last?.days === days) last.windows.push(window);
    else groups.push({ days, windows: [window] });
  }
  return groups.map((g) => `${g.days} ${g.windows.join('、')}`).join('；');
}

/** Fields holding personal data (DOMAIN.md §7), and how each is masked. */
const MASKS: Partial<Record<string, (value: string) => string>> = { idNumber: maskIdNumber, phone: maskPhone, guidePhone: maskPhone };

export const isSensitiveField = (key: string): boolean => key in MASKS;

/** One field's value (or a cell's text for it) as sheet text; ID numbers and phones masked unless `reveal`. */
export function fieldText(key: string, value: unknown, reveal = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return key === 'openPeriods' ? formatOpenPeriods(value as OpenPeriod[]) : value.join('、');
  const text = String(value);
  const mask = MASKS[key];
  return mask !== undefined && !reveal && text ? mask(text) : text;
}
