import { describe, expect, it } from 'vitest';
import { endOfMonth, isoDate, parseDate } from './dates';

const day = (date: string) => ({ ok: true, date, precision: 'day' });
const month = (date: string) => ({ ok: true, date, precision: 'month' });

describe('parseDate', () => {
  it.each([
    ['1965-03-08', day('1965-03-08')],
    ['1965/3/8', day('1965-03-08')],
    ['1965.3.8', day('1965-03-08')],
    ['1965.03.08', day('1965-03-08')],
    ['1965年3月8日', day('1965-03-08')],
    ['1965年03月08号', day('1965-03-08')],
    ['19650308', day('1965-03-08')],
    ['1965-03-08T00:00:00.000Z', day('1965-03-08')],
    ['１９６５．３．８', day('1965-03-08')],
    [' 1965 年 3 月 8 日 ', day('1965-03-08')],
    ['1965.3', month('1965-03-01')],
    ['1965-3', month('1965-03-01')],
    ['1965年3月', month('1965-03-01')],
    ['196503', month('1965-03-01')],
    ['１９６５年３月', month('1965-03-01')],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  it('reads Excel serial numbers, minding the fake 1900-02-29', () => {
    expect(parseDate(23809)).toEqual(day('1965-03-08'));
    expect(parseDate('23809')).toEqual(day('1965-03-08'));
    expect(parseDate(23809.5)).toEqual(day('1965-03-08'));
    expect(parseDate(1)).toEqual(day('1900-01-01'));
    expect(parseDate(59)).toEqual(day('1900-02-28'));
    expect(parseDate(61)).toEqual(day('1900-03-01'));
    expect(parseDate(45658)).toEqual(day('2025-01-01'));
    expect(parseDate(60)).toMatchObject({ ok: false, error: expect.stringContaining('1900年2月29日') });
    expect(parseDate(0).ok).toBe(false);
    expect(parseDate(-5).ok).toBe(false);
  });

  it('reads number cells holding compact dates as dates, not serials', () => {
    expect(parseDate(19650308)).toEqual(day('1965-03-08'));
    expect(parseDate(196503)).toEqual(month('1965-03-01'));
  });

  it('reads Date objects as Excel libraries give them (UTC midnight)', () => {
    expect(parseDate(new Date(Date.UTC(1965, 2, 8)))).toEqual(day('1965-03-08'));
    expect(parseDate(new Date(NaN)).ok).toBe(false);
  });

  it('refuses impossible dates', () => {
    expect(parseDate('1965-02-30')).toEqual({ ok: false, error: '日期不存在：1965-02-30' });
    expect(parseDate('19650230')).toEqual({ ok: false, error: '日期不存在：19650230' });
    expect(parseDate('1965.13').ok).toBe(false);
    expect(parseDate('1900-02-29').ok).toBe(false);
    expect(parseDate('2000-02-29')).toEqual(day('2000-02-29'));
  });

  it('refuses nonsense with the text quoted', () => {
    expect(parseDate('六十年代')).toEqual({ ok: false, error: '无法识别的日期：六十年代' });
    expect(parseDate('1965')).toEqual({ ok: false, error: '无法识别的日期：1965' });
    expect(parseDate('3/8/1965').ok).toBe(false);
    expect(parseDate('')).toEqual({ ok: false, error: '日期为空' });
  });
});

describe('calendar helpers', () => {
  it('isoDate checks real dates', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(2023, 0, 1)).toBeNull();
  });
  it('endOfMonth', () => {
    expect(endOfMonth('2027-12-01')).toBe('2027-12-31');
    expect(endOfMonth('2028-02-01')).toBe('2028-02-29');
  });
});
