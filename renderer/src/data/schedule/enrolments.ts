import type { Trainee } from '../../../../shared/domain/records';
import { filterTrainees } from '../../../../shared/rules/search';
import { rollTrainees } from '../caches';
import { db } from '../instance';
import { saveRecords, setDeleted } from '../write';

/** What enrolment screens need of a trainee: small enough to hold a county's 40,000 in memory. */
export type TraineeLite = Pick<
  Trainee,
  'id' | 'name' | 'py' | 'gender' | 'idNumber' | 'branch' | 'village' | 'category' | 'schoolId' | 'status' | 'exempt' | 'deletedAt'
>;

const lite = (t: Trainee): TraineeLite => ({
  id: t.id, name: t.name, py: t.py, gender: t.gender, idNumber: t.idNumber, branch: t.branch, village: t.village,
  category: t.category, schoolId: t.schoolId, status: t.status, exempt: t.exempt, deletedAt: t.deletedAt,
});

const byBranchThenName = (a: TraineeLite, b: TraineeLite) =>
  a.branch.localeCompare(b.branch, 'zh-CN') || a.py.localeCompare(b.py) || a.name.localeCompare(b.name, 'zh-CN');

/** The trainees enrolled in a class, by branch then name: the order of the sign-in sheet. */
export async function classRoster(classId: string): Promise<TraineeLite[]> {
  const d = db();
  const enrolments = (await d.enrolments.where('classId').equals(classId).toArray()).filter((e) => e.deletedAt === null);
  const trainees = await d.trainees.bulkGet(enrolments.map((e) => e.traineeId));
  return trainees.filter((t): t is Trainee => !!t && t.deletedAt === null).map(lite).sort(byBranchThenName);
}

/**
 * Every trainee, read once when the office starts adding trainees, so that searching and
 * filtering as they type costs nothing more.
 */
export function loadTraineeIndex(): Promise<TraineeLite[]> {
  return rollTrainees(db());
}

/** The first `limit` trainees on the register matching what was typed: part of a name, pinyin initials (zs → 张三), a branch or an ID-number tail. */
export function searchTrainees(trainees: readonly TraineeLite[], query: string, limit = 50): TraineeLite[] {
  return query.trim() ? filterTrainees(trainees, { query }).slice(0, limit) : [];
}

/**
 * Enrol trainees in a class, in one transaction. A trainee removed earlier gets their old
 * enrolment back (one record per class and trainee, as the unique index demands); those
 * already enrolled are counted, not doubled.
 */
export async function enrolTrainees(classId: string, traineeIds: readonly string[]): Promise<{ added: number; already: number }> {
  const d = db();
  const wanted = [...new Set(traineeIds)];
  return d.transaction('rw', [d.meta, d.enrolments, d.classes], async () => {
    const klass = await d.classes.get(classId);
    if (!klass || klass.deletedAt !== null) throw new Error('找不到该培训班，可能已被删除');
    const existing = await d.enrolments.where('[classId+traineeId]').anyOf(wanted.map((t) => [classId, t])).toArray();
    const byTrainee = new Map(existing.map((e) => [e.traineeId, e]));
    let already = 0;
    for (const e of existing) {
      if (e.deletedAt === null) already++;
      else await setDeleted('enrolments', e.id, false);
    }
    const fresh = wanted.filter((t) => !byTrainee.has(t)).map((traineeId) => ({ classId, traineeId }));
    if (fresh.length) await saveRecords('enrolments', fresh);
    return { added: wanted.length - already, already };
  });
}

/** Take trainees out of a class: their enrolments become tombstones, in one transaction. */
export async function removeEnrolments(classId: string, traineeIds: readonly string[]): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.meta, d.enrolments], async () => {
    const rows = await d.enrolments.where('[classId+traineeId]').anyOf(traineeIds.map((t) => [classId, t])).toArray();
    const live = rows.filter((e) => e.deletedAt === null);
    for (const e of live) await setDeleted('enrolments', e.id, true);
    return live.length;
  });
}
