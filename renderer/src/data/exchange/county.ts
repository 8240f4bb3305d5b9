/**
 * The county's view over the schools whose data it holds: who they are, when each last sent a
 * package, who is late, and each school's headline figures (the 上报汇总表 in brief). Reads
 * indexes and the packed caches, never attendance marks.
 */
import { ledgerRollTrainees, yearSessionsOf, yearTotalsOf } from '../caches';
import { addHours } from '../../../../shared/rules/totals';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { compareText, schoolsWithData } from '../reports/scope';
import { selfSchoolId } from '../write';
import { linkedPersons } from './identity';
import { sources, type SourceEntry } from './tables';

export interface SchoolOption {
  id: string;
  name: string;
}

const DAY = 86_400_000;

/**
 * The schools that hold data here or have sent packages, this school first: what the county's
 * school filters offer. A placeholder school record (a parent typed by name) owns nothing and is left out.
 */
export async function countySchools(d: DxDatabase = db()): Promise<SchoolOption[]> {
  const [self, withData, sent] = await Promise.all([selfSchoolId(d), schoolsWithData(), sources(d).toArray()]);
  const options = new Map<string, string>(withData.map((s) => [s.id, s.name]));
  for (const s of sent) if (!options.has(s.id)) options.set(s.id, s.name);
  if (!options.has(self)) options.set(self, (await d.schools.get(self))?.name ?? '本校');
  return [...options]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => (a.id === self ? -1 : b.id === self ? 1 : compareText(a.name, b.name)));
}

export interface CountySchoolRow {
  schoolId: string;
  name: string;
  isSelf: boolean;
  source: SourceEntry | null;
  /** Whole days since its last package arrived; null when it never sent one. */
  daysSince: number | null;
  late: boolean;
  trainees: number;
  heldSessions: number;
  /** 学时 credited this year (attendance and external). */
  hours: number;
}

export interface CountyOverview {
  year: number;
  staleDays: number;
  rows: CountySchoolRow[];
  /** Schools under the county that are late, or never sent a package. */
  late: CountySchoolRow[];
  /** Trainees on the roll, counting a person registered at several schools once. */
  people: number;
  /** People whose records at several schools are linked. */
  linkedPeople: number;
}

export async function countyOverview(year: number, staleDays: number, now = Date.now(), d: DxDatabase = db()): Promise<CountyOverview> {
  const self = await selfSchoolId(d);
  const [schools, sent, trainees, years, totals, links, children] = await Promise.all([
    countySchools(d),
    sources(d).toArray(),
    // The packed caches: a county holds 40,000 trainees and 6,000 sessions a year.
    ledgerRollTrainees(d).then((all) => all.filter((t) => t.status === '在册')),
    yearSessionsOf(d, year),
    yearTotalsOf(d, year),
    linkedPersons(d),
    d.schools.where('parentId').equals(self).filter((s) => s.deletedAt === null).toArray(),
  ]);
  const count = <T>(items: readonly T[], key: (x: T) => string) => {
    const m = new Map<string, number>();
    for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return m;
  };
  const traineesBySchool = count(trainees, (t) => t.schoolId);
  const sessionsBySchool = new Map<string, number>();
  for (const doc of years) sessionsBySchool.set(doc.schoolId, doc.status.filter((s) => s === 'held').length);
  const hoursBySchool = new Map<string, number>();
  for (const doc of totals) {
    let hours = 0;
    for (const h of doc.credited) hours = addHours(hours, h);
    for (const bySource of doc.external) for (const h of Object.values(bySource ?? {})) hours = addHours(hours, h);
    hoursBySchool.set(doc.schoolId, addHours(hoursBySchool.get(doc.schoolId) ?? 0, hours));
  }
  const sourceOf = new Map(sent.map((s) => [s.id, s]));
  const known = new Map(schools.map((s) => [s.id, s.name]));
  for (const c of children) if (!known.has(c.id)) known.set(c.id, c.name);

  const rows = [...known].map(([schoolId, name]): CountySchoolRow => {
    const source = sourceOf.get(schoolId) ?? null;
    const daysSince = source ? Math.floor((now - source.lastImportedAt) / DAY) : null;
    const expected = schoolId !== self && (source !== null || children.some((c) => c.id === schoolId));
    return {
      schoolId, name, isSelf: schoolId === self, source, daysSince,
      late: expected && (daysSince === null || daysSince >= staleDays),
      trainees: traineesBySchool.get(schoolId) ?? 0,
      heldSessions: sessionsBySchool.get(schoolId) ?? 0,
      hours: hoursBySchool.get(schoolId) ?? 0,
    };
  });
  return {
    year, staleDays, rows,
    late: rows.filter((r) => r.late).sort((a, b) => (b.daysSince ?? 1e9) - (a.daysSince ?? 1e9)),
    people: new Set(trainees.map((t) => links.get(t.id) ?? t.id)).size,
    linkedPeople: new Set(links.values()).size,
  };
}
