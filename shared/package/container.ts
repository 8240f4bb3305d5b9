/** The zip container of packages and receipts: sizes checked from the directory before any inflating. */
import { strFromU8, unzipSync } from 'fflate';
import { fail, ok, type Result } from '../result';
import { LIMITS } from './format';
import { hmacHex } from './hash';

export interface ZipEntry {
  name: string;
  originalSize: number;
}

export const NOT_READABLE = '文件不完整或已损坏（无法按 zip 格式读取），未做任何改动。';

/**
 * The entries the zip's central directory declares, refusing duplicates and sizes beyond the
 * limits. Nothing is inflated; a lying size only shortens what is inflated later, and the
 * SHA-256 of every part catches that.
 */
export function listEntries(bytes: Uint8Array): Result<Map<string, ZipEntry>> {
  if (bytes.byteLength > LIMITS.fileBytes) return fail(`文件过大（${(bytes.byteLength / 1048576).toFixed(0)} MB），不是正常的数据包，未做任何改动。`);
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let problem: string | null = null;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (entries.has(f.name)) problem ??= `文件中「${f.name}」出现了两次，可能被改动过，未做任何改动。`;
        else if (f.originalSize > LIMITS.partBytes || total > LIMITS.unpackedBytes || entries.size >= LIMITS.entries) {
          problem ??= '文件解压后的大小超出上限，可能是损坏或恶意构造的文件，未做任何改动。';
        }
        entries.set(f.name, { name: f.name, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    return fail(NOT_READABLE);
  }
  return problem ? fail(problem) : ok(entries);
}

/** One entry's bytes (sync, so it can run inside a database transaction); throws when unreadable. */
export function inflateEntry(bytes: Uint8Array, name: string): Uint8Array {
  const file = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  if (!file) throw new Error(`missing ${name}`);
  return file;
}

/** A manifest or receipt entry: its exact bytes (what the signature covers) and its JSON; null when missing, too large or not JSON. */
export function readJsonEntry(bytes: Uint8Array, entries: Map<string, ZipEntry>, name: string): { bytes: Uint8Array; json: unknown } | null {
  const entry = entries.get(name);
  if (!entry || entry.originalSize > LIMITS.manifestBytes) return null;
  try {
    const exact = inflateEntry(bytes, name);
    return { bytes: exact, json: JSON.parse(strFromU8(exact)) };
  } catch {
    return null;
  }
}

/** The signature of a manifest or receipt: HMAC-SHA-256 under the exchange code, as hex text. */
export const signature = (code: string, bytes: Uint8Array): Promise<string> => hmacHex(code, bytes);

export async function signatureMatches(code: string, bytes: Uint8Array, sigBytes: Uint8Array | undefined): Promise<boolean> {
  return !!sigBytes && strFromU8(sigBytes).trim() === (await signature(code, bytes));
}
