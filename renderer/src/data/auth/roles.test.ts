import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeSession, saveMark } from '../attendance/marks';
import { createAttendanceWorld } from '../attendance/testWorld';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord, setDeleted } from '../write';
import { setSession } from './session';
import { signInAs, signInFirstAdmin } from './testing';

beforeEach(async () => {
  setDb(await openDatabase('roles-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  setSession({ accountId: null, locked: false });
  db().close();
  setDb(null);
});

/** The class of createAttendanceWorld taught by 孔老师, one session by 颜老师, and a 教员 account for 孔老师. */
async function world() {
  const admin = await signInFirstAdmin();
  const w = await createAttendanceWorld(3);
  const yan = await saveRecord('instructors', { ...w.instructor, id: undefined, name: '颜老师' });
  const own = await w.session('2026-03-02');
  const others = await w.session('2026-03-03', '14:00', '16:00', { instructorIds: [yan.id] });
  const kong = await signInAs({ username: 'kong', displayName: '孔老师', role: '教员', instructorId: w.instructor.id });
  return { ...w, admin, kong, own, others };
}

const trailSize = () => db().audit.count();

describe('a 教员 account, enforced in the data layer', () => {
  it('marks attendance of its own session, each mark under its name', async () => {
    const w = await world();
    await saveMark(w.own.id, w.trainees[0]!.id, { status: '出勤' });
    expect((await db().attendance.get(w.own.id))?.marks[w.trainees[0]!.id]).toMatchObject({ status: '出勤', by: 'kong（孔老师）' });
    // The session became held: a timetable change, in the trail under the 教员's name.
    const entry = await db().audit.where('recordId').equals(w.own.id).filter((e) => e.table === 'sessions' && e.action === 'update').first();
    expect(entry).toMatchObject({ action: 'update', actorName: 'kong（孔老师）', actorRole: '教员', after: { status: 'held' } });
  });

  it('cannot mark another instructor’s session: refused before anything is written', async () => {
    const w = await world();
    const before = await trailSize();
    await expect(saveMark(w.others.id, w.trainees[0]!.id, { status: '出勤' })).rejects.toThrow('当前账户（教员）只能为自己授课的课次考勤');
    expect(await db().attendance.get(w.others.id)).toBeUndefined();
    expect((await db().sessions.get(w.others.id))?.status).toBe('planned');
    expect(await trailSize()).toBe(before);
  });

  it('cannot change a registry, the timetable, or delete anything', async () => {
    const w = await world();
    const trainee = w.trainees[1]!;
    await expect(saveRecord('trainees', { ...trainee, name: '改名' })).rejects.toThrow('当前账户（教员）无权修改学员信息');
    await expect(saveRecord('sessions', { ...w.own, date: '2026-03-09' })).rejects.toThrow('当前账户（教员）无权修改课次信息');
    await expect(setDeleted('trainees', trainee.id, true)).rejects.toThrow('当前账户（教员）无权修改学员信息');
    expect(await db().trainees.get(trainee.id)).toEqual(trainee);
  });

  it('closes its session, and may not change it afterwards; the office corrects it with a reason', async () => {
    const w = await world();
    const trainee = w.trainees[0]!.id;
    await saveMark(w.own.id, trainee, { status: '旷课' });
    await closeSession(w.own.id);
    expect((await db().sessions.get(w.own.id))?.closed).toBe(true);
    const roster = (await db().attendance.get(w.own.id))!;
    const corrected = { ...roster, marks: { ...roster.marks, [trainee]: { ...roster.marks[trainee]!, status: '病假' as const } } };
    await expect(saveRecord('attendance', corrected, { reason: '补交病假条' })).rejects.toThrow('当前账户（教员）无权更正已关闭课次的考勤');

    setSession({ accountId: w.admin.id, locked: false });
    await signInAs({ username: 'jiaowu', role: '教务' });
    await expect(saveRecord('attendance', corrected)).rejects.toThrow('该课次考勤已关闭，更正考勤须填写原因');
    await saveRecord('attendance', corrected, { reason: '补交病假条' });
    const entry = await db().audit.where('action').equals('attendance.correct').first();
    expect(entry).toMatchObject({
      reason: '补交病假条', actorRole: '教务', recordId: w.own.id,
      before: { marks: { [trainee]: { status: '旷课' } } }, after: { marks: { [trainee]: { status: '病假' } } },
    });
  });
});

describe('a 只读 account', () => {
  it('cannot write anything', async () => {
    const w = await world();
    setSession({ accountId: w.admin.id, locked: false });
    await signInAs({ username: 'viewer', role: '只读' });
    await expect(saveMark(w.own.id, w.trainees[0]!.id, { status: '出勤' })).rejects.toThrow('当前账户（只读）无权修改考勤');
    await expect(saveRecord('classes', { ...w.klass, title: '改' })).rejects.toThrow('当前账户（只读）无权修改培训班信息');
  });
});
