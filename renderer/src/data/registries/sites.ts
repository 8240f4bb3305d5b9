import type { Site } from '../../../../shared/domain/records';
import { normaliseCell } from '../../../../shared/import/normalise';
import { db } from '../instance';
import { saveRecord, type Draft } from '../write';
import { alive, describeSessions, editTarget, patchRecord, RegistryRuleError, type SessionRow } from './common';

export type SiteInput = Draft<'sites'>;

/** Create or edit a site. A school's sites are told apart by name (the importer matches by it). */
export async function saveSite(input: SiteInput): Promise<Site> {
  const d = db();
  return d.transaction('rw', d.meta, d.sites, async () => {
    const { before, schoolId } = await editTarget(d.sites, input);
    const name = normaliseCell(input.name);
    const twin = await d.sites
      .where('schoolId')
      .equals(schoolId)
      .filter((s) => alive(s) && s.id !== before?.id && s.name === name)
      .first();
    if (twin) throw new RegistryRuleError(`已有同名教学点“${name}”（${twin.kind}，${twin.status}）`, 'name');
    return saveRecord('sites', { ...before, ...input, schoolId, name });
  });
}

/** 启用 or 停用: sites are never deleted, sessions point at them. */
export function setSiteStatus(id: string, status: Site['status']): Promise<Site> {
  return patchRecord('sites', id, { status });
}

export interface SiteActivity {
  sessions: SessionRow[];
  courses: { id: string; title: string }[];
}

/** The sessions held at a site (by the sessions' site index) and the courses it offers. */
export async function siteActivity(site: Site): Promise<SiteActivity> {
  const d = db();
  const [sessions, courses] = await Promise.all([
    d.sessions.where('siteId').equals(site.id).toArray(),
    d.courses.bulkGet(site.courseIds),
  ]);
  return {
    sessions: await describeSessions(sessions),
    courses: courses.filter((c) => c !== undefined && alive(c)).map((c) => ({ id: c!.id, title: c!.title })),
  };
}
