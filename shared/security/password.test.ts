import { describe, expect, it } from 'vitest';
import {
  PBKDF2_ITERATIONS, constantTimeEqual, hashPassword, lockoutSeconds, passwordHashSchema, passwordProblem, usernameSchema,
  verifyPassword,
} from './password';

describe('password hashing', () => {
  it('stores a salted PBKDF2-SHA256 hash with at least 310,000 iterations, never the password', async () => {
    const stored = await hashPassword('Dangxiao2024');
    expect(passwordHashSchema.parse(stored)).toEqual(stored);
    expect(stored.iterations).toBeGreaterThanOrEqual(310_000);
    expect(stored.iterations).toBe(PBKDF2_ITERATIONS);
    expect(JSON.stringify(stored)).not.toContain('Dangxiao2024');
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('Dangxiao2024');
    expect(await verifyPassword('Dangxiao2024', stored)).toBe(true);
    expect(await verifyPassword('dangxiao2024', stored)).toBe(false);
    expect(await verifyPassword('Dangxiao2024 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash: the same password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('Dangxiao2024'), hashPassword('Dangxiao2024')]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('honours the iteration count stored with a hash', async () => {
    const stored = await hashPassword('Dangxiao2024', 100_000);
    expect(stored.iterations).toBe(100_000);
    expect(await verifyPassword('Dangxiao2024', stored)).toBe(true);
    expect(await verifyPassword('Dangxiao2024', { ...stored, iterations: 100_001 })).toBe(false);
  });

  it('treats composed and decomposed Unicode the same', async () => {
    const stored = await hashPassword('Café2024');
    expect(await verifyPassword('Cafe\u03012024', stored)).toBe(true);
  });
});

describe('constantTimeEqual', () => {
  it('compares content and length', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(), Uint8Array.of(0))).toBe(false);
  });
});

describe('password and username rules', () => {
  it('states in Chinese what is wrong with a weak password', () => {
    expect(passwordProblem('abc123', 'admin')).toBe('密码至少需要 8 位');
    expect(passwordProblem('abcdefgh', 'admin')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('12345678', 'admin')).toBe('密码须同时包含字母和数字');
    expect(passwordProblem('zhang2024', 'Zhang2024')).toBe('密码不能与用户名相同');
    expect(passwordProblem('Dangxiao2024', 'admin')).toBeNull();
  });

  it('accepts Chinese and ASCII login names and refuses others', () => {
    expect(usernameSchema.parse(' 张老师 ')).toBe('张老师');
    expect(usernameSchema.parse('jiaowu_01')).toBe('jiaowu_01');
    for (const bad of ['a', 'has space', '<script>', 'x'.repeat(33)]) expect(usernameSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('lockoutSeconds', () => {
  it('waits after the fifth failure, doubling up to 15 minutes', () => {
    expect([0, 1, 4].map(lockoutSeconds)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map(lockoutSeconds)).toEqual([30, 60, 120, 240]);
    expect(lockoutSeconds(50)).toBe(900);
  });
});
