/** What the attendance screens read: a day's sessions, a session's roster, the class's leave flags. */
import type { Session } from '../../../../shared/domain/records';
import { classLeave, type MemberLeave } from '../../../../shared/rules/attendance';
import { db } from '../instance';
import { describeSessions, type SessionRow } from '../registries/common';
import { classRoster, type TraineeLite } from '../schedule/enrolments';
import { getSetting } from '../settings';

const alive = (r: { deletedAt: number | null }) => r.deletedAt === null;

export interface DaySession extends SessionRow {
  session: Session;
  enrolled: number;
  marked: number;
}

/** The sessions of a day, by time, with how many are enrolled and how many marked. */
export async function sessionsOfDay(date: string): Promise<DaySession[]> {
  return withCounts(await db().sessions.where('date').equals(date).filter(alive).toArray());
}

async function withCounts(sessions: Session[]): Promise<DaySession[]> {
  const d = db();
  const classIds = [...new Set(sessions.map((s) => s.classId))];
  const [rows, attendance, counts] = await Promise.all([
    describeSessions(sessions),
    d.attendance.bulkGet(sessions.map((s) => s.id)),
    Promise.all(classIds.map((id) => d.enrolments.where('classId').equals(id).filter(alive).count())),
  ]);
  const enrolled = new Map(classIds.map((id, i) => [id, counts[i]!]));
  const byId = new Map(sessions.map((s, i) => [s.id, { session: s, marked: Object.keys(attendance[i]?.marks ?? {}).length }]));
  return rows
    .map((r) => ({ ...r, ...byId.get(r.id)!, enrolled: enrolled.get(byId.get(r.id)!.session.classId)! }))
    .sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start) || a.className.localeCompare(b.className, 'zh-CN'));
}

/** One session with the titles and names it points at; null if it does not exist. */
export async function sessionHeader(id: string): Promise<{ session: Session; row: SessionRow } | null> {
  const session = await db().sessions.get(id);
  if (!session || !alive(session)) return null;
  const [row] = await describeSessions([session]);
  return { session, row: row! };
}

export type RosterMember = TraineeLite & { walkIn: boolean };

/**
 * The roster of a session in sign-in-sheet order (the class's members by branch, then name),
 * followed by walk-ins in the order they were added.
 */
export async function sessionRoster(classId: string, walkInIds: readonly string[]): Promise<RosterMember[]> {
  const members = await classRoster(classId);
  const enrolled = new Set(members.map((m) => m.id));
  const extra = (await db().trainees.bulkGet(walkInIds.filter((id) => !enrolled.has(id)))).filter((t) => !!t && alive(t));
  return [...members.map((m) => ({ ...m, walkIn: false })), ...extra.map((t) => ({ ...t!, walkIn: true }))];
}

/**
 * Each class member's leave against the class's hours: 不予结业 when above the set share.
 * Reads only this class's sessions and attendance records.
 */
export async function classLeaveFlags(classId: string): Promise<Map<string, MemberLeave>> {
  const d = db();
  const [sessions, attendance, enrolments, rules] = await Promise.all([
    d.sessions.where('classId').equals(classId).filter((s) => alive(s) && s.status !== 'cancelled').toArray(),
    d.attendance.where('classId').equals(classId).toArray(),
    d.enrolments.where('classId').equals(classId).filter(alive).toArray(),
    getSetting('hourRules', d),
  ]);
  const classMinutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
  return classLeave(attendance, enrolments.map((e) => e.traineeId), classMinutes, rules);
}

/** The nearest date before or after `date` with a session, or null. */
export async function neighbourSessionDate(date: string, direction: 1 | -1): Promise<string | null> {
  const d = db();
  const range = direction === 1 ? d.sessions.where('date').above(date) : d.sessions.where('date').below(date).reverse();
  const next = await range.filter((s) => alive(s) && s.status !== 'cancelled').first();
  return next?.date ?? null;
}

/**
 * Sessions from `from` up to `today` whose attendance is not closed: what is left to mark or
 * enter from paper sign-in sheets.
 */
export async function openSessionsSince(from: string, today: string): Promise<DaySession[]> {
  const d = db();
  const sessions = await d.sessions
    .where('date')
    .between(from, today, true, true)
    .filter((s) => alive(s) && !s.closed && s.status !== 'cancelled')
    .toArray();
  return withCounts(sessions);
}
