import { describe, expect, it } from 'vitest';
import {
  checkBirthDateConsistent, idCheckDigit, maskIdNumber, maskPhone, normaliseIdNumber, validateIdNumber,
} from './idnumber';

/** Independent of the code under test: ISO 7064 MOD 11-2 as GB 11643 states it, Σ(aᵢ·2^(17−i)) mod 11. */
function withCheckDigit(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  return first17 + '10X98765432'[sum % 11];
}

const TODAY = '2026-05-01';

describe('validateIdNumber', () => {
  it('accepts numbers checked by hand', () => {
    // 1·7+1·9+0+1·5+0+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 167; 167 mod 11 = 2 → X
    expect(validateIdNumber('11010519491231002X', TODAY)).toEqual({ ok: true, birthDate: '1949-12-31', gender: '女' });
    // Σ = 263; 263 mod 11 = 10 → 2
    expect(validateIdNumber('370881197001010022', TODAY)).toEqual({ ok: true, birthDate: '1970-01-01', gender: '女' });
  });

  it('accepts computed numbers and reads gender from the 17th digit', () => {
    const man = withCheckDigit('37088119650308123');
    expect(man).toBe('37088119650308123X');
    expect(validateIdNumber(man, TODAY)).toEqual({ ok: true, birthDate: '1965-03-08', gender: '男' });
    expect(validateIdNumber(withCheckDigit('37088120000229004'), TODAY)).toEqual({
      ok: true, birthDate: '2000-02-29', gender: '女',
    });
  });

  it('agrees with the test helper on many numbers', () => {
    for (let n = 0; n < 200; n++) {
      const first17 = `370881${1930 + (n % 90)}0${1 + (n % 9)}1${n % 10}${String(n).padStart(3, '0')}`;
      expect(idCheckDigit(first17)).toBe(withCheckDigit(first17)[17]);
    }
  });

  it('refuses a wrong check digit', () => {
    expect(validateIdNumber('370881196503081231', TODAY)).toEqual({ ok: false, error: '身份证号校验位错误' });
  });

  it('refuses impossible, early and future birth dates even with a right check digit', () => {
    for (const first17 of ['37088119650230123', '37088119651301123', '44052418800101001', '37088120270101123']) {
      expect(validateIdNumber(withCheckDigit(first17), TODAY)).toEqual({ ok: false, error: '身份证号中的出生日期无效' });
    }
  });

  it('refuses a wrong length, letters, and numbers Excel mangled', () => {
    expect(validateIdNumber('37088119650308123', TODAY)).toEqual({ ok: false, error: '身份证号应为18位（现为17位）' });
    expect(validateIdNumber('370881650308123', TODAY).ok).toBe(false);
    expect(validateIdNumber('', TODAY)).toEqual({ ok: false, error: '身份证号应为18位（现为0位）' });
    expect(validateIdNumber('37088119650308A23X', TODAY)).toEqual({ ok: false, error: '身份证号应为17位数字加1位数字或X' });
    expect(validateIdNumber('3.70881E+17', TODAY)).toMatchObject({ ok: false, error: expect.stringContaining('科学计数法') });
  });
});

describe('normaliseIdNumber', () => {
  it('turns full-width input, spaces and lowercase x into a valid number', () => {
    const id = normaliseIdNumber('３７０８８１　１９６５０３０８ １２３ｘ');
    expect(id).toBe('37088119650308123X');
    expect(validateIdNumber(id, TODAY).ok).toBe(true);
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});

describe('checkBirthDateConsistent', () => {
  const id = '37088119650308123X';
  it('compares the whole date, or year and month for a month-precision date', () => {
    expect(checkBirthDateConsistent(id, '1965-03-08')).toBeNull();
    expect(checkBirthDateConsistent(id, '1965-03-09')).toBe('出生日期与身份证号不一致');
    expect(checkBirthDateConsistent(id, '1965-03-01', 'month')).toBeNull();
    expect(checkBirthDateConsistent(id, '1965-04-01', 'month')).toBe('出生日期与身份证号不一致');
  });
  it('says nothing when the ID has no readable date', () => {
    expect(checkBirthDateConsistent('3708', '1965-03-08')).toBeNull();
  });
});

describe('masking', () => {
  it('masks ID numbers as DOMAIN.md §7 shows', () => {
    expect(maskIdNumber('370881196503081234')).toBe('370881********1234');
    expect(maskIdNumber('370881650308123')).toBe('370881*****8123');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });
  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0537-4412345')).toBe('053*****2345');
    expect(maskPhone('4412345')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });
});
