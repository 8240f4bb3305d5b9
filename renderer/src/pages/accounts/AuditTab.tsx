import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../../shared/domain/records';
import { accountLabel } from '../../../../shared/security/account';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../shared/security/auditActions';
import { desktop } from '../../bridge';
import { auditEntries, queryAudit, trailSchools, type AuditFilter } from '../../data/audit/trail';
import { verifyTrail, type ChainReport } from '../../data/audit/verify';
import { useCan } from '../../data/auth/permissions';
import { recordExport } from '../../data/auth/reveal';
import { db } from '../../data/instance';
import { writeCsv, writeXlsx } from '../../data/spreadsheet';
import { actionLabel, changeLines, entryCells, entryHeaders, referencedIds, SUBJECT_LABELS, type TextOptions } from './auditText';
import './accounts.css';

const PAGE_SIZE = 50;
/** More than this is not a useful printout; the filters narrow it down. */
const PRINT_LIMIT = 3000;

interface Filters {
  range: [Dayjs, Dayjs] | null;
  schoolId?: string;
  actorId?: string;
  actions: AuditAction[];
  table?: string;
  text: string;
}

const toQuery = (f: Filters): AuditFilter => ({
  from: f.range?.[0].startOf('day').valueOf(),
  to: f.range?.[1].endOf('day').valueOf(),
  schoolId: f.schoolId,
  actorId: f.actorId,
  actions: f.actions,
  table: f.table,
  text: f.text,
});

/** Names of the records the shown entries refer to (a school, a class, the trainees of a roster …). */
function useNames(entries: readonly AuditEntry[]): Map<string, string> {
  const wanted = [...referencedIds(entries)].map(([table, ids]): [string, string[]] => [table, [...ids]]);
  const names = useLiveQuery(async () => {
    const out = new Map<string, string>();
    for (const [table, ids] of wanted) {
      const found = (await db().table(table).bulkGet(ids)) as ({ id: string; name?: string; title?: string; date?: string } | undefined)[];
      for (const r of found) if (r) out.set(r.id, r.name ?? r.title ?? r.date ?? r.id);
    }
    return out;
  }, [JSON.stringify(wanted)]);
  return names ?? new Map();
}

function describeFilters(f: Filters, actors: Map<string, string>, schools: ReadonlyMap<string, string> | undefined): string {
  const parts = [
    f.range ? `${f.range[0].format('YYYY-MM-DD')} 至 ${f.range[1].format('YYYY-MM-DD')}` : '全部时间',
    f.schoolId ? `党校：${schools?.get(f.schoolId) ?? ''}` : '',
    f.actorId !== undefined ? `操作人：${actors.get(f.actorId) ?? ''}` : '',
    f.actions.length ? `操作：${f.actions.map((a) => actionLabel({ action: a })).join('、')}` : '',
    f.table ? `数据：${SUBJECT_LABELS[f.table] ?? f.table}` : '',
    f.text ? `关键词：${f.text}` : '',
  ];
  return parts.filter(Boolean).join('；');
}

interface ChoiceFilterProps {
  label: string;
  width: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
}

/** A filter that picks one value or none; its label is its placeholder, for sighted and screen-reader users alike. */
function ChoiceFilter({ label, width, ...rest }: ChoiceFilterProps) {
  return <Select allowClear placeholder={label} aria-label={label} style={{ width }} {...rest} />;
}

/** 操作日志: who did what and when, filterable, printable, exportable, and verifiable against tampering. */
export function AuditTab() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ range: null, actions: [], text: '' });
  const [page, setPage] = useState(1);
  const [checking, setChecking] = useState<number | null>(null);
  const [reports, setReports] = useState<ChainReport[] | null>(null);
  const [printRows, setPrintRows] = useState<AuditEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const revealId = useCan('reveal.idNumber');
  const revealPhone = useCan('reveal.phone');
  const reveal = revealId && revealPhone;
  const unmaskedExport = useCan('export.unmasked');
  const query = useMemo(() => toQuery(filters), [filters]);
  const result = useLiveQuery(() => queryAudit(query, page, PAGE_SIZE), [query, page]);
  const accounts = useLiveQuery(() => db().accounts.toArray(), []);
  const actors = useMemo(() => new Map([['', '系统'], ...(accounts ?? []).map((a) => [a.id, accountLabel(a)] as [string, string])]), [accounts]);
  // A county's trail holds the entries each school's packages brought: then say whose each one is.
  const trail = useLiveQuery(() => trailSchools(), []);
  const schools = useMemo(() => (trail && trail.length > 1 ? new Map(trail.map((s) => [s.id, s.name])) : undefined), [trail]);
  const names = useNames([...(result?.rows ?? []), ...(printRows ?? [])]);
  const textOptions: TextOptions = { reveal, names, schools };
  const broken = reports?.flatMap((r) => (r.check.ok ? [] : [r.check.break])) ?? [];
  const brokenIds = new Set(broken.map((b) => b.entry?.id));

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const verify = async () => {
    setChecking(0);
    setReports(null);
    try {
      setReports(await verifyTrail((done) => setChecking(done)));
    } finally {
      setChecking(null);
    }
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const rows = await auditEntries(query);
      const options = { ...textOptions, reveal: unmaskedExport };
      const cells = rows.map((e) => entryCells(e, options));
      const columns = entryHeaders(options).map((header) => ({ header, width: header === '变更内容' ? 60 : header === '对象' ? 30 : undefined }));
      const data = format === 'xlsx' ? await writeXlsx({ title: `操作日志（${describeFilters(filters, actors, schools)}）`, columns, rows: cells }) : writeCsv(columns, cells);
      const saved = await desktop.saveFile({
        suggestedName: `操作日志-${dayjs().format('YYYYMMDD-HHmm')}.${format}`,
        filters: [{ name: format === 'xlsx' ? 'Excel 工作簿' : 'CSV 文件', extensions: [format] }],
        data,
      });
      if (!saved.ok) throw new Error(saved.error);
      if (saved.value.saved) {
        await recordExport(`导出操作日志 ${rows.length} 条（${format === 'xlsx' ? 'Excel' : 'CSV'}）`, { table: 'audit' });
        void message.success(`已导出 ${rows.length} 条操作日志`);
      }
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const print = async () => {
    setBusy('print');
    try {
      const rows = (await auditEntries(query)).slice(0, PRINT_LIMIT);
      setPrintRows(rows);
    } finally {
      setBusy(null);
    }
  };
  useEffect(() => {
    if (!printRows) return;
    void desktop.print({ mode: 'print', suggestedName: '操作日志' }).then((r) => {
      if (!r.ok) void message.error(r.error);
    });
  }, [printRows, message]);

  return (
    <>
      <div className="dx-no-print">
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            value={filters.range}
            onChange={(range) => update({ range: range?.[0] && range[1] ? [range[0], range[1]] : null })}
            aria-label="时间范围"
          />
          {trail && schools && (
            <ChoiceFilter
              label="党校"
              width={200}
              value={filters.schoolId}
              onChange={(schoolId) => update({ schoolId })}
              options={trail.map((s) => ({ value: s.id, label: s.own ? `${s.name}（本机）` : s.name }))}
            />
          )}
          <ChoiceFilter label="操作人" width={180} value={filters.actorId} onChange={(actorId) => update({ actorId })} options={[...actors].map(([value, label]) => ({ value, label }))} />
          <Select
            mode="multiple"
            allowClear
            placeholder="操作类型"
            style={{ minWidth: 180, maxWidth: 360 }}
            value={filters.actions}
            onChange={(actions) => update({ actions })}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel({ action: a }) }))}
            aria-label="操作类型"
          />
          <ChoiceFilter label="数据" width={140} value={filters.table} onChange={(table) => update({ table })} options={Object.entries(SUBJECT_LABELS).map(([value, label]) => ({ value, label }))} />
          <Input.Search placeholder="对象、原因或操作人" allowClear style={{ width: 220 }} onSearch={(text) => update({ text })} aria-label="关键词" />
        </Space>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={checking !== null}>
            {checking !== null ? `正在校验（${checking} 条）` : '校验日志完整性'}
          </Button>
          <Button onClick={() => void print()} loading={busy === 'print'}>打印</Button>
          <Button onClick={() => void exportAs('xlsx')} loading={busy === 'xlsx'}>导出 Excel</Button>
          <Button onClick={() => void exportAs('csv')} loading={busy === 'csv'}>导出 CSV</Button>
        </Space>
        {reports && <VerifyResult reports={reports} onShow={(e) => update({ range: [dayjs(e.at), dayjs(e.at)], schoolId: schools && e.schoolId, actorId: undefined, actions: [], table: undefined, text: '' })} />}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={!result}
          dataSource={result?.rows}
          rowClassName={(e) => (brokenIds.has(e.id) ? 'ant-table-row-selected' : '')}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: result?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '序号', dataIndex: 'n', width: 70 },
            { title: '时间', dataIndex: 'at', width: 150, render: (at: number) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
            ...(schools ? [{ title: '党校', dataIndex: 'schoolId', width: 130, render: (id: string) => schools.get(id) }] : []),
            { title: '操作人', dataIndex: 'actorName', width: 150, render: (name: string, e) => <>{name}{e.actorRole && <Typography.Text type="secondary">（{e.actorRole}）</Typography.Text>}</> },
            { title: '操作', dataIndex: 'action', width: 100, render: (_, e) => <Tag color={e.action === 'login.failed' ? 'red' : e.action === 'attendance.correct' ? 'orange' : undefined}>{actionLabel(e)}</Tag> },
            { title: '对象', dataIndex: 'summary', width: 220 },
            {
              title: '变更内容',
              key: 'changes',
              width: 260,
              render: (_, e) => (
                <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }} ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }}>
                  {changeLines(e, textOptions).join('\n')}
                </Typography.Paragraph>
              ),
            },
            { title: '原因', dataIndex: 'reason', width: 140 },
          ]}
        />
      </div>
      {printRows && (
        <div className="dx-print-only">
          <h2 style={{ textAlign: 'center' }}>操作日志</h2>
          <p>{describeFilters(filters, actors, schools)}；共 {printRows.length} 条{printRows.length === PRINT_LIMIT ? `（只打印最近 ${PRINT_LIMIT} 条，请缩小范围）` : ''}；打印时间 {dayjs().format('YYYY-MM-DD HH:mm')}</p>
          <table className="dx-print-table">
            <thead>
              <tr>{entryHeaders(textOptions).map((h) => <th key={h}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {printRows.map((e) => (
                <tr key={e.id}>
                  {entryCells(e, textOptions).map((cell, i) => <td key={i} style={{ whiteSpace: 'pre-line' }}>{cell}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Whose a chain is: this computer's, another computer's of this school (a restored backup), or a school's from its packages. */
function chainOwner(r: ChainReport, selfId: string | undefined): string {
  return r.own ? '本机' : r.schoolId === selfId ? '本校其他电脑' : `「${r.schoolName}」`;
}

/** What the verification found: all chains intact, or where each broken one breaks, named by its school. */
function VerifyResult({ reports, onShow }: { reports: ChainReport[]; onShow: (entry: AuditEntry) => void }) {
  const own = reports.filter((r) => r.own);
  const others = reports.filter((r) => !r.own);
  const count = (list: ChainReport[]) => list.reduce((n, r) => n + r.check.count, 0);
  const failures = reports.filter((r) => !r.check.ok);
  const owners = [...new Set(others.map((r) => chainOwner(r, own[0]?.schoolId)))];
  const from = owners.length > 3 ? `${owners.slice(0, 3).join('、')}等 ${owners.length} 所党校` : owners.join('、');
  if (failures.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        title={`日志完整：本机 ${count(own)} 条记录的哈希链校验通过，没有被改动、删除或插入的记录`}
        description={others.length ? `另有来自${from}的 ${count(others)} 条记录（数据包或备份），逐条校验通过。` : undefined}
        data-testid="verify-result"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="verify-result"
      title="日志已被改动：哈希链在以下位置断开"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {failures.map((r) => {
            if (r.check.ok) return null;
            const { entry, message } = r.check.break;
            return (
              <li key={r.chainId}>
                {chainOwner(r, own[0]?.schoolId)}的日志：{message}
                {entry && (
                  <>
                    {'（'}{dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss')} · {entry.actorName} · {actionLabel(entry)} · {entry.summary}{'）'}
                    <Button type="link" size="small" onClick={() => onShow(entry)}>在列表中查看</Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
