import { Typography } from 'antd';
import { summaryReport, type SummaryRow } from '../../data/reports/summaryReport';
import { cellsOf, pct, tableColumns, totalSummary, type ReportColumn } from './columns';
import { hourColumn } from './LedgerReport';
import { ReportFrame, ReportTable } from './ReportFrame';
import { periodMeta, usePeriodReport, type ReportScopeState } from './useReportScope';

const num = (key: keyof SummaryRow & string, title: string, width = 9): ReportColumn<SummaryRow> => ({
  key, title, width, align: 'right', value: (r) => r[key] as number, sort: true,
});

const COLUMNS: ReportColumn<SummaryRow>[] = [
  { key: 'school', title: '党校', width: 24, value: (r) => r.school },
  { key: 'level', title: '层级', width: 7, value: (r) => r.level },
  num('classes', '培训班（个）', 11),
  num('sessions', '课次（次）', 10),
  num('visits', '参训人次', 9),
  hourColumn('hours', '授予学时', (r) => r.hours),
  num('trainees', '在册学员', 9),
  num('required', '应参学人数', 10),
  num('met', '已达标人数', 10),
  { key: 'rate', title: '达标率（%）', width: 11, align: 'right', value: (r) => r.rate, render: (r) => pct(r.rate), sort: true },
];

/** 上报汇总表: the per-school form the city office asks for. */
export function SummaryReport({ scope }: { scope: ReportScopeState }) {
  const rows = usePeriodReport(scope, summaryReport);
  const all = rows ?? [];
  const schools = all.slice(0, -1);
  const total = all[all.length - 1];
  return (
    <ReportFrame
      meta={periodMeta(scope, '党员教育培训情况上报汇总表', true)}
      columns={COLUMNS}
      rows={rows && schools}
      exportRows={all.map((r) => cellsOf(COLUMNS, r))}
      print={{ columns: COLUMNS, lines: all.map((r) => ({ cells: cellsOf(COLUMNS, r), kind: r === total ? 'total' : undefined })) }}
      unit="所党校"
    >
      <Typography.Paragraph type="secondary" className="dx-no-print">
        课次、参训人次、授予学时按举办课次的党校统计期间内已举行的课次；学员与达标情况按学员所在党校统计 {scope.year} 年度、截至今日的学时（应参学人数不含免学学员）。
      </Typography.Paragraph>
      <ReportTable<SummaryRow>
        loading={!rows}
        dataSource={schools}
        columns={tableColumns(COLUMNS)}
        pagination={false}
        summary={totalSummary(COLUMNS, total)}
      />
    </ReportFrame>
  );
}
