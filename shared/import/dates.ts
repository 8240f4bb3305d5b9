import { normaliseCell } from './normalise';

export type DatePrecision = 'day' | 'month';
export type DateParse = { ok: true; date: string; precision: DatePrecision } | { ok: false; error: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' when year/month/day form a real calendar date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Today's local date as 'YYYY-MM-DD'. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The last day of the month of an ISO date ('2027-02-01' → '2027-02-28'). */
export function endOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${date.slice(0, 8)}${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

function fromParts(year: string, month: string, day: string | undefined, text: string): DateParse {
  const date = isoDate(Number(year), Number(month), day === undefined ? 1 : Number(day));
  if (date === null) return { ok: false, error: `日期不存在：${text}` };
  return { ok: true, date, precision: day === undefined ? 'month' : 'day' };
}

/**
 * An Excel date serial (days since 1900-01-00). Excel keeps Lotus 1-2-3's bug of a
 * 29 February 1900, serial 60, so every serial after it is one day too high.
 */
function fromExcelSerial(serial: number, text: string): DateParse {
  const whole = Math.floor(serial);
  if (whole === 60) return { ok: false, error: `日期不存在：Excel 日期序号 60（1900年2月29日）` };
  if (whole < 1 || whole > 2958465) return { ok: false, error: `无法识别的日期：${text}` };
  const d = new Date(Date.UTC(1899, 11, 31) + (whole > 60 ? whole - 1 : whole) * 86_400_000);
  return { ok: true, date: d.toISOString().slice(0, 10), precision: 'day' };
}

/**
 * A date as offices write it: 1965-03-08, 1965/3/8, 1965.3.8, 1965.3, 1965年3月(8日),
 * 19650308, 196503, an ISO timestamp, a Date (Excel cells read as UTC midnight) or an
 * Excel serial number (as a number, or as 5 digits of text, e.g. from CSV).
 * Month-only dates give the first of the month with precision 'month'.
 */
export function parseDate(value: string | number | Date): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, error: '无法识别的日期' };
    return { ok: true, date: value.toISOString().slice(0, 10), precision: 'day' };
  }
  // A number cell holding 19650308 or 196503 is a compact date, not a serial.
  if (typeof value === 'number' && !/^(\d{6}|\d{8})$/.test(String(value))) {
    return fromExcelSerial(value, String(value));
  }
  const text = normaliseCell(value);
  if (text === '') return { ok: false, error: '日期为空' };
  const s = text.replace(/\s/g, '');
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/))) return fromParts(m[1], m[2], m[3], text);
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/))) return fromParts(m[1], m[2], m[3], text);
  if ((m = s.match(/^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?$/))) return fromParts(m[1], m[2], m[3], text);
  if ((m = s.match(/^(\d{4})(\d{2})(\d{2})?$/))) return fromParts(m[1], m[2], m[3], text);
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s), text);
  return { ok: false, error: `无法识别的日期：${text}` };
}
