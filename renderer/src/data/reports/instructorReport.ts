import type { EmploymentKind, InstructorCategory, InstructorStatus } from '../../../../shared/domain/constants';
import type { Evaluation } from '../../../../shared/domain/records';
import { averageEvaluations } from '../../../../shared/rules/attendance';
import { minutesToHours } from '../../../../shared/rules/hours';
import { addHours } from '../../../../shared/rules/totals';
import { db } from '../instance';
import { getSetting } from '../settings';
import { alive, compareText, heldSessions, inSchools, type PeriodScope } from './scope';

export interface InstructorReportRow {
  key: string;
  name: string;
  category: InstructorCategory;
  employment: EmploymentKind;
  unit: string;
  status: InstructorStatus;
  sessions: number;
  /** 学时 of the sessions taught; a session taught by two counts in full for each. */
  hours: number;
  /** Trainees present (出勤/迟到/早退) in those sessions (人次). */
  visits: number;
  /** Evaluation forms (学员评课) of those sessions for this instructor. */
  evaluations: number;
  /** Mean total of the forms (of 100), one decimal; null without forms. */
  average: number | null;
}

/**
 * 师资授课统计: per instructor, the sessions of the period they taught, the 学时 and
 * trainee-visits of those sessions, and the average of their evaluation forms for them.
 * Instructors of the chosen schools still in the pool (在库) are listed even without sessions.
 */
export async function instructorReport(scope: PeriodScope): Promise<InstructorReportRow[]> {
  const d = db();
  const [facts, rules, instructors] = await Promise.all([heldSessions(scope), getSetting('hourRules', d), d.instructors.toArray()]);
  const held = new Set(facts.map((f) => f.session.id));
  const ids = [...held].sort();
  // One range read of the session index, filtered here: session ids are UUIDv7, in the order
  // sessions were scheduled, so the range holds little beyond the period's forms (anyOf would
  // step a cursor once per session, 6,000 a year in a county).
  const forms = ids.length
    ? (await d.evaluations.where('sessionId').between(ids[0]!, ids.at(-1)!, true, true).toArray()).filter((f) => alive(f) && held.has(f.sessionId))
    : [];
  const formsOf = new Map<string, Evaluation[]>();
  for (const f of forms) {
    const list = formsOf.get(f.instructorId);
    if (list) list.push(f);
    else formsOf.set(f.instructorId, [f]);
  }
  const taught = new Map<string, { sessions: number; hours: number; visits: number }>();
  for (const { session, marks } of facts) {
    const hours = minutesToHours(session.minutes, rules);
    for (const id of session.instructorIds) {
      const t = taught.get(id) ?? { sessions: 0, hours: 0, visits: 0 };
      t.sessions++;
      t.hours = addHours(t.hours, hours);
      t.visits += marks.present;
      taught.set(id, t);
    }
  }
  const mine = inSchools(scope.schoolIds);
  return instructors
    .filter((i) => taught.has(i.id) || (alive(i) && i.status === '在库' && mine(i)))
    .map((i) => {
      const t = taught.get(i.id) ?? { sessions: 0, hours: 0, visits: 0 };
      const avg = averageEvaluations(formsOf.get(i.id) ?? []);
      return {
        key: i.id,
        name: i.name,
        category: i.category,
        employment: i.employment,
        unit: i.unit,
        status: i.status,
        ...t,
        evaluations: avg?.count ?? 0,
        average: avg?.total ?? null,
      };
    })
    .sort((a, b) => b.sessions - a.sessions || b.hours - a.hours || compareText(a.name, b.name));
}
