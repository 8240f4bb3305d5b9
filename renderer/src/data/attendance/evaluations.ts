/**
 * Instructor evaluations (学员评课): paper forms of 5 criteria × 20 points, several per
 * session, entered afterwards; averages per session and per instructor.
 */
import type { Evaluation } from '../../../../shared/domain/records';
import { averageEvaluations, type EvaluationAverage } from '../../../../shared/rules/attendance';
import { db } from '../instance';
import { saveRecord, setDeleted } from '../write';

export type EvaluationDraft = Pick<Evaluation, 'sessionId' | 'instructorId' | 'scores' | 'note'>;

export async function saveEvaluation(draft: EvaluationDraft): Promise<Evaluation> {
  const session = await db().sessions.get(draft.sessionId);
  if (!session || session.deletedAt !== null) throw new Error('找不到该课次');
  if (!session.instructorIds.includes(draft.instructorId)) throw new Error('所选教员不是本课次的授课教员');
  return saveRecord('evaluations', { ...draft, note: draft.note.trim() });
}

export const deleteEvaluation = (id: string): Promise<void> => setDeleted('evaluations', id, true);

/** A session's forms, in the order they were entered. */
export async function sessionEvaluations(sessionId: string): Promise<Evaluation[]> {
  const rows = await db().evaluations.where('sessionId').equals(sessionId).filter((e) => e.deletedAt === null).toArray();
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
}

export interface InstructorEvaluationAverage extends EvaluationAverage {
  instructorId: string;
  /** Sessions with at least one form for the instructor. */
  sessions: number;
}

/**
 * Average evaluation per instructor over all their forms, optionally only of sessions of
 * `year` (the 师资授课统计 report). Instructors without forms are absent.
 */
export async function instructorEvaluationAverages(year?: number): Promise<InstructorEvaluationAverage[]> {
  const d = db();
  const forms = await d.evaluations.filter((e) => e.deletedAt === null).toArray();
  const inYear = year === undefined ? null : new Set(await d.sessions.where('year').equals(year).primaryKeys());
  const byInstructor = new Map<string, Evaluation[]>();
  for (const f of forms) {
    if (inYear && !inYear.has(f.sessionId)) continue;
    const list = byInstructor.get(f.instructorId);
    if (list) list.push(f);
    else byInstructor.set(f.instructorId, [f]);
  }
  return [...byInstructor].map(([instructorId, list]) => ({
    instructorId,
    sessions: new Set(list.map((f) => f.sessionId)).size,
    ...averageEvaluations(list)!,
  }));
}
