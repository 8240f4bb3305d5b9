import type { Course } from '../../../../shared/domain/records';
import { db } from '../instance';
import { saveRecord, saveRecords, setDeleted, type Draft } from '../write';

export type CourseDraft = Draft<'courses'>;

export interface CourseFilter {
  text?: string;
  domain?: Course['domain'];
  category?: Course['category'];
  level?: Course['level'];
  method?: Course['method'];
  instructorId?: string;
  siteId?: string;
}

/** The course library (课程库), alive courses by title: a few hundred at most, so read whole. */
export async function listCourses(): Promise<Course[]> {
  const rows = await db().courses.filter((c) => c.deletedAt === null).toArray();
  return rows.sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
}

export function filterCourses(courses: readonly Course[], f: CourseFilter): Course[] {
  const text = f.text?.trim().toLowerCase();
  return courses.filter(
    (c) =>
      (!text || c.title.toLowerCase().includes(text) || c.description.toLowerCase().includes(text)) &&
      (!f.domain || c.domain === f.domain) &&
      (!f.category || c.category === f.category) &&
      (!f.level || c.level === f.level) &&
      (!f.method || c.method === f.method) &&
      (!f.instructorId || c.instructorIds.includes(f.instructorId)) &&
      (!f.siteId || c.siteId === f.siteId),
  );
}

/**
 * Save a course; its field-teaching site lists it among the courses offered there (and the
 * site it left stops listing it), in the same transaction.
 */
export async function saveCourse(draft: CourseDraft): Promise<Course> {
  const d = db();
  const title = draft.title.trim();
  if (!title) throw new Error('请填写课程名称');
  return d.transaction('rw', [d.meta, d.courses, d.sites], async () => {
    const before = draft.id ? await d.courses.get(draft.id) : undefined;
    const twin = await d.courses
      .filter((c) => c.deletedAt === null && c.id !== draft.id && c.title === title && (!before || c.schoolId === before.schoolId))
      .first();
    if (twin) throw new Error(`课程库中已有“${title}”，请换一个名称或编辑原课程`);
    const saved = await saveRecord('courses', { ...draft, title, instructorIds: [...new Set(draft.instructorIds)] });
    const oldSiteId = before?.siteId ?? null;
    if (oldSiteId !== saved.siteId) {
      const sites = await d.sites.bulkGet([oldSiteId, saved.siteId].filter((x): x is string => !!x));
      const updated = sites.flatMap((s) => {
        if (!s) return [];
        const others = s.courseIds.filter((id) => id !== saved.id);
        return [{ ...s, courseIds: s.id === saved.siteId ? [...others, saved.id] : others }];
      });
      if (updated.length) await saveRecords('sites', updated);
    }
    return saved;
  });
}

/** Tombstone a course no session uses; one in use stays so the timetable keeps its name. */
export async function deleteCourse(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.meta, d.courses, d.sessions, d.sites], async () => {
    const used = await d.sessions.where('courseId').equals(id).filter((s) => s.deletedAt === null).count();
    if (used > 0) throw new Error(`该课程已排入 ${used} 个课次，不能删除`);
    const course = await d.courses.get(id);
    const site = course?.siteId ? await d.sites.get(course.siteId) : undefined;
    if (site?.courseIds.includes(id)) await saveRecord('sites', { ...site, courseIds: site.courseIds.filter((c) => c !== id) });
    await setDeleted('courses', id, true);
  });
}
