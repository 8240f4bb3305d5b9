/**
 * The exchange package (数据包, `.dxpkg`) and the receipt (回执, `.dxack`): zip files whose
 * layout and fields docs/package-format.md specifies for other systems. Everything here is
 * what a reader must check before believing a byte of the file.
 */
import { z } from 'zod';
import { ATTENDANCE_STATUSES, SCHOOL_LEVELS } from '../domain/constants';
import { SYNCED_TABLE_NAMES, SYNCED_TABLES, TABLE_LABELS, auditEntrySchema, type AuditEntry, type SyncedTableName } from '../domain/records';

export const PACKAGE_FORMAT = 'dangxiao-desk-package';
export const RECEIPT_FORMAT = 'dangxiao-desk-receipt';
/** The newest format this code reads and the one it writes. */
export const FORMAT_VERSION = 1;

export const PACKAGE_EXTENSION = 'dxpkg';
export const RECEIPT_EXTENSION = 'dxack';

export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_SIG_PATH = 'manifest.sig';
export const RECEIPT_PATH = 'receipt.json';
export const RECEIPT_SIG_PATH = 'receipt.sig';

/**
 * Sizes are checked against the zip's directory before anything is inflated, so a zip bomb
 * is refused without allocating its claimed size. A whole county (40,000 trainees, 600,000
 * marks) unpacks to about 100 MB.
 */
export const LIMITS = {
  fileBytes: 512 * 1024 * 1024,
  unpackedBytes: 1536 * 1024 * 1024,
  partBytes: 64 * 1024 * 1024,
  manifestBytes: 4 * 1024 * 1024,
  entries: 20_000,
} as const;

/** A writer starts a new part file once the current one holds this many bytes of JSON. */
export const PART_TARGET_BYTES = 2 * 1024 * 1024;

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
export const sha256HexSchema = hex(64);
export const keyIdSchema = hex(16);
const id = z.string().min(1).max(64);
const seq = z.number().int().nonnegative();

export const schoolRefSchema = z.object({ schoolId: id, name: z.string().min(1).max(100) });
export type SchoolRef = z.infer<typeof schoolRefSchema>;

/**
 * The audit trail's attendance-related entries (操作日志) travel as a part of their own: they
 * are not records to merge but sealed links of their source's hash chain, added once and never
 * changed.
 */
export const AUDIT_PART = 'audit';
/** What a package's parts hold: the synced tables, then the audit entries. */
export type PartTable = SyncedTableName | typeof AUDIT_PART;
export const PART_TABLES: readonly PartTable[] = [...SYNCED_TABLE_NAMES, AUDIT_PART];
export const PART_LABELS: Record<PartTable, string> = { ...TABLE_LABELS, [AUDIT_PART]: '考勤操作日志' };

/** The audit entries a package carries: corrections of closed sessions and everything else done to attendance. */
export const isAttendanceAudit = (e: Pick<AuditEntry, 'table' | 'action'>): boolean => e.table === 'attendance' || e.action === 'attendance.correct';

/** The known tables, so a manifest cannot name `constructor` or a table of a newer app. */
export const tableNameSchema = z.enum(PART_TABLES as [PartTable, ...PartTable[]]);

export const partPath = (table: PartTable, index: number): string => `data/${table}-${String(index).padStart(4, '0')}.json`;
const partPathSchema = z.string().regex(/^data\/[a-zA-Z]{1,40}-\d{4}\.json$/);

/** Just enough to tell "not a package" from "a package of a newer app" before the full check. */
export const formatHeaderSchema = z.object({ format: z.string(), formatVersion: z.number().int().min(1) });

export const manifestSchema = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.number().int().min(1),
    appVersion: z.string().max(40),
    /** The writer's database schema version (renderer/src/data/db.ts). */
    schemaVersion: z.number().int().min(1),
    kind: z.enum(['full', 'incremental']),
    source: schoolRefSchema.extend({ level: z.enum(SCHOOL_LEVELS).nullable(), code: z.string().max(40) }),
    /** 1, 2, 3 … per source: the number a gap or a replay is named by. */
    sequence: z.number().int().min(1),
    /** The package before this one from the same source: the hash chain. */
    previous: z.object({ sequence: z.number().int().min(1), hash: sha256HexSchema }).nullable(),
    /** The source's change sequence numbers this package covers: fromSeq < seq ≤ toSeq. */
    range: z.object({ fromSeq: seq, toSeq: seq }).refine((r) => r.fromSeq <= r.toSeq, '变化范围无效'),
    createdAt: z.number().int().nonnegative(),
    identity: z.object({ keyId: keyIdSchema, idNumbers: z.enum(['hashed', 'plain']) }),
    tables: z.array(z.object({ table: tableNameSchema, count: seq, deleted: seq })).max(100),
    parts: z
      .array(z.object({ path: partPathSchema, table: tableNameSchema, count: seq, bytes: z.number().int().min(2).max(LIMITS.partBytes), sha256: sha256HexSchema }))
      .max(LIMITS.entries),
  })
  .refine((m) => (m.previous === null) === (m.sequence === 1), '序号与上一个数据包的记录不符')
  .refine((m) => !m.previous || m.previous.sequence < m.sequence, '上一个数据包的序号应小于本数据包');
export type Manifest = z.infer<typeof manifestSchema>;
export type PackageKind = Manifest['kind'];

/**
 * Annotations a package row carries beside the record's own fields. `_by` is the school whose
 * installation wrote this version (the owner, or whoever relayed or edited it); a trainee's ID
 * number travels as a keyed hash and its last four characters unless the sender allows it in full.
 */
export const rowAnnotationsSchema = z.object({
  _by: id,
  _idKey: sha256HexSchema.optional(),
  _idLast4: z.string().regex(/^[0-9X]{1,4}$/).optional(),
});
export type RowAnnotations = z.infer<typeof rowAnnotationsSchema>;

const rowSchemas = new Map<PartTable, z.ZodType>();
/** A package row of a table: the record's schema plus the annotations; an audit entry as its source sealed it. */
export function rowSchema(table: PartTable): z.ZodType<Record<string, unknown> & Partial<RowAnnotations>> {
  let schema = rowSchemas.get(table);
  if (!schema) rowSchemas.set(table, (schema = table === AUDIT_PART ? auditEntrySchema : SYNCED_TABLES[table].extend(rowAnnotationsSchema.shape)));
  return schema as z.ZodType<Record<string, unknown> & Partial<RowAnnotations>>;
}

const STATUSES = new Set<string>(ATTENDANCE_STATUSES);
const count = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= max;

/**
 * A mark exactly as markSchema (shared/domain/records.ts) takes it and gives it back: its five
 * fields, valid, and nothing else. A county package holds 600,000 marks, and zod validating
 * them one by one was the slowest step of checking it; this check passes nothing markSchema
 * would refuse or change (property-tested in format.test.ts), and a roster with any mark it
 * does not pass goes to zod, which decides and says what is wrong.
 */
function isPlainMark(m: unknown): boolean {
  if (typeof m !== 'object' || m === null || Array.isArray(m) || Object.keys(m).length !== 5) return false;
  const { status, minutesMissed, hours, by, at } = m as Record<string, unknown>;
  return (
    typeof status === 'string' && STATUSES.has(status) && count(minutesMissed, 24 * 60) && typeof hours === 'number' && hours >= 0 && hours <= 24 &&
    typeof by === 'string' && by.length <= 64 && count(at, Number.MAX_SAFE_INTEGER)
  );
}

/** An attendance row with its marks taken as they are, for isPlainMark to check. */
const rosterShell = SYNCED_TABLES.attendance.extend({ ...rowAnnotationsSchema.shape, marks: z.record(z.string().min(1).max(64), z.unknown()) });

type RowCheck = { success: true; data: Record<string, unknown> } | { success: false; error: z.ZodError };

/** Validate a row of a part: rowSchema's verdict, reached faster for attendance. */
export function validateRow(table: PartTable, raw: unknown): RowCheck {
  if (table === 'attendance') {
    const shell = rosterShell.safeParse(raw);
    if (shell.success && Object.values(shell.data.marks).every(isPlainMark)) return shell;
  }
  return rowSchema(table).safeParse(raw) as RowCheck;
}

export const receiptSchema = z.object({
  format: z.literal(RECEIPT_FORMAT),
  formatVersion: z.number().int().min(1),
  appVersion: z.string().max(40),
  createdAt: z.number().int().nonnegative(),
  /** Who imported the packages (the county), and whose packages they were. */
  from: schoolRefSchema,
  to: schoolRefSchema,
  keyId: keyIdSchema,
  /** The newest package imported from `to`, and how far its changes are now held: acknowledged up to toSeq. */
  acknowledged: z.object({ sequence: z.number().int().min(1), hash: sha256HexSchema, toSeq: seq }),
});
export type Receipt = z.infer<typeof receiptSchema>;
