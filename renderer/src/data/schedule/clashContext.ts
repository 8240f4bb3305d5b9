import type { Session } from '../../../../shared/domain/records';
import {
  findClashes, overlaps, type Clash, type ClashContext, type ScheduledSession, type SessionDraft,
} from '../../../../shared/rules/clashes';
import type { DxDatabase } from '../db';
import { db } from '../instance';

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/** The stores a clash check reads; a write that re-checks inside its transaction must hold them all. */
export const clashTables = (d: DxDatabase) =>
  [d.sessions, d.classRolls, d.instructors, d.sites, d.classes, d.courses, d.trainees];

/**
 * What findClashes needs to judge `drafts`, read by key in one read transaction, in three small
 * steps: the sessions of the drafts' dates (a county's busy day has dozens, its year 6,000);
 * the members of the classes meeting at the same time, from their class rolls (one small
 * record per class, kept with the enrolments: a busy day's enrolments read one by one took
 * hundreds of milliseconds); then the names only of the sessions that can clash with a draft.
 * Cancelled and deleted sessions occupy nobody, so they are left out here already.
 */
export function buildClashContext(drafts: readonly SessionDraft[], d: DxDatabase = db()): Promise<ClashContext> {
  return d.transaction('r', clashTables(d), async () => {
    const draftClassIds = unique(drafts.map((x) => x.classId));
    // A range read per date: anyOf would walk a cursor record by record.
    const [byDate, draftRolls, instructors] = await Promise.all([
      Promise.all(unique(drafts.map((x) => x.date)).map((date) => d.sessions.where('date').equals(date).toArray())),
      d.classRolls.bulkGet(draftClassIds),
      d.instructors.bulkGet(unique(drafts.flatMap((x) => x.instructorIds))),
    ]);
    const sameDaySessions: Session[] = byDate.flat().filter((s) => s.deletedAt === null && s.status !== 'cancelled');
    const atSameTime = (x: SessionDraft, s: Session) => x.date === s.date && overlaps(x.start, x.end, s.start, s.end);

    // Trainees clash only through a session at the same time, so only those classes' rolls are read.
    const otherClassIds = unique(
      sameDaySessions.filter((s) => !draftClassIds.includes(s.classId) && drafts.some((x) => atSameTime(x, s))).map((s) => s.classId),
    );
    const rosterClassIds = [...draftClassIds, ...otherClassIds];
    const rolls = [...draftRolls, ...(await d.classRolls.bulkGet(otherClassIds))];
    const enrolledTraineeIds = new Map<string, Set<string>>(rosterClassIds.map((id, i) => [id, new Set(rolls[i]?.traineeIds ?? [])]));
    const sharing = (a: string, b: string) => {
      const other = enrolledTraineeIds.get(b)!;
      return [...enrolledTraineeIds.get(a)!].filter((t) => other.has(t));
    };

    // Only trainees in a draft's class and another class can be named in a clash.
    const shared = new Set<string>();
    for (const classId of draftClassIds) {
      for (const other of rosterClassIds) if (other !== classId) for (const t of sharing(classId, other)) shared.add(t);
    }
    // A session can clash with a draft through a shared instructor that day (at the same time, or
    // too close across towns), or at the same time through its site or a shared trainee.
    const canClash = sameDaySessions.filter((s) => drafts.some((x) =>
      x.date === s.date && (x.instructorIds.some((i) => s.instructorIds.includes(i)) ||
        (atSameTime(x, s) && (x.siteId === s.siteId || (x.classId !== s.classId && sharing(x.classId, s.classId).length > 0))))));
    const named = [...drafts, ...canClash];
    const [sites, classes, courses, trainees] = await Promise.all([
      d.sites.bulkGet(unique(named.map((x) => x.siteId))),
      d.classes.bulkGet(unique(named.map((x) => x.classId))),
      d.courses.bulkGet(unique(named.map((x) => x.courseId))),
      shared.size > 0 ? d.trainees.bulkGet([...shared]) : [],
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
  });
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
