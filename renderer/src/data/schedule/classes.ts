import type { Plan, TrainingClass } from '../../../../shared/domain/records';
import { db } from '../instance';
import { saveRecord, setDeleted, type Draft } from '../write';

export type PlanDraft = Draft<'plans'>;
export type ClassDraft = Draft<'classes'>;

const alive = <T extends { deletedAt: number | null }>(r: T) => r.deletedAt === null;

/** 年度培训计划 of a year (all years when none is given), newest first. */
export async function listPlans(year?: number): Promise<Plan[]> {
  const d = db();
  const rows = year ? await d.plans.where('year').equals(year).toArray() : await d.plans.toArray();
  return rows.filter(alive).sort((a, b) => b.year - a.year || a.title.localeCompare(b.title, 'zh-CN'));
}

export async function savePlan(draft: PlanDraft): Promise<Plan> {
  if (!draft.title.trim()) throw new Error('请填写计划名称');
  return saveRecord('plans', { ...draft, title: draft.title.trim() });
}

/** A plan with classes stays: its classes would lose their plan. */
export async function deletePlan(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.meta, d.plans, d.classes], async () => {
    const classes = await d.classes.where('planId').equals(id).filter(alive).count();
    if (classes > 0) throw new Error(`该计划下还有 ${classes} 个培训班，请先删除这些培训班或把它们移到其他计划`);
    await setDeleted('plans', id, true);
  });
}

/** 培训班 of a year (all years when none is given), latest start first. */
export async function listClasses(year?: number): Promise<TrainingClass[]> {
  const d = db();
  const rows = year ? await d.classes.where('year').equals(year).toArray() : await d.classes.toArray();
  return rows.filter(alive).sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title, 'zh-CN'));
}

export async function getClass(id: string): Promise<TrainingClass | undefined> {
  const c = await db().classes.get(id);
  return c && alive(c) ? c : undefined;
}

/** Save a class; its year is the year it starts in. */
export async function saveClass(draft: ClassDraft): Promise<TrainingClass> {
  const title = draft.title.trim();
  if (!title) throw new Error('请填写培训班名称');
  if (draft.endDate < draft.startDate) throw new Error('结束日期不能早于开始日期');
  return saveRecord('classes', { ...draft, title, year: Number(draft.startDate.slice(0, 4)) });
}

/**
 * Tombstone a class with its sessions and enrolments, in one transaction. A class that has
 * held sessions (attendance) stays: those hours belong to its trainees.
 */
export async function deleteClass(id: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.meta, d.classes, d.sessions, d.enrolments, d.attendance], async () => {
    const held = await d.attendance.where('classId').equals(id).filter(alive).count();
    if (held > 0) throw new Error(`该培训班已有 ${held} 个课次的考勤记录，不能删除`);
    const sessions = await d.sessions.where('classId').equals(id).filter(alive).primaryKeys();
    const enrolments = await d.enrolments.where('classId').equals(id).filter(alive).primaryKeys();
    for (const s of sessions) await setDeleted('sessions', s, true);
    for (const e of enrolments) await setDeleted('enrolments', e, true);
    await setDeleted('classes', id, true);
  });
}

export interface ClassCounts {
  enrolled: number;
  sessions: number;
  /** Minutes of the sessions not cancelled. */
  minutes: number;
}

/** Enrolled trainees and sessions of a few classes (a page of the list), by the classId indexes. */
export async function classCounts(classIds: readonly string[]): Promise<Map<string, ClassCounts>> {
  const d = db();
  const counts = new Map<string, ClassCounts>(classIds.map((id) => [id, { enrolled: 0, sessions: 0, minutes: 0 }]));
  const [enrolments, sessions] = await Promise.all([
    d.enrolments.where('classId').anyOf([...classIds]).toArray(),
    d.sessions.where('classId').anyOf([...classIds]).toArray(),
  ]);
  for (const e of enrolments) if (alive(e)) counts.get(e.classId)!.enrolled++;
  for (const s of sessions) {
    if (!alive(s) || s.status === 'cancelled') continue;
    const c = counts.get(s.classId)!;
    c.sessions++;
    c.minutes += s.minutes;
  }
  return counts;
}
