import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { createTestSchool } from '../testing';
import { newId, saveRecord } from '../write';
import { deleteEvaluation, instructorEvaluationAverages, saveEvaluation, sessionEvaluations } from './evaluations';
import { createAttendanceWorld } from './testWorld';

beforeEach(async () => {
  setDb(await openDatabase('evaluations-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('evaluation forms (学员评课)', () => {
  it('averages per session and per instructor, by year, leaving deleted forms out', async () => {
    const w = await createAttendanceWorld(1);
    const other = await saveRecord('instructors', { ...w.instructor, id: undefined, name: '颜老师' });
    const a = await w.session('2026-03-10');
    const b = await w.session('2026-04-10', '09:00', '11:00', { instructorIds: [w.instructor.id, other.id] });
    const old = await w.session('2025-11-10');
    await saveEvaluation({ sessionId: a.id, instructorId: w.instructor.id, scores: [20, 18, 17, 19, 20], note: '' });
    await saveEvaluation({ sessionId: a.id, instructorId: w.instructor.id, scores: [19, 17, 16, 18, 18], note: '联系实际' });
    await saveEvaluation({ sessionId: b.id, instructorId: w.instructor.id, scores: [18, 18, 18, 18, 18], note: '' });
    const gone = await saveEvaluation({ sessionId: b.id, instructorId: w.instructor.id, scores: [0, 0, 0, 0, 0], note: '录错' });
    await saveEvaluation({ sessionId: b.id, instructorId: other.id, scores: [15, 16, 17, 18, 19], note: '' });
    await saveEvaluation({ sessionId: old.id, instructorId: w.instructor.id, scores: [10, 10, 10, 10, 10], note: '' });
    await deleteEvaluation(gone.id);

    expect((await sessionEvaluations(a.id)).map((e) => e.note)).toEqual(['', '联系实际']);
    const byInstructor = new Map((await instructorEvaluationAverages(2026)).map((r) => [r.instructorId, r]));
    expect(byInstructor.get(w.instructor.id)).toEqual({
      instructorId: w.instructor.id, sessions: 2, count: 3, criteria: [19, 17.7, 17, 18.3, 18.7], total: 90.7,
    });
    expect(byInstructor.get(other.id)).toMatchObject({ sessions: 1, count: 1, total: 85 });
    expect((await instructorEvaluationAverages()).find((r) => r.instructorId === w.instructor.id)).toMatchObject({ sessions: 3, count: 4 });
  });

  it('refuses a form for an instructor who did not teach the session, and scores above 20', async () => {
    const w = await createAttendanceWorld(1);
    const s = await w.session('2026-03-10');
    await expect(saveEvaluation({ sessionId: s.id, instructorId: 'someone-else', scores: [18, 18, 18, 18, 18], note: '' })).rejects.toThrow('不是本课次的授课教员');
    await expect(saveEvaluation({ sessionId: s.id, instructorId: w.instructor.id, scores: [21, 18, 18, 18, 18], note: '' })).rejects.toThrow();
    expect(await sessionEvaluations(s.id)).toEqual([]);
  });
});
