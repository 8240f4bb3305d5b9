/**
 * Packed caches for the screens that cover a whole school or county: the ledgers, the reports
 * and the dashboard. IndexedDB's cost is per record (../shared/PERFORMANCE.md): 40,000
 * trainee rows take over a second to read, the same trainees packed into one document per
 * school a tenth of that. So what those screens read together is kept together:
 *
 * - `rolls`: per school, its trainees (not deleted): the fields the ledgers show, by column;
 * - `classRolls`: per class, who is enrolled and the minutes of its sessions still planned, per year;
 * - `yearTotals`: per school and year, each trainee's credited and external 学时 (the
 *   hourTotals rows packed) and each session's 参训人次.
 *
 * They are written in the same transaction as the records they summarise (saveRecords and
 * setDeleted call updateCaches; the mark and external-hour paths call applyHourChanges), are
 * never synced or backed up, and can be rebuilt from the records at any time.
 */
import type { Attendance, Enrolment, Session, Trainee } from '../../../shared/domain/records';
import type { SyncedTableName } from '../../../shared/domain/records';
import { countMarks, PRESENT_STATUSES, type StatusCounts } from '../../../shared/rules/markCounts';
import type { DxDatabase } from './db';

/** What the trainee list, the ledgers and the reports show of a trainee (the rest: read the record). */
export type RollTrainee = Pick<Trainee, (typeof ROLL_FIELDS)[number] | 'schoolId' | 'deletedAt'>;
export const ROLL_FIELDS = [
  'id', 'name', 'py', 'gender', 'idNumber', 'phone', 'branch', 'village', 'category', 'exempt', 'status', 'transfer',
] as const;

/**
 * A school's trainees (not deleted) by column: one array per field, index i being one
 * trainee. Arrays of plain values are read back far faster than as many small objects.
 */
export type RollDoc = { schoolId: string } & { [F in (typeof ROLL_FIELDS)[number]]: RollTrainee[F][] };

const emptyRoll = (schoolId: string): RollDoc => ({ schoolId, ...Object.fromEntries(ROLL_FIELDS.map((f) => [f, []])) }) as RollDoc;

function setInRoll(doc: RollDoc, t: RollTrainee | null, id: string): void {
  let i = doc.id.indexOf(id);
  if (!t) {
    if (i >= 0) for (const f of ROLL_FIELDS) doc[f].splice(i, 1);
    return;
  }
  if (i < 0) i = doc.id.length;
  for (const f of ROLL_FIELDS) (doc[f] as unknown[])[i] = t[f] ?? null;
}

function* rollRows(doc: RollDoc): Generator<RollTrainee> {
  for (let i = 0; i < doc.id.length; i++) {
    yield {
      id: doc.id[i]!, schoolId: doc.schoolId, deletedAt: null, name: doc.name[i]!, py: doc.py[i]!, gender: doc.gender[i]!,
      idNumber: doc.idNumber[i]!, phone: doc.phone[i]!, branch: doc.branch[i]!, village: doc.village[i]!,
      category: doc.category[i]!, exempt: doc.exempt[i]!, status: doc.status[i]!, transfer: doc.transfer[i]!,
    };
  }
}

export interface ClassRollDoc {
  classId: string;
  /** Trainees with a (not deleted) enrolment. */
  traineeIds: string[];
  /** Per calendar year: the minutes of each of the class's sessions still planned that year. */
  planned: Record<string, number[]>;
  /** The years of `planned`, indexed: the ledger reads only classes with sessions to come. */
  plannedYears: number[];
}

export interface YearTotalsDoc {
  id: string; // `${schoolId}|${year}`
  schoolId: string;
  year: number;
  /** Per trainee of the school: credited 学时 (flat maps of numbers read back fastest). */
  credited: Record<string, number>;
  /** Per trainee of the school with any: external 学时 per source (before caps). */
  external: Record<string, Record<string, number>>;
  /** Per session the school ran that year with any mark: its roster counted. */
  rosters: Record<string, RosterCounts>;
}

/** What the reports need of a session's roster, without its hundred marks. */
export interface RosterCounts {
  counts: StatusCounts;
  /** 学时 credited by the marks. */
  hours: number;
  /** Marked trainees who are not members of the class (插班), as of the last change to either. */
  outsiders: string[];
}

/** The roster's counts, or null when it holds no mark (or is deleted). */
export function rosterCounts(a: Attendance, members: ReadonlySet<string>): RosterCounts | null {
  const ids = alive(a) ? Object.keys(a.marks) : [];
  if (ids.length === 0) return null;
  const { counts, hours } = countMarks(Object.values(a.marks));
  return { counts, hours, outsiders: ids.filter((t) => !members.has(t)) };
}

/** Trainees present (出勤/迟到/早退): 参训人次. */
export const presentIn = (r: RosterCounts): number => PRESENT_STATUSES.reduce((n, s) => n + r.counts[s], 0);

export const yearTotalsId = (schoolId: string, year: number): string => `${schoolId}|${year}`;
export const emptyYearTotals = (schoolId: string, year: number): YearTotalsDoc => ({ id: yearTotalsId(schoolId, year), schoolId, year, credited: {}, external: {}, rosters: {} });

/** The caches' own tables: never backed up nor synced. */
export const CACHE_TABLE_NAMES: readonly string[] = ['rolls', 'classRolls', 'yearTotals'];

/** Tables whose records the caches summarise; a write to any of them must call updateCaches. */
export const CACHED_TABLES: readonly SyncedTableName[] = ['trainees', 'enrolments', 'sessions', 'attendance'];

interface Change<T> {
  before?: T | undefined;
  after: T;
}

const alive = (r: { deletedAt: number | null } | undefined): boolean => !!r && r.deletedAt === null;

/**
 * Bring the caches in line with records just written (inside the writing transaction, which
 * holds the cache tables: see WRITE_COMPANIONS in db.ts).
 */
export async function updateCaches(d: DxDatabase, table: SyncedTableName, changes: readonly Change<unknown>[]): Promise<void> {
  if (changes.length === 0) return;
  if (table === 'trainees') await patchRolls(d, changes as Change<Trainee>[]);
  else if (table === 'enrolments') await refreshClassMembers(d, (changes as Change<Enrolment>[]).flatMap((c) => [c.before?.classId, c.after.classId]));
  else if (table === 'sessions') await refreshPlanned(d, (changes as Change<Session>[]).flatMap((c) => [c.before?.classId, c.after.classId]));
  else if (table === 'attendance') await patchRosters(d, changes.map((c) => c.after as Attendance));
}

async function patchRolls(d: DxDatabase, changes: readonly Change<Trainee>[]): Promise<void> {
  const schoolIds = [...new Set(changes.flatMap((c) => [c.before?.schoolId, c.after.schoolId]).filter((s): s is string => !!s))];
  const docs = new Map<string, RollDoc>();
  (await d.rolls.bulkGet(schoolIds)).forEach((doc, i) => docs.set(schoolIds[i]!, doc ?? emptyRoll(schoolIds[i]!)));
  for (const { before, after } of changes) {
    if (before && before.schoolId !== after.schoolId) setInRoll(docs.get(before.schoolId)!, null, after.id);
    setInRoll(docs.get(after.schoolId)!, alive(after) ? after : null, after.id);
  }
  await d.rolls.bulkPut([...docs.values()]);
}

const classIdsOf = (ids: readonly (string | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

async function classRolls(d: DxDatabase, classIds: readonly string[]): Promise<ClassRollDoc[]> {
  const found = await d.classRolls.bulkGet([...classIds]);
  return classIds.map((classId, i) => found[i] ?? { classId, traineeIds: [], planned: {}, plannedYears: [] });
}

/** Recount the members of these classes from their enrolments (a class has tens, at most a few hundred). */
export async function refreshClassMembers(d: DxDatabase, ids: readonly (string | undefined)[]): Promise<void> {
  const classIds = classIdsOf(ids);
  if (classIds.length === 0) return;
  const members = new Map<string, Set<string>>(classIds.map((c) => [c, new Set()]));
  await d.enrolments.where('classId').anyOf(classIds).each((e) => {
    if (alive(e)) members.get(e.classId)!.add(e.traineeId);
  });
  const docs = await classRolls(d, classIds);
  await d.classRolls.bulkPut(docs.map((doc) => ({ ...doc, traineeIds: [...members.get(doc.classId)!] })));
  // Who counts as a walk-in in the classes' rosters follows the membership.
  await patchRosters(d, await d.attendance.where('classId').anyOf(classIds).toArray());
}

/** Recount the planned sessions of these classes from the sessions themselves. */
export async function refreshPlanned(d: DxDatabase, ids: readonly (string | undefined)[]): Promise<void> {
  const classIds = classIdsOf(ids);
  if (classIds.length === 0) return;
  const planned = new Map<string, Record<string, number[]>>(classIds.map((c) => [c, {}]));
  await d.sessions.where('classId').anyOf(classIds).each((s) => {
    if (!alive(s) || s.status !== 'planned') return;
    (planned.get(s.classId)![s.year] ??= []).push(s.minutes);
  });
  const docs = await classRolls(d, classIds);
  await d.classRolls.bulkPut(
    docs.map((doc) => {
      const p = planned.get(doc.classId)!;
      return { ...doc, planned: p, plannedYears: Object.keys(p).map(Number) };
    }),
  );
}

async function yearTotalsDocs(d: DxDatabase, keys: readonly { schoolId: string; year: number }[]): Promise<Map<string, YearTotalsDoc>> {
  const ids = [...new Set(keys.map((k) => yearTotalsId(k.schoolId, k.year)))];
  const found = await d.yearTotals.bulkGet(ids);
  const docs = new Map<string, YearTotalsDoc>();
  for (const k of keys) {
    const id = yearTotalsId(k.schoolId, k.year);
    if (!docs.has(id)) docs.set(id, found[ids.indexOf(id)] ?? emptyYearTotals(k.schoolId, k.year));
  }
  return docs;
}

/** Count these rosters afresh into the year totals (so applying one twice changes nothing). */
async function patchRosters(d: DxDatabase, rosters: readonly Attendance[]): Promise<void> {
  if (rosters.length === 0) return;
  const [docs, members] = await Promise.all([yearTotalsDocs(d, rosters), classMembers(d, rosters.map((a) => a.classId))]);
  for (const a of rosters) setRoster(docs.get(yearTotalsId(a.schoolId, a.year))!, a, members.get(a.classId)!);
  await d.yearTotals.bulkPut([...docs.values()]);
}

export function setRoster(doc: YearTotalsDoc, a: Attendance, members: ReadonlySet<string>): void {
  const counted = rosterCounts(a, members);
  if (counted) doc.rosters[a.id] = counted;
  else delete doc.rosters[a.id];
}

/** The members of these classes, from the class rolls. */
export async function classMembers(d: DxDatabase, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const classIds = [...new Set(ids)];
  const docs = await d.classRolls.bulkGet(classIds);
  return new Map(classIds.map((id, i) => [id, new Set(docs[i]?.traineeIds)]));
}

export function setYearTotal(doc: YearTotalsDoc, r: { traineeId: string; credited: number; externalBySource: Record<string, number> }): void {
  if (r.credited) doc.credited[r.traineeId] = r.credited;
  else delete doc.credited[r.traineeId];
  if (Object.keys(r.externalBySource).length) doc.external[r.traineeId] = r.externalBySource;
  else delete doc.external[r.traineeId];
}

/** Put trainees' year totals (hourTotals rows) into the packed documents. */
export async function patchYearTotals(
  d: DxDatabase,
  rows: readonly { traineeId: string; year: number; schoolId: string; credited: number; externalBySource: Record<string, number> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const docs = await yearTotalsDocs(d, rows);
  for (const r of rows) setYearTotal(docs.get(yearTotalsId(r.schoolId, r.year))!, r);
  await d.yearTotals.bulkPut([...docs.values()]);
}

/**
 * Rebuild the rolls and class rolls from the records, in one transaction (after a bulk write
 * that bypassed updateCaches: sample data, a restore). Reads every trainee, enrolment and
 * session: seconds at county scale, so never on a screen's path.
 */
export async function rebuildRolls(d: DxDatabase): Promise<void> {
  await d.transaction('rw', [d.trainees, d.enrolments, d.sessions, d.rolls, d.classRolls], async () => {
    const rolls = new Map<string, RollDoc>();
    await d.trainees.each((t) => {
      if (!alive(t)) return;
      let doc = rolls.get(t.schoolId);
      if (!doc) rolls.set(t.schoolId, (doc = emptyRoll(t.schoolId)));
      setInRoll(doc, t, t.id);
    });
    const classes = new Map<string, ClassRollDoc>();
    const doc = (classId: string) => {
      let c = classes.get(classId);
      if (!c) classes.set(classId, (c = { classId, traineeIds: [], planned: {}, plannedYears: [] }));
      return c;
    };
    await d.enrolments.each((e) => {
      if (alive(e)) doc(e.classId).traineeIds.push(e.traineeId);
    });
    await d.sessions.each((s) => {
      if (alive(s) && s.status === 'planned') (doc(s.classId).planned[s.year] ??= []).push(s.minutes);
    });
    for (const c of classes.values()) c.plannedYears = Object.keys(c.planned).map(Number);
    await Promise.all([d.rolls.clear(), d.classRolls.clear()]);
    await Promise.all([d.rolls.bulkPut([...rolls.values()]), d.classRolls.bulkPut([...classes.values()])]);
  });
}

/** The year's packed totals of these schools, or of all schools. */
export async function yearTotalsOf(d: DxDatabase, year: number, schoolIds?: readonly string[]): Promise<YearTotalsDoc[]> {
  if (!schoolIds) return d.yearTotals.where('year').equals(year).toArray();
  return (await d.yearTotals.bulkGet(schoolIds.map((s) => yearTotalsId(s, year)))).filter((doc): doc is YearTotalsDoc => !!doc);
}

/** Every trainee (not deleted) of these schools, or of all schools, from the rolls. */
export async function rollTrainees(d: DxDatabase, schoolIds?: readonly string[]): Promise<RollTrainee[]> {
  const docs = schoolIds ? await d.rolls.bulkGet([...schoolIds]) : await d.rolls.toArray();
  return docs.flatMap((doc) => (doc ? [...rollRows(doc)] : []));
}
