import type { SchoolLevel } from '../../../../shared/domain/constants';
import { addHours } from '../../../../shared/rules/totals';
import { figureSources, ledgerRows } from '../ledger';
import { getSetting } from '../settings';
import { periodSessions, periodYear, schoolsInScope, schoolsWithData, sessionFacts, type PeriodScope } from './scope';

export interface SummaryFigures {
  /** Classes with at least one session held in the period. */
  classes: number;
  sessions: number;
  /** Trainees present (出勤/迟到/早退), 人次. */
  visits: number;
  /** 学时 credited by the marks of those sessions. */
  hours: number;
  /** Trainees on the roll (在册). */
  trainees: number;
  /** Of those, the ones with a requirement (not exempt, 免学). */
  required: number;
  /** Of those, the ones who have met it (已达标), as of the day the report is made. */
  met: number;
  /** met ÷ required in percent, one decimal; null when nobody is required. */
  rate: number | null;
}

export interface SummaryRow extends SummaryFigures {
  key: string;
  school: string;
  level: SchoolLevel | '';
  code: string;
}

const rateOf = (met: number, required: number) => (required > 0 ? Math.round((met / required) * 1000) / 10 : null);

/**
 * 上报汇总表, the form the city office asks for: per school, what the period's sessions
 * delivered (classes, sessions, trainee-visits, 学时), and how many of its trainees have met
 * the year's minimum. Sessions count for the school that ran them, trainees for the school
 * that keeps them. The last row (key 'total') adds them up.
 */
export async function summaryReport(scope: PeriodScope, today?: string): Promise<SummaryRow[]> {
  const year = periodYear(scope.period);
  const [sessions, sources, rules, schools] = await Promise.all([
    periodSessions(scope),
    figureSources(year, scope.schoolIds),
    getSetting('hourRules'),
    scope.schoolIds ? schoolsInScope(scope.schoolIds) : schoolsWithData(),
  ]);
  // Met or not needs no forecast: the ledger without the sessions still to come.
  const ledger = ledgerRows(year, sources, rules, new Map(), { today });
  // The rosters come with the ledger's year totals: read once.
  const facts = sessionFacts(sessions, sources.totals);
  const rows = new Map<string, SummaryRow & { classIds: Set<string> }>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      const s = schools.find((x) => x.id === id);
      r = {
        key: id, school: s?.name ?? '（未知党校）', level: s?.level ?? '', code: s?.code ?? '', classIds: new Set(),
        classes: 0, sessions: 0, visits: 0, hours: 0, trainees: 0, required: 0, met: 0, rate: null,
      };
      rows.set(id, r);
    }
    return r;
  };
  for (const s of schools) row(s.id);
  for (const { session, marks } of facts) {
    const r = row(session.schoolId);
    r.classIds.add(session.classId);
    r.sessions++;
    r.visits += marks.present;
    r.hours = addHours(r.hours, marks.hours);
  }
  for (const l of ledger) {
    const r = row(l.trainee.schoolId);
    r.trainees++;
    if (l.status !== '免学') r.required++;
    if (l.status === '已达标') r.met++;
  }
  const list = [...rows.values()].map(({ classIds, ...r }) => ({ ...r, classes: classIds.size, rate: rateOf(r.met, r.required) }));
  const total: SummaryRow = {
    key: 'total', school: '合计', level: '', code: '',
    classes: 0, sessions: 0, visits: 0, hours: 0, trainees: 0, required: 0, met: 0, rate: null,
  };
  for (const r of list) {
    total.classes += r.classes;
    total.sessions += r.sessions;
    total.visits += r.visits;
    total.hours = addHours(total.hours, r.hours);
    total.trainees += r.trainees;
    total.required += r.required;
    total.met += r.met;
  }
  total.rate = rateOf(total.met, total.required);
  return [...list, total];
}
