import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSession, markAllPresent, saveMark } from './attendance/marks';
import { saveExternalHours } from './attendance/external';
import { createAttendanceWorld } from './attendance/testWorld';
import { openDatabase } from './db';
import { db, setDb } from './instance';
import { yearLedger } from './ledger';
import { patchRecord } from './registries/common';
import { enrolTrainees, removeEnrolments } from './schedule/enrolments';
import { cancelSession, deleteSession, moveSession, restoreSession } from './schedule/sessions';
import { sessionDigests, updateCaches, yearSessionsOf } from './caches';
import { dashboardStats } from './stats';
import { resolveConflict } from './exchange/conflicts';
import { conflicts } from './exchange/tables';
import { cacheSnapshot, createTestSchool, hoursSnapshot } from './testing';
import { rebuildCaches } from './totals';
import { newId, saveRecord, setDeleted } from './write';

beforeEach(async () => {
  setDb(await openDatabase('caches-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('packed caches', () => {
  it('stay equal to a rebuild from the records through every kind of write', async () => {
    const w = await createAttendanceWorld(6);
    const [a, b, c] = w.trainees;
    const s1 = await w.session('2026-03-10');
    const s2 = await w.session('2026-04-10');
    const s3 = await w.session('2026-12-10');
    const s4 = await w.session('2026-12-11');
    await w.session('2026-12-12', '14:00', '16:00');
    await markAllPresent(s1.id, w.trainees.map((t) => t.id));
    await saveMark(s1.id, a!.id, { status: '迟到', minutesMissed: 30 });
    await saveMark(s2.id, b!.id, { status: '旷课' });
    await cancelSession(s3.id, '讲师临时有事');
    await deleteSession(s4.id);
    await enrolTrainees(w.klass.id, [w.outsider.id]);
    await removeEnrolments(w.klass.id, [c!.id]);
    await patchRecord('trainees', a!.id, { status: '退出' });
    await setDeleted('trainees', b!.id, true);
    await saveRecord('trainees', { ...w.outsider, name: '改名学员' });
    await saveExternalHours([{ traineeId: c!.id, date: '2026-05-01', source: '学习强国', hours: 6, note: '' }]);

    const patched = await cacheSnapshot();
    expect(Object.keys(patched.rolls)).toHaveLength(1);
    const roll = Object.values(patched.rolls)[0]!;
    expect(roll[b!.id]).toBeUndefined();
    expect(roll[w.outsider.id]).toContain('改名学员');
    // The ledger columns follow the roll: the same trainees, with what decides their figures.
    expect(Object.keys(Object.values(patched.ledgerRolls)[0]!).sort()).toEqual(Object.keys(roll).sort());
    expect(Object.values(patched.ledgerRolls)[0]![a!.id]).toEqual([a!.id, a!.category, a!.exempt, '退出']);
    expect(patched.classRolls[w.klass.id]!.members).not.toContain(c!.id);
    expect(patched.classRolls[w.klass.id]!.members).toContain(w.outsider.id);
    expect(patched.classRolls[w.klass.id]!.planned).toEqual({ 2026: [120] });
    expect(Object.keys(Object.values(patched.yearTotals)[0]!.rosters).sort()).toEqual([s1.id, s2.id].sort());
    // The trainee who left the class after being marked now counts as a walk-in there.
    expect(Object.values(patched.yearTotals)[0]!.rosters[s1.id]).toMatchObject({ counts: { 出勤: 5, 迟到: 1 }, hours: 14.5, outsiders: [c!.id] });

    await rebuildCaches();
    expect(await cacheSnapshot()).toEqual(patched);
  });

  it('keep each school-year’s sessions through creating, editing, cancelling, closing, deleting, restoring and moving', async () => {
    const w = await createAttendanceWorld(3);
    const held = await w.session('2026-03-10');
    const moved = await w.session('2026-04-10');
    const cancelled = await w.session('2026-05-10');
    const deleted = await w.session('2026-06-10');
    const nextYear = await w.session('2026-12-30');
    await markAllPresent(held.id, w.trainees.map((t) => t.id));
    await closeSession(held.id);
    await moveSession(moved.id, '2026-04-12', '14:00', '15:30');
    await cancelSession(cancelled.id, '暴雨');
    await restoreSession(cancelled.id);
    await cancelSession(cancelled.id, '讲师临时有事');
    await deleteSession(deleted.id);
    await setDeleted('sessions', deleted.id, false);
    await setDeleted('sessions', deleted.id, true);
    // Into the next calendar year: out of 2026's sessions, into 2027's.
    await moveSession(nextYear.id, '2027-01-05', '09:00', '11:00');

    const d = db();
    const of = async (year: number, schoolId = held.schoolId) => new Map(sessionDigests(await yearSessionsOf(d, year, [schoolId])).map((s) => [s.id, s]));
    const y2026 = await of(2026);
    expect([...y2026.keys()].sort()).toEqual([held.id, moved.id, cancelled.id].sort());
    expect(y2026.get(held.id)).toMatchObject({ status: 'held', date: '2026-03-10', schoolId: held.schoolId, year: 2026, instructorIds: [w.instructor.id] });
    expect(y2026.get(moved.id)).toMatchObject({ date: '2026-04-12', start: '14:00', end: '15:30', minutes: 90, status: 'planned' });
    expect(y2026.get(cancelled.id)).toMatchObject({ status: 'cancelled' });
    expect([...(await of(2027)).values()]).toEqual([expect.objectContaining({ id: nextYear.id, date: '2027-01-05', year: 2027 })]);

    // A session that changes school (an exchange may re-assign one) moves with it.
    const other = newId();
    const before = (await d.sessions.get(moved.id))!;
    const after = { ...before, schoolId: other };
    await d.transaction('rw', d.sessions, async () => {
      await d.sessions.put(after);
      await updateCaches(d, 'sessions', [{ before, after }]);
    });
    expect((await of(2026)).has(moved.id)).toBe(false);
    expect([...(await of(2026, other)).keys()]).toEqual([moved.id]);

    const patched = await cacheSnapshot();
    await rebuildCaches();
    expect(await cacheSnapshot()).toEqual(patched);
  });

  it('are followed by a live query: the dashboard changes with a mark, a new session and a new school’s trainee', async () => {
    const w = await createAttendanceWorld(4);
    const held = await w.session('2026-03-10');
    const seen: { visits: number; sessions: number; trainees: number }[] = [];
    const live = liveQuery(() => dashboardStats(2026)).subscribe((s) => seen.push({ visits: s.visits, sessions: s.sessions, trainees: s.trainees }));
    try {
      await vi.waitFor(() => expect(seen.at(-1)).toEqual({ visits: 0, sessions: 1, trainees: 5 }));
      await markAllPresent(held.id, w.trainees.map((t) => t.id));
      await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ visits: 4 }));
      await w.session('2026-04-10');
      await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ sessions: 2 }));
      await saveRecord('trainees', { ...w.outsider, id: undefined, schoolId: newId(), idNumber: '' });
      await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ trainees: 6 }));
    } finally {
      live.unsubscribe();
    }
  });

  it('follow a roster version chosen in a conflict: its 学时 replace the ones held', async () => {
    const w = await createAttendanceWorld(3);
    const s = await w.session('2026-03-10');
    await markAllPresent(s.id, w.trainees.map((t) => t.id));
    const held = (await db().attendance.get(s.id))!;
    const [absent, present] = w.trainees.map((t) => t.id);
    const other = { ...held, marks: { ...held.marks, [absent!]: { ...held.marks[absent!]!, status: '旷课', hours: 0 } }, updatedAt: held.updatedAt + 1 };
    await conflicts(db()).put({
      id: `attendance:${s.id}`, table: 'attendance', recordId: s.id, detectedAt: 1, ledgerId: 'l', sourceName: '书院街道党校',
      current: { record: { ...held }, by: 'county' }, other: { record: other, by: 'school' }, resolvedAt: null, resolution: null,
    });
    await resolveConflict(`attendance:${s.id}`, 'other');
    const hours = await hoursSnapshot();
    expect(hours[`${absent}|2026`]).toBeUndefined();
    expect(hours[`${present}|2026`]).toEqual({ credited: 2.5, bySource: {} });
    const patched = await cacheSnapshot();
    await rebuildCaches();
    expect(await cacheSnapshot()).toEqual(patched);
  });

  it('give the ledger and the dashboard their figures', async () => {
    const w = await createAttendanceWorld(4);
    const held = await w.session('2026-03-10');
    await w.session('2026-12-10');
    await markAllPresent(held.id, w.trainees.map((t) => t.id));
    const ledger = await yearLedger(2026, { today: '2026-06-01' });
    const member = ledger.find((r) => r.trainee.id === w.trainees[1]!.id)!;
    expect(member).toMatchObject({ credited: 2.5, scheduled: 2.5 });
    expect(ledger.map((r) => r.trainee.id)).toContain(w.outsider.id);
    expect((await dashboardStats(2026)).visits).toBe(4);
  });
});
