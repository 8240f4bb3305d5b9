import 'fake-indexeddb/auto';
import type { Attendance } from '../../../../shared/domain/records';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, setDeleted } from '../write';
import { buildClashContext, checkDraftsClashes, checkSessionClashes } from './clashContext';
import {
  ClashError, cancelSession, copyWeekDrafts, deleteSession, moveSession, restoreSession, saveSession, saveSessions,
  sessionsInRange,
} from './sessions';
import { enrolTrainees, removeEnrolments } from './enrolments';
import { createScheduleWorld } from './testData';

let w: Awaited<ReturnType<typeof createScheduleWorld>>;

beforeEach(async () => {
  setDb(await openDatabase('schedule-' + newId()));
  await createTestSchool();
  w = await createScheduleWorld();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('the clash context', () => {
  it('holds the sessions of the draft date only, without cancelled or deleted ones', async () => {
    const kept = await w.session();
    await w.session({ date: '2026-03-11' });
    await w.session({ date: '2026-03-09', start: '08:30', end: '11:30' });
    await w.session({ status: 'cancelled', start: '08:30', end: '11:30' });
    const deleted = await w.session({ start: '18:00', end: '19:00' });
    await setDeleted('sessions', deleted.id, true);

    const ctx = await buildClashContext([w.draft({ classId: w.spring.id })]);
    expect(ctx.sameDaySessions.map((s) => s.id)).toEqual([kept.id]);
  });

  it('reads the rosters of the draft class and of overlapping sessions only, and names shared trainees', async () => {
    await w.session({ classId: w.spring.id, start: '08:30', end: '11:30' });
    let ctx = await buildClashContext([w.draft()]);
    expect([...ctx.enrolledTraineeIds.keys()]).toEqual([w.winter.id]);

    await w.session({ classId: w.spring.id, instructorIds: [w.yan.id], siteId: w.base.id });
    ctx = await buildClashContext([w.draft()]);
    expect(new Set(ctx.enrolledTraineeIds.keys())).toEqual(new Set([w.winter.id, w.spring.id]));
    expect([...ctx.trainees!.keys()]).toEqual([w.li.id]);
  });

  it('follows enrolments at once: a trainee enrolled in the other class clashes, removed again does not', async () => {
    await w.session({ classId: w.spring.id, instructorIds: [w.yan.id], siteId: w.base.id });
    await enrolTrainees(w.spring.id, [w.zhang.id]);
    expect((await checkSessionClashes(w.draft()))[0]!.traineeIds).toEqual(expect.arrayContaining([w.zhang.id, w.li.id]));
    await removeEnrolments(w.spring.id, [w.zhang.id, w.li.id]);
    expect(await checkSessionClashes(w.draft())).toEqual([]);
  });

  it('names only the sessions that can clash with the draft', async () => {
    const apart = await w.session({ classId: w.spring.id, instructorIds: [w.yan.id], siteId: w.base.id, courseId: w.history.id, start: '08:30', end: '11:30' });
    const sameTeacher = await w.session({ classId: w.spring.id, siteId: w.far.id, start: '08:30', end: '11:30' });
    const ctx = await buildClashContext([w.draft()]);
    expect(ctx.sameDaySessions.map((s) => s.id).sort()).toEqual([apart.id, sameTeacher.id].sort());
    expect([...ctx.sites.keys()].sort()).toEqual([w.hall.id, w.far.id].sort());
    expect([...ctx.courses.keys()]).toEqual([w.theory.id]);
  });

  it('leaves out removed enrolments', async () => {
    const enrolment = await db().enrolments.where('[classId+traineeId]').equals([w.winter.id, w.zhang.id]).first();
    await setDeleted('enrolments', enrolment!.id, true);
    const ctx = await buildClashContext([w.draft()]);
    expect([...ctx.enrolledTraineeIds.get(w.winter.id)!]).toEqual([w.li.id]);
  });
});

describe('checking a draft', () => {
  it('finds an instructor clash naming the other session, and none with a touching one', async () => {
    await w.session({ classId: w.spring.id, siteId: w.base.id, start: '08:30', end: '11:30' });
    expect(await checkSessionClashes(w.draft({ start: '11:30', end: '12:00' }))).toEqual([]);
    await w.session({ classId: w.spring.id, siteId: w.base.id, courseId: w.history.id, start: '15:00', end: '16:00' });
    const clashes = await checkSessionClashes(w.draft());
    expect(clashes[0]).toMatchObject({ severity: 'hard', kind: 'instructor' });
    expect(clashes[0]!.message).toContain('党史学习 · 轮训班');
  });

  it('finds a trainee enrolled in two classes at once, by name', async () => {
    await w.session({ classId: w.spring.id, instructorIds: [w.yan.id], siteId: w.base.id });
    const clashes = await checkSessionClashes(w.draft());
    expect(clashes).toHaveLength(1);
    expect(clashes[0]).toMatchObject({ kind: 'trainee', traineeIds: [w.li.id] });
    expect(clashes[0]!.message).toContain('李四');
  });

  it('ignores cancelled and deleted sessions', async () => {
    await w.session({ classId: w.spring.id, status: 'cancelled' });
    const gone = await w.session({ classId: w.spring.id });
    await setDeleted('sessions', gone.id, true);
    expect(await checkSessionClashes(w.draft())).toEqual([]);
  });

  it('refuses a session across midnight', async () => {
    const clashes = await checkSessionClashes(w.draft({ start: '22:00', end: '01:00' }));
    expect(clashes).toMatchObject([{ severity: 'hard', kind: 'invalid-time' }]);
  });

  it('judges each date of a series against its own day', async () => {
    await w.session({ date: '2026-03-17', classId: w.spring.id, siteId: w.base.id });
    const results = await checkDraftsClashes(['2026-03-10', '2026-03-17', '2026-03-24'].map((date) => w.draft({ date })));
    expect(results.map((r) => r.map((c) => c.kind))).toEqual([[], ['instructor', 'trainee'], []]);
  });
});

describe('saving', () => {
  it('derives minutes and year, and refuses a hard clash without writing', async () => {
    const saved = await saveSession(w.draft({ start: '08:30', end: '10:00' }));
    expect(saved).toMatchObject({ minutes: 90, year: 2026, overrideReason: '', closed: false });
    const other = await w.session({ classId: w.spring.id, siteId: w.base.id, courseId: w.history.id });
    const before = await db().sessions.count();
    const refused = saveSession(w.draft());
    await expect(refused).rejects.toBeInstanceOf(ClashError);
    await expect(refused).rejects.toThrow('党史学习 · 轮训班');
    await expect(saveSession(w.draft(), '一定要排')).rejects.toThrow('存在冲突');
    expect(await db().sessions.count()).toBe(before);
    expect((await checkSessionClashes(w.draft()))[0]!.otherSessionId).toBe(other.id);
  });

  it('needs a reason for a soft clash, and stores it', async () => {
    // 2026-03-14 is a Saturday: the hall is closed.
    const saturday = w.draft({ date: '2026-03-14' });
    const refused = await saveSession(saturday).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClashError);
    expect((refused as ClashError).needsReason).toBe(true);
    const saved = await saveSession(saturday, '  周六加课，已与教学点协调  ');
    expect((await db().sessions.get(saved.id))?.overrideReason).toBe('周六加课，已与教学点协调');
    // Moved to a weekday, nothing is overridden any more.
    expect((await moveSession(saved.id, '2026-03-13', '14:00', '17:00')).overrideReason).toBe('');
  });

  it('re-checks inside the transaction: a session added after the preview still blocks the save', async () => {
    expect(await checkSessionClashes(w.draft())).toEqual([]);
    await w.session({ classId: w.spring.id, siteId: w.base.id });
    await expect(saveSession(w.draft())).rejects.toBeInstanceOf(ClashError);
  });

  it('saves a series in one transaction, and none of it when one date clashes', async () => {
    await w.session({ date: '2026-03-24', classId: w.spring.id, siteId: w.base.id, instructorIds: [w.yan.id] });
    const dates = ['2026-03-10', '2026-03-17', '2026-03-24'];
    const before = await db().sessions.count();
    await expect(saveSessions(dates.map((date) => w.draft({ date })))).rejects.toThrow('2026-03-24 14:00–17:00');
    expect(await db().sessions.count()).toBe(before);
    const saved = await saveSessions(dates.slice(0, 2).map((date) => w.draft({ date })));
    expect(saved.map((s) => s.date)).toEqual(dates.slice(0, 2));
  });

  it('does not let two sessions of one batch double-book an instructor', async () => {
    const twice = [w.draft(), w.draft({ classId: w.spring.id, siteId: w.base.id })];
    await expect(saveSessions(twice)).rejects.toThrow('孔老师');
  });

  it('moves, cancels with a reason, restores and deletes', async () => {
    const s = await saveSession(w.draft());
    const moved = await moveSession(s.id, '2026-03-11', '08:30', '11:30');
    expect(moved).toMatchObject({ id: s.id, date: '2026-03-11', start: '08:30', minutes: 180 });
    await expect(cancelSession(s.id, '  ')).rejects.toThrow('取消原因');
    const cancelled = await cancelSession(s.id, '教员临时出差');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '教员临时出差' });
    // A cancelled session frees its slot.
    expect(await checkSessionClashes(w.draft({ classId: w.spring.id, date: '2026-03-11', start: '08:30', end: '11:30' }))).toEqual([]);
    const restored = await restoreSession(s.id);
    expect(restored).toMatchObject({ status: 'planned', cancelReason: '' });
    await deleteSession(s.id);
    expect((await db().sessions.get(s.id))?.deletedAt).not.toBeNull();
  });

  it('keeps a session with attendance where it is', async () => {
    const s = await saveSession(w.draft());
    // Only the record's existence matters here, so it is put raw rather than built in full.
    await db().attendance.put({ ...s, sessionId: s.id, marks: {} } as unknown as Attendance);
    await expect(moveSession(s.id, '2026-03-11', '14:00', '17:00')).rejects.toThrow('已有考勤记录');
    await expect(cancelSession(s.id, '下雨')).rejects.toThrow('已有考勤记录');
    await expect(deleteSession(s.id)).rejects.toThrow('已有考勤记录');
    // Changing the instructor of a held session (who actually taught) is still allowed.
    expect((await saveSession({ ...s, instructorIds: [w.yan.id] })).instructorIds).toEqual([w.yan.id]);
  });
});

describe('calendar queries', () => {
  it('gives a range in time order, filtered by class, instructor and site', async () => {
    const a = await w.session({ date: '2026-03-12', start: '08:30', end: '11:30' });
    const b = await w.session({ date: '2026-03-10' });
    const c = await w.session({ date: '2026-03-12', start: '14:00', end: '17:00', classId: w.spring.id, instructorIds: [w.yan.id], siteId: w.far.id });
    await w.session({ date: '2026-03-16' });
    await w.session({ date: '2026-03-11', status: 'cancelled' });
    expect((await sessionsInRange('2026-03-09', '2026-03-15')).map((s) => s.id)).toEqual([b.id, a.id, c.id]);
    expect((await sessionsInRange('2026-03-09', '2026-03-15', { includeCancelled: true }))).toHaveLength(4);
    expect((await sessionsInRange('2026-03-09', '2026-03-15', { classId: w.spring.id })).map((s) => s.id)).toEqual([c.id]);
    expect((await sessionsInRange('2026-03-09', '2026-03-15', { instructorId: w.kong.id })).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await sessionsInRange('2026-03-09', '2026-03-15', { siteId: w.far.id })).map((s) => s.id)).toEqual([c.id]);
  });

  it('copies a week into drafts for another week', async () => {
    await w.session({ date: '2026-03-10' });
    await w.session({ date: '2026-03-12', classId: w.spring.id, instructorIds: [w.yan.id] });
    const drafts = await copyWeekDrafts('2026-03-11', '2026-03-23', { classId: w.winter.id });
    expect(drafts).toEqual([w.draft({ date: '2026-03-24' })]);
  });
});
