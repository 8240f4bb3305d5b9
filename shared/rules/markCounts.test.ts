import { describe, expect, it } from 'vitest';
import type { Mark } from '../domain/records';
import { attendanceRate, countMarks } from './markCounts';

const mark = (status: Mark['status'], hours: number): Mark => ({ status, minutesMissed: 0, hours, by: '本机', at: 0 });

describe('counting a roster', () => {
  it('counts each status, the present (出勤/迟到/早退) and the 学时 credited', () => {
    const c = countMarks([mark('出勤', 2.5), mark('迟到', 2), mark('早退', 1.5), mark('事假', 0), mark('旷课', 0), mark('出勤', 2.5)]);
    expect(c.counts).toEqual({ 出勤: 2, 迟到: 1, 早退: 1, 事假: 1, 病假: 0, 旷课: 1 });
    expect(c).toMatchObject({ marked: 6, present: 4, hours: 8.5 });
  });

  it('gives the rate in percent with one decimal, none when nobody was expected', () => {
    expect(attendanceRate(4, 7)).toBe(57.1);
    expect(attendanceRate(7, 7)).toBe(100);
    expect(attendanceRate(0, 0)).toBeNull();
  });
});
