import { describe, expect, it } from 'vitest';
import { copyWeek, expandSeries, mondayOf, shiftDate, weekdayOf, type ScheduledSession } from './schedule';

describe('date helpers', () => {
  it('weekdayOf counts Monday as 1 and Sunday as 7', () => {
    expect(weekdayOf('2026-03-09')).toBe(1);
    expect(weekdayOf('2026-03-10')).toBe(2);
    expect(weekdayOf('2026-03-15')).toBe(7);
    expect(weekdayOf('2024-02-29')).toBe(4);
  });

  it('shiftDate rolls over months, years and leap days, both ways', () => {
    expect(shiftDate('2026-03-10', 0)).toBe('2026-03-10');
    expect(shiftDate('2026-01-31', 1)).toBe('2026-02-01');
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftDate('2026-12-28', 7)).toBe('2027-01-04');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('mondayOf finds the Monday of the week', () => {
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(mondayOf('2026-03-15')).toBe('2026-03-09');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
  });
});

describe('expandSeries', () => {
  it('gives every Tuesday for 8 weeks', () => {
    const dates = expandSeries({ firstDate: '2026-03-10', weekdays: [2], weeks: 8 });
    expect(dates).toHaveLength(8);
    expect(dates[0]).toBe('2026-03-10');
    expect(dates[7]).toBe('2026-04-28');
    expect(dates.every((d) => weekdayOf(d) === 2)).toBe(true);
  });

  it('starting mid-week still gives each weekday `weeks` times, none before firstDate', () => {
    expect(expandSeries({ firstDate: '2026-03-11', weekdays: [2], weeks: 2 })).toEqual(['2026-03-17', '2026-03-24']);
  });

  it('is ascending and unique whatever the order or repetition of weekdays', () => {
    expect(expandSeries({ firstDate: '2026-03-09', weekdays: [4, 2, 2], weeks: 2 })).toEqual([
      '2026-03-10', '2026-03-12', '2026-03-17', '2026-03-19',
    ]);
  });

  it('gives nothing for zero weeks or no weekdays', () => {
    expect(expandSeries({ firstDate: '2026-03-09', weekdays: [2], weeks: 0 })).toEqual([]);
    expect(expandSeries({ firstDate: '2026-03-09', weekdays: [], weeks: 4 })).toEqual([]);
  });
});

describe('copyWeek', () => {
  const session = (id: string, date: string, start: string, extra: Partial<ScheduledSession> = {}): ScheduledSession => ({
    id, classId: 'k1', courseId: 'c1', instructorIds: ['i1'], siteId: 's1', date, start, end: '23:00',
    status: 'held', deletedAt: null, ...extra,
  });
  const sessions = [
    session('a', '2026-03-15', '09:00'),
    session('b', '2026-03-10', '14:00'),
    session('c', '2026-03-10', '08:30'),
    session('before', '2026-03-08', '09:00'),
    session('after', '2026-03-16', '09:00'),
    session('cancelled', '2026-03-11', '09:00', { status: 'cancelled' }),
    session('deleted', '2026-03-11', '10:00', { deletedAt: 1 }),
  ];

  it('copies the live sessions of the week, shifted by whole weeks, as planned drafts without ids', () => {
    const drafts = copyWeek(sessions, '2026-03-09', '2026-03-23');
    expect(drafts.map((d) => `${d.date} ${d.start}`)).toEqual(['2026-03-24 08:30', '2026-03-24 14:00', '2026-03-29 09:00']);
    expect(drafts.every((d) => d.status === 'planned' && !('id' in d))).toBe(true);
    expect(drafts[0]).toMatchObject({ classId: 'k1', courseId: 'c1', instructorIds: ['i1'], siteId: 's1', end: '23:00' });
  });

  it('accepts any day of either week and copies backwards too', () => {
    expect(copyWeek(sessions, '2026-03-12', '2026-03-05').map((d) => d.date)).toEqual(['2026-03-03', '2026-03-03', '2026-03-08']);
  });

  it('does not share instructor arrays with the source', () => {
    const [draft] = copyWeek([sessions[0]], '2026-03-09', '2026-03-16');
    expect(draft.instructorIds).not.toBe(sessions[0].instructorIds);
  });
});
