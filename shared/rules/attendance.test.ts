import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../domain/settings';
import { averageEvaluations, classLeave, markValue, sameMarkValue } from './attendance';

const rules = DEFAULT_HOUR_RULES;
const mark = (status: '出勤' | '事假' | '病假' | '旷课' | '迟到') => ({ status, minutesMissed: 0, hours: 0, by: '本机', at: 0 });

describe('a mark and the 学时 it credits', () => {
  it('keeps minutes missed only for 迟到 and 早退, within the session', () => {
    expect(markValue('迟到', 20, 120, rules)).toEqual({ status: '迟到', minutesMissed: 20, hours: 2 });
    expect(markValue('早退', 500, 120, rules)).toEqual({ status: '早退', minutesMissed: 120, hours: 0 });
    expect(markValue('病假', 20, 120, rules)).toEqual({ status: '病假', minutesMissed: 0, hours: 0 });
    expect(markValue('出勤', 0, 180, rules).hours).toBe(4);
    expect(markValue('迟到', -5, 90, rules).minutesMissed).toBe(0);
  });

  it('compares marks by value', () => {
    expect(sameMarkValue(markValue('迟到', 20, 120, rules), markValue('迟到', 20, 120, rules))).toBe(true);
    expect(sameMarkValue(markValue('迟到', 20, 120, rules), markValue('迟到', 25, 120, rules))).toBe(false);
    expect(sameMarkValue(null, null)).toBe(true);
    expect(sameMarkValue(null, markValue('出勤', 0, 120, rules))).toBe(false);
  });
});

describe('leave in a class (不予结业)', () => {
  // A class of seven 2-hour sessions = 840 minutes; 1/7 of it is 120 minutes.
  const sessions = (statuses: ('出勤' | '事假' | '病假' | '旷课')[]) =>
    statuses.map((s) => ({ minutes: 120, deletedAt: null, marks: { a: mark(s) } }));

  it('flags a member whose 事假/病假 exceed 1/7 of the class, not one at it', () => {
    const one = classLeave(sessions(['事假', '出勤']), ['a'], 840, rules);
    expect(one.get('a')).toEqual({ leaveMinutes: 120, overLimit: false });
    const two = classLeave(sessions(['事假', '病假']), ['a', 'b'], 840, rules);
    expect(two.get('a')).toEqual({ leaveMinutes: 240, overLimit: true });
    expect(two.get('b')).toEqual({ leaveMinutes: 0, overLimit: false });
  });

  it('does not count absence (旷课) or deleted records as leave', () => {
    const rows = [...sessions(['旷课', '旷课']), { minutes: 120, deletedAt: 5, marks: { a: mark('事假') } }];
    expect(classLeave(rows, ['a'], 840, rules).get('a')).toEqual({ leaveMinutes: 0, overLimit: false });
  });
});

describe('evaluation averages (5 criteria × 20 points)', () => {
  it('averages each criterion and the total to one decimal', () => {
    const avg = averageEvaluations([{ scores: [20, 18, 17, 19, 20] }, { scores: [19, 17, 16, 18, 18] }, { scores: [18, 18, 18, 18, 18] }]);
    expect(avg).toEqual({ count: 3, criteria: [19, 17.7, 17, 18.3, 18.7], total: 90.7 });
  });

  it('is null without forms', () => {
    expect(averageEvaluations([])).toBeNull();
  });
});
