import { useLiveQuery } from 'dexie-react-hooks';
import type { Course, Instructor, Plan, School, Site, TrainingClass } from '../../../../shared/domain/records';
import { db } from '../instance';
import { listCourses } from './courses';
import { listClasses, listPlans } from './classes';

/**
 * The small registries the timetable screens choose from and name things by: courses,
 * classes, plans, instructors, sites and schools (hundreds of rows, never trainees).
 */
export interface ScheduleRefs {
  courses: Course[];
  classes: TrainingClass[];
  plans: Plan[];
  instructors: Instructor[];
  sites: Site[];
  schools: School[];
  course: Map<string, Course>;
  klass: Map<string, TrainingClass>;
  plan: Map<string, Plan>;
  instructor: Map<string, Instructor>;
  site: Map<string, Site>;
  school: Map<string, School>;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

export async function loadScheduleRefs(): Promise<ScheduleRefs> {
  const d = db();
  const alive = <T extends { deletedAt: number | null }>(r: T) => r.deletedAt === null;
  const [courses, classes, plans, instructors, sites, schools] = await Promise.all([
    listCourses(),
    listClasses(),
    listPlans(),
    d.instructors.filter(alive).toArray(),
    d.sites.filter(alive).toArray(),
    d.schools.filter(alive).toArray(),
  ]);
  instructors.sort(byName);
  sites.sort(byName);
  return {
    courses, classes, plans, instructors, sites, schools,
    course: byId(courses), klass: byId(classes), plan: byId(plans), instructor: byId(instructors), site: byId(sites),
    school: byId(schools),
  };
}

/** The reference data, kept live: undefined while loading. */
export function useScheduleRefs(): ScheduleRefs | undefined {
  return useLiveQuery(loadScheduleRefs);
}
