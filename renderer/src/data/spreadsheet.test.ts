import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, neutraliseCell, parseCsv, readSpreadsheet, writeCsv, writeXlsx } from './spreadsheet';

describe('reading spreadsheets', () => {
  it('round-trips an .xlsx with a title row, numbers and Chinese', async () => {
    const bytes = await writeXlsx({
      title: '鲁城街道党员花名册',
      columns: [{ header: '姓名' }, { header: '学时' }],
      rows: [['张三', 32], ['李四', null]],
    });
    const read = await readSpreadsheet(bytes, 'roster.xlsx');
    expect(read).toEqual({ ok: true, value: [['鲁城街道党员花名册'], ['姓名', '学时'], ['张三', '32'], ['李四']] });
  });

  it('reads GBK CSV, as Chinese Excel writes it', async () => {
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0d, 0x0a]); // 姓名,张三
    expect(decodeText(gbk)).toBe('姓名,张三\r\n');
    expect(await readSpreadsheet(gbk, 'roster.csv')).toEqual({ ok: true, value: [['姓名', '张三']] });
  });

  it('reads UTF-8 CSV with a BOM and quoted fields', async () => {
    const bytes = strToU8('\uFEFF姓名,备注\r\n张三,"含,逗号和""引号"""\r\n李四,"两\n行"\r\n');
    expect(await readSpreadsheet(bytes, 'a.csv')).toEqual({ ok: true, value: [['姓名', '备注'], ['张三', '含,逗号和"引号"'], ['李四', '两\n行']] });
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });

  it('refuses empty, foreign and broken files with a Chinese reason', async () => {
    expect(await readSpreadsheet(new Uint8Array(), 'a.xlsx')).toEqual({ ok: false, error: '文件是空的。' });
    expect((await readSpreadsheet(strToU8('not excel at all'), 'a.xlsx')).ok).toBe(false);
    expect((await readSpreadsheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'a.csv')).ok).toBe(false);
    expect(await readSpreadsheet(zipSync({ 'x.txt': strToU8('x') }), 'a.xlsx')).toEqual({ ok: false, error: expect.stringContaining('不是有效的 Excel') });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect(await readSpreadsheet(xls, 'a.xls')).toEqual({ ok: false, error: expect.stringContaining('另存为') });
  });
});

describe('writing spreadsheets safely', () => {
  it('neutralises cells that would run as formulas', () => {
    expect(neutraliseCell('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseCell('+1')).toBe(`'+1`);
    expect(neutraliseCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseCell('-3')).toBe(`'-3`);
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell('张三')).toBe('张三');
  });

  it('writes CSV with a BOM, quoting and neutralising', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(writeCsv([{ header: '姓名' }, { header: '备注' }], [['张三', '=1+1'], ['李四', 'a,b']]));
    expect(text).toBe('\uFEFF姓名,备注\r\n张三,\'=1+1\r\n李四,"a,b"\r\n');
  });

  it('writes neutralised text into .xlsx', async () => {
    const bytes = await writeXlsx({ title: 't', columns: [{ header: 'a' }], rows: [['=cmd()']] });
    const read = await readSpreadsheet(bytes, 't.xlsx');
    expect(read.ok && read.value[2]).toEqual([`'=cmd()`]);
  });
});
