import { LockOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../../shared/domain/constants';
import type { MarkValue, Session } from '../../../../shared/domain/records';
import { MINUTES_STATUSES } from '../../../../shared/rules/attendance';

/** The key that marks each status on the roster, in the order of ATTENDANCE_STATUSES. */
export const STATUS_KEYS: Record<AttendanceStatus, string> = { 出勤: '1', 迟到: '2', 早退: '3', 事假: '4', 病假: '5', 旷课: '6' };

/** A colour per kind of status, so exceptions stand out on a roster of 出勤: present, partly, leave, absent. */
export const STATUS_CLASSES: Record<AttendanceStatus, string> = {
  出勤: 'dx-st-present', 迟到: 'dx-st-partly', 早退: 'dx-st-partly', 事假: 'dx-st-leave', 病假: 'dx-st-leave', 旷课: 'dx-st-absent',
};

/** The statuses as roster buttons, coloured by kind. */
export const STATUS_OPTIONS = ATTENDANCE_STATUSES.map((s) => ({ value: s, label: s, className: STATUS_CLASSES[s] }));

/** 迟到 15 分钟 · 1.5 学时 */
export function markText(m: MarkValue | null): string {
  if (!m) return '未点名';
  const minutes = MINUTES_STATUSES.includes(m.status) ? ` ${m.minutesMissed} 分钟` : '';
  return `${m.status}${minutes}（${m.hours} 学时）`;
}

export function SessionStateTag({ session }: { session: Pick<Session, 'status' | 'closed'> }) {
  if (session.status === 'cancelled') return <Tag>已取消</Tag>;
  if (session.closed) return <Tag icon={<LockOutlined />}>考勤已关闭</Tag>;
  if (session.status === 'held') return <Tag color="processing">点名中</Tag>;
  return <Tag color="blue">未点名</Tag>;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** 2026-03-10 → 2026年3月10日 周二 */
export function longDate(date: string): string {
  const weekday = '日一二三四五六'[new Date(`${date}T00:00:00`).getDay()];
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 周${weekday}`;
}
