import { describe, expect, it } from 'vitest';
import { parseOpenPeriods } from './openPeriods';

const WORKDAYS = [1, 2, 3, 4, 5];

describe('parseOpenPeriods', () => {
  it('reads a day range with a time window', () => {
    expect(parseOpenPeriods('周一至周五 08:30-17:00')).toEqual({
      ok: true, value: [{ weekdays: WORKDAYS, start: '08:30', end: '17:00' }],
    });
  });

  it('reads several windows and day groups', () => {
    expect(parseOpenPeriods('周一到周五 8:30-11:30、14:00-17:00; 周六日 9:00~12:00')).toEqual({
      ok: true,
      value: [
        { weekdays: WORKDAYS, start: '08:30', end: '11:30' },
        { weekdays: WORKDAYS, start: '14:00', end: '17:00' },
        { weekdays: [6, 7], start: '09:00', end: '12:00' },
      ],
    });
    expect(parseOpenPeriods('星期一、星期三 9:00-11:00')).toEqual({
      ok: true, value: [{ weekdays: [1, 3], start: '09:00', end: '11:00' }],
    });
  });

  it('reads named day sets, wrapping ranges, and bare times as every day', () => {
    const everyDay = { ok: true, value: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '18:00' }] };
    expect(parseOpenPeriods('每天 8:00-18:00')).toEqual(everyDay);
    expect(parseOpenPeriods('8:00-18:00')).toEqual(everyDay);
    expect(parseOpenPeriods('周末开放 9:00-16:00')).toEqual({ ok: true, value: [{ weekdays: [6, 7], start: '09:00', end: '16:00' }] });
    expect(parseOpenPeriods('周六至周一 9:00-16:00')).toEqual({ ok: true, value: [{ weekdays: [1, 6, 7], start: '09:00', end: '16:00' }] });
  });

  it('refuses text it cannot read, with an example', () => {
    for (const bad of ['节假日除外', '周一至周五', '周一至周五 全天', '周一 9:00-11:00 周二']) {
      expect(parseOpenPeriods(bad)).toMatchObject({ ok: false, error: expect.stringContaining('示例：周一至周五 08:30-17:00') });
    }
    expect(parseOpenPeriods('周一 17:00-08:00')).toEqual({ ok: false, error: '开放时段无效：“17:00-08:00”' });
    expect(parseOpenPeriods('周一 9:00-25:00').ok).toBe(false);
    expect(parseOpenPeriods(Array.from({ length: 21 }, (_, i) => `${i}:00-${i}:30`).join(','))).toEqual({
      ok: false, error: '开放时段过多（21段）',
    });
  });
});
