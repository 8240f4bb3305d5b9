import { describe, expect, it } from 'vitest';
import { normaliseCell, toHalfWidth } from './normalise';

describe('normaliseCell', () => {
  it('turns full-width ASCII and the ideographic space into half-width', () => {
    expect(toHalfWidth('ＡＢｃ１２３！～（）：')).toBe('ABc123!~():');
    expect(normaliseCell('张　三')).toBe('张 三');
  });
  it('trims and collapses whitespace, including line breaks in a cell', () => {
    expect(normaliseCell('  鲁城街道 \n\t 孔家村  ')).toBe('鲁城街道 孔家村');
  });
  it('keeps Chinese text and Chinese punctuation outside the full-width ASCII block', () => {
    expect(normaliseCell('村（社区）党组织书记、两委成员。')).toBe('村(社区)党组织书记、两委成员。');
  });
  it('drops zero-width characters pasted from chat apps', () => {
    expect(normaliseCell('孔\u200B子\uFEFF')).toBe('孔子');
  });
  it('reads numbers and empty cells', () => {
    expect(normaliseCell(23809)).toBe('23809');
    expect(normaliseCell(null)).toBe('');
    expect(normaliseCell(undefined)).toBe('');
  });
});
