import type { Course, Instructor, Session, Site, TrainingClass } from '../../../../shared/domain/records';
import { db } from '../instance';
import { classRoster, type TraineeLite } from './enrolments';

export interface SignInSheetData {
  session: Session;
  klass: TrainingClass | undefined;
  course: Course | undefined;
  site: Site | undefined;
  instructors: Instructor[];
  /** One row per enrolled trainee, by branch then name. */
  roster: TraineeLite[];
}

/** What a session's 签到表 prints: the session, what it names, and its class's roster. Null when there is no such session. */
export async function signInSheet(sessionId: string): Promise<SignInSheetData | null> {
  const d = db();
  const session = await d.sessions.get(sessionId);
  if (!session || session.deletedAt !== null) return null;
  const [klass, course, site, instructors, roster] = await Promise.all([
    d.classes.get(session.classId),
    d.courses.get(session.courseId),
    d.sites.get(session.siteId),
    d.instructors.bulkGet(session.instructorIds),
    classRoster(session.classId),
  ]);
  return { session, klass, course, site, instructors: instructors.filter((i): i is Instructor => !!i), roster };
}
