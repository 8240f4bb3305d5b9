import { describe, expect, it } from 'vitest';
import { previewExternalImport, type ExternalTrainee } from './externalHours';

const t = (id: string, name: string, idNumber: string): ExternalTrainee => ({ id, name, idNumber, branch: '鲁源村党支部' });
const trainees = [
  t('zs', '张三', '37088119650308123X'),
  t('ls1', '李四', '370881197001014568'),
  t('ls2', '李四', '370881198001017894'),
  t('ww', '王五', '37088119800101321X'),
];
const HEADER = ['序号', '姓名', '身份证号', '学习平台', '完成日期', '学时', '备注'];
const preview = (rows: string[][], existing = []) =>
  previewExternalImport({ rows: [['2026年外部学时登记表'], HEADER, ...rows], trainees, existing, today: '2026-06-15' });

describe('importing external hours from a sheet', () => {
  it('finds trainees by full ID, ID suffix or unique name, and reads sources, dates and hours', () => {
    const r = preview([
      ['1', '张三', '37088119650308123x', '学习强国', '2026/3/8', '4.5', ''],
      ['2', '李四', '7894', '灯塔-党建在线', '2026年4月2日', '6学时', '专题学习'],
      ['3', '王五', '', '市委党校网络学院', '46100', '12', ''],
    ]);
    expect(r.ok && r.value.rejected).toEqual([]);
    expect(r.ok && r.value.add.map((a) => [a.row, a.trainee.id, a.source, a.date, a.hours, a.note])).toEqual([
      [3, 'zs', '学习强国', '2026-03-08', 4.5, ''],
      [4, 'ls2', '灯塔—党建在线', '2026-04-02', 6, '专题学习'],
      [5, 'ww', '市委党校网络学院', '2026-03-19', 12, ''],
    ]);
  });

  it('refuses rows it cannot place, with row, column and reason, and imports the rest', () => {
    const r = preview([
      ['1', '李四', '', '学习强国', '2026-03-01', '2', ''],
      ['2', '赵六', '', '学习强国', '2026-03-01', '2', ''],
      ['3', '张三', '370881196503081230', '学习强国', '2026-03-01', '2', ''],
      ['4', '王五', '', '学习强国', '2026-13-01', '两', ''],
      ['5', '王五', '', '', '2026-12-01', '2', ''],
      ['6', '张三', '', '学习强国', '2026-03-01', '2', ''],
      ['7', '张三', '123X', '学习强国', '2026-03-01', '2', ''],
    ]);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.rejected).toEqual([
      { row: 3, column: '身份证号', reason: '有2名学员叫“李四”，请填写身份证号或其后4位' },
      { row: 4, column: '姓名', reason: '找不到学员“赵六”' },
      { row: 5, column: '身份证号', reason: '身份证号校验位错误' },
      { row: 6, column: '完成日期', reason: '日期不存在：2026-13-01' },
      { row: 6, column: '学时', reason: '学时应为数字：“两”' },
      { row: 7, column: '学习平台', reason: '来源不能为空' },
      { row: 7, column: '完成日期', reason: '日期晚于今天：2026-12-01' },
      { row: 9, column: '姓名', reason: '与第8行重复' },
    ]);
    expect(r.value.add.map((a) => a.row)).toEqual([8]);
  });

  it('counts rows already recorded as unchanged, so importing twice adds nothing', () => {
    const r = preview([['1', '张三', '', '学习强国', '2026-03-08', '4.5', '']], [
      { traineeId: 'zs', source: '学习强国', date: '2026-03-08', hours: 4.5, deletedAt: null },
    ] as never);
    expect(r.ok && [r.value.add.length, r.value.unchanged]).toEqual([0, 1]);
  });

  it('says which columns a sheet without a header row lacks', () => {
    const r = previewExternalImport({ rows: [['姓名', '学时'], ['张三', '2']], trainees, existing: [], today: '2026-06-15' });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('“姓名”“来源”“日期”“学时”') });
  });
});
