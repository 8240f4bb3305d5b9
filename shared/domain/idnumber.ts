/** 公民身份号码 (GB 11643-1999): 6-digit area code, birth date YYYYMMDD, 3-digit sequence, check digit. */
import { isoDate, todayIso, type DatePrecision } from '../import/dates';
import { toHalfWidth } from '../import/normalise';
import type { Gender } from './constants';

export type IdCheck = { ok: true; birthDate: string; gender: Gender } | { ok: false; error: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** As typed in offices: full-width digits (IMEs), spaces between digit groups, lowercase x. */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
}

/** The check digit for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

/** A birth date a living trainee can have: from 1900 up to today. */
export function isPlausibleBirthDate(date: string, today: string = todayIso()): boolean {
  return date >= '1900-01-01' && date <= today;
}

/** Validate a normalised 18-character ID number; gives the birth date and gender it encodes. */
export function validateIdNumber(id: string, today: string = todayIso()): IdCheck {
  // Excel turns a long number typed without a text format into 3.70881E+17, losing digits.
  if (/^\d(\.\d+)?E\+\d+$/i.test(id)) {
    return { ok: false, error: '身份证号被 Excel 存成了科学计数法，请将该列设为文本后重新填写' };
  }
  if (id.length !== 18) return { ok: false, error: `身份证号应为18位（现为${id.length}位）` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: '身份证号应为17位数字加1位数字或X' };
  const birthDate = isoDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  if (birthDate === null || !isPlausibleBirthDate(birthDate, today)) {
    return { ok: false, error: '身份证号中的出生日期无效' };
  }
  if (idCheckDigit(id) !== id[17]) return { ok: false, error: '身份证号校验位错误' };
  return { ok: true, birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}

/**
 * Whether a separately recorded birth date agrees with the ID number; a month-precision
 * date (1965-03 written as 1965.3) only has to agree on year and month.
 * Gives a message when they differ, null when they agree or the ID has no readable date.
 */
export function checkBirthDateConsistent(id: string, birthDate: string, precision: DatePrecision = 'day'): string | null {
  if (!/^\d{14}/.test(id)) return null;
  const fromId = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const length = precision === 'month' ? 7 : 10;
  return fromId.slice(0, length) === birthDate.slice(0, length) ? null : '出生日期与身份证号不一致';
}

/** Keep `head` and `tail` characters and star the rest; a value too short to hide at least 4 characters is fully starred. */
function maskMiddle(value: string, head: number, tail: number): string {
  if (value.length < head + tail + 4) return '*'.repeat(value.length);
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(-tail);
}

/** 370881196503081234 → 370881********1234 (area code and last 4 stay, per DOMAIN.md §7). */
export function maskIdNumber(id: string): string {
  return maskMiddle(id, 6, 4);
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}
