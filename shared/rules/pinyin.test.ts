import { describe, expect, it } from 'vitest';
import { nameInitials } from './pinyin';

describe('nameInitials', () => {
  it('gives lower-case pinyin initials', () => {
    expect(nameInitials('张三')).toBe('zs');
    expect(nameInitials('孔祥林')).toBe('kxl');
  });

  it('passes other characters through, lower case', () => {
    expect(nameInitials('王A')).toBe('wa');
  });
});
