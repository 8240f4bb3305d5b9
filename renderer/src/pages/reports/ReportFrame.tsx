import { DownloadOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import type { FileFilter } from '../../../../shared/desktop-api';
import { desktop } from '../../bridge';
import { recordExport } from '../../data/auth/reveal';
import { writeCsv, writeXlsx, type SheetCell } from '../../data/spreadsheet';
import { cellsOf, sheetColumns, sheetOf, type PrintLine, type ReportColumn } from './columns';
import { PrintView } from './PrintView';

/** Beyond this many lines a print-out runs to hundreds of pages: filter first, or use Excel. */
const MAX_PRINT_LINES = 5000;

const XLSX: FileFilter[] = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
const CSV: FileFilter[] = [{ name: 'CSV 文件', extensions: ['csv'] }];

/** What a report says about itself in its heading, file names and print-out. */
export interface ReportMeta {
  /** e.g. 2026年度学员学时台账 */
  heading: string;
  /** The school(s) covered. */
  schools: string;
  /** e.g. 2026年1月1日至6月30日 */
  period: string;
  /** Active filters in words, or '' for none. */
  filters: string;
  landscape?: boolean;
}

interface Props<R> {
  meta: ReportMeta;
  columns: readonly ReportColumn<R>[];
  /** undefined while the report is being computed. */
  rows: readonly R[] | undefined;
  /** Spreadsheet rows when they differ from one per row (subtotals …). */
  exportRows?: SheetCell[][];
  /** Print lines when they differ from the spreadsheet rows (group headings …), with their columns. */
  print?: { columns: readonly ReportColumn<R>[]; lines: PrintLine[] };
  /** The report's own filters, shown left of the toolbar. */
  filters?: ReactNode;
  /** What a row is counted as (人, 个班 …). */
  unit?: string;
  /** The table as shown on screen. */
  children: ReactNode;
}

const safeFileName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

/** The toolbar every report shares — Excel, CSV, print/PDF — and its print preview. */
export function ReportFrame<R>({ meta, columns, rows, exportRows, print: printed, filters, unit = '条', children }: Props<R>) {
  const { message } = App.useApp();
  const [previewing, setPreviewing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const sheetRows = () => exportRows ?? (rows ?? []).map((r) => cellsOf(columns, r));
  const title = `${meta.schools}${meta.heading}`;
  const fileBase = safeFileName(`${meta.heading}-${meta.schools}`);

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const save = async (data: Uint8Array, ext: string, filters: FileFilter[]) => {
    const saved = await desktop.saveFile({ suggestedName: `${fileBase}.${ext}`, filters, data });
    if (!saved.ok) throw new Error(saved.error);
    if (!saved.value.saved) return;
    await recordExport(`导出报表「${title}」（${fileBase}.${ext}）`, { table: 'reports' });
    void message.success(`已导出：${saved.value.location ?? `${fileBase}.${ext}`}`);
  };
  const print = (mode: 'print' | 'pdf') =>
    run(mode, async () => {
      const done = await desktop.print({ mode, suggestedName: fileBase, landscape: meta.landscape });
      if (!done.ok) throw new Error(done.error);
      if (done.value.saved) void message.success(`已保存：${done.value.location ?? ''}`);
    });

  useEffect(() => {
    if (!previewing) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setPreviewing(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [previewing]);

  if (previewing) {
    const printable = printed?.lines ?? sheetRows().map((cells) => ({ cells }));
    const tooMany = printable.length > MAX_PRINT_LINES;
    return (
      <div className="dx-print-preview">
        <Space className="dx-no-print" style={{ marginBottom: 16 }} wrap>
          <Button type="primary" icon={<PrinterOutlined />} disabled={tooMany} loading={busy === 'print'} onClick={() => void print('print')}>
            打印…
          </Button>
          <Button disabled={tooMany} loading={busy === 'pdf'} onClick={() => void print('pdf')}>存为 PDF…</Button>
          <Button onClick={() => setPreviewing(false)} autoFocus>返回（Esc）</Button>
          <Typography.Text type="secondary">A4 {meta.landscape ? '横向' : '纵向'}，共 {printable.length} 行</Typography.Text>
        </Space>
        {tooMany ? (
          <Alert
            className="dx-no-print"
            type="warning"
            showIcon
            title={`共 ${printable.length} 行，打印将超过百页`}
            description={`请先按条件筛选到 ${MAX_PRINT_LINES} 行以内再打印，或导出 Excel 后分发。`}
          />
        ) : (
          <PrintView
            heading={meta.heading}
            meta={[['党校', meta.schools], ['期间', meta.period], ...(meta.filters ? [['筛选', meta.filters] as [string, string]] : [])]}
            columns={printed?.columns ?? columns}
            lines={printable}
            landscape={!!meta.landscape}
          />
        )}
      </div>
    );
  }

  const exportXlsx = () =>
    run('xlsx', async () => {
      const fullTitle = `${title}（${meta.period}${meta.filters ? `；${meta.filters}` : ''}）`;
      await save(await writeXlsx(sheetOf(fullTitle, columns, sheetRows())), 'xlsx', XLSX);
    });
  const exportCsv = () => run('csv', async () => save(writeCsv(sheetColumns(columns), sheetRows()), 'csv', CSV));

  return (
    <div>
      <div className="dx-report-bar dx-no-print">
        <Space wrap>{filters}</Space>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} disabled={!rows} loading={busy === 'xlsx'} onClick={() => void exportXlsx()}>导出 Excel</Button>
          <Button icon={<DownloadOutlined />} disabled={!rows} loading={busy === 'csv'} onClick={() => void exportCsv()}>导出 CSV</Button>
          <Button icon={<PrinterOutlined />} disabled={!rows} onClick={() => setPreviewing(true)}>打印 / PDF</Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" className="dx-no-print" data-testid="report-count">
        {meta.schools} · {meta.period} · {rows ? `共 ${rows.length} ${unit}` : '正在统计…'} · 制表日期 {dayjs().format('YYYY-MM-DD')}
      </Typography.Paragraph>
      {children}
    </div>
  );
}

/** A report's table on screen: compact, ruled, keyed by `key`, paged, scrolling sideways when wide. */
export function ReportTable<R extends object>(props: TableProps<R>) {
  return (
    <Table<R>
      className="dx-report-table"
      size="small"
      bordered
      rowKey="key"
      scroll={{ x: 'max-content' }}
      {...props}
      pagination={props.pagination ?? { defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
    />
  );
}
