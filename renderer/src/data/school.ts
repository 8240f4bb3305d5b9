import type { SchoolLevel } from '../../../shared/domain/constants';
import type { School } from '../../../shared/domain/records';
import { db } from './instance';
import { newId, saveRecord } from './write';

export interface SchoolProfileInput {
  name: string;
  level: SchoolLevel;
  parentName: string;
  code: string;
}

export async function getSelfSchool(): Promise<School | undefined> {
  const entry = await db().meta.get('selfSchoolId');
  return typeof entry?.value === 'string' ? db().schools.get(entry.value) : undefined;
}

const PARENT_LEVEL: Record<SchoolLevel, SchoolLevel> = { 市: '市', 镇街: '市', 村社区: '镇街', 开发区: '市', 企业: '市' };

/** Create or update this school's profile; the parent school is found by name or created. */
export async function saveSchoolProfile(input: SchoolProfileInput): Promise<School> {
  const d = db();
  return d.transaction('rw', d.meta, d.schools, async () => {
    let self = await getSelfSchool();
    const selfId = self?.id ?? newId();
    if (!self) await d.meta.put({ key: 'selfSchoolId', value: selfId });
    let parentId: string | null = null;
    const parentName = input.parentName.trim();
    if (parentName) {
      const parent = await d.schools.filter((s) => s.name === parentName && s.deletedAt === null).first();
      parentId =
        parent?.id ??
        (await saveRecord('schools', { name: parentName, level: PARENT_LEVEL[input.level], parentId: null, code: '' })).id;
    }
    self = await saveRecord('schools', {
      id: selfId,
      schoolId: selfId,
      name: input.name.trim(),
      level: input.level,
      parentId,
      code: input.code.trim(),
    });
    return self;
  });
}
