import { Space, Switch, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { TraineeCategory } from '../../../../shared/domain/constants';
import { branchesOf, filterLedger } from '../../data/reports/ledgerReport';
import { shortfallReport, type ShortfallRow } from '../../data/reports/shortfallReport';
import { fmt, type PrintLine, type ReportColumn, cellsOf, tableColumns } from './columns';
import { BranchCategoryFilters, hourColumn, statusTag, traineeColumns } from './LedgerReport';
import { ReportFrame, ReportTable } from './ReportFrame';
import type { ReportScopeState } from './useReportScope';

const NONE = '本年度暂无可参加的课次，需另行安排';

/** Suggestions by class: the trainee's own class first (no heading), then each class to join (插班). */
function suggestionChunks(r: ShortfallRow): { joinClass: string | null; items: string[] }[] {
  const chunks: { joinClass: string | null; items: string[] }[] = [];
  for (const s of r.suggestions) {
    const joinClass = s.joinClass ? s.classTitle : null;
    let last = chunks[chunks.length - 1];
    if (!last || last.joinClass !== joinClass) chunks.push((last = { joinClass, items: [] }));
    last.items.push(`${s.date.slice(5)} ${s.start} ${s.course}（${fmt(s.hours)}学时）`);
  }
  return chunks;
}

const suggestionsText = (r: ShortfallRow): string =>
  r.suggestions.length === 0
    ? NONE
    : [
        ...suggestionChunks(r).map((c) => `${c.joinClass ? `插班“${c.joinClass}”：` : ''}${c.items.join('、')}`),
        ...(r.moreSessions ? [`等另 ${r.moreSessions} 次`] : []),
      ].join('；');

function Suggestions({ row }: { row: ShortfallRow }) {
  if (row.suggestions.length === 0) return <Typography.Text type="danger">{NONE}</Typography.Text>;
  return (
    <div className="dx-suggestions">
      <Typography.Text type="secondary">可参加的课次：</Typography.Text>
      {suggestionChunks(row).map((c, i) => (
        <div key={i}>
          {c.joinClass && (
            <>
              <Tag color="gold">插班</Tag>
              <Typography.Text type="secondary">{c.joinClass}：</Typography.Text>
            </>
          )}
          {c.items.join('、')}
        </div>
      ))}
      {row.moreSessions > 0 && <Typography.Text type="secondary">等另 {row.moreSessions} 次</Typography.Text>}
    </div>
  );
}

type Line = ShortfallRow | { key: string; group: string };
const isGroup = (l: Line): l is { key: string; group: string } => 'group' in l;

/** 未达标名单 / 点名调训名单: who is short, grouped by branch, with the sessions that would close the gap. */
export function ShortfallReport({ scope }: { scope: ReportScopeState }) {
  const [includeForecast, setIncludeForecast] = useState(false);
  const [branch, setBranch] = useState<string>();
  const [category, setCategory] = useState<TraineeCategory>();
  const rows = useLiveQuery(
    () => shortfallReport({ year: scope.year, schoolIds: scope.schoolIds, includeForecast }),
    [scope.year, scope.schoolIds?.join(), includeForecast],
  );
  const branches = useMemo(() => branchesOf(rows ?? []), [rows]);
  const shown = useMemo(() => filterLedger(rows ?? [], { branch, category }), [rows, branch, category]);
  const multiSchool = scope.schools.length > 1;

  const columns = useMemo<ReportColumn<ShortfallRow>[]>(
    () => [
      ...traineeColumns<ShortfallRow>(multiSchool),
      hourColumn('required', '应修学时', (r) => r.required),
      hourColumn('total', '已修学时', (r) => r.total),
      hourColumn('shortBy', '差额', (r) => r.shortBy),
      hourColumn('scheduled', '已排课学时', (r) => r.scheduled),
      hourColumn('stillShort', '排课后仍差', (r) => r.stillShort),
      { key: 'status', title: '状态', width: 9, value: (r) => r.status, render: (r) => statusTag(r.status) },
      { key: 'next', title: '可参加的课次', width: 60, value: suggestionsText },
    ],
    [multiSchool],
  );
  // On screen and on paper the branch heads its group; the spreadsheet keeps it as a column to filter by.
  const grouped = useMemo(() => columns.filter((c) => c.key !== 'branch'), [columns]);
  const lines = useMemo(() => {
    const groups = new Map<string, ShortfallRow[]>();
    for (const r of shown) {
      const key = `${r.school}|${r.branch}`;
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
    return [...groups].flatMap(([key, members]): Line[] => {
      const { school, branch: name } = members[0]!;
      const lacking = members.reduce((n, x) => n + x.shortBy, 0);
      const label = `${multiSchool ? `${school} · ` : ''}${name || '（未填党支部）'}：${members.length} 人，共差 ${fmt(lacking)} 学时`;
      return [{ key: `group:${key}`, group: label }, ...members];
    });
  }, [shown, multiSchool]);
  const printLines: PrintLine[] = lines.map((l) => (isGroup(l) ? { cells: [l.group], kind: 'group' } : { cells: cellsOf(grouped, l) }));
  // On screen the suggestions sit under each trainee, across the table; sorting would break the groups.
  const onScreen = grouped.filter((c) => c.key !== 'next') as ReportColumn<Line>[];
  const screenColumns = tableColumns(onScreen).map((c, i) => ({
    ...c,
    sorter: undefined,
    onCell: (l: Line) => (isGroup(l) ? { colSpan: i === 0 ? onScreen.length : 0 } : {}),
    render: (v: unknown, l: Line, index: number) => (isGroup(l) ? (i === 0 ? l.group : null) : c.render!(v, l, index)),
  }));
  const filters = [
    includeForecast ? '含预计达标' : '有风险、未达标',
    branch && `党支部：${branch}`,
    category && `人员类别：${category}`,
  ].filter(Boolean).join('；');

  return (
    <ReportFrame
      meta={{ heading: `${scope.year}年度学时未达标人员名单（点名调训）`, schools: scope.schoolsText, period: `${scope.year}年全年`, filters, landscape: true }}
      columns={columns}
      rows={rows && shown}
      print={{ columns: grouped, lines: printLines }}
      unit="人"
      filters={
        <>
          <Space>
            <Switch aria-label="含预计达标" checked={includeForecast} onChange={setIncludeForecast} />
            含预计达标
          </Space>
          <BranchCategoryFilters branches={branches} branch={branch} onBranch={setBranch} category={category} onCategory={setCategory} />
        </>
      }
    >
      <Typography.Paragraph type="secondary" className="dx-no-print">
        列出学时未达年度要求、且已排课程不足以补齐（有风险）或年度已结束仍未达标的学员；打开“含预计达标”可同时列出目前未达标但参加已排课程即可达标的学员。
        可参加的课次：先列本人所在培训班尚未举行的课次，仍不足时列本校同类人员培训班的课次（插班），补足差额为止。
      </Typography.Paragraph>
      <ReportTable<Line>
        loading={!rows}
        dataSource={lines}
        columns={screenColumns}
        rowClassName={(l) => (isGroup(l) ? 'dx-row-group' : '')}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: shown.map((r) => r.key),
          rowExpandable: (l) => !isGroup(l),
          expandedRowRender: (l) => !isGroup(l) && <Suggestions row={l} />,
        }}
        pagination={{ defaultPageSize: 100, pageSizeOptions: [50, 100, 200, 500], showSizeChanger: true }}
      />
    </ReportFrame>
  );
}
