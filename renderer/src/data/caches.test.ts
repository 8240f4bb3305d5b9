import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markAllPresent, saveMark } from './attendance/marks';
import { saveExternalHours } from './attendance/external';
import { createAttendanceWorld } from './attendance/testWorld';
import { openDatabase } from './db';
import { db, setDb } from './instance';
import { yearLedger } from './ledger';
import { patchRecord } from './registries/common';
import { enrolTrainees, removeEnrolments } from './schedule/enrolments';
import { cancelSession, deleteSession } from './schedule/sessions';
import { dashboardStats } from './stats';
import { cacheSnapshot, createTestSchool } from './testing';
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
    expect(patched.classRolls[w.klass.id]!.members).not.toContain(c!.id);
    expect(patched.classRolls[w.klass.id]!.members).toContain(w.outsider.id);
    expect(patched.classRolls[w.klass.id]!.planned).toEqual({ 2026: [120] });
    expect(Object.keys(Object.values(patched.yearTotals)[0]!.rosters).sort()).toEqual([s1.id, s2.id].sort());
    // The trainee who left the class after being marked now counts as a walk-in there.
    expect(Object.values(patched.yearTotals)[0]!.rosters[s1.id]).toMatchObject({ counts: { 出勤: 5, 迟到: 1 }, hours: 14.5, outsiders: [c!.id] });

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
