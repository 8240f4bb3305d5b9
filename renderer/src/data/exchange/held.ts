/**
 * Which records a table holds, read once per import as keys only. IndexedDB costs per request
 * (docs: PERFORMANCE), so an import of many records looks up only the records that exist, and
 * reads a run of them by key range when the package holds most of that run (a school's full
 * package meeting what the county already has of it), instead of one request per record. A
 * small import looks its few records up directly instead of reading every key.
 */
import type { Table } from 'dexie';

/** Read a key range at once when the package's records are at least this share of what the range holds. */
const RANGE_SHARE = 0.5;
/** Below this many records, single lookups cost less than reading a range. */
const RANGE_MIN = 20;

/** Below this many records of a table, an import looks them up directly rather than reading the table's keys. */
export const FEW_RECORDS = 1000;

export class HeldKeys {
  private readonly set: Set<string> | null;

  /** `sorted`: the table's keys; null when they were not read (everything is looked up). */
  private constructor(private readonly sorted: readonly string[] | null) {
    this.set = sorted && new Set(sorted);
  }

  /** The table's keys, in key order (IndexedDB orders strings by UTF-16 code units, as `<` does). */
  static async of(table: Table): Promise<HeldKeys> {
    return new HeldKeys((await table.toCollection().primaryKeys()) as string[]);
  }

  /** Keys not read: every record is looked up. */
  static unread(): HeldKeys {
    return new HeldKeys(null);
  }

  /** Whether the table may hold `key` (surely not, when false). */
  has(key: string): boolean {
    return !this.set || this.set.has(key);
  }

  /** How many keys lie in [lo, hi]. */
  private countBetween(sorted: readonly string[], lo: string, hi: string): number {
    const index = (key: string, after: boolean) => {
      let [a, b] = [0, sorted.length];
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (sorted[mid]! < key || (after && sorted[mid] === key)) a = mid + 1;
        else b = mid;
      }
      return a;
    };
    return index(hi, true) - index(lo, false);
  }

  /** The held records among `ids`, by id: a range read where they are most of their range, else single lookups. */
  async read<T extends { id: string }>(table: Table, ids: readonly string[]): Promise<Map<string, T>> {
    const present = ids.filter((id) => this.has(id)).sort();
    if (present.length === 0) return new Map();
    const [lo, hi] = [present[0]!, present[present.length - 1]!];
    const rows =
      this.sorted && present.length >= RANGE_MIN && present.length >= RANGE_SHARE * this.countBetween(this.sorted, lo, hi)
        ? ((await table.where(':id').between(lo, hi, true, true).toArray()) as T[])
        : ((await table.bulkGet(present)) as (T | undefined)[]).filter((r): r is T => r !== undefined);
    const wanted = new Set(present);
    return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r]));
  }
}
