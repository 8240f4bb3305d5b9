import type { Session } from '../../../../shared/domain/records';
import type { Clash, SessionDraft } from '../../../../shared/rules/clashes';
import { minutesBetween } from '../../../../shared/rules/hours';
import { copyWeek, mondayOf, shiftDate } from '../../../../shared/rules/schedule';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { newId, saveRecord, saveRecords, setDeleted } from '../write';
import { batchClashes, buildClashContext, clashTables } from './clashContext';

/**
 * A save refused by the clash rules: `needsReason` when only soft clashes stand in the way,
 * which a reason (stored as the session's overrideReason) overrides.
 */
export class ClashError extends Error {
  constructor(
    readonly clashes: Clash[],
    readonly needsReason: boolean,
  ) {
    super(
      needsReason
        ? `请填写忽略以下提醒的理由：${clashes.map((c) => c.message).join('；')}`
        : `存在冲突，不能保存：${clashes.filter((c) => c.severity === 'hard').map((c) => c.message).join('；')}`,
    );
    this.name = 'ClashError';
  }
}

export interface SessionFilter {
  classId?: string;
  instructorId?: string;
  siteId?: string;
  includeCancelled?: boolean;
}

const byTime = (a: Session, b: Session) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start);

function matches(s: Session, f: SessionFilter): boolean {
  return (
    s.deletedAt === null &&
    (f.includeCancelled || s.status !== 'cancelled') &&
    (!f.classId || s.classId === f.classId) &&
    (!f.instructorId || s.instructorIds.includes(f.instructorId)) &&
    (!f.siteId || s.siteId === f.siteId)
  );
}

/** The sessions from `from` to `to` (inclusive), by the date index, in time order: what a calendar view shows. */
export async function sessionsInRange(from: string, to: string, filter: SessionFilter = {}, d: DxDatabase = db()): Promise<Session[]> {
  const rows = await d.sessions.where('date').between(from, to, true, true).toArray();
  return rows.filter((s) => matches(s, filter)).sort(byTime);
}

/** A class's timetable, cancelled sessions included (they show with their reason). */
export async function classSessions(classId: string, d: DxDatabase = db()): Promise<Session[]> {
  const rows = await d.sessions.where('classId').equals(classId).toArray();
  return rows.filter((s) => s.deletedAt === null).sort(byTime);
}

/** The sessions of one week (any day of it) as drafts for the week holding `toDate`, with the same filter. */
export async function copyWeekDrafts(fromDate: string, toDate: string, filter: SessionFilter = {}): Promise<SessionDraft[]> {
  const monday = mondayOf(fromDate);
  return copyWeek(await sessionsInRange(monday, shiftDate(monday, 6), filter), monday, toDate);
}

/** Why a draft cannot be a session at all, before any clash is looked for; null when it can. */
export function draftProblem(draft: SessionDraft): string | null {
  if (!draft.classId) return '请选择培训班';
  if (!draft.courseId) return '请选择课程';
  if (draft.instructorIds.length === 0) return '请至少选择一名教员';
  if (!draft.siteId) return '请选择教学点';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) return '请选择日期';
  if (!/^\d{2}:\d{2}$/.test(draft.start) || !/^\d{2}:\d{2}$/.test(draft.end)) return '请填写开始和结束时间';
  return null;
}

/** A session with attendance has been held: moving it or changing its class would misplace the hours. */
async function guardHeld(before: Session, after: SessionDraft, d: DxDatabase): Promise<void> {
  const changed = before.date !== after.date || before.start !== after.start || before.end !== after.end ||
    before.classId !== after.classId || after.status === 'cancelled';
  if (!changed) return;
  const attendance = await d.attendance.get(before.id);
  if (before.closed || (attendance && attendance.deletedAt === null)) {
    throw new Error(`${before.date} ${before.start}–${before.end} 的课次已有考勤记录，不能改期、改班或取消`);
  }
}

const dated = (draft: SessionDraft, c: Clash, many: boolean): Clash =>
  many ? { ...c, message: `${draft.date} ${draft.start}–${draft.end}：${c.message}` } : c;

/**
 * Create or update sessions in one transaction, re-checking every clash inside it (someone may
 * have added a session since the user looked): any hard clash refuses the whole batch, and
 * soft ones need `overrideReason`, which is stored on the sessions it was given for.
 */
export async function saveSessions(drafts: readonly SessionDraft[], overrideReason = ''): Promise<Session[]> {
  for (const draft of drafts) {
    const problem = draftProblem(draft);
    if (problem) throw new Error(problem);
  }
  const reason = overrideReason.trim();
  const d = db();
  return d.transaction('rw', [d.meta, d.attendance, ...clashTables(d)], async () => {
    const withIds = drafts.map((x) => ({ ...x, id: x.id ?? newId() }));
    const stored = new Map(
      (await d.sessions.bulkGet(withIds.map((x) => x.id))).filter((s): s is Session => !!s).map((s) => [s.id, s]),
    );
    for (const x of withIds) {
      const before = stored.get(x.id);
      if (before) await guardHeld(before, x, d);
    }
    const results = batchClashes(withIds, await buildClashContext(withIds, d));
    const many = withIds.length > 1;
    const hard = results.flatMap((cs, i) => cs.filter((c) => c.severity === 'hard').map((c) => dated(withIds[i]!, c, many)));
    if (hard.length > 0) throw new ClashError(hard, false);
    const soft = results.flatMap((cs, i) => cs.map((c) => dated(withIds[i]!, c, many)));
    if (soft.length > 0 && !reason) throw new ClashError(soft, true);

    return saveRecords('sessions', withIds.map((x, i) => {
      const before = stored.get(x.id);
      return {
        id: x.id,
        classId: x.classId,
        courseId: x.courseId,
        instructorIds: [...new Set(x.instructorIds)],
        siteId: x.siteId,
        date: x.date,
        year: Number(x.date.slice(0, 4)),
        start: x.start,
        end: x.end,
        minutes: minutesBetween(x.start, x.end),
        status: x.status,
        cancelReason: x.status === 'cancelled' ? (before?.cancelReason ?? '') : '',
        overrideReason: results[i]!.length > 0 ? reason : '',
        closed: before?.closed ?? false,
      };
    }));
  });
}

export async function saveSession(draft: SessionDraft, overrideReason = ''): Promise<Session> {
  return (await saveSessions([draft], overrideReason))[0]!;
}

async function storedSession(id: string, d: DxDatabase): Promise<Session> {
  const s = await d.sessions.get(id);
  if (!s || s.deletedAt !== null) throw new Error('找不到该课次，可能已被删除');
  return s;
}

/** Move a session to another date or time (a drag on the calendar, or an edit), clash-checked. */
export async function moveSession(id: string, date: string, start: string, end: string, overrideReason = ''): Promise<Session> {
  const s = await storedSession(id, db());
  return saveSession({ ...s, date, start, end }, overrideReason);
}

/** Cancel with a reason: the session stays in the timetable, marked 已取消, and takes nobody's time. */
export async function cancelSession(id: string, reason: string): Promise<Session> {
  const why = reason.trim();
  if (!why) throw new Error('请填写取消原因');
  const d = db();
  return d.transaction('rw', [d.meta, d.sessions, d.attendance], async () => {
    const s = await storedSession(id, d);
    await guardHeld(s, { ...s, status: 'cancelled' }, d);
    return saveRecord('sessions', { ...s, status: 'cancelled', cancelReason: why });
  });
}

/** Undo a cancellation: the session is planned again, so it is clash-checked like a new one. */
export async function restoreSession(id: string, overrideReason = ''): Promise<Session> {
  const s = await storedSession(id, db());
  return saveSession({ ...s, status: 'planned' }, overrideReason);
}

/** Tombstone a session entered by mistake; one with attendance must stay. */
export async function deleteSession(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.meta, d.sessions, d.attendance], async () => {
    const s = await storedSession(id, d);
    const attendance = await d.attendance.get(id);
    if (s.closed || (attendance && attendance.deletedAt === null)) throw new Error('该课次已有考勤记录，不能删除，可改为取消');
    await setDeleted('sessions', id, true);
  });
}
