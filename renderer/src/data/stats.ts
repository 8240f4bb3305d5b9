import { requiredHours } from '../../../shared/rules/hours';
import { db } from './instance';
import { getSetting } from './settings';

export interface DashboardStats {
  year: number;
  trainees: number;
  instructors: number;
  sites: number;
  classes: number;
  sessions: number;
  heldSessions: number;
  /** Attendance marks of the year (人次). */
  visits: number;
  /** Trainees with a requirement this year, and those who have met it. */
  required: number;
  met: number;
}

/** This year's headline figures, read from indexes and the per-trainee hour cache. */
export async function dashboardStats(year: number): Promise<DashboardStats> {
  const d = db();
  const rules = await getSetting('hourRules', d);
  const alive = <T extends { deletedAt: number | null }>(r: T) => r.deletedAt === null;
  const [trainees, instructors, sites, classes, sessions, totals] = await Promise.all([
    d.trainees.filter((t) => alive(t) && t.status === '在册').toArray(),
    d.instructors.filter((i) => alive(i) && i.status === '在库').count(),
    d.sites.filter((s) => alive(s) && s.status === '启用').count(),
    d.classes.where('year').equals(year).filter(alive).count(),
    d.sessions.where('year').equals(year).filter((s) => alive(s) && s.status !== 'cancelled').toArray(),
    d.hourTotals.where('[year+schoolId]').between([year, ''], [year, '\uffff']).toArray(),
  ]);
  const hoursByTrainee = new Map(totals.map((t) => [t.traineeId, t.credited + t.external]));
  let required = 0;
  let met = 0;
  for (const t of trainees) {
    const need = requiredHours(t.category, t.exempt, rules);
    if (need <= 0) continue;
    required++;
    if ((hoursByTrainee.get(t.id) ?? 0) >= need) met++;
  }
  let visits = 0;
  await d.attendance.where('year').equals(year).each((a) => {
    if (a.deletedAt === null) visits += Object.keys(a.marks).length;
  });
  return {
    year,
    trainees: trainees.length,
    instructors,
    sites,
    classes,
    sessions: sessions.length,
    heldSessions: sessions.filter((s) => s.status === 'held').length,
    visits,
    required,
    met,
  };
}
