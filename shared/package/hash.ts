/**
 * Hashing for packages, with WebCrypto, which Chromium, Electron's renderer and Node ≥ 20
 * all provide as `globalThis.crypto`. shared/ compiles without DOM or Node types, so the few
 * parts used are typed here and reached through globalThis.
 */
import { strToU8 } from 'fflate';
import { fail, ok, type Result } from '../result';

interface Subtle {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(
    format: 'raw', key: Uint8Array, algorithm: { name: 'HMAC'; hash: 'SHA-256' }, extractable: false, usages: ['sign'],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
const webCrypto = (globalThis as unknown as { crypto: { subtle: Subtle; getRandomValues<T extends Uint8Array>(a: T): T } }).crypto;

const toHex = (buffer: ArrayBuffer): string => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
const bytesOf = (data: Uint8Array | string): Uint8Array => (typeof data === 'string' ? strToU8(data) : data);

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return toHex(await webCrypto.subtle.digest('SHA-256', bytesOf(data)));
}

const keys = new Map<string, Promise<unknown>>();
/** HMAC-SHA-256 under the exchange code, as lowercase hex. */
export async function hmacHex(code: string, data: Uint8Array | string): Promise<string> {
  let key = keys.get(code);
  if (!key) {
    key = webCrypto.subtle.importKey('raw', strToU8(code), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(code, key);
  }
  return toHex(await webCrypto.subtle.sign('HMAC', await key, bytesOf(data)));
}

/** Names the exchange code without revealing it: packages and receipts carry this to be matched. */
export async function keyIdOf(code: string): Promise<string> {
  return (await hmacHex(code, 'dangxiao-desk/key-id')).slice(0, 16);
}

/**
 * The keyed hash of a normalised ID number. Every school of a county uses the county's code,
 * so the same person registered at two schools gets the same key, while the number itself
 * cannot be recovered from it without the code (a plain SHA-256 of an 18-digit ID with a
 * known structure could be reversed by trying every birth date and sequence).
 */
export function idKey(code: string, idNumber: string): Promise<string> {
  return hmacHex(code, `id:${idNumber}`);
}

// ---------------------------------------------------------------------------------------
// The exchange code (交换码): 20 random Crockford base-32 characters (100 bits) and 4 check
// characters, written in groups of four so it can be read out over the phone.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 20;

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

async function checkChars(data: string): Promise<string> {
  return base32(new Uint8Array(await webCrypto.subtle.digest('SHA-256', strToU8(data))), 4);
}

const group = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** A new code; only the county generates one, once. */
export async function generateExchangeCode(): Promise<string> {
  const data = base32(webCrypto.getRandomValues(new Uint8Array(13)), DATA_CHARS);
  return group(data + (await checkChars(data)));
}

/**
 * A code as typed or pasted: case, spaces and dashes do not matter, and the letters people
 * confuse (O/0, I/L/1) are read as Crockford base 32 reads them. Gives the canonical form.
 */
export async function parseExchangeCode(input: string): Promise<Result<string>> {
  const plain = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (plain.length !== DATA_CHARS + 4 || [...plain].some((c) => !ALPHABET.includes(c))) {
    return fail('交换码应为 24 位字母和数字（可含短横线），请按市委党校下发的交换码核对');
  }
  if ((await checkChars(plain.slice(0, DATA_CHARS))) !== plain.slice(DATA_CHARS)) {
    return fail('交换码校验不通过，可能有字符输错，请逐位核对');
  }
  return ok(group(plain));
}
