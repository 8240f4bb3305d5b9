import type { Table } from 'dexie';
import { z } from 'zod';
import { parseName } from '../../../../shared/import/fields';
import { normaliseCell } from '../../../../shared/import/normalise';
import type { RecordMeta, School, Session } from '../../../../shared/domain/records';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { saveRecord, selfSchoolId, type Draft, type RecordOf } from '../write';

/** A registry rule a write broke; `field` names the form field to show it on. */
export class RegistryRuleError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'RegistryRuleError';
  }
}

const readName = parseName(z.string());

/**
 * A person's name as the importer reads a cell: half-width, single spaces, no padding
 * between Chinese characters (张 三 → 张三), so a form's record and a roster's compare equal.
 */
export function cleanName(name: string): string {
  const cleaned = readName(normaliseCell(name));
  return cleaned.ok ? cleaned.value : normaliseCell(name);
}

export type RegistryTable = 'trainees' | 'instructors' | 'sites';

export const alive = (r: { deletedAt: number | null }) => r.deletedAt === null;

/** A record that exists and is not a tombstone, or a Chinese error. */
export async function liveRecord<T extends RecordMeta>(table: Table<T, string>, id: string): Promise<T> {
  const record = await table.get(id);
  if (!record || record.deletedAt !== null) throw new RegistryRuleError('该记录不存在或已被删除，请刷新后重试');
  return record;
}

/**
 * Inside a write transaction: the live record an input edits (none for a new one), and the
 * school the record belongs to (its own, else the input's, else this school).
 */
export async function editTarget<T extends RecordMeta>(
  table: Table<T, string>, input: { id?: string; schoolId?: string },
): Promise<{ before: T | undefined; schoolId: string }> {
  const before = input.id ? await liveRecord(table, input.id) : undefined;
  return { before, schoolId: before?.schoolId ?? input.schoolId ?? (await selfSchoolId()) };
}

/**
 * Change some fields of one record (a status change: retire, pause, reinstate …). Registry
 * records are never deleted, since sessions and attendance point at them.
 */
export async function patchRecord<K extends RegistryTable>(
  table: K, id: string, patch: Partial<Draft<K>>,
): Promise<RecordOf<K>> {
  const d = db();
  const t = d.table(table) as Table<RecordOf<K>, string>;
  return d.transaction('rw', d.meta, t, async () => {
    const before = await liveRecord(t, id);
    return saveRecord(table, { ...before, ...patch } as Draft<K>);
  });
}

/** This school and the schools under it (a town school keeps its village schools' rosters), own first. */
export async function schoolsInCharge(d: DxDatabase = db()): Promise<School[]> {
  const own = await selfSchoolId(d);
  const all = (await d.schools.toArray()).filter(alive);
  const children = new Map<string, School[]>();
  for (const s of all) if (s.parentId) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  const out: School[] = [];
  const visit = (s: School | undefined) => {
    if (!s || out.includes(s)) return;
    out.push(s);
    for (const c of children.get(s.id) ?? []) visit(c);
  };
  visit(all.find((s) => s.id === own));
  return out;
}

export interface SessionRow {
  id: string;
  date: string;
  start: string;
  end: string;
  minutes: number;
  status: Session['status'];
  course: string;
  className: string;
  site: string;
  instructors: string;
}

const names = async <T extends { id: string }>(table: Table<T, string>, ids: Iterable<string>, label: (r: T) => string) => {
  const unique = [...new Set(ids)];
  const rows = await table.bulkGet(unique);
  return new Map(unique.map((id, i) => [id, rows[i] ? label(rows[i]!) : '（已删除）']));
};

/** Sessions with the titles and names they point at, newest first, for a detail page. */
export async function describeSessions(sessions: Session[]): Promise<SessionRow[]> {
  const d = db();
  const live = sessions.filter(alive);
  const [courses, classes, sites, instructors] = await Promise.all([
    names(d.courses, live.map((s) => s.courseId), (c) => c.title),
    names(d.classes, live.map((s) => s.classId), (c) => c.title),
    names(d.sites, live.map((s) => s.siteId), (s) => s.name),
    names(d.instructors, live.flatMap((s) => s.instructorIds), (i) => i.name),
  ]);
  return live
    .map((s) => ({
      id: s.id, date: s.date, start: s.start, end: s.end, minutes: s.minutes, status: s.status,
      course: courses.get(s.courseId)!, className: classes.get(s.classId)!, site: sites.get(s.siteId)!,
      instructors: s.instructorIds.map((i) => instructors.get(i)).join('、'),
    }))
    .sort((a, b) => (b.date + b.start).localeCompare(a.date + a.start));
}
