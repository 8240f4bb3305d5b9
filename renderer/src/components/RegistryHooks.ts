import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { School } from '../../../shared/domain/records';
import { schoolsInCharge, type RegistryTable } from '../data/registries/common';
import { compareText } from '../data/reports/scope';
import { db } from '../data/instance';
import type { RecordOf } from '../data/write';

const NO_SCHOOLS: School[] = [];

/** This school and those under it, own first (empty while loading). */
export function useSchoolsInCharge(): School[] {
  return useLiveQuery(() => schoolsInCharge(), []) ?? NO_SCHOOLS;
}

/** Every school's name by id, for showing where a record belongs or a trainee moved to. */
export function useSchoolNames(): Map<string, string> {
  const schools = useLiveQuery(() => db().schools.toArray(), []);
  return useMemo(() => new Map((schools ?? []).map((s) => [s.id, s.name])), [schools]);
}

/** The distinct non-empty values of a text (or text list) field, sorted as Chinese text, for filter and autocomplete options. */
export function distinctValues<T>(records: readonly T[], key: keyof T): string[] {
  const values = new Set<string>();
  for (const r of records) {
    const v = r[key] as string | string[];
    for (const x of Array.isArray(v) ? v : [v]) if (x) values.add(x);
  }
  return [...values].sort(compareText);
}

/** distinctValues of records read by a live query (none while they load). */
export function useDistinct<T>(records: readonly T[] | undefined, key: keyof T): string[] {
  return useMemo(() => distinctValues(records ?? [], key), [records, key]);
}

/** One registry record, kept current: undefined while reading, null when missing or deleted. */
export function useLiveRecord<K extends RegistryTable>(table: K, id: string): RecordOf<K> | null | undefined {
  return useLiveQuery(async () => {
    const record = (await db().table(table).get(id)) as RecordOf<K> | undefined;
    return record && record.deletedAt === null ? record : null;
  }, [table, id]);
}
