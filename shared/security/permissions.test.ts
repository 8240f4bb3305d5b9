import { describe, expect, it } from 'vitest';
import { SYNCED_TABLE_NAMES } from '../domain/records';
import { can, writeRefusal, type Action, type WriteIntent } from './permissions';
import { ROLES, type Role } from './roles';

const OWN = 'instructor-kong';
const own = { instructorIds: [OWN, 'instructor-yan'], closed: false };
const other = { instructorIds: ['instructor-yan'], closed: false };
const admin = { role: '管理员' as const, instructorId: null };
const office = { role: '教务' as const, instructorId: null };
const teacher = { role: '教员' as const, instructorId: OWN };
const viewer = { role: '只读' as const, instructorId: null };

const update = (table: WriteIntent['table'], changedFields: string[], session?: WriteIntent['session'], reason?: string): WriteIntent => ({
  table, kind: 'update', changedFields, session, reason,
});

describe('can: the role table', () => {
  const table: [Action, Role[]][] = [
    ['registry.edit', ['管理员', '教务']],
    ['attendance.correct', ['管理员', '教务']],
    ['settings.edit', ['管理员', '教务']],
    ['security.edit', ['管理员']],
    ['accounts.manage', ['管理员']],
    ['audit.view', ['管理员', '教务']],
    ['data.import', ['管理员', '教务']],
    ['data.export', ['管理员', '教务']],
    ['backup.create', ['管理员', '教务']],
    ['backup.restore', ['管理员']],
    ['sample.load', ['管理员', '教务']],
    ['reports.view', ['管理员', '教务', '教员', '只读']],
    ['reports.print', ['管理员', '教务', '教员', '只读']],
  ];
  it.each(table)('%s is allowed to exactly %j', (action, allowed) => {
    expect(ROLES.filter((r) => can(r, action))).toEqual(allowed);
  });

  it('lets a 教员 mark attendance only for a session they teach', () => {
    expect(can('教员', 'attendance.mark', { instructorId: OWN, sessionInstructorIds: own.instructorIds })).toBe(true);
    expect(can('教员', 'attendance.mark', { instructorId: OWN, sessionInstructorIds: other.instructorIds })).toBe(false);
    expect(can('教员', 'attendance.mark', { instructorId: null, sessionInstructorIds: [] })).toBe(false);
    expect(can('教务', 'attendance.mark')).toBe(true);
    expect(can('只读', 'attendance.mark', { instructorId: OWN, sessionInstructorIds: own.instructorIds })).toBe(false);
  });

  it('shows a 教员 their own evaluations only', () => {
    expect(can('教员', 'evaluations.view', { instructorId: OWN, evaluatedInstructorId: OWN })).toBe(true);
    expect(can('教员', 'evaluations.view', { instructorId: OWN, evaluatedInstructorId: 'instructor-yan' })).toBe(false);
    expect(can('只读', 'evaluations.view')).toBe(false);
    expect(can('教务', 'evaluations.view')).toBe(true);
  });

  it('makes revealing and unmasked export separate grants, always held by a 管理员 and never by 只读', () => {
    for (const action of ['reveal.idNumber', 'reveal.phone', 'export.unmasked'] as const) {
      expect(can('管理员', action)).toBe(true);
      expect(can('教务', action)).toBe(false);
      expect(can('只读', action, { grants: ['revealIdNumber', 'revealPhone', 'exportUnmasked'] })).toBe(false);
    }
    const grants = ['revealPhone'] as const;
    expect(can('教务', 'reveal.phone', { grants })).toBe(true);
    expect(can('教务', 'reveal.idNumber', { grants })).toBe(false);
    expect(can('教员', 'export.unmasked', { grants })).toBe(false);
    expect(can('教员', 'export.unmasked', { grants: ['exportUnmasked'] })).toBe(true);
  });
});

describe('writeRefusal: what the data layer refuses', () => {
  it('lets 管理员 and 教务 write every registry, and refuses 教员 and 只读 with the table named', () => {
    for (const table of SYNCED_TABLE_NAMES.filter((t) => t !== 'attendance' && t !== 'sessions')) {
      const intent: WriteIntent = { table, kind: 'create', changedFields: [] };
      expect(writeRefusal(admin, intent)).toBeNull();
      expect(writeRefusal(office, intent)).toBeNull();
      expect(writeRefusal(teacher, intent)).toMatch(/^当前账户（教员）无权修改.+信息$/);
      expect(writeRefusal(viewer, intent)).toMatch(/^当前账户（只读）无权修改/);
    }
    expect(writeRefusal(teacher, update('trainees', ['name']))).toBe('当前账户（教员）无权修改学员信息');
  });

  it('lets a 教员 mark their own open session and nobody else’s', () => {
    expect(writeRefusal(teacher, update('attendance', ['marks'], own))).toBeNull();
    expect(writeRefusal(teacher, { table: 'attendance', kind: 'create', changedFields: [], session: own })).toBeNull();
    expect(writeRefusal(teacher, update('attendance', ['marks'], other))).toBe('当前账户（教员）只能为自己授课的课次考勤');
    expect(writeRefusal(teacher, update('attendance', ['marks'], null))).toBe('当前账户（教员）只能为自己授课的课次考勤');
    expect(writeRefusal(viewer, update('attendance', ['marks'], own))).toBe('当前账户（只读）无权修改考勤');
  });

  it('needs a reason and an office role to change attendance after the session was closed', () => {
    const closed = { ...own, closed: true };
    expect(writeRefusal(teacher, update('attendance', ['marks'], closed, '补录'))).toMatch(/无权更正已关闭课次的考勤/);
    expect(writeRefusal(office, update('attendance', ['marks'], closed))).toBe('该课次考勤已关闭，更正考勤须填写原因');
    expect(writeRefusal(office, update('attendance', ['marks'], closed, '   '))).toBe('该课次考勤已关闭，更正考勤须填写原因');
    expect(writeRefusal(office, update('attendance', ['marks'], closed, '纸质签到表补录'))).toBeNull();
  });

  it('lets a 教员 mark their own session held and closed, but not reschedule it, reopen it, or touch another', () => {
    expect(writeRefusal(teacher, update('sessions', ['status', 'closed'], own))).toBeNull();
    expect(writeRefusal(teacher, update('sessions', ['date'], own))).toBe('当前账户（教员）无权修改课次信息');
    expect(writeRefusal(teacher, update('sessions', ['closed'], { ...own, closed: true }))).toBe('当前账户（教员）无权修改课次信息');
    expect(writeRefusal(teacher, update('sessions', ['closed'], other))).toBe('当前账户（教员）无权修改课次信息');
    expect(writeRefusal(teacher, { table: 'sessions', kind: 'delete', changedFields: [], session: own })).not.toBeNull();
    expect(writeRefusal(office, update('sessions', ['date'], other))).toBeNull();
  });
});
