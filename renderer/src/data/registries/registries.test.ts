import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { previewImport } from '../../../../shared/import/preview';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord, selfSchoolId } from '../write';
import { RegistryRuleError, schoolsInCharge } from './common';
import { applyRoster, importExisting, previewRoster } from './importing';
import { instructorActivity, saveInstructor, setInstructorStatus, type InstructorInput } from './instructors';
import { saveSite, setSiteStatus, type SiteInput } from './sites';
import { saveTrainee, setTraineeStatus, transferTrainee, traineeIdentityProblems, type TraineeInput } from './trainees';

const ID = '37088119650308123X'; // valid: born 1965-03-08, male
const OTHER_ID = '370881197001010022'; // born 1970-01-01, female

const trainee = (more: Partial<TraineeInput> = {}): TraineeInput => ({
  name: '孔祥林 ', gender: null, idNumber: '', birthDate: null, phone: '', branch: '鲁源村党支部', village: '鲁源村',
  category: '普通党员', exempt: false, status: '在册', notes: '', ...more,
});
const instructor = (more: Partial<InstructorInput> = {}): InstructorInput => ({
  name: '颜廷文', gender: '男', category: '党校教师', employment: '专职', unit: '中共曲阜市委党校', post: '教师', title: '讲师',
  phone: '13905371234', topics: ['党章党规'], appointmentStart: '2024-01-01', appointmentEnd: '2026-12-31', status: '在库', notes: '', ...more,
});
const site = (more: Partial<SiteInput> = {}): SiteInput => ({
  kind: '现场教学点', name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '革命传统', capacity: 60, guide: '',
  guidePhone: '', courseIds: [], demoLevel: '市级示范点', openPeriods: [], status: '启用', notes: '', ...more,
});

async function rejection(work: Promise<unknown>): Promise<RegistryRuleError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RegistryRuleError);
  return error as RegistryRuleError;
}

beforeEach(async () => {
  setDb(await openDatabase('registries-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('trainees', () => {
  it('normalises the ID number, derives pinyin initials and recomputes them on rename', async () => {
    const t = await saveTrainee(trainee({ idNumber: ' ３７０８８１ 19650308123x ', gender: '男', birthDate: '1965-03-08' }));
    expect(t.idNumber).toBe(ID);
    expect(t.py).toBe('kxl');
    const renamed = await saveTrainee({ ...t, name: '张三' });
    expect(renamed.py).toBe('zs');
    expect(renamed.id).toBe(t.id);
  });

  it('refuses a bad check digit, a birth date or gender that contradicts the ID', () => {
    expect(traineeIdentityProblems({ idNumber: '370881196503081234', birthDate: null, gender: null })).toEqual([
      { field: 'idNumber', message: '身份证号校验位错误' },
    ]);
    expect(traineeIdentityProblems({ idNumber: ID, birthDate: '1965-03-09', gender: '女' }).map((p) => p.field)).toEqual([
      'birthDate', 'gender',
    ]);
    expect(traineeIdentityProblems({ idNumber: '', birthDate: '1965-03-09', gender: '女' })).toEqual([]);
  });

  it('writes nothing for an invalid ID number', async () => {
    const error = await rejection(saveTrainee(trainee({ idNumber: '370881196503081234' })));
    expect(error.field).toBe('idNumber');
    expect(await db().trainees.count()).toBe(0);
  });

  it('keeps ID numbers unique within a school, naming the trainee who has it', async () => {
    const first = await saveTrainee(trainee({ name: '孔祥林', idNumber: ID }));
    const error = await rejection(saveTrainee(trainee({ name: '张三', idNumber: ID.toLowerCase() })));
    expect(error.message).toContain('“孔祥林”');
    expect(error.field).toBe('idNumber');
    // Retired trainees still hold their number: reinstate them rather than register twice.
    await setTraineeStatus(first.id, '退出');
    await rejection(saveTrainee(trainee({ name: '张三', idNumber: ID })));
    // Editing the holder itself is fine; another school may register the same person.
    await saveTrainee({ ...first, phone: '13805371234' });
    const other = await saveRecord('schools', { name: '鲁源村党校', level: '村社区', parentId: await selfSchoolId(), code: '' });
    await saveTrainee(trainee({ name: '孔祥林', idNumber: ID, schoolId: other.id }));
    expect(await db().trainees.where('idNumber').equals(ID).count()).toBe(2);
    expect((await schoolsInCharge()).map((s) => s.name)).toEqual(['鲁城街道党校', '鲁源村党校']);
  });

  it('retires by status, never deleting, and reinstates', async () => {
    const t = await saveTrainee(trainee());
    const retired = await setTraineeStatus(t.id, '退出');
    expect(retired.status).toBe('退出');
    expect(retired.deletedAt).toBeNull();
    expect(retired.seq).toBeGreaterThan(t.seq);
    expect((await setTraineeStatus(t.id, '在册')).status).toBe('在册');
  });

  it('moves a trainee to another school, keeping the record and its id', async () => {
    const t = await saveTrainee(trainee({ idNumber: ID }));
    const moved = await transferTrainee(t.id, { schoolName: ' 尼山镇党校 ', level: '镇街', date: '2026-05-01' });
    expect(moved.id).toBe(t.id);
    expect(moved.status).toBe('转出');
    const school = await db().schools.get(moved.transfer!.schoolId);
    expect(school).toMatchObject({ name: '尼山镇党校', level: '镇街' });
    expect(moved.transfer!.date).toBe('2026-05-01');
    // A second move to the same school finds it by name instead of creating another.
    const again = await transferTrainee(t.id, { schoolName: '尼山镇党校', level: '村社区', date: '2026-05-02' });
    expect(again.transfer!.schoolId).toBe(school!.id);
    expect(await db().schools.filter((s) => s.name === '尼山镇党校').count()).toBe(1);
    // Not to its own school; and coming back clears the transfer.
    const error = await rejection(transferTrainee(t.id, { schoolName: '鲁城街道党校', level: '镇街', date: '2026-05-03' }));
    expect(error.field).toBe('schoolName');
    const back = await setTraineeStatus(t.id, '在册');
    expect(back.transfer).toBeNull();
  });
});

describe('instructors and sites', () => {
  it('refuses a second instructor with the same name and phone, and an appointment ending before it starts', async () => {
    const a = await saveInstructor(instructor());
    expect((await rejection(saveInstructor(instructor({ category: '专家学者' })))).message).toContain('颜廷文');
    await saveInstructor(instructor({ phone: '13905370000' }));
    expect((await rejection(saveInstructor(instructor({ name: '孟凡', appointmentEnd: '2023-12-31' })))).field).toBe('appointmentEnd');
    const paused = await setInstructorStatus(a.id, '暂停');
    expect(paused).toMatchObject({ status: '暂停', deletedAt: null });
  });

  it("reads an instructor's sessions and average evaluation by index", async () => {
    const a = await saveInstructor(instructor());
    const b = await saveInstructor(instructor({ name: '孟凡' }));
    const s = await saveSite(site());
    const course = await saveRecord('courses', {
      title: '党章党规专题', domain: '党章党规党纪', category: '基础必修', level: '普通党员', method: '专题讲授', minutes: 90,
      instructorIds: [a.id], siteId: null, description: '',
    });
    const cls = await saveRecord('classes', {
      planId: null, year: 2026, title: '党员冬春训班', targetGroup: '农村党员', startDate: '2026-01-05', endDate: '2026-03-31', notes: '',
    });
    const session = (date: string, instructorIds: string[]) =>
      saveRecord('sessions', {
        classId: cls.id, courseId: course.id, instructorIds, siteId: s.id, date, year: 2026, start: '09:00', end: '10:30',
        minutes: 90, status: 'held', cancelReason: '', overrideReason: '', closed: true,
      });
    const s1 = await session('2026-01-10', [a.id]);
    await session('2026-02-10', [a.id, b.id]);
    await session('2026-03-10', [b.id]);
    await saveRecord('evaluations', { sessionId: s1.id, instructorId: a.id, scores: [18, 17, 16, 19, 20], note: '' });
    await saveRecord('evaluations', { sessionId: s1.id, instructorId: a.id, scores: [16, 17, 18, 15, 16], note: '' });
    const activity = await instructorActivity(a.id);
    expect(activity.sessions.map((x) => x.date)).toEqual(['2026-02-10', '2026-01-10']);
    expect(activity.sessions[0]).toMatchObject({ course: '党章党规专题', className: '党员冬春训班', site: '中共尼山地委旧址', instructors: '颜廷文、孟凡' });
    expect(activity.evaluation.count).toBe(2);
    expect(activity.evaluation.average).toBe(86);
    expect(activity.evaluation.criteria[0]).toEqual({ name: '现实针对性', average: 17 });
    expect((await instructorActivity(b.id)).evaluation).toEqual({ count: 0, average: null, criteria: [] });
  });

  it('keeps site names unique and retires a site by status', async () => {
    const s = await saveSite(site());
    expect((await rejection(saveSite(site({ kind: '培训基地' })))).field).toBe('name');
    expect((await setSiteStatus(s.id, '停用')).status).toBe('停用');
  });
});

describe('importing', () => {
  const header = ['姓名', '身份证号', '所在党支部'];
  const preview = async (rows: string[][]) =>
    previewImport({
      entity: 'trainee', header, rows, headerRowIndex: 0, mapping: ['name', 'idNumber', 'branch'],
      existing: await importExisting('trainee', await selfSchoolId()), today: '2026-06-15',
    });

  it('adds and updates in one go with pinyin initials; the same rows again change nothing', async () => {
    const existing = await saveTrainee(trainee({ name: '孔祥林', idNumber: ID, branch: '旧支部' }));
    const rows = [['孔祥林', ID, '鲁源村党支部'], ['张三', OTHER_ID, '鲁源村党支部']];
    const first = await preview(rows);
    expect(first.add).toHaveLength(1);
    expect(first.update.map((u) => u.changedFields)).toEqual([['branch']]);
    expect(await applyRoster('trainee', first, await selfSchoolId(), 'roster.xlsx')).toEqual({ added: 1, updated: 1 });
    const all = await db().trainees.toArray();
    expect(all.find((t) => t.name === '张三')).toMatchObject({ py: 'zs', idNumber: OTHER_ID, gender: '女', birthDate: '1970-01-01' });
    expect(all.find((t) => t.id === existing.id)?.branch).toBe('鲁源村党支部');
    const again = await preview(rows);
    expect(again).toMatchObject({ add: [], update: [], unchanged: 2 });
  });

  it('takes a difference of width or spacing for no change, and updates only the fields that changed', async () => {
    const stored = await saveTrainee(trainee({ name: '孔祥林', idNumber: ID, notes: '外出务工（天津）' }));
    const input = { entity: 'trainee' as const, header: ['姓名', '身份证号', '备注', '所在党支部'], headerRowIndex: 0, existing: [stored], today: '2026-06-15' };
    const mapping = ['name', 'idNumber', 'notes', 'branch'] as const;
    expect(previewRoster({ ...input, mapping, rows: [['孔祥林', ID, '外出务工(天津)', '鲁源村党支部']] })).toMatchObject({ update: [], unchanged: 1 });
    const [update] = previewRoster({ ...input, mapping, rows: [['孔祥林', ID, '外出务工(天津)', '新支部']] }).update;
    expect(update!.changedFields).toEqual(['branch']);
    expect(update!.after).toMatchObject({ branch: '新支部', notes: '外出务工（天津）' });
  });

  it('writes nothing when a record changed after the preview', async () => {
    const existing = await saveTrainee(trainee({ name: '孔祥林', idNumber: ID, branch: '旧支部' }));
    const p = await preview([['孔祥林', ID, '新支部'], ['张三', OTHER_ID, '鲁源村党支部']]);
    await saveTrainee({ ...existing, phone: '13805371234' });
    await rejection(applyRoster('trainee', p, await selfSchoolId(), 'roster.xlsx'));
    expect(await db().trainees.count()).toBe(1);
    expect((await db().trainees.get(existing.id))?.branch).toBe('旧支部');
  });

  it('writes nothing when an added ID number was registered after the preview', async () => {
    const p = await preview([['张三', OTHER_ID, '鲁源村党支部'], ['李四', '', '鲁源村党支部']]);
    await saveTrainee(trainee({ name: '张三', idNumber: OTHER_ID }));
    await rejection(applyRoster('trainee', p, await selfSchoolId(), 'roster.xlsx'));
    expect(await db().trainees.count()).toBe(1);
  });
});
