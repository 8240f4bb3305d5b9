import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES, type HourRules } from '../domain/settings';
import { cappedExternal, exceedsLeaveLimit, ledgerRow, type LedgerInput } from './ledger';

const rules: HourRules = { ...DEFAULT_HOUR_RULES, externalCaps: { 学习强国: 8 } };
const base: LedgerInput = {
  category: '普通党员', exempt: false, year: 2026, credited: 20, externalBySource: {}, scheduled: 0, today: '2026-06-30',
};

describe('a trainee ledger for the year', () => {
  it('is met when credited and external reach the requirement', () => {
    const row = ledgerRow({ ...base, credited: 28, externalBySource: { '灯塔—党建在线': 4 } }, rules);
    expect(row).toMatchObject({ required: 32, total: 32, shortBy: 0, status: '已达标' });
  });

  it('forecasts 预计达标 when scheduled sessions would close the gap', () => {
    expect(ledgerRow({ ...base, scheduled: 12 }, rules)).toMatchObject({ shortBy: 12, status: '预计达标' });
  });

  it('is at risk when even the scheduled sessions would not be enough', () => {
    expect(ledgerRow({ ...base, scheduled: 11.5 }, rules)).toMatchObject({ shortBy: 12, status: '有风险' });
  });

  it('is 未达标 once the year is over and hours are short', () => {
    expect(ledgerRow({ ...base, today: '2027-01-05', scheduled: 40 }, rules).status).toBe('未达标');
  });

  it('requires nothing of exempt trainees', () => {
    expect(ledgerRow({ ...base, exempt: true, credited: 0 }, rules)).toMatchObject({ required: 0, shortBy: 0, status: '免学' });
  });

  it('uses the requirement of the category', () => {
    expect(ledgerRow({ ...base, category: '村(社区)党组织书记', credited: 50 }, rules)).toMatchObject({ required: 56, shortBy: 6 });
  });

  it('caps external hours per source', () => {
    expect(cappedExternal({ 学习强国: 12, '灯塔—党建在线': 5 }, rules.externalCaps)).toBe(13);
    expect(ledgerRow({ ...base, externalBySource: { 学习强国: 30 } }, rules)).toMatchObject({ external: 8, total: 28 });
  });
});

describe('the leave limit (不予结业)', () => {
  it('flags leave above 1/7 of the class, not at it', () => {
    expect(exceedsLeaveLimit(140, 980, rules)).toBe(false);
    expect(exceedsLeaveLimit(141, 980, rules)).toBe(true);
    expect(exceedsLeaveLimit(10, 0, rules)).toBe(false);
  });
});
