/**
 * WebCrypto and the text codecs exist in every runtime the app runs in (Chromium, Electron's
 * renderer, Node ≥ 20 for the tests), but shared/ compiles without DOM or Node types: these
 * are the few parts it uses, reached through globalThis so nothing global is declared.
 */
interface SubtleCryptoPart {
  importKey(format: 'raw', key: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: ['deriveBits']): Promise<unknown>;
  deriveBits(
    algorithm: { name: 'PBKDF2'; hash: 'SHA-256'; salt: Uint8Array; iterations: number },
    key: unknown,
    length: number,
  ): Promise<ArrayBuffer>;
}

interface Platform {
  crypto: { subtle: SubtleCryptoPart; getRandomValues<T extends Uint8Array>(array: T): T };
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => { decode(bytes: Uint8Array): string };
}

export const platform = globalThis as unknown as Platform;

export const utf8 = (text: string): Uint8Array => new platform.TextEncoder().encode(text);
