/**
 * Marking attendance (考勤). One record per session holds every mark; each mark is saved as
 * it is made, in one transaction with the hour cache, and a closed session changes only by a
 * correction that keeps who, when, before → after and why.
 */
import type { AttendanceStatus } from '../../../../shared/domain/constants';
import type { Correction, Mark, MarkValue, Session } from '../../../../shared/domain/records';
import { markValue, sameMarkValue } from '../../../../shared/rules/attendance';
import { accountLabel } from '../../../../shared/security/account';
import { signedInAccount } from '../audit/trail';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { getSetting } from '../settings';
import { applyHourChanges, type HourChange } from '../totals';
import { newId, saveRecord, type Draft } from '../write';

/** Who marks: the signed-in account, or this device (本机) while the installation has no accounts. */
async function currentMarker(d: DxDatabase): Promise<string> {
  const account = await signedInAccount(d);
  return account ? accountLabel(account).slice(0, 64) : '本机';
}

export interface MarkInput {
  status: AttendanceStatus;
  /** Minutes missed, for 迟到/早退; ignored for other statuses. */
  minutesMissed?: number;
}

interface Edit {
  traineeId: string;
  /** The new mark, or null to remove it. */
  after: MarkInput | null;
}

interface ChangeOptions {
  /** Required once the session is closed; recorded with each change. */
  reason?: string;
  /** Trainees marked as walk-ins (插班): not enrolled in the class. */
  walkIns?: readonly string[];
  /** Only trainees with no mark yet (全部出勤 never overwrites an exception). */
  onlyUnmarked?: boolean;
}

const tables = (d: DxDatabase) => [d.meta, d.settings, d.sessions, d.attendance, d.trainees];

export async function liveSession(id: string, d: DxDatabase = db()): Promise<Session> {
  const s = await d.sessions.get(id);
  if (!s || s.deletedAt !== null) throw new Error('找不到该课次，可能已被删除');
  if (s.status === 'cancelled') throw new Error('该课次已取消，不能点名');
  return s;
}

const valueOf = (m: Mark | undefined): MarkValue | null =>
  m ? { status: m.status, minutesMissed: m.minutesMissed, hours: m.hours } : null;

/**
 * Apply edits to a session's marks in one transaction: the attendance record, the hour cache,
 * the session becoming held, and (when closed) one correction per changed mark. Returns how
 * many marks changed.
 */
async function changeMarks(sessionId: string, edits: readonly Edit[], opts: ChangeOptions = {}): Promise<number> {
  const d = db();
  const reason = opts.reason?.trim() ?? '';
  return d.transaction('rw', tables(d), async () => {
    const session = await liveSession(sessionId, d);
    if (session.closed && !reason) throw new Error('该课次考勤已关闭，修改需填写更正原因');
    const rules = await getSetting('hourRules', d);
    const stored = await d.attendance.get(sessionId);
    if (stored && stored.deletedAt !== null) throw new Error('该课次的考勤记录已被删除，不能再修改');
    // The record takes the session's id and school: one roster per session, wherever it is marked.
    const doc: Draft<'attendance'> = stored ?? {
      id: session.id, schoolId: session.schoolId, sessionId: session.id, classId: session.classId, date: session.date,
      year: session.year, minutes: session.minutes, marks: {}, walkIns: [], corrections: [],
    };
    const marks = { ...doc.marks };
    const walkIns = new Set([...doc.walkIns, ...(opts.walkIns ?? [])]);
    const corrections: Correction[] = [...doc.corrections];
    const changes: HourChange[] = [];
    const by = await currentMarker(d);
    const at = Date.now();
    for (const { traineeId, after } of edits) {
      const before = valueOf(marks[traineeId]);
      if (opts.onlyUnmarked && before) continue;
      const next = after ? markValue(after.status, after.minutesMissed ?? 0, session.minutes, rules) : null;
      if (sameMarkValue(before, next)) continue;
      if (next) marks[traineeId] = { ...next, by, at };
      else {
        delete marks[traineeId];
        walkIns.delete(traineeId);
      }
      changes.push({ traineeId, year: doc.year, credited: (next?.hours ?? 0) - (before?.hours ?? 0) });
      if (session.closed) corrections.push({ id: newId(), traineeId, before, after: next, reason, by, at });
    }
    if (changes.length === 0 && walkIns.size === doc.walkIns.length) return 0;
    // The write layer checks the account may mark (or correct) and records it in the audit trail with the reason.
    await saveRecord('attendance', {
      ...doc, date: session.date, minutes: session.minutes, marks, walkIns: [...walkIns], corrections,
    }, { reason });
    await applyHourChanges(d, changes);
    if (session.status === 'planned') await saveRecord('sessions', { ...session, status: 'held' });
    return changes.length;
  });
}

/** Mark one trainee (or change their mark) in an open session. */
export function saveMark(sessionId: string, traineeId: string, mark: MarkInput): Promise<number> {
  return changeMarks(sessionId, [{ traineeId, after: mark }]);
}

/** Take back a mark made by mistake in an open session (a walk-in leaves the roster with it). */
export function clearMark(sessionId: string, traineeId: string): Promise<number> {
  return changeMarks(sessionId, [{ traineeId, after: null }]);
}

/** 全部出勤: mark everyone not yet marked as present, leaving the exceptions already made. */
export function markAllPresent(sessionId: string, traineeIds: readonly string[]): Promise<number> {
  return changeMarks(sessionId, traineeIds.map((traineeId) => ({ traineeId, after: { status: '出勤' } })), { onlyUnmarked: true });
}

/** Change (or remove, with null) a mark of a closed session; the reason is kept with the change. */
export function correctMark(sessionId: string, traineeId: string, after: MarkInput | null, reason: string): Promise<number> {
  if (!reason.trim()) return Promise.reject(new Error('请填写更正原因'));
  return changeMarks(sessionId, [{ traineeId, after }], { reason });
}

/**
 * Add a trainee who came without being enrolled (插班) and mark them. In a closed session
 * this is a correction and needs a reason.
 */
export async function addWalkIn(sessionId: string, traineeId: string, mark: MarkInput, reason = ''): Promise<number> {
  const d = db();
  const [session, trainee] = await Promise.all([d.sessions.get(sessionId), d.trainees.get(traineeId)]);
  if (!trainee || trainee.deletedAt !== null) throw new Error('找不到该学员');
  if (session) {
    const enrolment = await d.enrolments.where('[classId+traineeId]').equals([session.classId, traineeId]).first();
    if (enrolment && enrolment.deletedAt === null) throw new Error(`${trainee.name}已在本班名单中，请直接在名单中点名`);
  }
  return changeMarks(sessionId, [{ traineeId, after: mark }], { reason, walkIns: [traineeId] });
}

/** Close the session's attendance (it was held); from now on marks change only by correction. */
export async function closeSession(sessionId: string): Promise<Session> {
  const d = db();
  return d.transaction('rw', [d.meta, d.sessions], async () => {
    const session = await liveSession(sessionId, d);
    if (session.closed) return session;
    return saveRecord('sessions', { ...session, status: 'held', closed: true });
  });
}
