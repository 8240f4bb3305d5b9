import type { DemoLevel, SiteKind } from '../../../../shared/domain/constants';
import { minutesToHours } from '../../../../shared/rules/hours';
import { addHours } from '../../../../shared/rules/totals';
import { db } from '../instance';
import { getSetting } from '../settings';
import { alive, compareText, heldSessions, inSchools, type PeriodScope } from './scope';

export interface SiteReportRow {
  key: string;
  name: string;
  kind: SiteKind;
  town: string;
  demoLevel: DemoLevel;
  capacity: number;
  sessions: number;
  /** 学时 of the sessions held there. */
  hours: number;
  /** Trainees present (人次). */
  visits: number;
  /** Trainees present per session, one decimal; null without sessions. */
  perSession: number | null;
}

const KIND_ORDER: Record<SiteKind, number> = { 主校区: 0, 培训基地: 1, 现场教学点: 2 };

/**
 * 教学点使用统计: per site, the sessions of the period held there and the trainees present.
 * Sites of the chosen schools in use (启用) are listed even when unused, so idle ones show.
 */
export async function siteReport(scope: PeriodScope): Promise<SiteReportRow[]> {
  const d = db();
  const [facts, rules, sites] = await Promise.all([heldSessions(scope), getSetting('hourRules', d), d.sites.toArray()]);
  const used = new Map<string, { sessions: number; hours: number; visits: number }>();
  for (const { session, marks } of facts) {
    const u = used.get(session.siteId) ?? { sessions: 0, hours: 0, visits: 0 };
    u.sessions++;
    u.hours = addHours(u.hours, minutesToHours(session.minutes, rules));
    u.visits += marks.present;
    used.set(session.siteId, u);
  }
  const mine = inSchools(scope.schoolIds);
  return sites
    .filter((s) => used.has(s.id) || (alive(s) && s.status === '启用' && mine(s)))
    .map((s) => {
      const u = used.get(s.id) ?? { sessions: 0, hours: 0, visits: 0 };
      return {
        key: s.id,
        name: s.name,
        kind: s.kind,
        town: s.town,
        demoLevel: s.demoLevel,
        capacity: s.capacity,
        ...u,
        perSession: u.sessions ? Math.round((u.visits / u.sessions) * 10) / 10 : null,
      };
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.sessions - a.sessions || compareText(a.name, b.name));
}
