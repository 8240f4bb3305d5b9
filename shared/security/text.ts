import { platform } from './platform';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Text from a file of unknown encoding. UTF-8 is tried strictly first (a GBK file is almost
 * never valid UTF-8); otherwise GB18030, the superset of GBK that Chinese Excel and WPS write
 * for "CSV". A UTF-16 byte-order mark (Excel's "Unicode text") is honoured. The BOM is dropped.
 */
export function detectText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const decode = (encoding: TextEncodingName, fatal = false) => new platform.TextDecoder(encoding, { fatal }).decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: decode('utf-8', true), encoding: 'utf-8' };
  } catch {
    return { text: decode('gb18030'), encoding: 'gb18030' };
  }
}

export function decodeText(bytes: Uint8Array): string {
  return detectText(bytes).text;
}

/**
 * A cell that begins with = + - @ (or a tab or carriage return, which Excel skips before
 * them) would run as a formula when the file is opened: prefix an apostrophe so it stays
 * text (CSV injection). Numbers and other values pass unchanged.
 */
export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
