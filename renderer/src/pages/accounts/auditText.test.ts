import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/domain/records';
import { entryCells, entryHeaders } from './auditText';

const entry = {
  n: 7, at: Date.UTC(2026, 10, 3, 2, 30), schoolId: 'school-b', actorName: 'admin（李老师）', actorRole: '教务', action: 'attendance.correct',
  summary: '考勤「冬训第一课」', before: { status: '缺勤' }, after: { status: '病假' }, reason: '补交病假条',
} as unknown as AuditEntry;

describe('an audit entry as a line of an export or printout', () => {
  it('has no 党校 column for a trail of one school', () => {
    expect(entryHeaders({})).toEqual(['序号', '时间', '操作人', '角色', '操作', '对象', '变更内容', '原因']);
    expect(entryCells(entry, { reveal: false })).toHaveLength(8);
  });

  it('names the school that wrote the entry when the trail holds several schools’ entries', () => {
    const schools = new Map([['school-a', '中共曲阜市委党校'], ['school-b', '书院街道党校']]);
    const headers = entryHeaders({ schools });
    const cells = entryCells(entry, { reveal: false, schools });
    expect(headers).toHaveLength(cells.length);
    const at = (header: string) => cells[headers.indexOf(header)];
    expect([at('党校'), at('操作人'), at('变更内容'), at('原因')]).toEqual(['书院街道党校', 'admin（李老师）', '状态：缺勤 → 病假', '补交病假条']);
  });
});
