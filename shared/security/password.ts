import { z } from 'zod';
import { platform, utf8 } from './platform';
import { toHex } from './sha256';

/**
 * Passwords are kept only as a slow, salted PBKDF2-SHA256 hash (WebCrypto). 310,000
 * iterations is OWASP's figure for PBKDF2-SHA256; the count is stored with each hash so it
 * can be raised later without invalidating existing passwords.
 */
export const PBKDF2_ITERATIONS = 310_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export const passwordHashSchema = z.object({
  algorithm: z.literal('PBKDF2-SHA256'),
  iterations: z.number().int().min(100_000).max(10_000_000),
  salt: z.string().regex(/^[0-9a-f]{32,128}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PasswordHash = z.infer<typeof passwordHashSchema>;

const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const { subtle } = platform.crypto;
  // NFC: the same password typed through different input methods gives the same bytes.
  const key = await subtle.importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS));
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  const salt = platform.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toHex(salt), hash: toHex(await derive(password, salt, iterations)) };
}

/** Compares every byte whatever the first difference, so timing does not reveal how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const derived = await derive(password, fromHex(stored.salt), stored.iterations);
  return constantTimeEqual(derived, fromHex(stored.hash));
}

/** The strength rule, as the forms state it. */
export const PASSWORD_RULE = '密码至少 8 位，须同时包含字母和数字，且不能与用户名相同';

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 8) return '密码至少需要 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return '密码不能与用户名相同';
  return null;
}

/** Login names: letters, digits, Chinese characters, and . _ - ; 2 to 32 characters. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, '用户名只能包含字母、数字、汉字和 . _ -');

/**
 * After a few wrong passwords each further attempt waits longer: none for the first four
 * failures, then 30 s, doubling up to 15 minutes. Slows guessing without locking a clerk
 * out for good.
 */
export function lockoutSeconds(failedAttempts: number): number {
  if (failedAttempts < 5) return 0;
  return Math.min(30 * 2 ** (failedAttempts - 5), 15 * 60);
}
