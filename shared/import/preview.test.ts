import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { instructorSchema, siteSchema, traineeSchema } from '../domain/records';
import { findHeaderRow, suggestMapping, type ImportDraft, type ImportEntity, type ImportRecord } from './columns';
import { previewImport } from './preview';

const TODAY = '2026-05-01';
const SCHEMAS = { trainee: traineeSchema, instructor: instructorSchema, site: siteSchema };

/** GB 11643 check digit, computed here independently of the code under test. */
function id(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  return first17 + '10X98765432'[sum % 11];
}
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Run a whole sheet through the steps the UI takes: find the header, suggest the mapping, preview. */
function importSheet<E extends ImportEntity>(entity: E, sheet: string[][], existing: ImportRecord<E>[] = []) {
  const headerRowIndex = findHeaderRow(sheet, entity);
  if (headerRowIndex === null) throw new Error('no header row');
  const header = sheet[headerRowIndex];
  return previewImport({
    entity, header, headerRowIndex, mapping: suggestMapping(header, entity),
    rows: sheet.slice(headerRowIndex + 1), existing, today: TODAY,
  });
}

/** What the caller does with drafts: add metadata, then the record must satisfy its schema. */
function save<E extends ImportEntity>(entity: E, drafts: ImportDraft<E>[]): ImportRecord<E>[] {
  return drafts.map((draft, i) =>
    (SCHEMAS[entity] as z.ZodType).parse({
      ...draft, id: `r${i}`, schoolId: 's1', createdAt: 1, updatedAt: 1, deletedAt: null, seq: i + 1,
      ...(entity === 'trainee' ? { py: '' } : {}),
    }) as ImportRecord<E>,
  );
}

describe('previewImport: trainees', () => {
  const ID_KONG = id('37088119650308123'); // 男, 1965-03-08
  const ID_YAN = '370881197001010022'; // 女, 1970-01-01, checked by hand
  const ID_ZHONG = id('37088119800505101');
  const ID_DUANMU = id('37088119900101201');
  const ID_BU = id('37088119850303301'); // 男
  const sheet = [
    ['曲阜市鲁城街道2026年党员花名册'],
    [],
    ['序号', '身份证号码', ' 姓 名 ', '所在党支部', '出生年月', '性别', '人员类别', '联系电话', '是否免学', '政治面貌'],
    ['1', toFullWidth(ID_KONG.slice(0, 6)) + '　' + toFullWidth(ID_KONG.slice(6)).toLowerCase(), '孔　明', '孔家村党支部 ', '1965.3', '', '党员', ' 138 1234 5678 ', '', '党员'],
    ['2', ID_YAN, '颜丽', '孔家村党支部', '1970年1月', '女', '村支书', '0537-4412345', '否', '党员'],
    ['3', '370881196503081231', '曾参', '孔家村党支部', '', '', '', '', '', '党员'],
    [],
    ['4', ID_KONG, '孔明', '孔家村党支部', '', '', '', '', '', '党员'],
    ['5', '', '孟轲', '城南社区党支部', '23809', '男', '积极分子', '', '√', '群众'],
    ['6', ID_ZHONG, '仲由', '城南社区党支部', '1981.5', '', '', '', '', '党员'],
    ['7', '', '孔'.repeat(10_000), '', '', '', '', '', '', ''],
    ['8', ID_DUANMU, '端木赐', '', '', '', '', '1381234567', '', ''],
    ['9', ID_BU, '卜商', '', '', '女', '群众', '', '', ''],
    ['', '', '', '', '', '', '', '', '', '党员'],
    ['11'],
  ];

  it('adds good rows and cites the sheet row, column and reason of each bad one', () => {
    const preview = importSheet('trainee', sheet);
    expect(preview.add).toEqual([
      {
        name: '孔明', gender: '男', idNumber: ID_KONG, birthDate: '1965-03-08', phone: '13812345678',
        branch: '孔家村党支部', village: '', category: '普通党员', exempt: false, status: '在册', notes: '',
      },
      {
        name: '颜丽', gender: '女', idNumber: ID_YAN, birthDate: '1970-01-01', phone: '0537-4412345',
        branch: '孔家村党支部', village: '', category: '村(社区)党组织书记', exempt: false, status: '在册', notes: '',
      },
      {
        name: '孟轲', gender: '男', idNumber: '', birthDate: '1965-03-08', phone: '',
        branch: '城南社区党支部', village: '', category: '入党积极分子', exempt: true, status: '在册', notes: '',
      },
    ]);
    expect(preview.rejected).toEqual([
      { row: 6, column: '身份证号码', reason: '身份证号校验位错误' },
      { row: 8, column: '身份证号码', reason: '与第4行身份证号重复' },
      { row: 10, column: '出生年月', reason: '出生日期与身份证号不一致' },
      { row: 11, column: '姓 名', reason: '内容过长（10000字，最多50字）' },
      { row: 12, column: '联系电话', reason: expect.stringContaining('电话号码格式不正确：“1381234567”') },
      { row: 13, column: '人员类别', reason: expect.stringContaining('“群众”不是可选值，应为：普通党员、村(社区)党组织书记') },
      { row: 13, column: '性别', reason: '性别与身份证号不一致' },
    ]);
    expect(preview.update).toEqual([]);
    expect(preview.unchanged).toBe(0);
    expect(save('trainee', preview.add)).toHaveLength(3);
  });

  it('changes nothing when the same file is imported again', () => {
    const existing = save('trainee', importSheet('trainee', sheet).add);
    const again = importSheet('trainee', sheet, existing);
    expect(again.add).toEqual([]);
    expect(again.update).toEqual([]);
    expect(again.unchanged).toBe(3);
    expect(again.rejected).toHaveLength(7);
  });

  it('updates only the fields a row changes, never blanking a field by an empty cell', () => {
    const [kong, yan, meng] = save('trainee', importSheet('trainee', sheet).add);
    const edited = [
      ['姓名', '身份证号', '联系电话', '所在党支部', '备注'],
      [' 孔明 ', ID_KONG, '13900000000', '', ''],
      ['颜丽', ID_YAN, '', '', '送学上门'],
      ['孟轲', '', '', '城南社区党支部', ''],
    ];
    const preview = importSheet('trainee', edited, [kong, yan, meng]);
    expect(preview.update).toEqual([
      { id: kong.id, before: kong, after: { ...kong, phone: '13900000000' }, changedFields: ['phone'] },
      { id: yan.id, before: yan, after: { ...yan, notes: '送学上门' }, changedFields: ['notes'] },
    ]);
    expect(preview.unchanged).toBe(1);
    expect(preview.add).toEqual([]);
  });

  it('does not match a deleted record, and fills a new one from defaults and the ID', () => {
    const [kong] = save('trainee', importSheet('trainee', sheet).add);
    const preview = importSheet('trainee', [['姓名', '身份证号'], ['孔明', ID_KONG]], [{ ...kong, deletedAt: 9 }]);
    expect(preview.add).toEqual([
      {
        name: '孔明', gender: '男', idNumber: ID_KONG, birthDate: '1965-03-08', phone: '', branch: '', village: '',
        category: '普通党员', exempt: false, status: '在册', notes: '',
      },
    ]);
  });

  it('reads dash placeholders as blank and refuses birth dates out of range', () => {
    const preview = importSheet('trainee', [
      ['姓名', '出生日期', '联系电话', '人员类别'],
      ['孔甲', '1899.12.31', '—', '/'],
      ['孔乙', '2030-01-01', '-', ''],
      ['孔丙', '1950/1/1', '--', '-'],
    ]);
    expect(preview.rejected).toEqual([
      { row: 2, column: '出生日期', reason: '出生日期应在1900年至今之间' },
      { row: 3, column: '出生日期', reason: '出生日期应在1900年至今之间' },
    ]);
    expect(preview.add).toMatchObject([{ name: '孔丙', birthDate: '1950-01-01', phone: '', category: '普通党员' }]);
  });

  it('rejects every row when no name column is mapped, naming the field', () => {
    const preview = previewImport({
      entity: 'trainee', header: ['姓名', '身份证号'], headerRowIndex: 0, mapping: [null, 'idNumber'],
      rows: [['孔明', ID_KONG]], existing: [], today: TODAY,
    });
    expect(preview.rejected).toEqual([{ row: 2, column: '姓名', reason: '姓名不能为空' }]);
  });
});

describe('previewImport: instructors', () => {
  const sheet = [
    ['2026年鲁城街道党校师资库'],
    ['姓名', '联系电话', '师资类别', '专兼职', '工作单位', '授课专题', '聘期开始', '聘任期至', '状态'],
    ['孔 祥 林', '13812345678', '第一书记', '兼', '市农业农村局', '乡村振兴、产业发展，合作社', '2025.1', '2027年12月', ''],
    ['颜秀', '13912345678', '党校教师', '专职', '市委党校', '党史', '45658', '2027.12.31', '在库'],
    ['孟老师', '', '', '', '', '', '', '', ''],
    ['曾讲师', '', '网红', '', '', '', '', '', ''],
    ['颜秀', '139-1234-5678', '专家学者', '', '', '', '', '', ''],
    ['仲某', '', '乡贤', '', '', '', '2027.1', '2026.1', ''],
  ];

  it('adds, rejects and then leaves the same file unchanged', () => {
    const preview = importSheet('instructor', sheet);
    expect(preview.add).toEqual([
      {
        name: '孔祥林', gender: null, category: '驻村第一书记', employment: '兼职', unit: '市农业农村局', post: '', title: '',
        phone: '13812345678', topics: ['乡村振兴', '产业发展', '合作社'], appointmentStart: '2025-01-01',
        appointmentEnd: '2027-12-31', status: '在库', notes: '',
      },
      {
        name: '颜秀', gender: null, category: '党校教师', employment: '专职', unit: '市委党校', post: '', title: '',
        phone: '13912345678', topics: ['党史'], appointmentStart: '2025-01-01', appointmentEnd: '2027-12-31',
        status: '在库', notes: '',
      },
    ]);
    expect(preview.rejected).toEqual([
      { row: 5, column: '师资类别', reason: '新增时师资类别不能为空' },
      { row: 6, column: '师资类别', reason: expect.stringContaining('“网红”不是可选值，应为：党校教师、基层党组织书记') },
      { row: 7, column: '姓名', reason: '与第4行姓名和联系电话重复' },
      { row: 8, column: '聘任期至', reason: '聘期结束早于聘期开始' },
    ]);
    const again = importSheet('instructor', sheet, save('instructor', preview.add));
    expect([again.add, again.update, again.unchanged]).toEqual([[], [], 2]);
  });
});

describe('previewImport: sites', () => {
  const sheet = [
    ['教学点名称', '类型', '所在镇街', '容纳人数', '讲解员', '讲解员电话', '示范等级', '开放时间'],
    ['中共尼山地委旧址', '现场教学点', '尼山镇', '80人', '孔讲解', '13812345678', '市级', '周二至周日 9:00-17:00'],
    ['书院街道廉政文化长廊', '', '书院街道', '', '', '', '', ''],
    ['石门山教育基地', '基地', '石门山镇', '-5', '', '', '', ''],
    ['防山展馆', '展馆', '防山镇', '', '', '', '', '节假日开放'],
    ['中共尼山地委旧址', '', '', '', '', '', '', ''],
  ];

  it('adds, rejects and then leaves the same file unchanged', () => {
    const preview = importSheet('site', sheet);
    expect(preview.add).toEqual([
      {
        kind: '现场教学点', name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '', capacity: 80,
        guide: '孔讲解', guidePhone: '13812345678', courseIds: [], demoLevel: '市级示范点',
        openPeriods: [{ weekdays: [2, 3, 4, 5, 6, 7], start: '09:00', end: '17:00' }], status: '启用', notes: '',
      },
      {
        kind: '现场教学点', name: '书院街道廉政文化长廊', town: '书院街道', village: '', address: '', theme: '', capacity: 0,
        guide: '', guidePhone: '', courseIds: [], demoLevel: '无', openPeriods: [], status: '启用', notes: '',
      },
    ]);
    expect(preview.rejected).toEqual([
      { row: 4, column: '容纳人数', reason: '“-5”应为0至100000的整数' },
      { row: 5, column: '类型', reason: '“展馆”不是可选值，应为：主校区、培训基地、现场教学点' },
      { row: 5, column: '开放时间', reason: expect.stringContaining('无法识别的开放时间：“节假日开放”') },
      { row: 6, column: '教学点名称', reason: '与第2行名称重复' },
    ]);
    expect(preview.add[0].courseIds).not.toBe(preview.add[1].courseIds); // fresh defaults per draft
    const again = importSheet('site', sheet, save('site', preview.add));
    expect([again.add, again.update, again.unchanged]).toEqual([[], [], 2]);
  });
});
