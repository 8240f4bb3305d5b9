import type { Session } from '../../../../shared/domain/records';
import type { SessionDraft } from '../../../../shared/rules/clashes';
import { saveRecord, saveRecords } from '../write';

/** A small timetable world for the data-layer tests: two classes sharing a trainee, two instructors, three sites. */
export async function createScheduleWorld() {
  const site = (name: string, town: string, capacity = 0) => ({
    kind: '主校区' as const, name, town, village: '', address: '', theme: '', capacity, guide: '', guidePhone: '',
    courseIds: [], demoLevel: '无' as const, status: '启用' as const, notes: '',
    openPeriods: [{ weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '17:30' }],
  });
  const instructor = (name: string) => ({
    name, gender: null, category: '党校教师' as const, employment: '专职' as const, unit: '', post: '', title: '', phone: '',
    topics: [], appointmentStart: null, appointmentEnd: null, status: '在库' as const, notes: '',
  });
  const trainee = (name: string, py: string, idNumber: string) => ({
    name, gender: null, idNumber, birthDate: null, phone: '', branch: '鲁源村党支部', village: '鲁源村',
    category: '普通党员' as const, exempt: false, status: '在册' as const, py, notes: '',
  });
  const [hall, base, far] = await saveRecords('sites', [site('主校区', '鲁城街道'), site('培训基地', '鲁城街道'), site('尼山书院', '尼山镇')]);
  const [kong, yan] = await saveRecords('instructors', [instructor('孔老师'), instructor('颜老师')]);
  const course = (title: string) => ({
    title, domain: '政治理论' as const, category: '基础必修' as const, level: '普通党员' as const, method: '专题讲授' as const,
    minutes: 180, instructorIds: [], siteId: null, description: '',
  });
  const [theory, history] = await saveRecords('courses', [course('党的创新理论'), course('党史学习')]);
  const klass = (title: string) => ({ planId: null, year: 2026, title, targetGroup: '', startDate: '2026-03-01', endDate: '2026-06-30', notes: '' });
  const [winter, spring] = await saveRecords('classes', [klass('冬春训班'), klass('轮训班')]);
  const [zhang, li, wang] = await saveRecords('trainees', [
    trainee('张三', 'zs', '370881196503081234'),
    trainee('李四', 'ls', '37088119700101123X'),
    trainee('王五', 'ww', '370881198001011111'),
  ]);
  await saveRecords('enrolments', [
    { classId: winter!.id, traineeId: zhang!.id },
    { classId: winter!.id, traineeId: li!.id },
    { classId: spring!.id, traineeId: li!.id },
    { classId: spring!.id, traineeId: wang!.id },
  ]);
  const draft = (over: Partial<SessionDraft> = {}): SessionDraft => ({
    classId: winter!.id, courseId: theory!.id, instructorIds: [kong!.id], siteId: hall!.id,
    date: '2026-03-10', start: '14:00', end: '17:00', status: 'planned', ...over,
  });
  const session = (over: Partial<SessionDraft> & Partial<Pick<Session, 'overrideReason'>> = {}) => {
    const d = draft(over);
    return saveRecord('sessions', {
      ...d, year: 2026, minutes: 180, cancelReason: '', overrideReason: over.overrideReason ?? '', closed: false,
    });
  };
  return {
    hall: hall!, base: base!, far: far!, kong: kong!, yan: yan!, theory: theory!, history: history!,
    winter: winter!, spring: spring!, zhang: zhang!, li: li!, wang: wang!, draft, session,
  };
}
