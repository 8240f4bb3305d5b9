import { Typography } from 'antd';
import { instructorReport, type InstructorReportRow } from '../../data/reports/instructorReport';
import { fmt, tableColumns, type ReportColumn } from './columns';
import { hourColumn } from './LedgerReport';
import { ReportFrame, ReportTable } from './ReportFrame';
import { periodMeta, usePeriodReport, type ReportScopeState } from './useReportScope';

const COLUMNS: ReportColumn<InstructorReportRow>[] = [
  { key: 'name', title: '姓名', width: 10, value: (r) => r.name, sort: true },
  { key: 'category', title: '类别', width: 14, value: (r) => r.category, sort: true },
  { key: 'employment', title: '专兼职', width: 7, value: (r) => r.employment, sort: true },
  { key: 'unit', title: '工作单位', width: 28, value: (r) => r.unit },
  { key: 'status', title: '状态', width: 6, value: (r) => r.status },
  { key: 'sessions', title: '授课次数', width: 9, align: 'right', value: (r) => r.sessions, sort: true },
  hourColumn('hours', '授课学时', (r) => r.hours),
  { key: 'visits', title: '参训人次', width: 9, align: 'right', value: (r) => r.visits, sort: true },
  { key: 'evaluations', title: '评课份数', width: 9, align: 'right', value: (r) => r.evaluations, sort: true },
  { key: 'average', title: '平均评分', width: 9, align: 'right', value: (r) => r.average, render: (r) => fmt(r.average), sort: true },
];

/** 师资授课统计: per instructor, what they taught in the period and how trainees rated it. */
export function InstructorReport({ scope }: { scope: ReportScopeState }) {
  const rows = usePeriodReport(scope, instructorReport);
  return (
    <ReportFrame
      meta={periodMeta(scope, '师资授课统计表', true)}
      columns={COLUMNS}
      rows={rows}
      unit="名教员"
    >
      <Typography.Paragraph type="secondary" className="dx-no-print">
        统计期间内已举行的课次；两名教员合上的课次，每人各计一次。参训人次为出勤、迟到、早退人数之和；平均评分为学员评课表五项合计（满分 100）的平均。
      </Typography.Paragraph>
      <ReportTable<InstructorReportRow>
        loading={!rows}
        dataSource={rows}
        columns={tableColumns(COLUMNS)}
      />
    </ReportFrame>
  );
}
