/**
 * Trainees' ledgers (学员学时台账) for a year: the whole list from the year totals (caches.ts), and
 * one trainee's ledger with every session and external entry behind it.
 */
import { todayIso } from '../../../shared/import/dates';
import type { ExternalHours, Mark, Session, Trainee } from '../../../shared/domain/records';
import type { HourRules } from '../../../shared/domain/settings';
import { creditedHours } from '../../../shared/rules/hours';
import { ledgerRow, type LedgerRow, type LedgerStatus } from '../../../shared/rules/ledger';
import { addHours, emptyTotal, withExternal } from '../../../shared/rules/totals';
import { ledgerRollTrainees, rollTrainees, yearTotalOf, yearTotalsOf, type ClassRollDoc, type LedgerRollTrainee, type RollTrainee, type YearTotalsDoc } from './caches';
import type { DxDatabase } from './db';
import { db } from './instance';
import { getSetting } from './settings';

const alive = <T extends { deletedAt: number | null }>(r: T | undefined): r is T => !!r && r.deletedAt === null;

export type TraineeLedgerRow<T extends LedgerRollTrainee = RollTrainee> = LedgerRow & {
  trainee: T;
  /** External 学时 per source before caps (the row's `external` is after them). */
  externalBySource: Record<string, number>;
};

export interface LedgerOptions {
  /** Only trainees of these schools (their `schoolId`); all schools when absent. */
  schoolIds?: string[];
  /** Also trainees who left or moved (退出/转出); only those on the roll (在册) by default. */
  includeInactive?: boolean;
  /** 'YYYY-MM-DD', for the forecast; today by default. */
  today?: string;
  /**
   * Only the rows of these statuses: the others are computed but not built (a county's
   * shortfall is a twentieth of its 40,000 rows).
   */
  statuses?: readonly LedgerStatus[];
}

/** Whether a trainee has a row in the ledger: on the roll, or anyone with includeInactive. */
export const onLedger = (t: Pick<LedgerRollTrainee, 'status'>, opts: Pick<LedgerOptions, 'includeInactive'> = {}): boolean =>
  !!opts.includeInactive || t.status === '在册';

/** 学时 a session credits to someone who attends all of it. */
const fullHours = (s: Pick<Session, 'minutes'>, rules: HourRules) => creditedHours('出勤', s.minutes, 0, rules);

/** The class rolls of the classes with sessions still planned in the year (of every school). */
export const plannedClassRolls = (year: number, d: DxDatabase = db()): Promise<ClassRollDoc[]> => d.classRolls.where('plannedYears').equals(year).toArray();

/**
 * 学时 of the year's sessions still planned (not held, not cancelled), per enrolled trainee:
 * the forecast's "still to come", from the rolls of the classes with planned sessions that
 * year (plannedClassRolls), never the sessions, enrolments or marks themselves.
 */
export function scheduledHours(classes: readonly ClassRollDoc[], year: number, rules: HourRules): Map<string, number> {
  const perTrainee = new Map<string, number>();
  for (const c of classes) {
    const hours = (c.planned[year] ?? []).reduce((sum, minutes) => addHours(sum, fullHours({ minutes }, rules)), 0);
    for (const t of c.traineeIds) perTrainee.set(t, addHours(perTrainee.get(t) ?? 0, hours));
  }
  return perTrainee;
}

/** What the year's ledgers are computed from: the rolls (or only their ledger columns) and the packed totals. */
export interface LedgerSources<T extends LedgerRollTrainee = RollTrainee> {
  trainees: T[];
  totals: YearTotalsDoc[];
}

export async function ledgerSources(year: number, schoolIds?: readonly string[], d: DxDatabase = db()): Promise<LedgerSources> {
  const [trainees, totals] = await Promise.all([rollTrainees(d, schoolIds), yearTotalsOf(d, year, schoolIds)]);
  return { trainees, totals };
}

/** The same without names, for the year's figures (the dashboard, 上报汇总表): the rolls' ledger columns only. */
export async function figureSources(year: number, schoolIds?: readonly string[], d: DxDatabase = db()): Promise<LedgerSources<LedgerRollTrainee>> {
  const [trainees, totals] = await Promise.all([ledgerRollTrainees(d, schoolIds), yearTotalsOf(d, year, schoolIds)]);
  return { trainees, totals };
}

/**
 * The ledger rows of the trainees on the roll (or all, with includeInactive; of some statuses
 * only, with statuses). `scheduled` empty leaves the forecast out: 已达标 and 免学 stay exact,
 * the others are not told apart.
 */
export function ledgerRows<T extends LedgerRollTrainee>(
  year: number, sources: LedgerSources<T>, rules: HourRules, scheduled: ReadonlyMap<string, number>, opts: LedgerOptions = {},
): TraineeLedgerRow<T>[] {
  const today = opts.today ?? todayIso();
  const totals = new Map(sources.totals.map((doc) => [doc.schoolId, doc]));
  const rows: TraineeLedgerRow<T>[] = [];
  for (const trainee of sources.trainees) {
    if (!onLedger(trainee, opts)) continue;
    // A trainee's hours are kept under their school.
    const { credited, externalBySource } = yearTotalOf(totals.get(trainee.schoolId), trainee.id);
    const row = ledgerRow(
      {
        category: trainee.category, exempt: trainee.exempt, year, credited, externalBySource,
        scheduled: scheduled.get(trainee.id) ?? 0, today,
      },
      rules,
    );
    if (opts.statuses && !opts.statuses.includes(row.status)) continue;
    // Added to the row rather than spread into a new one: over 40,000 rows a spread costs several times as much.
    rows.push(Object.assign(row, { trainee, externalBySource }));
  }
  return rows;
}

/** A year's ledger with what it was read from, for a caller that needs more of the same reads. */
export interface YearLedger {
  rows: TraineeLedgerRow[];
  sources: LedgerSources;
  rules: HourRules;
  /** The rolls of the classes with sessions still planned in the year (see plannedClassRolls). */
  plannedClasses: ClassRollDoc[];
}

/** Every trainee's ledger for the year (or those of some statuses), from the packed caches; order as the rolls'. */
export async function readYearLedger(year: number, opts: LedgerOptions = {}, d: DxDatabase = db()): Promise<YearLedger> {
  const [rules, sources, plannedClasses] = await Promise.all([getSetting('hourRules', d), ledgerSources(year, opts.schoolIds, d), plannedClassRolls(year, d)]);
  const rows = ledgerRows(year, sources, rules, scheduledHours(plannedClasses, year, rules), opts);
  return { rows, sources, rules, plannedClasses };
}

/** Every trainee's ledger for the year, from the packed caches; order as the rolls'. */
export async function yearLedger(year: number, opts: LedgerOptions = {}): Promise<TraineeLedgerRow[]> {
  return (await readYearLedger(year, opts)).rows;
}

export interface LedgerSessionLine {
  session: Session;
  classTitle: string;
  courseTitle: string;
  /** The trainee's mark, or null when none was made (yet). */
  mark: Mark | null;
  /** Marked without being enrolled in the class (插班). */
  walkIn: boolean;
  /** 学时 credited by the mark. */
  credited: number;
  /** 学时 the session will credit if attended, for sessions still planned; else 0. */
  scheduled: number;
}

export interface TraineeLedgerDetail {
  trainee: Trainee;
  year: number;
  row: LedgerRow;
  externalBySource: Record<string, number>;
  /** The year's sessions of the trainee's classes and any other session they were marked in, by time. */
  sessions: LedgerSessionLine[];
  external: ExternalHours[];
}

/**
 * One trainee's ledger computed from the records themselves (not the cache): every session
 * behind the credited and scheduled hours, and every external entry. Null if there is no
 * such trainee.
 */
export async function traineeLedgerDetail(traineeId: string, year: number, today = todayIso()): Promise<TraineeLedgerDetail | null> {
  const d = db();
  const trainee = await d.trainees.get(traineeId);
  if (!alive(trainee)) return null;
  const rules = await getSetting('hourRules', d);
  const enrolments = await d.enrolments.where('traineeId').equals(traineeId).toArray();
  const enrolled = new Set(enrolments.filter(alive).map((e) => e.classId));
  // Sessions of classes the trainee has left still count where they were marked.
  const [classSessions, walkInAttendance, external] = await Promise.all([
    enrolments.length ? d.sessions.where('classId').anyOf(enrolments.map((e) => e.classId)).filter((s) => s.year === year).toArray() : [],
    d.attendance.where('walkIns').equals(traineeId).filter((a) => a.year === year).toArray(),
    d.externalHours.where('traineeId').equals(traineeId).filter((e) => e.year === year && e.deletedAt === null).toArray(),
  ]);
  const known = new Set(classSessions.map((s) => s.id));
  const walkInSessions = (await d.sessions.bulkGet(walkInAttendance.map((a) => a.id).filter((id) => !known.has(id)))).filter(alive);
  const sessions = [...classSessions.filter(alive), ...walkInSessions];
  const [attendance, classes, courses] = await Promise.all([
    d.attendance.bulkGet(sessions.map((s) => s.id)),
    d.classes.bulkGet([...new Set(sessions.map((s) => s.classId))]),
    d.courses.bulkGet([...new Set(sessions.map((s) => s.courseId))]),
  ]);
  const classTitle = new Map(classes.filter(alive).map((c) => [c.id, c.title]));
  const courseTitle = new Map(courses.filter(alive).map((c) => [c.id, c.title]));

  const lines: LedgerSessionLine[] = [];
  sessions.forEach((session, i) => {
    const a = attendance[i];
    const mark = (alive(a) && a.marks[traineeId]) || null;
    const member = enrolled.has(session.classId);
    if (!mark && !member) return;
    lines.push({
      session,
      classTitle: classTitle.get(session.classId) ?? '',
      courseTitle: courseTitle.get(session.courseId) ?? '',
      mark,
      walkIn: !!a?.walkIns.includes(traineeId),
      credited: mark?.hours ?? 0,
      scheduled: member && session.status === 'planned' ? fullHours(session, rules) : 0,
    });
  });
  lines.sort((x, y) => (x.session.date + x.session.start).localeCompare(y.session.date + y.session.start));
  external.sort((x, y) => x.date.localeCompare(y.date));

  const externalBySource = external.reduce((t, e) => withExternal(t, e.source, e.hours), emptyTotal(traineeId, year)).externalBySource;
  const row = ledgerRow(
    {
      category: trainee.category, exempt: trainee.exempt, year, externalBySource, today,
      credited: lines.reduce((sum, l) => addHours(sum, l.credited), 0),
      scheduled: lines.reduce((sum, l) => addHours(sum, l.scheduled), 0),
    },
    rules,
  );
  return { trainee, year, row, externalBySource, sessions: lines, external };
}
