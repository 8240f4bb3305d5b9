/**
 * Opening a package: every check of docs/package-format.md, in order, before a caller may
 * write anything. A refusal is a Chinese sentence that names the source and what is wrong.
 */
import { strFromU8 } from 'fflate';
import type { RecordMeta } from '../domain/records';
import { normaliseIdNumber } from '../domain/idnumber';
import { fail, ok } from '../result';
import { inflateEntry, listEntries, readJsonEntry, signatureMatches } from './container';
import {
  AUDIT_PART, FORMAT_VERSION, MANIFEST_PATH, MANIFEST_SIG_PATH, PACKAGE_FORMAT, PART_LABELS, RECEIPT_FORMAT, formatHeaderSchema,
  manifestSchema, rowSchema, validateRow, type Manifest, type PartTable,
} from './format';
import { idKey, keyIdOf, sha256Hex } from './hash';

export type Part = Manifest['parts'][number];

/** A row of a package: the record, who wrote this version, and a trainee's identity key (an audit entry: its source). */
export interface PackageRow {
  record: RecordMeta & Record<string, unknown>;
  by: string;
  idKey?: string;
  idLast4?: string;
}

export interface Identity {
  key: string;
  last4: string;
}

export interface CheckedPackage {
  manifest: Manifest;
  /** SHA-256 of manifest.json: the package's name in the hash chain. */
  hash: string;
  size: number;
  /** Identity keys of the package's trainees (computed here when their numbers came in full). */
  identities: Map<string, Identity>;
  /**
   * A part's rows as they were validated, read again from the package's own copy of the file
   * (synchronous, for use inside a transaction).
   */
  rows(part: Part): PackageRow[];
}

/** A refusal names the package's manifest once its signature has been verified (for the ledger). */
export type OpenResult = { ok: true; value: CheckedPackage } | { ok: false; error: string; manifest?: Manifest };

export interface OpenOptions {
  /** The exchange code of this installation (its county's). */
  code: string;
  /** The newest database schema this app knows. */
  schemaVersion: number;
  /** Whether this installation takes the package (its chain, its source): a refusal, or null. */
  admit?: (manifest: Manifest) => Promise<string | null>;
  /** Each part's rows once they are valid (a preview can look at them while the file is checked). */
  onPart?: (part: Part, rows: PackageRow[]) => Promise<void>;
  onProgress?: (fraction: number) => void;
}

const NOT_A_PACKAGE = '这不是党校教务通的数据包（或文件已损坏），未做任何改动。';
const TOO_NEW = '此数据包由更新版本的党校教务通导出，本程序无法读取。请先升级本程序，未做任何改动。';

function splitRow(table: PartTable, parsed: Record<string, unknown>): PackageRow {
  if (table === AUDIT_PART) return { record: parsed as PackageRow['record'], by: parsed.schoolId as string };
  const { _by, _idKey, _idLast4, ...record } = parsed;
  return { record: record as PackageRow['record'], by: _by as string, idKey: _idKey as string | undefined, idLast4: _idLast4 as string | undefined };
}

/**
 * Whether validation kept the JSON as it was: every key at every depth, every value the same.
 * Then the JSON itself is what validation gives, and reading the part again needs no second
 * validation (the slowest step of an import: a county's 600,000 marks).
 */
function unchangedByValidation(raw: unknown, parsed: unknown): boolean {
  if (raw === parsed) return true;
  if (typeof raw !== 'object' || raw === null || typeof parsed !== 'object' || parsed === null) return false;
  if (Array.isArray(raw)) return Array.isArray(parsed) && raw.length === parsed.length && raw.every((x, i) => unchangedByValidation(x, parsed[i]));
  const keys = Object.keys(raw);
  if (Array.isArray(parsed) || keys.length !== Object.keys(parsed).length) return false;
  return keys.every((k) => Object.hasOwn(parsed, k) && unchangedByValidation((raw as Record<string, unknown>)[k], (parsed as Record<string, unknown>)[k]));
}

/** A part's rows as JSON, not yet validated: undefined when it is not a JSON array. */
function parseRows(partBytes: Uint8Array): unknown[] | undefined {
  try {
    const rows: unknown = JSON.parse(strFromU8(partBytes));
    return Array.isArray(rows) ? rows : undefined;
  } catch {
    return undefined;
  }
}

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '记录'}：${issue.message}` : '格式不符';
}

export async function openPackage(file: Uint8Array, opts: OpenOptions): Promise<OpenResult> {
  const listed = listEntries(file);
  if (!listed.ok) return listed;
  // Parts are read again when they are stored: from a copy nobody else can change in between.
  const bytes = file.slice();
  const entries = listed.value;
  const read = readJsonEntry(bytes, entries, MANIFEST_PATH);
  if (!read) return fail(NOT_A_PACKAGE);
  const { bytes: manifestBytes, json: raw } = read;
  const header = formatHeaderSchema.safeParse(raw);
  if (!header.success) return fail(NOT_A_PACKAGE);
  if (header.data.format === RECEIPT_FORMAT) return fail('这是一份回执文件，不是数据包：请在“上报数据”页用“导入回执”打开它。未做任何改动。');
  if (header.data.format !== PACKAGE_FORMAT) return fail(NOT_A_PACKAGE);
  if (header.data.formatVersion > FORMAT_VERSION) return fail(TOO_NEW);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return fail(`数据包的清单（manifest.json）无效（${describeIssue(parsed.error)}），未做任何改动。`);
  const manifest = parsed.data;
  const from = `「${manifest.source.name}」第 ${manifest.sequence} 号数据包`;
  if (manifest.schemaVersion > opts.schemaVersion) return fail(`${from}由更新版本的党校教务通导出（数据格式第 ${manifest.schemaVersion} 版），请先升级本程序。未做任何改动。`);

  if (manifest.identity.keyId !== (await keyIdOf(opts.code))) {
    return fail(`${from}使用的交换码与本机不同，不属于本市的数据交换（或本机的交换码填错了），未做任何改动。`);
  }
  const sig = entries.has(MANIFEST_SIG_PATH) ? inflateEntry(bytes, MANIFEST_SIG_PATH) : undefined;
  if (!(await signatureMatches(opts.code, manifestBytes, sig))) {
    return fail(`${from}的签名不符：清单在导出后被改动过，或文件不完整，未做任何改动。`);
  }

  const refuse = (error: string): OpenResult => ({ ok: false, error, manifest });
  // Asked now so a package that will be refused gets no preview; said after the file's own checks, which name worse problems.
  const refusal = await opts.admit?.(manifest);
  // The directory must hold exactly the manifest, its signature and the listed parts, at their sizes.
  const expected = new Set([MANIFEST_PATH, MANIFEST_SIG_PATH]);
  for (const part of manifest.parts) {
    if (expected.has(part.path)) return refuse(`${from}的清单重复列出了「${part.path}」，未做任何改动。`);
    expected.add(part.path);
    const entry = entries.get(part.path);
    if (!entry) return refuse(`${from}不完整：缺少「${part.path}」，未做任何改动。`);
    if (entry.originalSize !== part.bytes) return refuse(`${from}中「${part.path}」的大小与清单不符，可能被改动过，未做任何改动。`);
  }
  const extra = [...entries.keys()].find((name) => !expected.has(name));
  if (extra) return refuse(`${from}含有清单之外的文件「${extra}」，可能被改动过，未做任何改动。`);
  for (const t of manifest.tables) {
    const inParts = manifest.parts.filter((p) => p.table === t.table).reduce((n, p) => n + p.count, 0);
    if (inParts !== t.count || t.deleted > t.count) return refuse(`${from}的清单中「${PART_LABELS[t.table]}」的条数前后不符，未做任何改动。`);
  }
  if (manifest.parts.some((p) => !manifest.tables.some((t) => t.table === p.table))) return refuse(`${from}的清单无效，未做任何改动。`);

  const identities = new Map<string, Identity>();
  const plainIds = new Map<string, string>();
  const seen = new Map<PartTable, Set<string>>();
  const deleted = new Map<PartTable, number>();
  const rowsBefore = new Map<PartTable, number>();
  /** Parts whose rows validation changed (unknown fields dropped): validated again when read again. */
  const revalidate = new Set<string>();
  const { fromSeq, toSeq } = manifest.range;
  for (const [index, part] of manifest.parts.entries()) {
    const label = PART_LABELS[part.table];
    let partBytes: Uint8Array;
    try {
      partBytes = inflateEntry(bytes, part.path);
    } catch {
      return refuse(`${from}中「${label}」的数据无法解压，文件已损坏，未做任何改动。`);
    }
    if ((await sha256Hex(partBytes)) !== part.sha256) return refuse(`${from}中「${label}」的数据与校验值不符：文件已损坏或被改动过，未做任何改动。`);
    const raws = parseRows(partBytes);
    if (!raws || raws.length !== part.count) return refuse(`${from}中「${label}」的数据格式无效，未做任何改动。`);
    const ids = seen.get(part.table) ?? new Set<string>();
    seen.set(part.table, ids);
    const before = rowsBefore.get(part.table) ?? 0;
    rowsBefore.set(part.table, before + raws.length);
    const rows: PackageRow[] = [];
    for (const [i, raw] of raws.entries()) {
      const where = `${from}中「${label}」第 ${before + i + 1} 条记录`;
      const result = validateRow(part.table, raw);
      if (!result.success) return refuse(`${where}无效（${describeIssue(result.error)}），未做任何改动。`);
      if (!revalidate.has(part.path) && !unchangedByValidation(raw, result.data)) revalidate.add(part.path);
      const row = splitRow(part.table, result.data);
      rows.push(row);
      const { id, seq, deletedAt } = row.record;
      if (ids.has(id)) return refuse(`${where}与前面的记录编号重复，未做任何改动。`);
      ids.add(id);
      if (seq <= fromSeq || seq > toSeq) return refuse(`${where}的变化序号超出了数据包声明的范围，未做任何改动。`);
      if (deletedAt !== null) deleted.set(part.table, (deleted.get(part.table) ?? 0) + 1);
      if (part.table === 'trainees') {
        const idNumber = normaliseIdNumber(String(row.record.idNumber ?? ''));
        if (manifest.identity.idNumbers === 'hashed') {
          if (idNumber) return refuse(`${where}带有完整身份证号，而清单声明只上报摘要：数据包不可信，未做任何改动。`);
          if (row.idKey) identities.set(id, { key: row.idKey, last4: row.idLast4 ?? '' });
        } else if (idNumber) {
          plainIds.set(id, idNumber);
        }
      }
    }
    if (!refusal) await opts.onPart?.(part, rows);
    opts.onProgress?.((index + 1) / manifest.parts.length);
  }
  for (const t of manifest.tables) {
    if ((deleted.get(t.table) ?? 0) !== t.deleted) return refuse(`${from}的清单中「${PART_LABELS[t.table]}」的删除条数与数据不符，未做任何改动。`);
  }
  if (refusal) return refuse(refusal);
  const plain = [...plainIds];
  for (let i = 0; i < plain.length; i += 1000) {
    const batch = plain.slice(i, i + 1000);
    const keys = await Promise.all(batch.map(([, idNumber]) => idKey(opts.code, idNumber)));
    batch.forEach(([traineeId, idNumber], k) => identities.set(traineeId, { key: keys[k]!, last4: idNumber.slice(-4) }));
  }

  return ok({
    manifest,
    hash: await sha256Hex(manifestBytes),
    size: bytes.byteLength,
    identities,
    rows: (part) => {
      const raws = parseRows(inflateEntry(bytes, part.path)) ?? [];
      const schema = revalidate.has(part.path) ? rowSchema(part.table) : null;
      return raws.map((raw) => splitRow(part.table, schema ? schema.parse(raw) : (raw as Record<string, unknown>)));
    },
  });
}
