import type { SchoolLevel } from '../../../../shared/domain/constants';
import { checkBirthDateConsistent, normaliseIdNumber, validateIdNumber } from '../../../../shared/domain/idnumber';
import type { Trainee } from '../../../../shared/domain/records';
import { yearsWithHours } from '../caches';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { saveRecord, type Draft } from '../write';
import { alive, cleanName, editTarget, liveRecord, patchRecord, RegistryRuleError } from './common';

/** A trainee as the form gives it; `py` is derived here. */
export type TraineeInput = Omit<Draft<'trainees'>, 'py'>;

/**
 * What is wrong with an ID number and the birth date and gender recorded beside it, per
 * field, or an empty list. An empty ID number is allowed (not every roster has them).
 */
export function traineeIdentityProblems(
  input: Pick<Trainee, 'idNumber' | 'birthDate' | 'gender'>,
): { field: 'idNumber' | 'birthDate' | 'gender'; message: string }[] {
  const id = normaliseIdNumber(input.idNumber);
  if (!id) return [];
  const check = validateIdNumber(id);
  if (!check.ok) return [{ field: 'idNumber', message: check.error }];
  const problems: ReturnType<typeof traineeIdentityProblems> = [];
  const birth = input.birthDate && checkBirthDateConsistent(id, input.birthDate);
  if (birth) problems.push({ field: 'birthDate', message: birth });
  if (input.gender && input.gender !== check.gender) problems.push({ field: 'gender', message: '性别与身份证号不一致' });
  return problems;
}

/** ID numbers are unique within a school: refuse one that belongs to another of its trainees. */
async function assertIdNumberFree(d: DxDatabase, schoolId: string, idNumber: string, exceptId?: string): Promise<void> {
  if (!idNumber) return;
  const clash = await d.trainees
    .where('idNumber')
    .equals(idNumber)
    .filter((t) => alive(t) && t.schoolId === schoolId && t.id !== exceptId)
    .first();
  if (clash) {
    throw new RegistryRuleError(
      `该身份证号已登记为本校学员“${clash.name}”（${clash.branch || '未填党支部'}，${clash.status}），不能重复登记`,
      'idNumber',
    );
  }
}

/** Create or edit a trainee, checking the ID number and its uniqueness in one transaction with the write. */
export async function saveTrainee(input: TraineeInput): Promise<Trainee> {
  const d = db();
  const name = cleanName(input.name);
  // Loaded by the first save rather than with the list (its dictionary is large), and before
  // the transaction, which would end while a module loads.
  const py = (await import('../../../../shared/rules/pinyin')).nameInitials(name);
  return d.transaction('rw', d.meta, d.trainees, async () => {
    const { before, schoolId } = await editTarget(d.trainees, input);
    const idNumber = normaliseIdNumber(input.idNumber);
    const [problem] = traineeIdentityProblems({ ...input, idNumber });
    if (problem) throw new RegistryRuleError(problem.message, problem.field);
    await assertIdNumberFree(d, schoolId, idNumber, before?.id);
    // As the importer does: the ID number carries birth date and gender.
    const fromId = idNumber ? validateIdNumber(idNumber) : null;
    const derived = fromId?.ok ? { birthDate: input.birthDate ?? fromId.birthDate, gender: input.gender ?? fromId.gender } : {};
    return saveRecord('trainees', { ...before, ...input, ...derived, schoolId, name, idNumber, py });
  });
}

/** 退出 (leaves the roll) or back to 在册; a transfer is cleared when the trainee returns. */
export function setTraineeStatus(id: string, status: '在册' | '退出'): Promise<Trainee> {
  return patchRecord('trainees', id, { status, transfer: null });
}

export interface TransferTarget {
  schoolName: string;
  /** The level of the school when it is not yet known here and is created. */
  level: SchoolLevel;
  date: string;
}

/**
 * 转出: the trainee moves to another school, found by name or created. The record keeps
 * its id (and so its attendance history) and stays here with status 转出.
 */
export async function transferTrainee(id: string, target: TransferTarget): Promise<Trainee> {
  const d = db();
  return d.transaction('rw', d.meta, d.trainees, d.schools, async () => {
    const trainee = await liveRecord(d.trainees, id);
    const name = target.schoolName.trim();
    if (!name) throw new RegistryRuleError('请填写转入的党校', 'schoolName');
    let school = await d.schools.filter((s) => alive(s) && s.name === name).first();
    if (school?.id === trainee.schoolId) throw new RegistryRuleError('转入的党校不能是学员现在所在的党校', 'schoolName');
    school ??= await saveRecord('schools', { name, level: target.level, parentId: null, code: '' });
    return saveRecord('trainees', { ...trainee, status: '转出', transfer: { schoolId: school.id, date: target.date } });
  });
}

export interface TraineeHistory {
  classes: { id: string; title: string; year: number; startDate: string; endDate: string }[];
  /** Years with study hours on record, newest first. */
  years: number[];
  transferSchool: string | null;
}

/** A trainee's classes (by the enrolment index), the years of their hours (from the year totals) and where they moved to. */
export async function traineeHistory(trainee: Trainee): Promise<TraineeHistory> {
  const d = db();
  const [enrolments, years, school] = await Promise.all([
    d.enrolments.where('traineeId').equals(trainee.id).filter(alive).toArray(),
    yearsWithHours(d, trainee),
    trainee.transfer ? d.schools.get(trainee.transfer.schoolId) : undefined,
  ]);
  const classes = (await d.classes.bulkGet(enrolments.map((e) => e.classId)))
    .filter((c) => c !== undefined && alive(c))
    .map((c) => ({ id: c!.id, title: c!.title, year: c!.year, startDate: c!.startDate, endDate: c!.endDate }))
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  return { classes, years, transferSchool: school?.name ?? null };
}
