import type { AuditEntry } from '../domain/records';
import { utf8 } from './platform';
import { sha256, toHex } from './sha256';

/** The previous hash of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields a hash covers: everything that says what happened. `seq`, `updatedAt` and
 * `deletedAt` are bookkeeping of the database that holds the entry (a package import
 * stamps its own), so they stay out.
 */
type Hashed = Omit<AuditEntry, 'hash' | 'seq' | 'updatedAt' | 'deletedAt'>;
const HASHED_KEYS = [
  'id', 'schoolId', 'createdAt', 'chainId', 'n', 'at', 'actorId', 'actorName', 'actorRole', 'action', 'table', 'recordId',
  'summary', 'before', 'after', 'reason', 'prevHash',
] as const satisfies readonly (keyof Hashed)[];

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(entry: Hashed): string {
  const covered = Object.fromEntries(HASHED_KEYS.map((k) => [k, entry[k]]));
  return toHex(sha256(utf8(canonicalJson(covered))));
}

/** The next entry of a chain, sealed with its hash. */
export function sealEntry(fields: Omit<AuditEntry, 'hash' | 'prevHash' | 'n'>, previous: { n: number; hash: string } | null): AuditEntry {
  const unsealed = { ...fields, n: (previous?.n ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: entryHash(unsealed) };
}

export type ChainBreakKind = 'altered' | 'missing' | 'relinked' | 'truncated';

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The entry where the chain stops holding (the last good one's successor). */
  n: number;
  entry: AuditEntry | null;
  message: string;
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; break: ChainBreak };

export interface ChainExpectation {
  /**
   * Whether every entry of the chain should be present (this installation's own chain).
   * Entries that came in packages are only the attendance-related part of another chain:
   * each is checked by itself, and links only between consecutive entries.
   */
  complete: boolean;
  /** Where this installation recorded its chain's end; entries cut off the end are found by it. */
  head?: { n: number; hash: string } | null;
}

/**
 * Checks one chain's entries, fed in order of `n` (in chunks, so a long trail need not be
 * read at once): the first place the chain does not hold, if any.
 */
export function chainVerifier(expect: ChainExpectation) {
  let previous: AuditEntry | null = null;
  let count = 0;
  let found: ChainBreak | null = null;
  const broken = (kind: ChainBreakKind, entry: AuditEntry, message: string) => {
    found = { kind, n: entry.n, entry, message };
  };
  return {
    push(entry: AuditEntry): void {
      if (found) return;
      count++;
      const expectedN = (previous?.n ?? 0) + 1;
      if (entryHash(entry) !== entry.hash) return broken('altered', entry, `第 ${entry.n} 条记录的内容已被改动`);
      if (entry.n !== expectedN && expect.complete) {
        return broken('missing', entry, entry.n > expectedN ? `第 ${expectedN} 至 ${entry.n - 1} 条记录缺失` : `第 ${entry.n} 条记录重复`);
      }
      if (entry.n === expectedN && entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
        return broken('relinked', entry, `第 ${entry.n} 条记录与前一条记录不衔接（前一条被改动、删除或替换）`);
      }
      previous = entry;
    },
    finish(): ChainCheck {
      const head = expect.head;
      const last = previous as AuditEntry | null;
      if (!found && head && (last?.n ?? 0) < head.n) {
        const n = (last?.n ?? 0) + 1;
        found = { kind: 'truncated', n, entry: null, message: `最后 ${head.n - n + 1} 条记录缺失（应有 ${head.n} 条）` };
      } else if (!found && head && last && last.n === head.n && last.hash !== head.hash) {
        found = { kind: 'altered', n: last.n, entry: last, message: `第 ${last.n} 条记录已被替换` };
      }
      return found ? { ok: false, count, break: found } : { ok: true, count };
    },
  };
}

export function verifyChain(entries: readonly AuditEntry[], expect: ChainExpectation): ChainCheck {
  const verifier = chainVerifier(expect);
  for (const entry of entries) verifier.push(entry);
  return verifier.finish();
}

/** Fields that are bookkeeping, not content: they change on every write and say nothing. */
const BOOKKEEPING = new Set(['updatedAt', 'seq']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Before → after of a change, holding only what changed. A nested map (an attendance
 * record's marks) is compared key by key, so correcting one mark records that mark only.
 */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown>; fields: string[] } {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown>, fields: [] as string[] };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (BOOKKEEPING.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    out.fields.push(key);
    if (isPlainObject(a) && isPlainObject(b)) {
      const inner = diffRecords(a, b);
      out.before[key] = inner.before;
      out.after[key] = inner.after;
    } else {
      out.before[key] = a ?? null;
      out.after[key] = b ?? null;
    }
  }
  return out;
}
