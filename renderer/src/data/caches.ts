/**
 * Packed caches for the screens that cover a whole school or county: the ledgers, the reports
 * and the dashboard. IndexedDB's cost is per record (../shared/PERFORMANCE.md): 40,000
 * trainee rows take over a second to read, the same trainees packed into one document per
 * school a tenth of that. So what those screens read together is kept together:
 *
 * - `rolls`: per school, its trainees (not deleted): the fields the ledgers show, by column;
 *   `ledgerRolls` the same with only the columns the year's figures need;
 * - `classRolls`: per class, who is enrolled and the minutes of its sessions still planned, per year;
 * - `yearTotals`: per school and year, the credited and external 学时 of each trainee of the
 *   school and each session's 参训人次;
 * - `yearSessions`: per school and year, its sessions (not deleted) by column: what the reports
 *   and the dashboard use of them (date, time, class, course, site, instructors, minutes, status).
 *
 * They are written in the same transaction as the records they summarise (saveRecords and
 * setDeleted call updateCaches; the mark and external-hour paths call applyHourChanges), are
 * never synced or backed up, and can be rebuilt from the records at any time.
 */
import type { Attendance, Enrolment, Session, Trainee } from '../../../shared/domain/records';
import type { SyncedTableName } from '../../../shared/domain/records';
import { countMarks, PRESENT_STATUSES, type StatusCounts } from '../../../shared/rules/markCounts';
import type { Table } from 'dexie';
import type { DxDatabase } from './db';

/** What the trainee list, the ledgers and the reports show of a trainee (the rest: read the record). */
export type RollTrainee = Pick<Trainee, (typeof ROLL_FIELDS)[number] | 'schoolId' | 'deletedAt'>;
export const ROLL_FIELDS = [
  'id', 'name', 'py', 'gender', 'idNumber', 'phone', 'branch', 'village', 'category', 'exempt', 'status', 'transfer',
] as const;

/**
 * A school's trainees (not deleted) by column: one array per field, index i being one
 * trainee. Arrays of plain values are read back far faster than as many small objects.
 * Beside the fields the screens use, each trainee's `updatedAt`: an import tells a version it
 * holds already from the rolls, without reading 40,000 trainee records.
 */
export type RollDoc = { schoolId: string } & { [F in (typeof ROLL_FIELDS)[number]]: RollTrainee[F][] } & { updatedAt: number[] };
export const ROLL_COLUMNS = [...ROLL_FIELDS, 'updatedAt'] as const;

const emptyRoll = (schoolId: string): RollDoc => ({ schoolId, ...Object.fromEntries(ROLL_COLUMNS.map((f) => [f, []])) }) as RollDoc;

/** Put a record's fields into packed columns (its own place, or a new one at the end), or take it out (null). */
function setInColumns<F extends string>(doc: { id: string[] } & Record<F, unknown[]>, fields: readonly F[], r: Partial<Record<F, unknown>> | null, id: string): void {
  let i = doc.id.indexOf(id);
  if (!r) {
    if (i >= 0) for (const f of fields) doc[f].splice(i, 1);
    return;
  }
  if (i < 0) i = doc.id.length;
  for (const f of fields) doc[f][i] = r[f] ?? null;
}

const setInRoll = (doc: RollDoc, t: (RollTrainee & Pick<Trainee, 'updatedAt'>) | null, id: string): void => setInColumns(doc, ROLL_COLUMNS, t, id);

/** What the year's figures need of a trainee: whether they count, and what is required of them. */
export const LEDGER_ROLL_FIELDS = ['id', 'category', 'exempt', 'status'] as const;
export type LedgerRollTrainee = Pick<RollTrainee, (typeof LEDGER_ROLL_FIELDS)[number] | 'schoolId'>;

/**
 * A school's roll with those columns only, kept beside the roll (`ledgerRolls`): the dashboard,
 * 上报汇总表 and the county's overview need no names, and a third of the roll reads back in
 * under half the time.
 */
export type LedgerRollDoc = { schoolId: string } & { [F in (typeof LEDGER_ROLL_FIELDS)[number]]: RollTrainee[F][] };
const ledgerColumns = (doc: RollDoc): LedgerRollDoc => ({ schoolId: doc.schoolId, id: doc.id, category: doc.category, exempt: doc.exempt, status: doc.status });

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

/**
 * A school's year: each trainee's 学时 and each session's roster counted. By column, not as
 * objects keyed by id: V8 reads an object with hundreds of distinct keys back from IndexedDB
 * by making a hidden class per key the first time in a page (a county's year took ~230 ms on
 * the first read, ~50 after), while arrays read back in a few milliseconds every time.
 */
export interface YearTotalsDoc {
  id: string; // `${schoolId}|${year}`
  schoolId: string;
  year: number;
  /** The school's trainees with any 学时 that year; `credited[i]` and `external[i]` are trainee i's. */
  trainees: string[];
  credited: number[];
  /** External 学时 per source (before caps), or null. */
  external: (Record<string, number> | null)[];
  /** The sessions the school ran that year with any mark; `rosters[i]` is session i's roster counted. */
  sessions: string[];
  rosters: RosterCounts[];
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
export const emptyYearTotals = (schoolId: string, year: number): YearTotalsDoc =>
  ({ id: yearTotalsId(schoolId, year), schoolId, year, trainees: [], credited: [], external: [], sessions: [], rosters: [] });

/** Where each id of a column of ids stands, built once per column read (and kept by setEntry). */
const places = new WeakMap<readonly string[], Map<string, number>>();
function placesOf(ids: readonly string[]): Map<string, number> {
  let found = places.get(ids);
  if (!found) places.set(ids, (found = new Map(ids.map((id, i) => [id, i]))));
  return found;
}

/** Set an id's values in columns beside its column of ids (at the end when new), or take them out (null): the last entry fills the gap. */
function setEntry(ids: string[], columns: unknown[][], id: string, values: readonly unknown[] | null): void {
  const at = placesOf(ids);
  const i = at.get(id);
  if (values) {
    const place = i ?? ids.length;
    if (i === undefined) {
      ids.push(id);
      at.set(id, place);
    }
    columns.forEach((column, k) => (column[place] = values[k]));
    return;
  }
  if (i === undefined) return;
  const last = ids.length - 1;
  if (i !== last) {
    ids[i] = ids[last]!;
    at.set(ids[i], i);
    for (const column of columns) column[i] = column[last];
  }
  ids.pop();
  for (const column of columns) column.pop();
  at.delete(id);
}

/** A trainee's 学时 in a school's year. */
export function yearTotalOf(doc: YearTotalsDoc | undefined, traineeId: string): { credited: number; externalBySource: Record<string, number> } {
  const i = doc && placesOf(doc.trainees).get(traineeId);
  return i === undefined ? { credited: 0, externalBySource: {} } : { credited: doc!.credited[i]!, externalBySource: doc!.external[i] ?? {} };
}

/** Each session's roster counted, of these school-years. */
export function rostersOf(docs: readonly YearTotalsDoc[]): Map<string, RosterCounts> {
  const out = new Map<string, RosterCounts>();
  for (const doc of docs) doc.sessions.forEach((id, i) => out.set(id, doc.rosters[i]!));
  return out;
}

/** The caches' own tables: never backed up nor synced. */
export const CACHE_TABLE_NAMES: readonly string[] = ['rolls', 'ledgerRolls', 'classRolls', 'yearTotals', 'yearSessions'];

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
  else if (table === 'enrolments') await patchClassMembers(d, changes as Change<Enrolment>[]);
  else if (table === 'sessions') {
    await patchPlanned(d, changes as Change<Session>[]);
    await patchYearSessions(d, changes as Change<Session>[]);
  }
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
  await d.ledgerRolls.bulkPut([...docs.values()].map(ledgerColumns));
}

/** The updatedAt of every trainee (not deleted), from the rolls. */
export async function traineeStamps(d: DxDatabase): Promise<Map<string, number>> {
  const stamps = new Map<string, number>();
  for (const doc of await d.rolls.toArray()) doc.id.forEach((id, i) => stamps.set(id, doc.updatedAt[i]!));
  return stamps;
}

/** The years in which a trainee has 学时 on record, newest first. */
export async function yearsWithHours(d: DxDatabase, trainee: Pick<Trainee, 'id' | 'schoolId'>): Promise<number[]> {
  const docs = await d.yearTotals.where('id').startsWith(`${trainee.schoolId}|`).toArray();
  return docs.filter((doc) => doc.trainees.includes(trainee.id)).map((doc) => doc.year).sort((a, b) => b - a);
}

const classIdsOf = (ids: readonly (string | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

async function classRolls(d: DxDatabase, classIds: readonly string[]): Promise<ClassRollDoc[]> {
  const found = await d.classRolls.bulkGet([...classIds]);
  return classIds.map((classId, i) => found[i] ?? { classId, traineeIds: [], planned: {}, plannedYears: [] });
}

/**
 * Bring the classes' members in line with enrolments just written (from the changes alone: an
 * import of a county's 40,000 enrolments reads none back). Who counts as a walk-in in a
 * class's rosters follows its members, so the rosters of classes whose members changed are
 * recounted.
 */
async function patchClassMembers(d: DxDatabase, changes: readonly Change<Enrolment>[]): Promise<void> {
  const docs = await classRolls(d, classIdsOf(changes.flatMap((c) => [c.before?.classId, c.after.classId])));
  const members = new Map(docs.map((doc) => [doc.classId, new Set(doc.traineeIds)]));
  for (const { before, after } of changes) {
    if (alive(before)) members.get(before!.classId)!.delete(before!.traineeId);
    if (alive(after)) members.get(after.classId)!.add(after.traineeId);
  }
  const changed = docs.filter((doc) => {
    const now = members.get(doc.classId)!;
    return now.size !== doc.traineeIds.length || doc.traineeIds.some((t) => !now.has(t));
  });
  if (changed.length === 0) return;
  await d.classRolls.bulkPut(changed.map((doc) => ({ ...doc, traineeIds: [...members.get(doc.classId)!] })));
  await patchRosters(d, await d.attendance.where('classId').anyOf(changed.map((doc) => doc.classId)).toArray());
}

const isPlanned = (s: Session | undefined): s is Session => alive(s) && s!.status === 'planned';

/** Bring the classes' planned minutes in line with sessions just written (from the changes alone). */
async function patchPlanned(d: DxDatabase, changes: readonly Change<Session>[]): Promise<void> {
  const docs = await classRolls(d, classIdsOf(changes.flatMap((c) => [c.before?.classId, c.after.classId])));
  const byClass = new Map(docs.map((doc) => [doc.classId, doc]));
  for (const { before, after } of changes) {
    if (isPlanned(before)) {
      const doc = byClass.get(before.classId)!;
      const minutes = doc.planned[before.year] ?? [];
      const i = minutes.indexOf(before.minutes);
      if (i >= 0) minutes.splice(i, 1);
      if (minutes.length === 0) delete doc.planned[before.year];
    }
    if (isPlanned(after)) (byClass.get(after.classId)!.planned[after.year] ??= []).push(after.minutes);
  }
  await d.classRolls.bulkPut(docs.map((doc) => ({ ...doc, plannedYears: Object.keys(doc.planned).map(Number) })));
}

/** These schools' and years' totals, read once each (an empty one where none is stored yet). */
export async function yearTotalsDocs(d: DxDatabase, keys: readonly { schoolId: string; year: number }[]): Promise<Map<string, YearTotalsDoc>> {
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
  setEntry(doc.sessions, [doc.rosters], a.id, counted && [counted]);
}

/** The members of these classes, from the class rolls. */
export async function classMembers(d: DxDatabase, ids: readonly string[]): Promise<Map<string, Set<string>>> {
  const classIds = [...new Set(ids)];
  const docs = await d.classRolls.bulkGet(classIds);
  return new Map(classIds.map((id, i) => [id, new Set(docs[i]?.traineeIds)]));
}

export function setYearTotal(doc: YearTotalsDoc, r: { traineeId: string; credited: number; externalBySource: Record<string, number> }): void {
  const external = Object.keys(r.externalBySource).length ? r.externalBySource : null;
  setEntry(doc.trainees, [doc.credited, doc.external], r.traineeId, r.credited || external ? [r.credited, external] : null);
}

/**
 * Rebuild the rolls, the class rolls and the sessions of each school's years from the records,
 * in one transaction (after a bulk write that bypassed updateCaches: sample data, a restore).
 * Reads every trainee, enrolment and session: seconds at county scale, so never on a screen's path.
 */
export async function rebuildRolls(d: DxDatabase): Promise<void> {
  await d.transaction('rw', [d.trainees, d.enrolments, d.sessions, d.rolls, d.ledgerRolls, d.classRolls, d.yearSessions], async () => {
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
    const years = new Map<string, YearSessionsDoc>();
    await d.sessions.each((s) => {
      if (!alive(s)) return;
      if (s.status === 'planned') (doc(s.classId).planned[s.year] ??= []).push(s.minutes);
      const key = yearTotalsId(s.schoolId, s.year);
      let digest = years.get(key);
      if (!digest) years.set(key, (digest = emptyYearSessions(s.schoolId, s.year)));
      setInYearSessions(digest, s, s.id);
    });
    for (const c of classes.values()) c.plannedYears = Object.keys(c.planned).map(Number);
    await Promise.all([d.rolls.clear(), d.ledgerRolls.clear(), d.classRolls.clear(), d.yearSessions.clear()]);
    await Promise.all([
      d.rolls.bulkPut([...rolls.values()]),
      d.ledgerRolls.bulkPut([...rolls.values()].map(ledgerColumns)),
      d.classRolls.bulkPut([...classes.values()]),
      d.yearSessions.bulkPut([...years.values()]),
    ]);
  });
}

/**
 * Cache documents by key. Inside a live query (useLiveQuery), Dexie deep-copies the result of
 * every query (toArray) for its cache, which for these documents (a county's 40,000 trainees
 * by column, their year's 学时) costs nearly as much as reading them; a read by keys is not
 * copied, and the keys read stay observed, so the screen still follows every change.
 */
async function docsByKey<T>(table: Table<T, string>, keys: readonly string[] | Promise<string[]>): Promise<T[]> {
  return (await table.bulkGet([...(await keys)])).filter((doc): doc is T => !!doc);
}

/** A cache's documents of a year (keyed `${schoolId}|${year}`, indexed by year) for these schools, or all schools. */
const ofYear = <T>(table: Table<T, string>, year: number, schoolIds?: readonly string[]): Promise<T[]> =>
  docsByKey(table, schoolIds ? schoolIds.map((s) => yearTotalsId(s, year)) : table.where('year').equals(year).primaryKeys());

/** The year's packed totals of these schools, or of all schools. */
export const yearTotalsOf = (d: DxDatabase, year: number, schoolIds?: readonly string[]): Promise<YearTotalsDoc[]> => ofYear(d.yearTotals, year, schoolIds);

/** Every trainee (not deleted) of these schools, or of all schools, from the rolls. */
export async function rollTrainees(d: DxDatabase, schoolIds?: readonly string[]): Promise<RollTrainee[]> {
  const docs = await docsByKey(d.rolls, schoolIds ?? d.rolls.toCollection().primaryKeys());
  return docs.flatMap((doc) => [...rollRows(doc)]);
}

/** What the reports and the dashboard use of a session (the rest: read the record). */
export type SessionDigest = Pick<Session, (typeof SESSION_DIGEST_FIELDS)[number] | 'schoolId' | 'year'>;
export const SESSION_DIGEST_FIELDS = ['id', 'classId', 'courseId', 'siteId', 'instructorIds', 'date', 'start', 'end', 'minutes', 'status'] as const;

/**
 * A school's sessions (not deleted) of one calendar year by column, as the rolls: a county's
 * 6,000 sessions a year are 66 records, read in a tenth of the time of the session rows.
 */
export type YearSessionsDoc = { key: string; schoolId: string; year: number } & {
  [F in (typeof SESSION_DIGEST_FIELDS)[number]]: Session[F][];
};

const emptyYearSessions = (schoolId: string, year: number): YearSessionsDoc =>
  ({ key: yearTotalsId(schoolId, year), schoolId, year, ...Object.fromEntries(SESSION_DIGEST_FIELDS.map((f) => [f, []])) }) as YearSessionsDoc;

const setInYearSessions = (doc: YearSessionsDoc, s: Session | null, id: string): void => setInColumns(doc, SESSION_DIGEST_FIELDS, s, id);

/** Move written sessions into their school's year (out of the old one when the date or school changed). */
async function patchYearSessions(d: DxDatabase, changes: readonly Change<Session>[]): Promise<void> {
  const keyOf = (s: Session) => yearTotalsId(s.schoolId, s.year);
  const places = new Map(changes.flatMap((c) => (c.before ? [c.before, c.after] : [c.after])).map((s) => [keyOf(s), s]));
  const keys = [...places.keys()];
  const found = await d.yearSessions.bulkGet(keys);
  const docs = new Map(keys.map((key, i) => [key, found[i] ?? emptyYearSessions(places.get(key)!.schoolId, places.get(key)!.year)]));
  for (const { before, after } of changes) {
    if (before && keyOf(before) !== keyOf(after)) setInYearSessions(docs.get(keyOf(before))!, null, before.id);
    setInYearSessions(docs.get(keyOf(after))!, alive(after) ? after : null, after.id);
  }
  await d.yearSessions.bulkPut([...docs.values()]);
}

/** The year's sessions of these schools, or of all schools, packed per school. */
export const yearSessionsOf = (d: DxDatabase, year: number, schoolIds?: readonly string[]): Promise<YearSessionsDoc[]> => ofYear(d.yearSessions, year, schoolIds);

/** The sessions of packed years, one object each. */
export function sessionDigests(docs: readonly YearSessionsDoc[]): SessionDigest[] {
  const out: SessionDigest[] = [];
  for (const doc of docs) {
    for (let i = 0; i < doc.id.length; i++) {
      out.push({
        id: doc.id[i]!, schoolId: doc.schoolId, year: doc.year, classId: doc.classId[i]!, courseId: doc.courseId[i]!, siteId: doc.siteId[i]!,
        instructorIds: doc.instructorIds[i]!, date: doc.date[i]!, start: doc.start[i]!, end: doc.end[i]!, minutes: doc.minutes[i]!, status: doc.status[i]!,
      });
    }
  }
  return out;
}

/** Every trainee (not deleted) of these schools, or of all schools, with the roll's ledger columns only. */
export async function ledgerRollTrainees(d: DxDatabase, schoolIds?: readonly string[]): Promise<LedgerRollTrainee[]> {
  const out: LedgerRollTrainee[] = [];
  for (const doc of await docsByKey(d.ledgerRolls, schoolIds ?? d.ledgerRolls.toCollection().primaryKeys())) {
    for (let i = 0; i < doc.id.length; i++) {
      out.push({ id: doc.id[i]!, schoolId: doc.schoolId, category: doc.category[i]!, exempt: doc.exempt[i]!, status: doc.status[i]! });
    }
  }
  return out;
}
