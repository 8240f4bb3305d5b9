import { Typography } from 'antd';
import { useMemo } from 'react';
import { ATTENDANCE_STATUSES } from '../../../../shared/domain/constants';
import {
  addFigures, attendanceReport, emptyFigures, type AttendanceClassRow, type AttendanceFigures, type AttendanceSessionRow,
} from '../../data/reports/attendanceReport';
import { cellsOf, pct, tableColumns, totalSummary, type PrintLine, type ReportColumn } from './columns';
import { ReportFrame, ReportTable } from './ReportFrame';
import { periodMeta, usePeriodReport, type ReportScopeState } from './useReportScope';

/** A line of the report: a session, its class's subtotal, or the grand total. */
type Line =
  | { key: string; kind: 'session'; cls: AttendanceClassRow; row: AttendanceSessionRow }
  | { key: string; kind: 'class'; cls: AttendanceClassRow; row: AttendanceClassRow; children: Line[] }
  | { key: string; kind: 'total'; row: AttendanceFigures & { enrolled: number; sessions: number } };

const count = (get: (f: AttendanceFigures) => number, key: string, title: string): ReportColumn<Line> => ({
  key, title, width: 7, align: 'right', value: (l) => get(l.row),
});

const COLUMNS: ReportColumn<Line>[] = [
  {
    key: 'class',
    title: '培训班',
    width: 30,
    value: (l) => (l.kind === 'total' ? '合计' : l.kind === 'class' ? `${l.cls.title}（小计）` : l.cls.title),
    render: (l) => (l.kind === 'session' ? '' : l.kind === 'total' ? '合计' : l.cls.title),
  },
  {
    key: 'date',
    title: '日期',
    width: 11,
    value: (l) => (l.kind === 'session' ? l.row.date : `${l.kind === 'class' ? l.row.sessions.length : l.row.sessions}次课`),
  },
  { key: 'time', title: '时间', width: 12, value: (l) => (l.kind === 'session' ? l.row.time : '') },
  { key: 'course', title: '课程', width: 26, value: (l) => (l.kind === 'session' ? l.row.course : '') },
  { key: 'instructors', title: '授课教员', width: 12, value: (l) => (l.kind === 'session' ? l.row.instructors : '') },
  { key: 'site', title: '教学点', width: 20, value: (l) => (l.kind === 'session' ? l.row.site : '') },
  { key: 'enrolled', title: '报名人数', width: 9, align: 'right', value: (l) => (l.kind === 'session' ? null : l.row.enrolled) },
  count((f) => f.expected, 'expected', '应到'),
  ...ATTENDANCE_STATUSES.map((s) => count((f) => f.counts[s], s, s)),
  count((f) => f.unmarked, 'unmarked', '未记'),
  { key: 'rate', title: '出勤率（%）', width: 11, align: 'right', value: (l) => l.row.rate, render: (l) => pct(l.row.rate) },
];

/** On screen the session's date, time, course and site fold into the first column, so the counts stay in view. */
const SCREEN_COLUMNS: ReportColumn<Line>[] = [
  {
    key: 'class',
    title: '培训班 / 课次',
    width: 44,
    ellipsis: true,
    value: (l) =>
      l.kind === 'session'
        ? `${l.row.date.slice(5)} ${l.row.time} ${l.row.course}（${l.row.site}）`
        : l.kind === 'class'
          ? `${l.cls.title}（${l.row.sessions.length}次课）`
          : `合计（${l.row.sessions}次课）`,
    render: (l) => {
      const text = SCREEN_COLUMNS[0]!.value(l) as string;
      return <span title={text}>{text}</span>;
    },
  },
  ...COLUMNS.filter((c) => ['instructors', 'enrolled', 'expected', ...ATTENDANCE_STATUSES, 'unmarked', 'rate'].includes(c.key)).map((c) =>
    c.key === 'instructors' ? { ...c, width: 10, ellipsis: true } : c,
  ),
];

function linesOf(classes: AttendanceClassRow[]): { tree: Line[]; total: Line } {
  const total = { enrolled: 0, sessions: 0, ...emptyFigures() };
  const tree = classes.map((cls): Line => {
    total.enrolled += cls.enrolled;
    total.sessions += cls.sessions.length;
    addFigures(total, cls);
    return {
      key: cls.key,
      kind: 'class',
      cls,
      row: cls,
      children: cls.sessions.map((row) => ({ key: row.key, kind: 'session', cls, row })),
    };
  });
  return { tree, total: { key: 'total', kind: 'total', row: total } };
}

/** 培训班出勤统计: per class (expandable to its sessions) the enrolled, each status and the rate. */
export function AttendanceReport({ scope }: { scope: ReportScopeState }) {
  const classes = usePeriodReport(scope, attendanceReport);
  const { tree, total } = useMemo(() => linesOf(classes ?? []), [classes]);
  // On paper and in Excel: each class's sessions, then its subtotal; the grand total last.
  const flat = useMemo(() => [...tree.flatMap((c) => (c.kind === 'class' ? [...c.children, c] : [])), total], [tree, total]);
  const printColumns = COLUMNS.filter((c) => c.key !== 'class');
  const printLines: PrintLine[] = tree.flatMap((c): PrintLine[] =>
    c.kind !== 'class'
      ? []
      : [
          { cells: [`${c.cls.title}（${c.cls.school}，报名 ${c.cls.enrolled} 人）`], kind: 'group' },
          ...c.children.map((s) => ({ cells: cellsOf(printColumns, s) })),
          { cells: ['小计', ...cellsOf(printColumns, c).slice(1)], kind: 'total' },
        ],
  );
  printLines.push({ cells: ['合计', ...cellsOf(printColumns, total).slice(1)], kind: 'total' });

  return (
    <ReportFrame
      meta={periodMeta(scope, '培训班出勤统计表', true)}
      columns={COLUMNS}
      rows={classes && tree}
      exportRows={flat.map((l) => cellsOf(COLUMNS, l))}
      print={{ columns: printColumns, lines: printLines }}
      unit="个培训班"
    >
      <Typography.Paragraph type="secondary" className="dx-no-print">
        统计期间内已举行的课次。应到 = 报名学员 + 插班学员；出勤率 = (出勤 + 迟到 + 早退) ÷ 应到；未记 = 尚未记录考勤的报名学员。点击培训班前的“+”查看各课次。
      </Typography.Paragraph>
      <ReportTable<Line>
        loading={!classes}
        dataSource={tree}
        columns={tableColumns(SCREEN_COLUMNS)}
        // Fitted to the page, not scrolling sideways: the counts are what matters.
        tableLayout="fixed"
        scroll={undefined}
        summary={totalSummary(SCREEN_COLUMNS, tree.length ? total : undefined)}
      />
    </ReportFrame>
  );
}
