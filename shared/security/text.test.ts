import { describe, expect, it } from 'vitest';
import { decodeText, detectText, neutraliseCell } from './text';

// "姓名,身份证号\r\n张三,370881..." as Chinese Excel writes CSV: GBK, no BOM.
const GBK_HEADER = Uint8Array.of(0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5);
const GBK_ZHANGSAN = Uint8Array.of(0xd5, 0xc5, 0xc8, 0xfd);

describe('decodeText', () => {
  it('reads GBK (as Chinese Excel writes CSV) as GB18030', () => {
    expect(detectText(GBK_HEADER)).toEqual({ text: '姓名,身份证号', encoding: 'gb18030' });
    expect(decodeText(GBK_ZHANGSAN)).toBe('张三');
  });

  it('reads UTF-8 with or without a BOM, dropping the BOM', () => {
    const utf8 = new TextEncoder().encode('姓名,张三');
    expect(detectText(utf8)).toEqual({ text: '姓名,张三', encoding: 'utf-8' });
    expect(decodeText(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8))).toBe('姓名,张三');
  });

  it('reads UTF-16 with its byte-order mark', () => {
    const le = Uint8Array.of(0xff, 0xfe, 0x20, 0x5f, 0x09, 0x4e);
    expect(detectText(le)).toEqual({ text: '张三', encoding: 'utf-16le' });
    expect(decodeText(Uint8Array.of(0xfe, 0xff, 0x5f, 0x20, 0x4e, 0x09))).toBe('张三');
  });

  it('keeps plain ASCII as UTF-8', () => {
    expect(detectText(new TextEncoder().encode('name,id'))).toEqual({ text: 'name,id', encoding: 'utf-8' });
  });
});

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to text that Excel would run as a formula', () => {
    for (const cell of ['=1+1', '+8613800000000', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","点我")']) {
      expect(neutraliseCell(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves other text, numbers and empty cells alone', () => {
    for (const cell of ['张三', 'a=b', ' =1', '', 12, -5, null]) expect(neutraliseCell(cell)).toBe(cell);
  });
});
