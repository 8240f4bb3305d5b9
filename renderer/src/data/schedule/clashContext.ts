import type { Session } from '../../../../shared/domain/records';
import {
  findClashes, overlaps, type Clash, type ClashContext, type ScheduledSession, type SessionDraft,
} from '../../../../shared/rules/clashes';
import type { DxDatabase } from '../db';
import { db } from '../instance';

const alive = <T extends { deletedAt: number | null }>(r: T | undefined): r is T => !!r && r.deletedAt === null;
const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/** The stores a clash check reads; a write that re-checks inside its transaction must hold them all. */
export const clashTables = (d: DxDatabase) =>
  [d.sessions, d.enrolments, d.instructors, d.sites, d.classes, d.courses, d.trainees];

/**
 * What findClashes needs to judge `drafts`, read by index: the sessions of the drafts' dates
 * only (a county's year has 6,000), the enrolments of the classes that can share trainees
 * with a draft, and the instructors, sites, classes and courses those sessions name.
 * Cancelled and deleted sessions occupy nobody, so they are left out here already.
 */
export async function buildClashContext(drafts: readonly SessionDraft[], d: DxDatabase = db()): Promise<ClashContext> {
  const dates = unique(drafts.map((x) => x.date));
  const sameDaySessions: Session[] = (await d.sessions.where('date').anyOf(dates).toArray())
    .filter((s) => s.deletedAt === null && s.status !== 'cancelled');

  // Trainees clash only through a session overlapping a draft, so only those classes' rosters are read.
  const draftClassIds = unique(drafts.map((x) => x.classId));
  const overlappingClassIds = sameDaySessions
    .filter((s) => drafts.some((x) => x.date === s.date && x.classId !== s.classId && overlaps(x.start, x.end, s.start, s.end)))
    .map((s) => s.classId);
  const rosterClassIds = unique([...draftClassIds, ...overlappingClassIds]);
  const enrolments = (await d.enrolments.where('classId').anyOf(rosterClassIds).toArray()).filter(alive);
  const enrolledTraineeIds = new Map<string, Set<string>>(rosterClassIds.map((id) => [id, new Set()]));
  for (const e of enrolments) enrolledTraineeIds.get(e.classId)!.add(e.traineeId);

  // Only trainees in a draft's class and another class can be named in a clash.
  const shared = new Set<string>();
  for (const classId of draftClassIds) {
    for (const other of rosterClassIds) {
      if (other === classId) continue;
      for (const t of enrolledTraineeIds.get(classId)!) if (enrolledTraineeIds.get(other)!.has(t)) shared.add(t);
    }
  }

  const [instructors, sites, classes, courses, trainees] = await Promise.all([
    d.instructors.bulkGet(unique(drafts.flatMap((x) => x.instructorIds))),
    d.sites.bulkGet(unique([...drafts, ...sameDaySessions].map((x) => x.siteId))),
    d.classes.bulkGet(unique([...draftClassIds, ...sameDaySessions.map((s) => s.classId)])),
    d.courses.bulkGet(unique([...drafts, ...sameDaySessions].map((x) => x.courseId))),
    d.trainees.bulkGet([...shared]),
  ]);
  const byId = <T extends { id: string }>(rows: (T | undefined)[]) => new Map(rows.filter((r) => !!r).map((r) => [r.id, r]));
  return {
    sameDaySessions,
    enrolledTraineeIds,
    instructors: byId(instructors),
    sites: byId(sites),
    classes: byId(classes),
    courses: byId(courses),
    trainees: byId(trainees),
  };
}

/**
 * The clashes of one session being created or edited, hard ones first: what the editor shows
 * as the user types and what a save re-checks. Reads only the sessions of the draft's date.
 */
export async function checkSessionClashes(draft: SessionDraft, d: DxDatabase = db()): Promise<Clash[]> {
  return findClashes(draft, await buildClashContext([draft], d));
}

/**
 * Clashes of several drafts (a repeating series, a copied week) with what is stored, each
 * judged on its own: one context for all their dates.
 */
export async function checkDraftsClashes(drafts: readonly SessionDraft[], d: DxDatabase = db()): Promise<Clash[][]> {
  if (drafts.length === 0) return [];
  const ctx = await buildClashContext(drafts, d);
  return drafts.map((draft) => findClashes(draft, ctx));
}

/**
 * Clashes of a batch about to be saved together: each draft with what is stored and with the
 * drafts before it, so two drafts of one batch cannot double-book anybody either.
 */
export function batchClashes(drafts: readonly (SessionDraft & { id: string })[], ctx: ClashContext): Clash[][] {
  const earlier: ScheduledSession[] = [];
  return drafts.map((draft) => {
    const clashes = findClashes(draft, { ...ctx, sameDaySessions: [...ctx.sameDaySessions, ...earlier] });
    earlier.push({ ...draft, deletedAt: null });
    return clashes;
  });
}
