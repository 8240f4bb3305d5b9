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

export const ledger = (d: DxDatabase) => d.table<LedgerEntry, string>('packageLedger');
export const sources = (d: DxDatabase) => d.table<SourceEntry, string>('exchangeSources');
export const conflicts = (d: DxDatabase) => d.table<ConflictEntry, string>('exchangeConflicts');
export const identityLinks = (d: DxDatabase) => d.table<IdentityLink, string>('identityLinks');
export const identityGroups = (d: DxDatabase) => d.table<IdentityGroup, string>('identityGroups');

export const EXCHANGE_TABLE_NAMES = ['packageLedger', 'exchangeSources', 'exchangeConflicts', 'identityLinks', 'identityGroups'] as const;

const version = z.object({ record: z.record(z.string(), z.unknown()), by: z.string() });
/**
 * The shape of these tables' rows, for checking a backup before it is restored. Loose: a
 * restore keeps the parsed rows, and every field of these rows is worth keeping.
 */
export const EXCHANGE_BACKUP_SCHEMAS: Record<(typeof EXCHANGE_TABLE_NAMES)[number], z.ZodType> = {
  packageLedger: z.looseObject({ id: z.string(), at: z.number(), direction: z.enum(['export', 'import']), kind: z.enum(['package', 'receipt']), result: z.string() }),
  exchangeSources: z.looseObject({ id: z.string(), name: z.string(), lastSequence: z.number(), lastHash: z.string(), importedToSeq: z.number(), lastImportedAt: z.number() }),
  exchangeConflicts: z.looseObject({ id: z.string(), table: z.string(), recordId: z.string(), current: version, other: version }),
  identityLinks: z.looseObject({ traineeId: z.string(), key: z.string(), last4: z.string(), from: z.enum(['local', 'package']) }),
  identityGroups: z.looseObject({ key: z.string(), traineeIds: z.array(z.string()), personId: z.string(), size: z.number() }),
};
