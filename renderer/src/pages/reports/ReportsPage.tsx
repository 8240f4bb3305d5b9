import { DatePicker, Select, Skeleton, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { AttendanceReport } from './AttendanceReport';
import { InstructorReport } from './InstructorReport';
import { LedgerReport } from './LedgerReport';
import { ShortfallReport } from './ShortfallReport';
import { SiteReport } from './SiteReport';
import { SummaryReport } from './SummaryReport';
import { PERIOD_PRESETS, useReportScope, type PeriodPreset, type ReportScopeState } from './useReportScope';
import './reports.css';

interface ReportEntry {
  key: string;
  label: string;
  /** Reports of a whole year (the ledgers) or of a period inside it. */
  span: 'year' | 'period';
  render: (scope: ReportScopeState) => ReactNode;
}

const REPORTS: ReportEntry[] = [
  { key: 'ledger', label: '学员学时台账', span: 'year', render: (s) => <LedgerReport scope={s} /> },
  { key: 'shortfall', label: '未达标名单', span: 'year', render: (s) => <ShortfallReport scope={s} /> },
  { key: 'attendance', label: '培训班出勤统计', span: 'period', render: (s) => <AttendanceReport scope={s} /> },
  { key: 'instructors', label: '师资授课统计', span: 'period', render: (s) => <InstructorReport scope={s} /> },
  { key: 'sites', label: '教学点使用统计', span: 'period', render: (s) => <SiteReport scope={s} /> },
  { key: 'summary', label: '上报汇总表', span: 'period', render: (s) => <SummaryReport scope={s} /> },
];

function ScopeBar({ scope, span }: { scope: ReportScopeState; span: ReportEntry['span'] }) {
  const yearStart = dayjs(`${scope.year}-01-01`);
  return (
    <Space wrap className="dx-no-print" style={{ marginBottom: 12 }}>
      <Select
        aria-label="年度"
        style={{ width: 110 }}
        value={scope.year}
        options={scope.years.map((y) => ({ value: y, label: `${y}年` }))}
        onChange={(year) => scope.set({ year, from: '', to: '' })}
      />
      {span === 'period' && (
        <>
          <Select
            aria-label="期间"
            style={{ width: 120 }}
            value={scope.preset}
            options={Object.entries(PERIOD_PRESETS).map(([value, label]) => ({ value, label }))}
            onChange={(preset: PeriodPreset) => scope.set({ preset })}
          />
          {scope.preset === 'custom' && (
            <DatePicker.RangePicker
              aria-label="起止日期"
              allowClear={false}
              value={[dayjs(scope.period.from), dayjs(scope.period.to)]}
              disabledDate={(d) => !d.isSame(yearStart, 'year')}
              defaultPickerValue={[yearStart, yearStart]}
              onChange={(range) => range?.[0] && range[1] && scope.set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') })}
            />
          )}
        </>
      )}
      {scope.schools.length > 1 && (
        <Select
          aria-label="党校"
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder="全部党校"
          style={{ minWidth: 240, maxWidth: 480 }}
          value={scope.schoolIds ?? []}
          optionFilterProp="label"
          options={scope.schools.map((s) => ({ value: s.id, label: s.name }))}
          onChange={(ids: string[]) => scope.set({ schoolIds: ids.length ? ids : undefined })}
        />
      )}
    </Space>
  );
}

/** 报表: the six reports offices print or send, each on screen, in Excel/CSV and on paper. */
export default function ReportsPage() {
  const navigate = useNavigate();
  const { search } = useLocation();
  const scope = useReportScope();
  const requested = useParams()['*'];
  const active = REPORTS.find((r) => r.key === requested) ?? REPORTS[0]!;
  return (
    <div className="dx-page dx-reports">
      <h1 className="dx-page-title dx-no-print">报表</h1>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate({ pathname: `/reports/${key}`, search })}
        items={REPORTS.map((r) => ({
          key: r.key,
          label: r.label,
          children:
            r.key !== active.key ? null : !scope ? (
              <Skeleton active />
            ) : (
              <>
                <ScopeBar scope={scope} span={r.span} />
                {r.render(scope)}
              </>
            ),
        }))}
      />
    </div>
  );
}
