import type { TraineeCategory } from '../../../../shared/domain/constants';
import type { Session } from '../../../../shared/domain/records';
import { minutesBetween } from '../../../../shared/rules/hours';
import { saveRecord, saveRecords } from '../write';

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const PY = ['z', 'l', 'w', 'l', 'c', 'y', 'z', 'h', 'z', 'w'];

/**
 * An attendance world for the data-layer tests: one class of `size` trainees (the first
 * exempt, the second a village secretary), an outsider who is not enrolled, an instructor,
 * a site, a course, and a helper to schedule sessions of the class in 2026.
 */
export async function createAttendanceWorld(size = 6) {
  const [site] = await saveRecords('sites', [{
    kind: '主校区', name: '主校区', town: '鲁城街道', village: '', address: '', theme: '', capacity: 200, guide: '',
    guidePhone: '', courseIds: [], demoLevel: '无', status: '启用', notes: '', openPeriods: [],
  }]);
  const instructor = await saveRecord('instructors', {
    name: '孔老师', gender: null, category: '党校教师', employment: '专职', unit: '', post: '', title: '', phone: '',
    topics: [], appointmentStart: null, appointmentEnd: null, status: '在库', notes: '',
  });
  const course = await saveRecord('courses', {
    title: '党的创新理论', domain: '政治理论', category: '基础必修', level: '普通党员', method: '专题讲授', minutes: 120,
    instructorIds: [], siteId: null, description: '',
  });
  const klass = await saveRecord('classes', {
    planId: null, year: 2026, title: '党员冬春训班', targetGroup: '', startDate: '2026-01-05', endDate: '2026-12-20', notes: '',
  });
  const category = (i: number): TraineeCategory => (i === 1 ? '村(社区)党组织书记' : '普通党员');
  const trainees = await saveRecords('trainees', Array.from({ length: size + 1 }, (_, i) => ({
    name: `${SURNAMES[i % 10]}学员${i}`, gender: null, idNumber: `370881197001${String(10000 + i).slice(-5)}X`,
    birthDate: null, phone: '', branch: '鲁源村党支部', village: '鲁源村', category: category(i), exempt: i === 0,
    status: '在册' as const, py: `${PY[i % 10]}xy`, notes: '',
  })));
  const outsider = trainees.pop()!;
  await saveRecords('enrolments', trainees.map((t) => ({ classId: klass.id, traineeId: t.id })));
  const session = (date: string, start = '09:00', end = '11:00', over: Partial<Session> = {}) =>
    saveRecord('sessions', {
      classId: klass.id, courseId: course.id, instructorIds: [instructor.id], siteId: site!.id, date, year: Number(date.slice(0, 4)),
      start, end, minutes: minutesBetween(start, end), status: 'planned', cancelReason: '', overrideReason: '', closed: false, ...over,
    });
  return { site: site!, instructor, course, klass, trainees, outsider, session };
}
