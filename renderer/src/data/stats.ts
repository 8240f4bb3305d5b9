import { TRAINEE_CATEGORIES, type TraineeCategory } from '../../../shared/domain/constants';
import { db } from './instance';
import { presentIn, yearSessionsOf } from './caches';
import { figureSources, ledgerRows } from './ledger';
import { getSetting } from './settings';
import { inSchools } from './reports/scope';

export interface DashboardStats {
  year: number;
  trainees: number;
  instructors: number;
  sites: number;
  classes: number;
  sessions: number;
  heldSessions: number;
  /** Trainees present at the year's sessions (出勤/迟到/早退), 人次 as in the reports. */
  visits: number;
  /** Trainees with a requirement this year, and those who have met it. */
  required: number;
  met: number;
  /** Per trainee category with a requirement: the chart of hours met against hours required. */
  byCategory: CategoryHours[];
}

export interface CategoryHours {
  category: TraineeCategory;
  /** Trainees with a requirement (not exempt), and those who have met it. */
  trainees: number;
  met: number;
  /** Sum of the requirements. */
  required: number;
  /** Sum of 学时 counting towards them: each trainee's total up to their requirement. */
  achieved: number;
}

/**
 * This year's headline figures, from the packed caches (the rolls' ledger columns, the year
 * totals and the year's sessions) and the small registries; with `schoolIds` (the county's
 * filter), of those schools' records only.
 */
export async function dashboardStats(year: number, schoolIds?: string[]): Promise<DashboardStats> {
  const d = db();
  const mine = inSchools(schoolIds);
  const alive = <T extends { deletedAt: number | null; schoolId: string }>(r: T) => r.deletedAt === null && mine(r);
  // Whole reads filtered here: a Dexie filter walks a cursor one record at a time.
  const [sources, rules, instructors, sites, classes, years] = await Promise.all([
    figureSources(year, schoolIds, d),
    getSetting('hourRules', d),
    d.instructors.toArray(),
    d.sites.toArray(),
    d.classes.where('year').equals(year).toArray(),
    yearSessionsOf(d, year, schoolIds),
  ]);
  // Met or not needs no forecast: the ledger without the sessions still to come.
  const ledger = ledgerRows(year, sources, rules, new Map());
  let sessions = 0;
  let heldSessions = 0;
  for (const doc of years) {
    for (const status of doc.status) {
      if (status !== 'cancelled') sessions++;
      if (status === 'held') heldSessions++;
    }
  }
  const perCategory = new Map<TraineeCategory, CategoryHours>();
  for (const row of ledger) {
    if (row.status === '免学') continue;
    const category = row.trainee.category;
    let c = perCategory.get(category);
    if (!c) perCategory.set(category, (c = { category, trainees: 0, met: 0, required: 0, achieved: 0 }));
    c.trainees++;
    if (row.status === '已达标') c.met++;
    c.required += row.required;
    c.achieved += Math.min(row.total, row.required);
  }
  const byCategory = TRAINEE_CATEGORIES.flatMap((c) => {
    const figures = perCategory.get(c);
    return figures ? [{ ...figures, achieved: Math.round(figures.achieved * 10) / 10 }] : [];
  });
  let visits = 0;
  for (const doc of sources.totals) for (const r of doc.rosters) visits += presentIn(r);
  return {
    year,
    trainees: ledger.length,
    instructors: instructors.filter((i) => alive(i) && i.status === '在库').length,
    sites: sites.filter((s) => alive(s) && s.status === '启用').length,
    classes: classes.filter(alive).length,
    sessions,
    heldSessions,
    visits,
    required: byCategory.reduce((n, c) => n + c.trainees, 0),
    met: byCategory.reduce((n, c) => n + c.met, 0),
    byCategory,
  };
}
