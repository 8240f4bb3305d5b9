/**
 * The exchange's own tables (declared in db.ts): the package ledger, what was imported from
 * each source, conflicts waiting for a person, and trainees' identity links. Local to this
 * installation, never sent in a package; kept in backups.
 */
import { z } from 'zod';
import type { RecordMeta, SyncedTableName } from '../../../../shared/domain/records';
import type { PackageKind, PartTable } from '../../../../shared/package/format';
import type { Outcome } from '../../../../shared/package/merge';
import type { DxDatabase } from '../db';

/** Per table: the merge outcomes of an import, or what an export held. */
export type TableCounts = Partial<Record<Outcome | 'records' | 'deletedRecords', number>>;

/** One package or receipt that left or reached this installation, whatever became of it. */
export interface LedgerEntry {
  id: string;
  at: number;
  direction: 'export' | 'import';
  kind: 'package' | 'receipt';
  /** Whose package: this school for exports, the sender for imports; for receipts the school it concerns. */
  sourceId: string;
  sourceName: string;
  sequence: number | null;
  packageKind: PackageKind | null;
  range: { fromSeq: number; toSeq: number } | null;
  hash: string | null;
  fileName: string;
  bytes: number;
  /** When the package was made, as its manifest says. */
  createdAt: number | null;
  counts: Partial<Record<PartTable, TableCounts>>;
  result: 'ok' | 'refused' | 'cancelled' | 'failed';
  message: string;
}

/** What has been imported from one source school (its packages' chain). */
export interface SourceEntry {
  id: string;
  name: string;
  lastSequence: number;
  lastHash: string;
  importedToSeq: number;
  lastImportedAt: number;
}

/** A stored version: the record and which installation wrote it. */
export interface StoredVersion {
  record: RecordMeta & Record<string, unknown>;
  by: string;
}

/** Two versions of a record neither owner wrote, from different installations, that disagree. */
export interface ConflictEntry {
  id: string;
  table: SyncedTableName;
  recordId: string;
  detectedAt: number;
  /** The package that brought it (a ledger entry). */
  ledgerId: string;
  sourceName: string;
  /** The version kept for now, and the other. */
  current: StoredVersion;
  other: StoredVersion;
  resolvedAt: number | null;
  resolution: 'current' | 'other' | null;
}

/** A trainee record's identity key (the keyed hash of its ID number) and the number's last four characters. */
export interface IdentityLink {
  traineeId: string;
  key: string;
  last4: string;
  /** Computed here from the full number, or received in a package. */
  from: 'local' | 'package';
}

/** The trainee records sharing a key: one person, named by the earliest record (`personId`). Stored for keys of two records or more. */
export interface IdentityGroup {
  key: string;
  traineeIds: string[];
  personId: string;
  size: number;
}

/**
 * Identity links packed by a hash of the trainee id into at most LINK_BUCKETS records, by
 * column (as the rolls): IndexedDB costs per record, and a county keeps 40,000 links, all of
 * them read by every import of many trainees.
 */
export interface LinkBucket {
  bucket: number;
  traineeIds: string[];
  keys: string[];
  last4: string[];
  from: IdentityLink['from'][];
}
const LINK_BUCKETS = 256;

export function bucketOf(traineeId: string): number {
  let h = 0;
  for (let i = 0; i < traineeId.length; i++) h = (Math.imul(h, 31) + traineeId.charCodeAt(i)) | 0;
  return (h >>> 0) % LINK_BUCKETS;
}

const emptyBucket = (bucket: number): LinkBucket => ({ bucket, traineeIds: [], keys: [], last4: [], from: [] });

/** Put links into their buckets (each replacing the trainee's link there), or take trainees' links out. */
export function setLinks(buckets: Map<number, LinkBucket>, puts: readonly IdentityLink[], deletes: readonly string[] = []): void {
  const bucket = (traineeId: string) => {
    const n = bucketOf(traineeId);
    let b = buckets.get(n);
    if (!b) buckets.set(n, (b = emptyBucket(n)));
    return b;
  };
  for (const traineeId of deletes) {
    const b = bucket(traineeId);
    const i = b.traineeIds.indexOf(traineeId);
    if (i >= 0) for (const column of [b.traineeIds, b.keys, b.last4, b.from]) column.splice(i, 1);
  }
  for (const link of puts) {
    const b = bucket(link.traineeId);
    let i = b.traineeIds.indexOf(link.traineeId);
    if (i < 0) i = b.traineeIds.length;
    [b.traineeIds[i], b.keys[i], b.last4[i], b.from[i]] = [link.traineeId, link.key, link.last4, link.from];
  }
}

/** Links in their buckets. */
export function packLinks(links: readonly IdentityLink[]): LinkBucket[] {
  const buckets = new Map<number, LinkBucket>();
  setLinks(buckets, links);
  return [...buckets.values()];
}

export const linksIn = (b: LinkBucket): IdentityLink[] => b.traineeIds.map((traineeId, i) => ({ traineeId, key: b.keys[i]!, last4: b.last4[i]!, from: b.from[i]! }));

export const ledger = (d: DxDatabase) => d.table<LedgerEntry, string>('packageLedger');
export const sources = (d: DxDatabase) => d.table<SourceEntry, string>('exchangeSources');
export const conflicts = (d: DxDatabase) => d.table<ConflictEntry, string>('exchangeConflicts');
export const linkBuckets = (d: DxDatabase) => d.table<LinkBucket, number>('identityLinkBuckets');
export const identityGroups = (d: DxDatabase) => d.table<IdentityGroup, string>('identityGroups');

export const EXCHANGE_TABLE_NAMES = ['packageLedger', 'exchangeSources', 'exchangeConflicts', 'identityLinkBuckets', 'identityGroups'] as const;

const version = z.object({ record: z.record(z.string(), z.unknown()), by: z.string() });
/**
 * The shape of these tables' rows, for checking a backup before it is restored. Loose: a
 * restore keeps the parsed rows, and every field of these rows is worth keeping.
 */
/** A link as tables of schema version 1 (and their backups) kept it, one record per trainee. */
export const linkSchema = z.object({ traineeId: z.string(), key: z.string(), last4: z.string(), from: z.enum(['local', 'package']) });

export const EXCHANGE_BACKUP_SCHEMAS: Record<(typeof EXCHANGE_TABLE_NAMES)[number], z.ZodType> = {
  packageLedger: z.looseObject({ id: z.string(), at: z.number(), direction: z.enum(['export', 'import']), kind: z.enum(['package', 'receipt']), result: z.string() }),
  exchangeSources: z.looseObject({ id: z.string(), name: z.string(), lastSequence: z.number(), lastHash: z.string(), importedToSeq: z.number(), lastImportedAt: z.number() }),
  exchangeConflicts: z.looseObject({ id: z.string(), table: z.string(), recordId: z.string(), current: version, other: version }),
  identityLinkBuckets: z
    .looseObject({
      bucket: z.number().int().min(0).max(LINK_BUCKETS - 1),
      traineeIds: z.array(z.string()), keys: z.array(z.string()), last4: z.array(z.string()), from: z.array(z.enum(['local', 'package'])),
    })
    .refine((b) => [b.keys, b.last4, b.from].every((c) => c.length === b.traineeIds.length) && b.traineeIds.every((id) => bucketOf(id) === b.bucket)),
  identityGroups: z.looseObject({ key: z.string(), traineeIds: z.array(z.string()), personId: z.string(), size: z.number() }),
};
