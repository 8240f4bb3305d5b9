import { ATTENDANCE_STATUSES } from '../../../../shared/domain/constants';
import { attendanceRate, emptyStatusCounts, type StatusCounts } from '../../../../shared/rules/markCounts';
import { db } from '../instance';
import { byId, classesById, heldSessions, periodYear, schoolNames, type PeriodScope } from './scope';

/** The figures shared by a session line and its class's subtotal. */
export interface AttendanceFigures {
  /** 应到: enrolled members plus walk-ins marked (插班). */
  expected: number;
  counts: StatusCounts;
  present: number;
  /** Enrolled members without a mark yet (未记). */
  unmarked: number;
  /** Percent, one decimal; null when nobody was expected. */
  rate: number | null;
}

export const emptyFigures = (): AttendanceFigures => ({ expected: 0, counts: emptyStatusCounts(), present: 0, unmarked: 0, rate: null });

/** Add `b` into the subtotal `a`, its rate recomputed. */
export function addFigures(a: AttendanceFigures, b: AttendanceFigures): void {
  a.expected += b.expected;
  a.present += b.present;
  a.unmarked += b.unmarked;
  for (const s of ATTENDANCE_STATUSES) a.counts[s] += b.counts[s];
  a.rate = attendanceRate(a.present, a.expected);
}

export interface AttendanceSessionRow extends AttendanceFigures {
  key: string;
  date: string;
  time: string;
  course: string;
  instructors: string;
  site: string;
}

export interface AttendanceClassRow extends AttendanceFigures {
  key: string;
  title: string;
  school: string;
  enrolled: number;
  sessions: AttendanceSessionRow[];
}

/** 培训班出勤统计: per class and per held session in the period, each status counted, with the rate. */
export async function attendanceReport(scope: PeriodScope): Promise<AttendanceClassRow[]> {
  const d = db();
  const facts = await heldSessions(scope);
  const classIds = [...new Set(facts.map((f) => f.session.classId))];
  // The year's classes by its index and the registries whole (a county's are a few hundred
  // records): one read each, where a read per key would cost several times as much.
  const [classes, courses, instructors, sites, schools, rolls] = await Promise.all([
    classesById(periodYear(scope.period), classIds, d),
    byId(d.courses.toArray()),
    byId(d.instructors.toArray()),
    byId(d.sites.toArray()),
    schoolNames(),
    // The class rolls: one record per class, where its enrolments are hundreds.
    d.classRolls.bulkGet(classIds),
  ]);
  const enrolledIn = new Map(classIds.map((id, i) => [id, rolls[i]?.traineeIds.length ?? 0]));

  const rows = new Map<string, AttendanceClassRow>();
  for (const { session, marks, outsiders } of facts) {
    const enrolled = enrolledIn.get(session.classId)!;
    const walkIns = outsiders.length;
    const expected = enrolled + walkIns;
    const line: AttendanceSessionRow = {
      key: session.id,
      date: session.date,
      time: `${session.start}–${session.end}`,
      course: courses.get(session.courseId)?.title ?? '（课程已删除）',
      instructors: session.instructorIds.map((id) => instructors.get(id)?.name ?? '？').join('、'),
      site: sites.get(session.siteId)?.name ?? '',
      expected,
      counts: marks.counts,
      present: marks.present,
      unmarked: Math.max(0, enrolled - (marks.marked - walkIns)),
      rate: attendanceRate(marks.present, expected),
    };
    let row = rows.get(session.classId);
    if (!row) {
      const cls = classes.get(session.classId);
      row = {
        key: session.classId,
        title: cls?.title ?? '（培训班已删除）',
        school: schools.get(session.schoolId) ?? '',
        enrolled,
        sessions: [],
        ...emptyFigures(),
      };
      rows.set(session.classId, row);
    }
    row.sessions.push(line);
    addFigures(row, line);
  }
  // Classes in the order they began (facts are in date order).
  return [...rows.values()];
}
