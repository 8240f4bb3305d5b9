import type { TraineeCategory } from '../../../../shared/domain/constants';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import type { LedgerRow, LedgerStatus } from '../../../../shared/rules/ledger';
import { yearLedger, type TraineeLedgerRow } from '../ledger';
import { compareText, schoolNames, type YearScope } from './scope';

/** One line of 学员学时台账: the trainee's ledger with what identifies them (ID number masked). */
export interface LedgerReportRow extends LedgerRow {
  key: string;
  name: string;
  idNumber: string;
  branch: string;
  category: TraineeCategory;
  school: string;
  schoolId: string;
}

/** A trainee's ledger as a report line (ID number masked), with the school's name from `schools`. */
export function ledgerReportRow({ trainee: t, externalBySource: _, ...ledger }: TraineeLedgerRow, schools: ReadonlyMap<string, string>): LedgerReportRow {
  return {
    ...ledger,
    key: t.id,
    name: t.name,
    idNumber: maskIdNumber(t.idNumber),
    branch: t.branch,
    category: t.category,
    school: schools.get(t.schoolId) ?? '',
    schoolId: t.schoolId,
  };
}

/** Every trainee on the roll with their year's 学时, by school, branch and name; from the hour cache, never the marks. */
export async function ledgerReport(scope: YearScope, today?: string): Promise<LedgerReportRow[]> {
  const [rows, schools] = await Promise.all([yearLedger(scope.year, { schoolIds: scope.schoolIds, today }), schoolNames()]);
  const py = new Map(rows.map((r) => [r.trainee.id, r.trainee.py]));
  const lines = rows.map((r) => ledgerReportRow(r, schools));
  const place = placeOrder(lines);
  const byName = (a: LedgerReportRow, b: LedgerReportRow) => {
    const x = py.get(a.key)!;
    const y = py.get(b.key)!;
    return x < y ? -1 : x > y ? 1 : compareText(a.name, b.name);
  };
  return lines.sort((a, b) => place(a, b) || byName(a, b));
}

/**
 * Order by school, then branch, in pinyin order. Comparing Chinese text costs microseconds, and
 * sorting a county's 40,000 rows makes 600,000 comparisons: the few hundred distinct names are
 * ranked once and the rows compare numbers.
 */
export function placeOrder(rows: readonly Pick<LedgerReportRow, 'school' | 'branch'>[]): (a: Pick<LedgerReportRow, 'school' | 'branch'>, b: Pick<LedgerReportRow, 'school' | 'branch'>) => number {
  const rank = (values: string[]) => new Map([...new Set(values)].sort(compareText).map((v, i) => [v, i]));
  const school = rank(rows.map((r) => r.school));
  const branch = rank(rows.map((r) => r.branch));
  return (a, b) => school.get(a.school)! - school.get(b.school)! || branch.get(a.branch)! - branch.get(b.branch)!;
}

export interface LedgerFilters {
  branch?: string;
  category?: TraineeCategory;
  statuses?: readonly LedgerStatus[];
  /** Part of a name. */
  name?: string;
}

export function filterLedger<R extends Pick<LedgerReportRow, 'branch' | 'category' | 'status' | 'name'>>(rows: readonly R[], f: LedgerFilters): R[] {
  const name = f.name?.trim();
  return rows.filter(
    (r) =>
      (!f.branch || r.branch === f.branch) &&
      (!f.category || r.category === f.category) &&
      (!f.statuses?.length || f.statuses.includes(r.status)) &&
      (!name || r.name.includes(name)),
  );
}

/** The distinct branches of the rows, in pinyin order, for the filter. */
export const branchesOf = (rows: readonly { branch: string }[]): string[] =>
  [...new Set(rows.map((r) => r.branch).filter(Boolean))].sort(compareText);
