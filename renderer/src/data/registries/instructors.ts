import { EVALUATION_CRITERIA } from '../../../../shared/domain/constants';
import { instructorSchema, type Instructor } from '../../../../shared/domain/records';
import { parseList } from '../../../../shared/import/fields';
import { normaliseCell } from '../../../../shared/import/normalise';
import { db } from '../instance';
import { saveRecord, type Draft } from '../write';
import { alive, cleanName, describeSessions, editTarget, patchRecord, RegistryRuleError, type SessionRow } from './common';

export type InstructorInput = Draft<'instructors'>;

const readTopics = parseList(instructorSchema.shape.topics);

/**
 * Topics one per item, as the importer splits a cell (a topic typed as 党史、党章 is two),
 * without repeats; throws when there are too many or one is too long.
 */
export function cleanTopics(topics: readonly string[]): string[] {
  const text = normaliseCell(topics.join('、'));
  if (text === '') return [];
  const read = readTopics(text);
  if (!read.ok) throw new RegistryRuleError(`授课专题${read.error}`, 'topics');
  return read.value;
}

/**
 * Create or edit an instructor. Name and phone together identify an instructor (the
 * importer matches rows by them), so two live records may not share both.
 */
export async function saveInstructor(input: InstructorInput): Promise<Instructor> {
  const d = db();
  return d.transaction('rw', d.meta, d.instructors, async () => {
    const { before, schoolId } = await editTarget(d.instructors, input);
    const name = cleanName(input.name);
    const topics = cleanTopics(input.topics);
    if (input.appointmentStart && input.appointmentEnd && input.appointmentEnd < input.appointmentStart) {
      throw new RegistryRuleError('聘期结束早于聘期开始', 'appointmentEnd');
    }
    const twin = await d.instructors
      .where('schoolId')
      .equals(schoolId)
      .filter((i) => alive(i) && i.id !== before?.id && i.name === name && i.phone === input.phone)
      .first();
    if (twin) {
      throw new RegistryRuleError(
        `师资库中已有“${name}”（${twin.category}，联系电话相同），请勿重复录入；如确为两人，请分别填写联系电话`,
        'name',
      );
    }
    return saveRecord('instructors', { ...before, ...input, schoolId, name, topics });
  });
}

/** 在库, 暂停 or 退出: instructors are never deleted, their sessions point at them. */
export function setInstructorStatus(id: string, status: Instructor['status']): Promise<Instructor> {
  return patchRecord('instructors', id, { status });
}

export interface EvaluationSummary {
  count: number;
  /** Mean total out of 100, or null without evaluations. */
  average: number | null;
  /** Mean per criterion (out of 20), in the order of EVALUATION_CRITERIA. */
  criteria: { name: string; average: number }[];
}

export interface InstructorActivity {
  sessions: SessionRow[];
  evaluation: EvaluationSummary;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The sessions an instructor teaches and their evaluations, read by the tables' instructor indexes. */
export async function instructorActivity(id: string): Promise<InstructorActivity> {
  const d = db();
  const [sessions, evaluations] = await Promise.all([
    d.sessions.where('instructorIds').equals(id).toArray(),
    d.evaluations.where('instructorId').equals(id).filter(alive).toArray(),
  ]);
  const n = evaluations.length;
  const criterion = (k: number) => evaluations.reduce((sum, e) => sum + e.scores[k]!, 0) / n;
  return {
    sessions: await describeSessions(sessions),
    evaluation: {
      count: n,
      average: n ? round1(evaluations.reduce((sum, e) => sum + e.scores.reduce((a, b) => a + b, 0), 0) / n) : null,
      criteria: n ? EVALUATION_CRITERIA.map((name, k) => ({ name, average: round1(criterion(k)) })) : [],
    },
  };
}
