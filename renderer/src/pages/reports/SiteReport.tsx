import { Typography } from 'antd';
import { siteReport, type SiteReportRow } from '../../data/reports/siteReport';
import { fmt, tableColumns, type ReportColumn } from './columns';
import { hourColumn } from './LedgerReport';
import { ReportFrame, ReportTable } from './ReportFrame';
import { periodMeta, usePeriodReport, type ReportScopeState } from './useReportScope';

const COLUMNS: ReportColumn<SiteReportRow>[] = [
  { key: 'name', title: '教学点', width: 32, value: (r) => r.name, sort: true },
  { key: 'kind', title: '类型', width: 11, value: (r) => r.kind, sort: true },
  { key: 'town', title: '所在镇街', width: 11, value: (r) => r.town, sort: true },
  { key: 'demoLevel', title: '示范等级', width: 11, value: (r) => (r.demoLevel === '无' ? '' : r.demoLevel) },
  { key: 'capacity', title: '容纳人数', width: 9, align: 'right', value: (r) => r.capacity, sort: true },
  { key: 'sessions', title: '课次', width: 7, align: 'right', value: (r) => r.sessions, sort: true },
  hourColumn('hours', '授课学时', (r) => r.hours),
  { key: 'visits', title: '参训人次', width: 9, align: 'right', value: (r) => r.visits, sort: true },
  { key: 'perSession', title: '平均每次人数', width: 12, align: 'right', value: (r) => r.perSession, render: (r) => fmt(r.perSession), sort: true },
];

/** 教学点使用统计: per site, how often it was used in the period and by how many. */
export function SiteReport({ scope }: { scope: ReportScopeState }) {
  const rows = usePeriodReport(scope, siteReport);
  return (
    <ReportFrame
      meta={periodMeta(scope, '教学点使用统计表')}
      columns={COLUMNS}
      rows={rows}
      unit="个教学点"
    >
      <Typography.Paragraph type="secondary" className="dx-no-print">
        统计期间内已举行的课次；参训人次为出勤、迟到、早退人数之和。启用中的教学点即使未使用也列出。
      </Typography.Paragraph>
      <ReportTable<SiteReportRow>
        loading={!rows}
        dataSource={rows}
        columns={tableColumns(COLUMNS)}
      />
    </ReportFrame>
  );
}
