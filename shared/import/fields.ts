/**
 * Parsers for single cell values, shared by the three registries' imports. Input is a
 * cell already passed through normaliseCell and not blank; messages are in Chinese and
 * quote the value so the office can find it in the sheet.
 */
import type { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { endOfMonth, parseDate } from './dates';

/**
 * Text within the record field's maximum length. Longer text is refused rather than cut,
 * so nothing is silently lost.
 */
export const parseText = (schema: z.ZodString) => {
  const max = schema.maxLength ?? Infinity;
  return (s: string): Result<string> => (s.length <= max ? ok(s) : fail(`内容过长（${s.length}字，最多${max}字）`));
};

/**
 * A person's name. Rosters pad two-character names with a space to line up with
 * three-character ones (张 三), so spaces between Chinese characters are dropped.
 */
export const parseName = (schema: z.ZodString) => {
  const text = parseText(schema);
  return (s: string): Result<string> => text(s.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ''));
};

/** One of a fixed vocabulary, or a common alias of one of its terms. */
export const parseChoice =
  <T extends string>(allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}) =>
  (s: string): Result<T> => {
    const key = s.replace(/\s/g, '');
    const value = (allowed as readonly string[]).includes(key) ? (key as T) : aliases[key];
    return value ? ok(value) : fail(`“${s}”不是可选值，应为：${allowed.join('、')}`);
  };

const YES = new Set(['是', 'Y', 'YES', '1', '√', '✓', 'TRUE']);
const NO = new Set(['否', 'N', 'NO', '0', '×', '✗', 'FALSE']);

export function parseYesNo(s: string): Result<boolean> {
  const key = s.toUpperCase();
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return fail(`“${s}”应填“是”或“否”`);
}

/**
 * A mobile number (11 digits from 1; spaces and dashes dropped) or a landline with an
 * optional area code and extension, kept as written (0537-4412345). One number per cell.
 */
export function parsePhone(s: string): Result<string> {
  const compact = s.replace(/\s/g, '');
  const digits = compact.replace(/-/g, '');
  if (/^[\d-]+$/.test(compact) && /^1\d{10}$/.test(digits)) return ok(digits);
  if (/^(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?$/.test(compact)) return ok(compact);
  return fail(`电话号码格式不正确：“${s}”（应为11位手机号，或固定电话如 0537-4412345）`);
}

/** A whole number from 0 to the field's maximum; a trailing 人/名 is allowed (容纳人数 written as 50人). */
export const parseCount = (schema: z.ZodNumber) => {
  const max = schema.maxValue ?? Infinity;
  return (s: string): Result<number> => {
    const m = s.replace(/\s/g, '').match(/^(\d+)[人名]?$/);
    return m && Number(m[1]) <= max ? ok(Number(m[1])) : fail(`“${s}”应为0至${max}的整数`);
  };
};

/**
 * A list written in one cell, split on 、，,；; and spaces; repeats are dropped. `schema`
 * is the record's array field, which holds the limits on item count and length.
 */
export const parseList =
  (schema: z.ZodArray<z.ZodString>) =>
  (s: string): Result<string[]> => {
    const items = [...new Set(s.split(/[、，,；;\s]+/).filter((item) => item !== ''))];
    const max = schema.element.maxLength ?? Infinity;
    const long = items.find((item) => item.length > max);
    if (long) return fail(`“${long}”过长（最多${max}字）`);
    return schema.safeParse(items).success ? ok(items) : fail(`项数过多（${items.length}项）`);
  };

/**
 * A date as 'YYYY-MM-DD'. A month-only date means its first day, or its last day for the
 * end of a period (聘期至2027年12月 runs through December).
 */
export const parseDay =
  (end: 'start' | 'end' = 'start') =>
  (s: string): Result<string> => {
    const parsed = parseDate(s);
    if (!parsed.ok) return fail(parsed.error);
    return ok(end === 'end' && parsed.precision === 'month' ? endOfMonth(parsed.date) : parsed.date);
  };
