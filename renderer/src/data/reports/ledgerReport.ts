import type { TraineeCategory } from '../../../../shared/domain/constants';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import type { LedgerRow, LedgerStatus } from '../../../../shared/rules/ledger';
import { yearLedger } from '../ledger';
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

/** Every trainee on the roll with their year's 学时, by school, branch and name; from the hour cache, never the marks. */
export async function ledgerReport(scope: YearScope, today?: string): Promise<LedgerReportRow[]> {
  const [rows, schools] = await Promise.all([yearLedger(scope.year, { schoolIds: scope.schoolIds, today }), schoolNames()]);
  return rows
    .map(({ trainee: t, externalBySource: _, ...ledger }) => ({
      ...ledger,
      key: t.id,
      name: t.name,
      idNumber: maskIdNumber(t.idNumber),
      branch: t.branch,
      category: t.category,
      school: schools.get(t.schoolId) ?? '',
      schoolId: t.schoolId,
    }))
    .sort((a, b) => compareText(a.school, b.school) || compareText(a.branch, b.branch) || compareText(a.name, b.name));
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
