import dayjs from 'dayjs';
import type { Session } from '../../../../shared/domain/records';
import { mondayOf, shiftDate } from '../../../../shared/rules/schedule';
import type { ScheduleRefs } from '../../data/schedule/refs';

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const STATUS_LABELS: Record<Session['status'], string> = { planned: '计划', held: '已上课', cancelled: '已取消' };

type Named = Pick<Session, 'courseId' | 'classId' | 'siteId' | 'instructorIds'>;

const GONE = '（已删除）';
export const courseTitle = (s: Named, refs: ScheduleRefs) => refs.course.get(s.courseId)?.title ?? GONE;
export const classTitle = (s: Named, refs: ScheduleRefs) => refs.klass.get(s.classId)?.title ?? GONE;
export const siteName = (s: Named, refs: ScheduleRefs) => refs.site.get(s.siteId)?.name ?? GONE;
export const instructorNames = (s: Named, refs: ScheduleRefs) =>
  s.instructorIds.map((id) => refs.instructor.get(id)?.name ?? GONE).join('、');

/** 2026-03-10 → 3月10日 周二 */
export function dayLabel(date: string, weekday: number): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${WEEKDAY_LABELS[weekday - 1]}`;
}

/** The colour of a class in the calendar: stable per class, so a class's sessions are found at a glance. */
const PALETTE = ['#b71c1c', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#5d4037', '#ad1457'];
export function classColour(classId: string): string {
  let h = 0;
  for (let i = 0; i < classId.length; i++) h = (h * 31 + classId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}


export type CalendarView = 'week' | 'month';

/** The days a calendar view shows: a week from Monday, or whole weeks covering the month. */
export function calendarDays(view: CalendarView, anchor: string): string[] {
  const first = view === 'week' ? mondayOf(anchor) : mondayOf(`${anchor.slice(0, 7)}-01`);
  const monthEnd = dayjs(anchor).endOf('month').format('YYYY-MM-DD');
  const count = view === 'week' ? 7 : Math.ceil((dayjs(monthEnd).diff(first, 'day') + 1) / 7) * 7;
  return Array.from({ length: count }, (_, i) => shiftDate(first, i));
}
