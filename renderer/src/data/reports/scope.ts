import { SCHOOL_LEVELS } from '../../../../shared/domain/constants';
import type { School, TrainingClass } from '../../../../shared/domain/records';
import { emptyMarkCounts, type MarkCounts } from '../../../../shared/rules/markCounts';
import { presentIn, rostersOf, sessionDigests, yearSessionsOf, yearTotalsOf, type SessionDigest, type YearTotalsDoc } from '../caches';
import type { DxDatabase } from '../db';
import { db } from '../instance';

/**
 * What every report is asked for: a year (the ledger reports) or a period inside one calendar
 * year (hours belong to the calendar year of the session), and the schools to include —
 * undefined means every school in the database (a county instance holds many).
 */
export interface YearScope {
  year: number;
  schoolIds?: string[];
}
/** Inclusive ISO dates, both in the same calendar year. */
export interface Period {
  from: string;
  to: string;
}
export interface PeriodScope {
  period: Period;
  schoolIds?: string[];
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });
export const periodYear = (period: Period): number => Number(period.from.slice(0, 4));

export const alive = <T extends { deletedAt: number | null }>(r: T): boolean => r.deletedAt === null;

/** A predicate for records owned by the chosen schools (every record when none are chosen). */
export function inSchools(schoolIds: readonly string[] | undefined): (r: { schoolId: string }) => boolean {
  if (!schoolIds) return () => true;
  const set = new Set(schoolIds);
  return (r) => set.has(r.schoolId);
}

/** A session that took place, with its roster counted. */
export interface SessionFact {
  session: SessionDigest;
  marks: MarkCounts;
  /** Marked trainees who are not members of the class (插班). */
  outsiders: string[];
}

const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
/** Sessions in time order (comparing the parts: joining them would make strings on every comparison). */
export const byTime = (a: Pick<SessionDigest, 'date' | 'start'>, b: Pick<SessionDigest, 'date' | 'start'>): number =>
  order(a.date, b.date) || order(a.start, b.start);

/**
 * The period's sessions of the chosen schools, not cancelled, in time order: from the packed
 * sessions of each school's year, never the session records (6,000 a year in a county).
 */
export async function periodSessions(scope: PeriodScope, d: DxDatabase = db()): Promise<SessionDigest[]> {
  const { from, to } = scope.period;
  const docs = await yearSessionsOf(d, periodYear(scope.period), scope.schoolIds);
  return sessionDigests(docs).filter((s) => s.status !== 'cancelled' && s.date >= from && s.date <= to).sort(byTime);
}

/**
 * Of these sessions, those that took place — held, or not cancelled and already with marks —
 * each with its roster counted from the year totals, which keep every roster's counts with its
 * marks: one document per school, never the attendance documents (a hundred marks each).
 */
export function sessionFacts(sessions: readonly SessionDigest[], totals: readonly YearTotalsDoc[]): SessionFact[] {
  const rosters = rostersOf(totals);
  return sessions.flatMap((session): SessionFact[] => {
    const r = rosters.get(session.id);
    if (!r) return session.status === 'held' ? [{ session, marks: emptyMarkCounts(), outsiders: [] }] : [];
    const marked = Object.values(r.counts).reduce((n, c) => n + c, 0);
    return [{ session, marks: { counts: r.counts, marked, present: presentIn(r), hours: r.hours }, outsiders: r.outsiders }];
  });
}

/** The sessions of a period that took place, each with its roster counted (see sessionFacts). */
export async function heldSessions(scope: PeriodScope): Promise<SessionFact[]> {
  const d = db();
  const [sessions, totals] = await Promise.all([periodSessions(scope, d), yearTotalsOf(d, periodYear(scope.period), scope.schoolIds)]);
  return sessionFacts(sessions, totals);
}

/** Records by id, read in one go (missing ids are left out). */
export async function byId<T extends { id: string }>(rows: Promise<(T | undefined)[]>): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for (const r of await rows) if (r) map.set(r.id, r);
  return map;
}

/**
 * These classes, by id: the year's by its index in one read, any of other years (a class begun
 * the year before) by key. Hundreds of reads by key cost several times one read by an index.
 */
export async function classesById(year: number, ids: Iterable<string>, d: DxDatabase = db()): Promise<Map<string, TrainingClass>> {
  const classes = await byId(d.classes.where('year').equals(year).toArray());
  const others = [...new Set(ids)].filter((id) => !classes.has(id));
  if (others.length) for (const [id, c] of await byId(d.classes.bulkGet(others))) classes.set(id, c);
  return classes;
}

/** The schools a report covers, for its rows and its heading. */
export async function schoolsInScope(schoolIds: readonly string[] | undefined): Promise<School[]> {
  const d = db();
  const all = schoolIds ? (await d.schools.bulkGet([...schoolIds])).filter((s): s is School => !!s) : await d.schools.toArray();
  return all.filter(alive);
}

/** The schools and years with sessions, from the keys of the packed years (no session is read). */
async function sessionYears(d: DxDatabase): Promise<{ schoolId: string; year: number }[]> {
  const keys = await d.yearSessions.toCollection().primaryKeys();
  return keys.map((key) => {
    const at = key.lastIndexOf('|');
    return { schoolId: key.slice(0, at), year: Number(key.slice(at + 1)) };
  });
}

/** Years that have sessions, and the current one, newest first. */
export async function reportYears(current: number): Promise<number[]> {
  const years = (await sessionYears(db())).map((k) => k.year);
  return [...new Set([current, ...years])].sort((a, b) => b - a);
}

/** The schools that hold trainees or sessions here (a county instance: many; a school: its own). */
export async function schoolsWithData(): Promise<School[]> {
  const d = db();
  // The caches' keys: the schools of 40,000 trainees and 6,000 sessions a year, without walking their indexes.
  const [a, b] = await Promise.all([d.rolls.toCollection().primaryKeys(), sessionYears(d)]);
  const ids = [...new Set([...a, ...b.map((k) => k.schoolId)])];
  const schools = (await d.schools.bulkGet(ids)).filter((s): s is School => !!s && alive(s));
  // The higher level first (a town before its villages), then by code as the city lists them.
  const rank = (x: School) => SCHOOL_LEVELS.indexOf(x.level);
  return schools.sort((x, y) => rank(x) - rank(y) || compareText(x.code, y.code) || compareText(x.name, y.name));
}

/** Every school's name by id (a county holds a few dozen). */
export async function schoolNames(): Promise<Map<string, string>> {
  return new Map((await db().schools.toArray()).map((s) => [s.id, s.name]));
}

const collator = new Intl.Collator('zh-CN');
/** Chinese text in dictionary (pinyin) order, as offices sort names. */
export const compareText = (a: string, b: string): number => collator.compare(a, b);
