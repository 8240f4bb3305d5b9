import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord } from '../write';
import { classCounts, deleteClass, deletePlan, saveClass, savePlan } from './classes';
import { deleteCourse, filterCourses, listCourses, saveCourse } from './courses';
import { matchEnrolmentSheet } from './enrolmentSheet';
import { classRoster, enrolTrainees, loadTraineeIndex, removeEnrolments, searchTrainees } from './enrolments';
import { cancelSession, saveSession } from './sessions';
import { createScheduleWorld } from './testData';

let w: Awaited<ReturnType<typeof createScheduleWorld>>;

beforeEach(async () => {
  setDb(await openDatabase('curricula-' + newId()));
  await createTestSchool();
  w = await createScheduleWorld();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('enrolment', () => {
  it('adds, counts those already in, removes as tombstones and revives the same record', async () => {
    expect(await enrolTrainees(w.winter.id, [w.li.id, w.wang.id, w.wang.id])).toEqual({ added: 1, already: 1 });
    expect((await classRoster(w.winter.id)).map((t) => t.name).sort()).toEqual(['张三', '李四', '王五'].sort());
    expect(await removeEnrolments(w.winter.id, [w.wang.id])).toBe(1);
    const removed = await db().enrolments.where('[classId+traineeId]').equals([w.winter.id, w.wang.id]).first();
    expect(removed?.deletedAt).not.toBeNull();
    expect((await classRoster(w.winter.id)).map((t) => t.id)).not.toContain(w.wang.id);
    expect(await enrolTrainees(w.winter.id, [w.wang.id])).toEqual({ added: 1, already: 0 });
    const revived = await db().enrolments.where('[classId+traineeId]').equals([w.winter.id, w.wang.id]).toArray();
    expect(revived).toHaveLength(1);
    expect(revived[0]).toMatchObject({ id: removed!.id, deletedAt: null });
  });

  it('finds trainees on the register by name, pinyin initials and ID-number tail', async () => {
    await saveRecord('trainees', { ...w.wang, id: undefined, name: '张思', py: 'zs', idNumber: '370881199001015555', status: '转出' });
    const index = await loadTraineeIndex();
    expect(searchTrainees(index, '张').map((t) => t.name)).toEqual(['张三']);
    expect(searchTrainees(index, 'zs').map((t) => t.name)).toEqual(['张三']);
    expect(searchTrainees(index, '123x').map((t) => t.name)).toEqual(['李四']);
    expect(searchTrainees(index, '  ')).toEqual([]);
    expect(searchTrainees(index, '党支部', 2)).toHaveLength(2);
  });
});

describe('an enrolment list from Excel', () => {
  const match = async (rows: string[][]) => {
    const r = matchEnrolmentSheet(rows, await loadTraineeIndex(), new Set([w.zhang.id]));
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  it('matches by ID number or by name and branch, and says why the other rows do not match', async () => {
    const m = await match([
      ['2026年冬春训班报名表'],
      ['序号', '姓名', '身份证号码', '所在党支部'],
      ['1', '李四', '37088119700101123x', ''],
      ['2', '王五', '', '鲁源村党支部'],
      ['3', '张三', '370881196503081234', ''],
      ['4', '赵六', '', ''],
      ['5', '王六', '370881198001011111', ''],
      ['6', '', '370881199912310000', ''],
      ['7', '', '', ''],
      ['8', '王五', '', ''],
    ]);
    expect(m.matched.map((x) => [x.row, x.trainee.name])).toEqual([[3, '李四'], [4, '王五']]);
    expect(m.already.map((x) => x.trainee.name)).toEqual(['张三']);
    expect(m.unmatched).toEqual([
      { row: 6, text: '赵六', reason: '学员库中没有姓名为“赵六”的学员' },
      { row: 7, text: '王六，370881********1111', reason: '姓名“王六”与学员库中该身份证号的姓名“王五”不一致' },
      { row: 8, text: '370881********0000', reason: '学员库中没有身份证号为 370881********0000 的学员' },
      { row: 10, text: '王五', reason: '与第 4 行是同一名学员' },
    ]);
  });

  it('asks for the ID number when a name is not unique', async () => {
    await saveRecord('trainees', { ...w.wang, id: undefined, idNumber: '370881199001015555', branch: '鲁源村第二党支部' });
    const m = await match([['姓名'], ['王五']]);
    expect(m.unmatched[0]!.reason).toBe('学员库中有 2 名姓名为“王五”的学员，请填写身份证号以区分');
  });

  it('matches an ID number to the trainee on a register, not the record left at a school they moved from', async () => {
    await saveRecord('trainees', { ...w.wang, status: '转出' });
    const moved = await saveRecord('trainees', { ...w.wang, id: undefined, schoolId: 'other-school', status: '在册' });
    const m = await match([['身份证号'], ['370881198001011111']]);
    expect(m.matched.map((x) => x.trainee.id)).toEqual([moved.id]);
  });

  it('refuses a sheet without a name or ID column', () => {
    expect(matchEnrolmentSheet([['序号', '备注'], ['1', 'x']], [], new Set())).toMatchObject({ ok: false });
  });
});

describe('courses', () => {
  it('filters by each field, refuses a duplicate title, and keeps the site’s course list in step', async () => {
    const saved = await saveCourse({ ...w.theory, id: undefined, title: '  现场教学：尼山书院  ', method: '现场教学', siteId: w.far.id });
    expect(saved.title).toBe('现场教学：尼山书院');
    expect((await db().sites.get(w.far.id))?.courseIds).toEqual([saved.id]);
    await saveCourse({ ...saved, siteId: w.base.id });
    expect((await db().sites.get(w.far.id))?.courseIds).toEqual([]);
    expect((await db().sites.get(w.base.id))?.courseIds).toEqual([saved.id]);
    await expect(saveCourse({ ...w.theory, id: undefined })).rejects.toThrow('已有“党的创新理论”');

    const all = await listCourses();
    expect(filterCourses(all, { method: '现场教学' }).map((c) => c.id)).toEqual([saved.id]);
    expect(filterCourses(all, { text: '党史' }).map((c) => c.title)).toEqual(['党史学习']);
    expect(filterCourses(all, { siteId: w.base.id, domain: '政治理论', category: '基础必修', level: '普通党员' })).toHaveLength(1);
  });

  it('keeps a course a session uses, and tombstones one nobody uses', async () => {
    await saveSession(w.draft());
    await expect(deleteCourse(w.theory.id)).rejects.toThrow('已排入 1 个课次');
    await deleteCourse(w.history.id);
    expect((await listCourses()).map((c) => c.title)).toEqual(['党的创新理论']);
  });
});

describe('plans and classes', () => {
  it('takes the class year from its start, refuses reversed dates, and counts a page of classes', async () => {
    const plan = await savePlan({ year: 2027, title: '2027年党员教育培训计划', targetGroup: '', notes: '' });
    const klass = await saveClass({ planId: plan.id, year: 2000, title: '新班', targetGroup: '', startDate: '2027-03-01', endDate: '2027-04-01', notes: '' });
    expect(klass.year).toBe(2027);
    await expect(saveClass({ ...klass, endDate: '2027-02-01' })).rejects.toThrow('结束日期不能早于开始日期');
    await expect(deletePlan(plan.id)).rejects.toThrow('还有 1 个培训班');

    const s = await saveSession(w.draft());
    await saveSession(w.draft({ date: '2026-03-11', start: '08:30', end: '10:00' }));
    await cancelSession(s.id, '停电');
    const counts = await classCounts([w.winter.id, klass.id]);
    expect(counts.get(w.winter.id)).toEqual({ enrolled: 2, sessions: 1, minutes: 90 });
    expect(counts.get(klass.id)).toEqual({ enrolled: 0, sessions: 0, minutes: 0 });
  });

  it('deletes a class with its sessions and enrolments in one go, unless it has attendance', async () => {
    const s = await saveSession(w.draft());
    await deleteClass(w.winter.id);
    expect((await db().classes.get(w.winter.id))?.deletedAt).not.toBeNull();
    expect((await db().sessions.get(s.id))?.deletedAt).not.toBeNull();
    expect(await db().enrolments.where('classId').equals(w.winter.id).filter((e) => e.deletedAt === null).count()).toBe(0);

    const held = await saveSession(w.draft({ classId: w.spring.id }));
    await db().attendance.put({ id: held.id, classId: w.spring.id, deletedAt: null } as never);
    await expect(deleteClass(w.spring.id)).rejects.toThrow('考勤记录');
  });
});
