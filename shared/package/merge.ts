/**
 * How an incoming version of a record meets the one already here (pure; see
 * docs/package-format.md, "Merge rules").
 *
 * Versions are totally ordered, and the merge keeps the greater one, so imports commute and
 * repeat without effect: whatever the order packages arrive in, every installation that has
 * seen the same versions holds the same records.
 *   1. A version written by the record's owner (its `schoolId`) beats any other: a school is
 *      the authority on its own registries and attendance, the county on what it owns.
 *   2. Then the newer `updatedAt`.
 *   3. Then a fixed order of the contents, then of the writer, so ties break the same way
 *      everywhere.
 * Attendance is merged mark by mark (a newer `at` wins), since two devices of one school
 * legitimately mark different trainees of the same session; its corrections and walk-ins are
 * unions. Two versions that neither owner wrote, from different writers, that disagree, are a
 * true conflict: the greater one is kept and both go to a list for a person to decide.
 */
import type { Attendance, Mark, RecordMeta, SyncedTableName } from '../domain/records';

/** A record as some installation wrote it: `by` is that installation's school. */
export interface Version<T extends RecordMeta = RecordMeta> {
  record: T;
  by: string;
}

export type Outcome = 'new' | 'updated' | 'unchanged' | 'conflicting' | 'deleted';
export const OUTCOMES: Outcome[] = ['new', 'updated', 'unchanged', 'conflicting', 'deleted'];

export interface MergeResult<T extends RecordMeta = RecordMeta> {
  outcome: Outcome;
  /** What to store; null when the local version stays exactly as it is. */
  write: Version<T> | null;
  /** A true conflict: the version kept for now and the other one. */
  conflict: { current: Version<T>; other: Version<T> } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON-like values; a missing key equals one set to undefined. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  for (const k in a) if (!deepEqual(a[k], b[k])) return false;
  for (const k in b) if (!(k in a) && b[k] !== undefined) return false;
  return true;
}

/** Same record content, whatever this or another installation's change sequence says. */
export function contentEqual(a: RecordMeta, b: RecordMeta): boolean {
  for (const k in a) if (k !== 'seq' && !deepEqual((a as never)[k], (b as never)[k])) return false;
  for (const k in b) if (k !== 'seq' && !(k in a) && (b as never)[k] !== undefined) return false;
  return true;
}

/** JSON with object keys sorted, undefined left out: one text per content, for tiebreaks. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Fields of attendance merged by their own rules, so the record-level order leaves them out. */
const ATTENDANCE_PARTS = new Set(['marks', 'walkIns', 'corrections']);

/** The record's fields without the seq and, for attendance, without the parts merged on their own. */
function rankedFields(table: SyncedTableName, record: RecordMeta): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== 'seq' && !(table === 'attendance' && ATTENDANCE_PARTS.has(k))) fields[k] = v;
  return fields;
}

/** A fixed order of contents; the canonical texts are built only when the contents differ (rarely: same owner bit and time). */
function compareContents(table: SyncedTableName, a: RecordMeta, b: RecordMeta): number {
  const [x, y] = [rankedFields(table, a), rankedFields(table, b)];
  return deepEqual(x, y) ? 0 : compareText(canonicalJson(x), canonicalJson(y));
}

export const ownerWrote = (v: Version): boolean => v.by === v.record.schoolId;

/**
 * The order of versions of one record: > 0 when `a` wins, 0 only for the same content (for
 * attendance: the same apart from its marks, walk-ins and corrections, which merge on their own).
 */
export function compareVersions(table: SyncedTableName, a: Version, b: Version): number {
  return (
    Number(ownerWrote(a)) - Number(ownerWrote(b)) ||
    a.record.updatedAt - b.record.updatedAt ||
    compareContents(table, a.record, b.record) ||
    compareText(a.by, b.by)
  );
}

/** Marks: the later `at` wins, then the author, then the content. */
export function compareMarks(a: Mark, b: Mark): number {
  return a.at - b.at || compareText(a.by, b.by) || (deepEqual(a, b) ? 0 : compareText(canonicalJson(a), canonicalJson(b)));
}

function mergeMarks(winner: Record<string, Mark>, loser: Record<string, Mark>): Record<string, Mark> {
  const dominated = Object.entries(loser).every(([k, m]) => winner[k] !== undefined && compareMarks(winner[k], m) >= 0);
  if (dominated) return winner;
  const merged: Record<string, Mark> = {};
  for (const k of [...new Set([...Object.keys(winner), ...Object.keys(loser)])].sort()) {
    const a = winner[k];
    const b = loser[k];
    merged[k] = !a ? b! : !b ? a : compareMarks(a, b) >= 0 ? a : b;
  }
  return merged;
}

/**
 * The union of two lists: the winner's list as it is when it already holds every item of the
 * loser's, else all items in a fixed order. Between versions that tie (so neither is the
 * winner), only an identical list is kept as it is, which keeps the result independent of order.
 */
function unionList<T>(winner: T[], loser: T[], tie: boolean, key: (item: T) => string, order: (a: T, b: T) => number): T[] {
  const have = new Map(winner.map((x) => [key(x), x]));
  if (tie ? deepEqual(winner, loser) : loser.every((x) => have.has(key(x)))) return winner;
  for (const x of loser) if (!have.has(key(x))) have.set(key(x), x);
  return [...have.values()].sort(order);
}

function mergeAttendance(winner: Version<Attendance>, loser: Version<Attendance>, tie: boolean): Version<Attendance> {
  const w = winner.record;
  const l = loser.record;
  const [wWalkIns, wCorrections] = [w.walkIns ?? [], w.corrections ?? []];
  const marks = mergeMarks(w.marks, l.marks);
  const walkIns = unionList(wWalkIns, l.walkIns ?? [], tie, (x) => x, compareText);
  const corrections = unionList(wCorrections, l.corrections ?? [], tie, (c) => c.id, (a, b) => a.at - b.at || compareText(a.id, b.id));
  if (marks === w.marks && walkIns === wWalkIns && corrections === wCorrections) return winner;
  return { by: winner.by, record: { ...w, marks, walkIns, corrections } };
}

/** The merge of two versions of one record: associative, commutative and idempotent. */
export function mergeVersions<T extends RecordMeta>(table: SyncedTableName, a: Version<T>, b: Version<T>): Version<T> {
  const order = compareVersions(table, a, b);
  const [winner, loser] = order >= 0 ? [a, b] : [b, a];
  if (table !== 'attendance') return winner;
  return mergeAttendance(winner as unknown as Version<Attendance>, loser as unknown as Version<Attendance>, order === 0) as unknown as Version<T>;
}

/** Neither owner wrote them, different installations did, and they disagree. */
export function isTrueConflict(table: SyncedTableName, a: Version, b: Version): boolean {
  return table !== 'attendance' && !ownerWrote(a) && !ownerWrote(b) && a.by !== b.by && !contentEqual(a.record, b.record);
}

/** What importing `incoming` does to the local version, if there is one. */
export function mergeRecord<T extends RecordMeta>(table: SyncedTableName, local: Version<T> | undefined, incoming: Version<T>): MergeResult<T> {
  if (!local) return { outcome: incoming.record.deletedAt === null ? 'new' : 'deleted', write: incoming, conflict: null };
  const merged = mergeVersions(table, local, incoming);
  const changed = !contentEqual(merged.record, local.record);
  // Same content from another writer still records who wrote it, so the next merge ranks it right.
  const write = changed || merged.by !== local.by ? merged : null;
  if (isTrueConflict(table, local, incoming)) {
    return { outcome: 'conflicting', write, conflict: { current: merged, other: merged === local ? incoming : local } };
  }
  const outcome: Outcome = !changed
    ? 'unchanged'
    : merged.record.deletedAt !== null && local.record.deletedAt === null
      ? 'deleted'
      : 'updated';
  return { outcome, write, conflict: null };
}
