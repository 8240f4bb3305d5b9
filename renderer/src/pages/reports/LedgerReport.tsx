import { Input, Select, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { TRAINEE_CATEGORIES, type TraineeCategory } from '../../../../shared/domain/constants';
import { LEDGER_STATUSES, type LedgerStatus } from '../../../../shared/rules/ledger';
import { branchesOf, filterLedger, ledgerReport, type LedgerReportRow } from '../../data/reports/ledgerReport';
import { fmt, tableColumns, type ReportColumn } from './columns';
import { ReportFrame, ReportTable } from './ReportFrame';
import type { ReportScopeState } from './useReportScope';

export const STATUS_COLOURS: Record<LedgerStatus, string> = {
  已达标: 'green', 预计达标: 'blue', 有风险: 'orange', 未达标: 'red', 免学: 'default',
};
export const statusTag = (s: LedgerStatus) => <Tag color={STATUS_COLOURS[s]}>{s}</Tag>;

/** The columns that identify a trainee, shared by the ledger and the 未达标 list. */
export function traineeColumns<R extends LedgerReportRow>(multiSchool: boolean): ReportColumn<R>[] {
  return [
    ...(multiSchool ? [{ key: 'school', title: '所属党校', width: 16, value: (r: R) => r.school, sort: true }] : []),
    { key: 'name', title: '姓名', width: 10, value: (r) => r.name, sort: true },
    { key: 'idNumber', title: '身份证号', width: 21, value: (r) => r.idNumber },
    { key: 'branch', title: '所在党支部', width: 22, value: (r) => r.branch, sort: true },
    { key: 'category', title: '人员类别', width: 16, value: (r) => r.category, sort: true },
  ];
}

export const hourColumn = <R,>(key: string, title: string, get: (r: R) => number): ReportColumn<R> => ({
  key, title, width: Math.max(9, title.length * 2 + 1), align: 'right', value: (r) => get(r), render: (r) => fmt(get(r)), sort: true,
});

interface BranchCategoryProps {
  branches: string[];
  branch: string | undefined;
  onBranch: (branch: string | undefined) => void;
  category: TraineeCategory | undefined;
  onCategory: (category: TraineeCategory | undefined) => void;
}

/** The branch and category filters of the reports about trainees; type to narrow either list. */
export function BranchCategoryFilters({ branches, branch, onBranch, category, onCategory }: BranchCategoryProps) {
  return (
    <>
      <Select
        aria-label="所在党支部"
        placeholder="全部党支部"
        allowClear
        showSearch
        style={{ width: 220 }}
        value={branch}
        onChange={onBranch}
        options={branches.map((b) => ({ value: b, label: b }))}
      />
      <Select
        aria-label="人员类别"
        placeholder="全部类别"
        allowClear
        showSearch
        style={{ width: 170 }}
        value={category}
        onChange={onCategory}
        options={TRAINEE_CATEGORIES.map((c) => ({ value: c, label: c }))}
      />
    </>
  );
}

/** 学员学时台账: every trainee's year, filterable by branch, category and status. */
export function LedgerReport({ scope }: { scope: ReportScopeState }) {
  const rows = useLiveQuery(() => ledgerReport({ year: scope.year, schoolIds: scope.schoolIds }), [scope.year, scope.schoolIds?.join()]);
  const [branch, setBranch] = useState<string>();
  const [category, setCategory] = useState<TraineeCategory>();
  const [statuses, setStatuses] = useState<LedgerStatus[]>([]);
  const [name, setName] = useState('');
  const branches = useMemo(() => branchesOf(rows ?? []), [rows]);
  const shown = useMemo(() => filterLedger(rows ?? [], { branch, category, statuses, name }), [rows, branch, category, statuses, name]);
  const multiSchool = scope.schools.length > 1;
  const columns = useMemo<ReportColumn<LedgerReportRow>[]>(
    () => [
      ...traineeColumns<LedgerReportRow>(multiSchool),
      hourColumn('required', '应修学时', (r) => r.required),
      hourColumn('credited', '参训学时', (r) => r.credited),
      hourColumn('external', '外部学时', (r) => r.external),
      hourColumn('total', '合计学时', (r) => r.total),
      hourColumn('shortBy', '差额', (r) => r.shortBy),
      { key: 'status', title: '状态', width: 10, value: (r) => r.status, render: (r) => statusTag(r.status), sort: true },
    ],
    [multiSchool],
  );
  const filters = [
    branch && `党支部：${branch}`,
    category && `人员类别：${category}`,
    statuses.length > 0 && `状态：${statuses.join('、')}`,
    name.trim() && `姓名含“${name.trim()}”`,
  ].filter(Boolean).join('；');

  return (
    <ReportFrame
      meta={{
        heading: `${scope.year}年度学员学时台账`,
        schools: scope.schoolsText,
        period: `${scope.year}年全年`,
        filters,
        landscape: true,
      }}
      columns={columns}
      rows={rows && shown}
      unit="人"
      filters={
        <>
          <Input.Search aria-label="姓名" placeholder="姓名" allowClear style={{ width: 140 }} value={name} onChange={(e) => setName(e.target.value)} />
          <BranchCategoryFilters branches={branches} branch={branch} onBranch={setBranch} category={category} onCategory={setCategory} />
          <Select
            aria-label="状态"
            mode="multiple"
            placeholder="全部状态"
            allowClear
            style={{ minWidth: 160 }}
            value={statuses}
            onChange={setStatuses}
            options={LEDGER_STATUSES.map((s) => ({ value: s, label: s }))}
          />
        </>
      }
    >
      <ReportTable<LedgerReportRow>
        loading={!rows}
        dataSource={shown}
        columns={tableColumns(columns)}
        pagination={{ defaultPageSize: 50, pageSizeOptions: [50, 100, 200, 500], showSizeChanger: true, showTotal: (n) => `共 ${n} 人` }}
      />
    </ReportFrame>
  );
}
