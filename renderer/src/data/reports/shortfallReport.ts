import { todayIso } from '../../../../shared/import/dates';
import { creditedHours } from '../../../../shared/rules/hours';
import type { LedgerStatus } from '../../../../shared/rules/ledger';
import { addHours } from '../../../../shared/rules/totals';
import { db } from '../instance';
import { sessionDigests, yearSessionsOf, type SessionDigest } from '../caches';
import { onLedger, readYearLedger } from '../ledger';
import { ledgerReportRow, placeOrder, type LedgerReportRow } from './ledgerReport';
import { byId, byTime, classesById, compareText, schoolNames, type YearScope } from './scope';

/** Who must be called up (点名调训): short now and not covered by what is scheduled, or short at the year's end. */
export const CALL_UP_STATUSES: readonly LedgerStatus[] = ['有风险', '未达标'];
/** Also short now, but the sessions already scheduled for them will cover it. */
export const FORECAST_STATUSES: readonly LedgerStatus[] = ['预计达标'];

/** Listed per trainee at most; the rest are summed up as "等 N 次". */
export const MAX_SUGGESTIONS = 5;

export interface SuggestedSession {
  sessionId: string;
  date: string;
  start: string;
  course: string;
  classTitle: string;
  hours: number;
  /** A session of a class the trainee is not enrolled in (they would join it, 插班). */
  joinClass: boolean;
}

export interface ShortfallRow extends LedgerReportRow {
  /** 差额 less the 学时 already scheduled for them. */
  stillShort: number;
  /** The next sessions they could attend, until the shortfall is covered (at most MAX_SUGGESTIONS). */
  suggestions: SuggestedSession[];
  /** How many more sessions beyond the listed ones they could attend. */
  moreSessions: number;
}

export interface ShortfallScope extends YearScope {
  /** Also list those short now whom the scheduled sessions will bring up to the requirement (预计达标). */
  includeForecast?: boolean;
}

/**
 * 未达标名单 / 点名调训名单: trainees short of the year's minimum, by school, branch and the
 * hours they lack, each with the next sessions they could attend — first the planned sessions
 * of their own classes, then, while still short, planned sessions of other classes of their
 * school that train people of the same category (joining as a walk-in, 插班).
 */
export async function shortfallReport(scope: ShortfallScope, today = todayIso()): Promise<ShortfallRow[]> {
  const d = db();
  const statuses = scope.includeForecast ? [...CALL_UP_STATUSES, ...FORECAST_STATUSES] : CALL_UP_STATUSES;
  // Sessions of every school: a trainee may join a class another school runs.
  const upcomingOf = async () => sessionDigests(await yearSessionsOf(d, scope.year)).filter((s) => s.status === 'planned' && s.date >= today);
  // What the suggestions name is read while the ledger is computed, not after it.
  const suggestable = upcomingOf().then(async (upcoming) => {
    const [classes, courses] = await Promise.all([classesById(scope.year, upcoming.map((s) => s.classId), d), byId(d.courses.toArray())]);
    return { upcoming, classes, courses };
  });
  // Only the rows of those listed are built: a county's ledger is 40,000 trainees.
  const [ledger, schools, { upcoming, classes, courses }] = await Promise.all([
    readYearLedger(scope.year, { schoolIds: scope.schoolIds, today, statuses }, d),
    schoolNames(),
    suggestable,
  ]);
  if (ledger.rows.length === 0) return [];
  const short = ledger.rows.map((r) => ledgerReportRow(r, schools));
  const { rules } = ledger;

  // Who is in the classes to come: the ledger read the rolls of every class with sessions planned in the year.
  const members = new Map(ledger.plannedClasses.map((c) => [c.classId, c.traineeIds]));
  const classesOf = new Map<string, Set<string>>();
  for (const classId of new Set(upcoming.map((s) => s.classId))) {
    for (const traineeId of members.get(classId) ?? []) {
      let mine = classesOf.get(traineeId);
      if (!mine) classesOf.set(traineeId, (mine = new Set()));
      mine.add(classId);
    }
  }
  // The categories each class trains: those of its members in the ledger.
  const categoriesIn = new Map<string, Set<string>>();
  for (const t of ledger.sources.trainees) {
    const mine = onLedger(t) ? classesOf.get(t.id) : undefined;
    if (!mine) continue;
    for (const classId of mine) {
      let cats = categoriesIn.get(classId);
      if (!cats) categoriesIn.set(classId, (cats = new Set()));
      cats.add(t.category);
    }
  }
  upcoming.sort(byTime);
  // Sessions by class, and the sessions a trainee of a school and category could join.
  const byClass = new Map<string, SessionDigest[]>();
  const joinable = new Map<string, SessionDigest[]>();
  const push = (map: Map<string, SessionDigest[]>, key: string, s: SessionDigest) => {
    const list = map.get(key);
    if (list) list.push(s);
    else map.set(key, [s]);
  };
  for (const s of upcoming) {
    push(byClass, s.classId, s);
    for (const category of categoriesIn.get(s.classId) ?? []) push(joinable, `${s.schoolId}|${category}`, s);
  }
  const suggest = (s: SessionDigest, joinClass: boolean): SuggestedSession => ({
    sessionId: s.id,
    date: s.date,
    start: s.start,
    course: courses.get(s.courseId)?.title ?? '',
    classTitle: classes.get(s.classId)?.title ?? '',
    hours: creditedHours('出勤', s.minutes, 0, rules),
    joinClass,
  });

  const rows = short.map((r): ShortfallRow => {
    const own = classesOf.get(r.key) ?? new Set<string>();
    const ownSessions = [...own].flatMap((c) => byClass.get(c) ?? []);
    if (own.size > 1) ownSessions.sort(byTime);
    const others = (joinable.get(`${r.schoolId}|${r.category}`) ?? []).filter((s) => !own.has(s.classId));
    const picked: SuggestedSession[] = [];
    let covered = 0;
    let more = 0;
    for (const [list, joinClass] of [[ownSessions, false], [others, true]] as const) {
      for (const s of list) {
        if (covered >= r.shortBy) break;
        const line = suggest(s, joinClass);
        covered = addHours(covered, line.hours);
        if (picked.length < MAX_SUGGESTIONS) picked.push(line);
        else more++;
      }
    }
    return { ...r, stillShort: Math.max(0, addHours(r.shortBy, -r.scheduled)), suggestions: picked, moreSessions: more };
  });
  const place = placeOrder(rows);
  return rows.sort((a, b) => place(a, b) || b.shortBy - a.shortBy || compareText(a.name, b.name));
}
