import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, findHeaderRow, suggestMapping, type ImportEntity } from './columns';

describe('IMPORT_FIELDS', () => {
  it.each(['trainee', 'instructor', 'site'] as ImportEntity[])('gives %s one field per header name', (entity) => {
    const names = IMPORT_FIELDS[entity].flatMap((f) => [f.label, ...f.synonyms]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('suggestMapping', () => {
  it('maps synonyms in any order and leaves unknown columns unmapped', () => {
    expect(
      suggestMapping(['序号', '身份证', '学员姓名', '出生年月', '手机号', '支部', '村居', '类别', '免学', '政治面貌', '备注'], 'trainee'),
    ).toEqual([null, 'idNumber', 'name', 'birthDate', 'phone', 'branch', 'village', 'category', 'exempt', null, 'notes']);
  });

  it('ignores spacing, full-width forms, bracket style and required-column marks', () => {
    expect(
      suggestMapping(['姓 名*', '公民身份号码：', '村（社区）', '＊所在党支部', '联系电话:', '出生日期(格式:1965.03.08)'], 'trainee'),
    ).toEqual(['name', 'idNumber', 'village', 'branch', 'phone', 'birthDate']);
  });

  it('uses each field once, the first column winning', () => {
    expect(suggestMapping(['电话', '手机', '姓名'], 'trainee')).toEqual(['phone', null, 'name']);
  });

  it('knows instructor and site headers', () => {
    expect(
      suggestMapping(['姓名', '师资类别', '专兼职', '单位', '职务', '职称', '联系电话', '专题', '聘期开始', '聘任期至', '状态'], 'instructor'),
    ).toEqual(['name', 'category', 'employment', 'unit', 'post', 'title', 'phone', 'topics', 'appointmentStart', 'appointmentEnd', 'status']);
    expect(
      suggestMapping(['教学点名称', '类别', '所在镇街', '村(社区)', '地址', '主题', '容量', '讲解员', '讲解员电话', '示范等级', '开放时间'], 'site'),
    ).toEqual(['name', 'kind', 'town', 'village', 'address', 'theme', 'capacity', 'guide', 'guidePhone', 'demoLevel', 'openPeriods']);
  });
});

describe('findHeaderRow', () => {
  it('skips a title row and blank rows above the header', () => {
    const rows = [['曲阜市鲁城街道2026年党员花名册'], [], ['', ''], ['序号', '姓名', '性别', '身份证号'], ['1', '孔明', '男', '']];
    expect(findHeaderRow(rows, 'trainee')).toBe(3);
  });

  it('needs the required field and at least two known fields', () => {
    expect(findHeaderRow([['性别', '身份证号', '手机']], 'trainee')).toBeNull();
    expect(findHeaderRow([['姓名', '政治面貌']], 'trainee')).toBeNull();
    expect(findHeaderRow([['名称', '地址']], 'site')).toBe(0);
    expect(findHeaderRow([['名称', '地址']], 'instructor')).toBeNull();
  });

  it('looks at the first 20 rows only', () => {
    const rows = [...Array.from({ length: 20 }, () => ['说明']), ['姓名', '性别']];
    expect(findHeaderRow(rows, 'trainee')).toBeNull();
    expect(findHeaderRow(rows.slice(1), 'trainee')).toBe(19);
  });
});
