import { SCHOOL_LEVELS } from '../../../../shared/domain/constants';
import type { School, Session } from '../../../../shared/domain/records';
import { emptyMarkCounts, type MarkCounts } from '../../../../shared/rules/markCounts';
import { presentIn, yearTotalsOf, type RosterCounts } from '../caches';
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
  session: Session;
  marks: MarkCounts;
  /** Marked trainees who are not members of the class (插班). */
  outsiders: string[];
}

/** The period's sessions of the chosen schools, not cancelled or deleted, in time order. */
async function periodSessions(scope: PeriodScope): Promise<Session[]> {
  const mine = inSchools(scope.schoolIds);
  // One range read, filtered here: a filter on the Dexie collection would walk a cursor record by record.
  const sessions = await db().sessions.where('date').between(scope.period.from, scope.period.to, true, true).toArray();
  const when = (s: Session) => s.date + s.start;
  return sessions
    .filter((s) => alive(s) && s.status !== 'cancelled' && mine(s))
    .sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0));
}

/**
 * The sessions of a period that took place — held, or not cancelled and already with marks —
 * each with its roster counted. Reads the sessions by the date index and each school's year
 * totals, which keep every roster's counts with its marks: one document per school, never the
 * attendance documents (a hundred marks each, 6,000 a year in a county).
 */
export async function heldSessions(scope: PeriodScope): Promise<SessionFact[]> {
  const d = db();
  const [sessions, docs] = await Promise.all([periodSessions(scope), yearTotalsOf(d, periodYear(scope.period), scope.schoolIds)]);
  const rosters = new Map<string, RosterCounts>();
  for (const doc of docs) for (const [id, r] of Object.entries(doc.rosters)) rosters.set(id, r);
  return sessions.flatMap((session): SessionFact[] => {
    const r = rosters.get(session.id);
    if (!r) return session.status === 'held' ? [{ session, marks: emptyMarkCounts(), outsiders: [] }] : [];
    const marked = Object.values(r.counts).reduce((n, c) => n + c, 0);
    return [{ session, marks: { counts: r.counts, marked, present: presentIn(r), hours: r.hours }, outsiders: r.outsiders }];
  });
}

/** Records by id, read in one go (missing ids are left out). */
export async function byId<T extends { id: string }>(rows: Promise<(T | undefined)[]>): Promise<Map<string, T>> {
  const map = new Map<string, T>();
  for (const r of await rows) if (r) map.set(r.id, r);
  return map;
}

/** The schools a report covers, for its rows and its heading. */
export async function schoolsInScope(schoolIds: readonly string[] | undefined): Promise<School[]> {
  const d = db();
  const all = schoolIds ? (await d.schools.bulkGet([...schoolIds])).filter((s): s is School => !!s) : await d.schools.toArray();
  return all.filter(alive);
}

/** Years that have sessions, and the current one, newest first. */
export async function reportYears(current: number): Promise<number[]> {
  const years = (await db().sessions.orderBy('year').uniqueKeys()) as number[];
  return [...new Set([current, ...years])].sort((a, b) => b - a);
}

/** The schools that hold trainees or sessions here (a county instance: many; a school: its own). */
export async function schoolsWithData(): Promise<School[]> {
  const d = db();
  // The rolls' keys: the trainees' schools without walking 40,000 index entries.
  const [a, b] = await Promise.all([d.rolls.toCollection().primaryKeys(), d.sessions.orderBy('schoolId').uniqueKeys()]);
  const ids = [...new Set([...a, ...b] as string[])];
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
