import { describe, expect, it } from 'vitest';
import { appointmentWarning } from './appointment';

const today = '2026-06-15';

describe('appointmentWarning', () => {
  it('flags a lapsed appointment', () => {
    expect(appointmentWarning({ appointmentEnd: '2026-06-14', status: '在库' }, today)).toMatchObject({ kind: 'lapsed', daysLeft: -1 });
  });

  it('flags one ending within 30 days, today included', () => {
    expect(appointmentWarning({ appointmentEnd: '2026-06-15', status: '在库' }, today)).toMatchObject({ kind: 'ending', daysLeft: 0 });
    expect(appointmentWarning({ appointmentEnd: '2026-07-15', status: '暂停' }, today)).toMatchObject({ kind: 'ending', daysLeft: 30 });
  });

  it('says nothing for a current, open-ended or withdrawn appointment', () => {
    expect(appointmentWarning({ appointmentEnd: '2026-07-16', status: '在库' }, today)).toBeNull();
    expect(appointmentWarning({ appointmentEnd: null, status: '在库' }, today)).toBeNull();
    expect(appointmentWarning({ appointmentEnd: '2020-01-01', status: '退出' }, today)).toBeNull();
  });
});
