/** Writing a package: parts compressed one at a time as they fill, then the signed manifest. */
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { signature } from './container';
import { MANIFEST_PATH, MANIFEST_SIG_PATH, PART_TARGET_BYTES, partPath, type Manifest, type PartTable } from './format';
import { sha256Hex } from './hash';

export class PackageWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip = new Zip((err, data) => {
    if (err) throw err;
    this.chunks.push(data);
  });
  private readonly parts: Manifest['parts'] = [];
  private readonly partCount = new Map<PartTable, number>();
  private pending: { table: PartTable; rows: string[]; bytes: number } | null = null;

  private add(path: string, bytes: Uint8Array): void {
    const file = new ZipDeflate(path, { level: 6 });
    this.zip.add(file);
    file.push(bytes, true);
  }

  private async flush(): Promise<void> {
    const p = this.pending;
    this.pending = null;
    if (!p || p.rows.length === 0) return;
    const index = (this.partCount.get(p.table) ?? 0) + 1;
    this.partCount.set(p.table, index);
    const bytes = strToU8(`[${p.rows.join(',')}]`);
    const path = partPath(p.table, index);
    this.add(path, bytes);
    this.parts.push({ path, table: p.table, count: p.rows.length, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) });
  }

  /** Add rows of a table, each already as JSON text; parts are cut at about PART_TARGET_BYTES. */
  async addJsonRows(table: PartTable, rows: readonly string[]): Promise<void> {
    for (const json of rows) {
      if (this.pending && (this.pending.table !== table || this.pending.bytes >= PART_TARGET_BYTES)) await this.flush();
      this.pending ??= { table, rows: [], bytes: 0 };
      this.pending.rows.push(json);
      this.pending.bytes += json.length;
    }
  }

  addRows(table: PartTable, rows: readonly object[]): Promise<void> {
    return this.addJsonRows(table, rows.map((row) => JSON.stringify(row)));
  }

  /** Finish with the manifest (its parts filled in here) signed under the exchange code. */
  async finish(manifest: Omit<Manifest, 'parts'>, code: string): Promise<{ bytes: Uint8Array; manifest: Manifest; hash: string }> {
    await this.flush();
    const full: Manifest = { ...manifest, parts: this.parts };
    const manifestBytes = strToU8(JSON.stringify(full, null, 1));
    this.add(MANIFEST_PATH, manifestBytes);
    this.add(MANIFEST_SIG_PATH, strToU8(await signature(code, manifestBytes)));
    this.zip.end();
    const bytes = new Uint8Array(this.chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const c of this.chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    return { bytes, manifest: full, hash: await sha256Hex(manifestBytes) };
  }
}
