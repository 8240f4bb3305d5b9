/**
 * Which installation wrote the version of a record held here. A record written here carries
 * nothing extra; one stored by an import carries `_origin: { by, at }`, valid only while
 * `at` equals its `updatedAt`: any later local write (saveRecords drops unknown fields,
 * every write stamps a new updatedAt) makes it this installation's own again.
 */
import type { RecordMeta } from '../../../../shared/domain/records';
import type { Version } from '../../../../shared/package/merge';

export interface Origin {
  by: string;
  at: number;
}
export type StoredRecord = RecordMeta & { _origin?: Origin };

/** The stored row as a version: the record without the annotation, and its writer. */
export function versionOf(row: StoredRecord, self: string): Version {
  const { _origin, ...record } = row;
  return { record, by: _origin && _origin.at === record.updatedAt ? _origin.by : self };
}

/** A version as stored here under a new local seq, so a county can pass it on in its own packages. */
export function storedOf(version: Version, self: string, seq: number): StoredRecord {
  const row: StoredRecord = { ...version.record, seq };
  if (version.by !== self) row._origin = { by: version.by, at: version.record.updatedAt };
  return row;
}
