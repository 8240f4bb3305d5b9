import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseChoice, parseCount, parseDay, parseList, parseName, parsePhone, parseText, parseYesNo } from './fields';

describe('field parsers', () => {
  it('parseText refuses over-long text instead of cutting it', () => {
    const name = parseText(z.string().max(50));
    expect(name('孔子')).toEqual({ ok: true, value: '孔子' });
    expect(name('孔'.repeat(10_000))).toEqual({ ok: false, error: '内容过长（10000字，最多50字）' });
  });

  it('parseName drops padding between Chinese characters only', () => {
    const name = parseName(z.string().max(50));
    expect(name('张 三')).toEqual({ ok: true, value: '张三' });
    expect(name('欧阳 修 文')).toEqual({ ok: true, value: '欧阳修文' });
    expect(name('Anna Li')).toEqual({ ok: true, value: 'Anna Li' });
    expect(name('张'.repeat(51)).ok).toBe(false);
  });

  it('parseChoice takes terms and aliases and lists the terms when refusing', () => {
    const kind = parseChoice(['专职', '兼职'] as const, { 兼: '兼职' });
    expect(kind('专 职')).toEqual({ ok: true, value: '专职' });
    expect(kind('兼')).toEqual({ ok: true, value: '兼职' });
    expect(kind('临时')).toEqual({ ok: false, error: '“临时”不是可选值，应为：专职、兼职' });
  });

  it('parseYesNo', () => {
    for (const yes of ['是', 'Y', 'y', '1', '√']) expect(parseYesNo(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', 'N', 'n', '0', '×']) expect(parseYesNo(no)).toEqual({ ok: true, value: false });
    expect(parseYesNo('可能').ok).toBe(false);
  });

  it('parsePhone keeps digits and dashes, refusing malformed numbers', () => {
    expect(parsePhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone('138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone('0537-4412345')).toEqual({ ok: true, value: '0537-4412345' });
    expect(parsePhone('4412345')).toEqual({ ok: true, value: '4412345' });
    for (const bad of ['1381234567', '138123456789', '1.38123E+10', '13812345678/13912345678', '电话']) {
      expect(parsePhone(bad)).toMatchObject({ ok: false, error: expect.stringContaining('电话号码格式不正确') });
    }
  });

  it('parseCount', () => {
    const capacity = parseCount(z.number().int().min(0).max(100000));
    expect(capacity('50')).toEqual({ ok: true, value: 50 });
    expect(capacity('50人')).toEqual({ ok: true, value: 50 });
    expect(capacity('-1').ok).toBe(false);
    expect(capacity('2.5').ok).toBe(false);
    expect(capacity('200000').ok).toBe(false);
  });

  it('parseList splits on Chinese and ASCII separators and spaces', () => {
    const topics = parseList(z.array(z.string().max(6)).max(3));
    expect(topics('党史、乡村振兴，党章;党史')).toEqual({ ok: true, value: ['党史', '乡村振兴', '党章'] });
    expect(topics('党史 党章')).toEqual({ ok: true, value: ['党史', '党章'] });
    expect(topics('一、二、三、四')).toEqual({ ok: false, error: '项数过多（4项）' });
    expect(topics('习近平新时代中国特色社会主义思想')).toMatchObject({ ok: false });
  });

  it('parseDay ends a month-only end date on the last day of the month', () => {
    expect(parseDay('start')('2025.1')).toEqual({ ok: true, value: '2025-01-01' });
    expect(parseDay('end')('2027年12月')).toEqual({ ok: true, value: '2027-12-31' });
    expect(parseDay('end')('2027.6.15')).toEqual({ ok: true, value: '2027-06-15' });
    expect(parseDay()('明年')).toEqual({ ok: false, error: '无法识别的日期：明年' });
  });
});
