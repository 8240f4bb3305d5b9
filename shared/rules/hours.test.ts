import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES, type HourRules } from '../domain/settings';
import { creditedHours, minutesBetween, minutesToHours, requiredHours, roundHours } from './hours';

const rules = (over: Partial<HourRules> = {}): HourRules => ({ ...DEFAULT_HOUR_RULES, ...over });

describe('hour arithmetic driven by the settings', () => {
  it('converts minutes at 45 minutes a 学时 by default', () => {
    expect(minutesToHours(90, rules())).toBe(2);
    expect(minutesToHours(180, rules())).toBe(4);
  });

  it('follows the configured minutes per 学时', () => {
    expect(minutesToHours(120, rules({ minutesPerHour: 60 }))).toBe(2);
    expect(minutesToHours(120, rules({ minutesPerHour: 40 }))).toBe(3);
  });

  it('rounds down to 0.5 by default and half up when set to nearest', () => {
    expect(minutesToHours(60, rules())).toBe(1); // 1.33 → 1
    expect(minutesToHours(80, rules())).toBe(1.5); // 1.78 → 1.5
    expect(minutesToHours(60, rules({ roundingMode: 'nearest' }))).toBe(1.5);
    expect(roundHours(1.25, { roundingStep: 0.5, roundingMode: 'nearest' })).toBe(1.5);
    expect(roundHours(1.2345, { roundingStep: 0, roundingMode: 'floor' })).toBe(1.23);
  });

  it('credits each status by the settings', () => {
    const r = rules();
    expect(creditedHours('出勤', 180, 0, r)).toBe(4);
    expect(creditedHours('迟到', 180, 45, r)).toBe(3);
    expect(creditedHours('早退', 180, 20, r)).toBe(3.5); // 160 min = 3.56 → 3.5
    expect(creditedHours('事假', 180, 0, r)).toBe(0);
    expect(creditedHours('病假', 180, 0, r)).toBe(0);
    expect(creditedHours('旷课', 180, 0, r)).toBe(0);
  });

  it('credits late arrival as a fraction when so configured', () => {
    const r = rules({ credit: { ...DEFAULT_HOUR_RULES.credit, 迟到: 0.5 } });
    expect(creditedHours('迟到', 180, 10, r)).toBe(2);
  });

  it('never credits negative time, nor more than the session', () => {
    expect(creditedHours('迟到', 90, 500, rules())).toBe(0);
    expect(creditedHours('迟到', 90, -10, rules())).toBe(2);
  });

  it('takes the requirement from the category; exempt trainees have none', () => {
    const r = rules();
    expect(requiredHours('普通党员', false, r)).toBe(32);
    expect(requiredHours('村(社区)党组织书记', false, r)).toBe(56);
    expect(requiredHours('两委成员', false, r)).toBe(56);
    expect(requiredHours('发展对象', false, r)).toBe(24);
    expect(requiredHours('镇街干部', false, r)).toBe(90);
    expect(requiredHours('镇街干部', true, r)).toBe(0);
  });

  it('measures a session from its times', () => {
    expect(minutesBetween('08:30', '11:30')).toBe(180);
    expect(minutesBetween('14:00', '14:00')).toBe(0);
  });
});
