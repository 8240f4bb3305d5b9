import { deflateSync, strToU8 } from 'fflate';

/**
 * Zip files written by hand, so that entry sizes can be declared as a zip bomb declares them:
 * for the tests of every reader of zips (backups, spreadsheets, packages).
 */
export interface HandZipEntry {
  name: string;
  /** Raw DEFLATE data. */
  deflated: Uint8Array;
  /** The uncompressed size the headers declare (true or not). */
  declaredSize: number;
}

export function handZip(entries: readonly HandZipEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const header = (length: number, fill: (v: DataView) => void) => {
    const bytes = new Uint8Array(length);
    fill(new DataView(bytes.buffer));
    return bytes;
  };
  for (const e of entries) {
    const name = strToU8(e.name);
    chunks.push(
      header(30, (v) => {
        v.setUint32(0, 0x04034b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(8, 8, true);
        v.setUint32(18, e.deflated.length, true);
        v.setUint32(22, e.declaredSize, true);
        v.setUint16(26, name.length, true);
      }),
      name,
      e.deflated,
    );
    central.push(
      header(46, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        v.setUint16(10, 8, true);
        v.setUint32(20, e.deflated.length, true);
        v.setUint32(24, e.declaredSize, true);
        v.setUint16(28, name.length, true);
        v.setUint32(42, offset, true);
      }),
      name,
    );
    offset += 30 + name.length + e.deflated.length;
  }
  const directory = central.reduce((n, c) => n + c.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, directory, true);
    v.setUint32(16, offset, true);
  });
  const all = [...chunks, ...central, end];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * `count` entries of `megabytes` MB of zeros each (about 1 KB compressed per MB). `honest`
 * declares their true size; otherwise each claims 1 KB, as bombs that fool size checks do.
 */
export function zipBomb(names: (i: number) => string, { count, megabytes, honest }: { count: number; megabytes: number; honest: boolean }): Uint8Array {
  const size = megabytes * 1024 * 1024;
  const deflated = deflateSync(new Uint8Array(size), { level: 9 });
  return handZip(Array.from({ length: count }, (_, i) => ({ name: names(i), deflated, declaredSize: honest ? size : 1024 })));
}
