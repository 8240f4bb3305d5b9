import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addWalkIn, closeSession, markAllPresent, saveMark } from '../attendance/marks';
import { saveExternalHours } from '../attendance/external';
import { saveEvaluation } from '../attendance/evaluations';
import { createAttendanceWorld } from '../attendance/testWorld';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord, saveRecords } from '../write';
import { attendanceReport } from './attendanceReport';
import { instructorReport } from './instructorReport';
import { filterLedger, ledgerReport } from './ledgerReport';
import { shortfallReport } from './shortfallReport';
import { siteReport } from './siteReport';
import { summaryReport } from './summaryReport';
import { yearPeriod } from './scope';

type World = Awaited<ReturnType<typeof createAttendanceWorld>>;
let w: World;
let own: string;
const H1 = { from: '2026-01-01', to: '2026-06-30' };

/**
 * A class of six (t0 exempt, t1 a village secretary needing 56 学时, the rest 普通党员 needing 32),
 * an outsider who walks in once, sessions of 120 minutes (2.5 学时 at 45 minutes, rounded down):
 * s1 (03-10) fully marked with every status, s2 (05-12) with one mark, s3 (08-20) held in H2,
 * s4 (09-01) cancelled, s5 (12-01) planned.
 */
async function prepare() {
  const [t0, t1, t2, t3, t4, t5] = w.trainees.map((t) => t.id) as [string, string, string, string, string, string];
  const s1 = await w.session('2026-03-10');
  await markAllPresent(s1.id, [t0, t1]);
  await saveMark(s1.id, t2, { status: '迟到', minutesMissed: 30 });
  await saveMark(s1.id, t3, { status: '事假' });
  await saveMark(s1.id, t4, { status: '旷课' });
  await saveMark(s1.id, t5, { status: '病假' });
  await addWalkIn(s1.id, w.outsider.id, { status: '出勤' });
  await closeSession(s1.id);
  const s2 = await w.session('2026-05-12', '14:30', '16:30');
  await saveMark(s2.id, t1, { status: '出勤' });
  const s3 = await w.session('2026-08-20');
  await markAllPresent(s3.id, [t1, t2]);
  const s4 = await w.session('2026-09-01', '09:00', '11:00', { status: 'cancelled', cancelReason: '暴雨' });
  const s5 = await w.session('2026-12-01');
  return { s1, s2, s3, s4, s5 };
}

beforeEach(async () => {
  setDb(await openDatabase('reports-' + newId()));
  own = (await createTestSchool()).id;
  w = await createAttendanceWorld(6);
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('培训班出勤统计', () => {
  it('counts each status per session and class, with walk-ins in 应到 and unmarked members apart', async () => {
    await prepare();
    const [row, ...others] = await attendanceReport({ period: H1 });
    expect(others).toHaveLength(0);
    expect(row!.title).toBe('党员冬春训班');
    expect(row!.enrolled).toBe(6);
    const [s1, s2] = row!.sessions;
    expect(s1).toMatchObject({
      date: '2026-03-10', course: '党的创新理论', instructors: '孔老师', site: '主校区',
      expected: 7, present: 4, unmarked: 0, rate: 57.1,
      counts: { 出勤: 3, 迟到: 1, 早退: 0, 事假: 1, 病假: 1, 旷课: 1 },
    });
    expect(s2).toMatchObject({ date: '2026-05-12', time: '14:30–16:30', expected: 6, present: 1, unmarked: 5, rate: 16.7 });
    expect(row).toMatchObject({ expected: 13, present: 5, unmarked: 5, rate: 38.5 });
    expect(row!.counts).toEqual({ 出勤: 4, 迟到: 1, 早退: 0, 事假: 1, 病假: 1, 旷课: 1 });
  });

  it('leaves out cancelled and planned sessions and sessions outside the period or the schools', async () => {
    await prepare();
    const year = await attendanceReport({ period: yearPeriod(2026) });
    expect(year[0]!.sessions.map((s) => s.date)).toEqual(['2026-03-10', '2026-05-12', '2026-08-20']);
    expect(await attendanceReport({ period: H1, schoolIds: ['another-school'] })).toEqual([]);
    expect(await attendanceReport({ period: H1, schoolIds: [own] })).toHaveLength(1);
  });
});

describe('师资授课统计', () => {
  it('adds up sessions, 学时, trainee-visits and the evaluation average per instructor in the period', async () => {
    const { s1, s2, s3 } = await prepare();
    const [second, paused] = await saveRecords('instructors', [
      { ...w.instructor, id: undefined, name: '颜老师' },
      { ...w.instructor, id: undefined, name: '孟老师', status: '暂停' },
    ]);
    await saveEvaluation({ sessionId: s1.id, instructorId: w.instructor.id, scores: [18, 18, 18, 18, 18], note: '' });
    await saveEvaluation({ sessionId: s2.id, instructorId: w.instructor.id, scores: [16, 16, 16, 16, 16], note: '' });
    await saveEvaluation({ sessionId: s3.id, instructorId: w.instructor.id, scores: [10, 10, 10, 10, 10], note: '' });
    const rows = await instructorReport({ period: H1 });
    expect(rows.map((r) => r.name)).toEqual(['孔老师', '颜老师']);
    expect(rows[0]).toMatchObject({ sessions: 2, hours: 5, visits: 5, evaluations: 2, average: 85 });
    expect(rows[1]).toMatchObject({ key: second!.id, sessions: 0, hours: 0, visits: 0, evaluations: 0, average: null });
    expect(rows.some((r) => r.key === paused!.id)).toBe(false);
    const year = await instructorReport({ period: yearPeriod(2026) });
    expect(year[0]).toMatchObject({ sessions: 3, hours: 7.5, visits: 7, evaluations: 3, average: 73.3 });
  });
});

describe('教学点使用统计', () => {
  it('counts sessions and trainee-visits per site, listing idle sites in use but not retired ones', async () => {
    await prepare();
    const [idle, retired] = await saveRecords('sites', [
      { ...w.site, id: undefined, name: '中共尼山地委旧址', kind: '现场教学点' },
      { ...w.site, id: undefined, name: '旧礼堂', status: '停用' },
    ]);
    const rows = await siteReport({ period: H1 });
    expect(rows.map((r) => r.name)).toEqual(['主校区', '中共尼山地委旧址']);
    expect(rows[0]).toMatchObject({ sessions: 2, hours: 5, visits: 5, perSession: 2.5 });
    expect(rows[1]).toMatchObject({ key: idle!.id, sessions: 0, visits: 0, perSession: null });
    expect(rows.some((r) => r.key === retired!.id)).toBe(false);
  });
});

describe('学员学时台账', () => {
  it('gives every trainee on the roll their year, ID masked, filterable by branch, category and status', async () => {
    await prepare();
    await saveExternalHours([{ traineeId: w.trainees[5]!.id, date: '2026-04-01', source: '学习强国', hours: 32, note: '' }]);
    const rows = await ledgerReport({ year: 2026 }, '2026-06-15');
    expect(rows).toHaveLength(7);
    const t2 = rows.find((r) => r.key === w.trainees[2]!.id)!;
    expect(t2).toMatchObject({ branch: '鲁源村党支部', category: '普通党员', required: 32, credited: 4.5, external: 0, total: 4.5, shortBy: 27.5 });
    expect(t2.idNumber).toMatch(/^370881\*{8}\d{3}X$/);
    expect(rows.find((r) => r.key === w.trainees[5]!.id)).toMatchObject({ external: 32, total: 32, status: '已达标' });
    expect(rows.find((r) => r.key === w.trainees[0]!.id)!.status).toBe('免学');
    expect(filterLedger(rows, { statuses: ['已达标'] }).map((r) => r.key)).toEqual([w.trainees[5]!.id]);
    expect(filterLedger(rows, { category: '村(社区)党组织书记' }).map((r) => r.key)).toEqual([w.trainees[1]!.id]);
    expect(filterLedger(rows, { branch: '别的党支部' })).toEqual([]);
  });
});

describe('未达标名单', () => {
  it('lists those at risk by branch and hours lacking, with their next sessions, own class first', async () => {
    await prepare();
    await saveExternalHours([
      { traineeId: w.trainees[5]!.id, date: '2026-04-01', source: '学习强国', hours: 32, note: '' },
      // t4 lacks 2 学时, which the planned s5 (2.5) covers: 预计达标.
      { traineeId: w.trainees[4]!.id, date: '2026-04-01', source: '学习强国', hours: 30, note: '' },
    ]);
    // Another class of the school, training 普通党员, with a planned session the short could join.
    const other = await saveRecord('classes', { ...w.klass, id: undefined, title: '党员集中轮训班' });
    await saveRecord('enrolments', { classId: other.id, traineeId: w.outsider.id });
    await saveRecord('sessions', {
      ...(await w.session('2026-12-08')), id: undefined, classId: other.id, date: '2026-12-09',
    });
    const rows = await shortfallReport({ year: 2026 }, '2026-11-20');
    const names = rows.map((r) => r.key);
    expect(names).toEqual(expect.arrayContaining([w.trainees[1]!.id, w.trainees[2]!.id, w.trainees[3]!.id, w.outsider.id]));
    expect(names).not.toContain(w.trainees[0]!.id); // exempt
    expect(names).not.toContain(w.trainees[4]!.id); // 预计达标
    expect(names).not.toContain(w.trainees[5]!.id); // met
    // Same branch: the one lacking most first.
    expect(rows[0]!.key).toBe(w.trainees[1]!.id);
    const t3 = rows.find((r) => r.key === w.trainees[3]!.id)!;
    expect(t3).toMatchObject({ shortBy: 32, scheduled: 5, stillShort: 27, status: '有风险' });
    expect(t3.suggestions.map((s) => [s.date, s.joinClass])).toEqual([
      ['2026-12-01', false],
      ['2026-12-08', false],
      ['2026-12-09', true],
    ]);
    expect(t3.suggestions[2]!.classTitle).toBe('党员集中轮训班');
    // The secretary's category is trained by no other class: own sessions only.
    expect(rows[0]!.suggestions.every((s) => !s.joinClass)).toBe(true);

    const withForecast = await shortfallReport({ year: 2026, includeForecast: true }, '2026-11-20');
    const t4 = withForecast.find((r) => r.key === w.trainees[4]!.id)!;
    expect(t4).toMatchObject({ shortBy: 2, stillShort: 0, status: '预计达标' });
    // One session covers the 2 学时 lacking.
    expect(t4.suggestions.map((s) => s.date)).toEqual(['2026-12-01']);
  });

  it('says the year is over for those still short after 31 December', async () => {
    await prepare();
    const rows = await shortfallReport({ year: 2026 }, '2027-01-05');
    expect(rows.every((r) => r.status === '未达标' && r.suggestions.length === 0)).toBe(true);
    expect(rows).toHaveLength(6);
  });
});

describe('上报汇总表', () => {
  it('sums sessions, visits and 学时 of the period per school and counts who has met the minimum', async () => {
    await prepare();
    await saveExternalHours([{ traineeId: w.trainees[5]!.id, date: '2026-04-01', source: '学习强国', hours: 32, note: '' }]);
    const rows = await summaryReport({ period: H1 }, '2026-06-15');
    const [school, total] = rows;
    expect(rows).toHaveLength(2);
    // s1: 2.5 × 3 present + 2 for the one 30 minutes late; s2: 2.5.
    expect(school).toMatchObject({ key: own, school: '鲁城街道党校', classes: 1, sessions: 2, visits: 5, hours: 12, trainees: 7, required: 6, met: 1, rate: 16.7 });
    expect(total).toMatchObject({ key: 'total', school: '合计', classes: 1, sessions: 2, visits: 5, hours: 12, trainees: 7, required: 6, met: 1 });
  });
});
