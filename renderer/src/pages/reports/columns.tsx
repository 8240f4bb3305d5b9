import { Table, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import type { Sheet, SheetCell, SheetColumn } from '../../data/spreadsheet';
import { compareText } from '../../data/reports/scope';

/**
 * One column of a report, defined once for the screen, the spreadsheet and the print view:
 * `value` is what is exported and printed, `render` (when given) what the screen shows.
 */
export interface ReportColumn<R> {
  key: string;
  title: string;
  /** Spreadsheet width in characters (a Chinese character counts about 2). */
  width: number;
  value: (row: R) => SheetCell;
  render?: (row: R) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Sortable on screen (numbers numerically, text in pinyin order). */
  sort?: boolean;
  /** On screen, cut long text to the column's width (the whole text in the spreadsheet and on paper). */
  ellipsis?: boolean;
}

/** A line of the printed table: an ordinary row, a group heading across the table, or a (sub)total. */
export interface PrintLine {
  cells: SheetCell[];
  kind?: 'group' | 'total';
}

export const cellsOf = <R,>(columns: readonly ReportColumn<R>[], row: R): SheetCell[] => columns.map((c) => c.value(row));

export const sheetColumns = <R,>(columns: readonly ReportColumn<R>[]): SheetColumn[] =>
  columns.map((c) => ({ header: c.title, width: c.width }));

export const sheetOf = <R,>(title: string, columns: readonly ReportColumn<R>[], rows: SheetCell[][]): Sheet => ({
  title,
  columns: sheetColumns(columns),
  rows,
});

function compareCells(a: SheetCell, b: SheetCell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareText(String(a), String(b));
}

export function tableColumns<R>(columns: readonly ReportColumn<R>[]): TableColumnType<R>[] {
  return columns.map((c) => ({
    key: c.key,
    title: c.title,
    align: c.align,
    // Screen widths follow the spreadsheet's, in pixels at about 7 px a character.
    width: Math.max(64, c.width * 7 + 16),
    render: (_: unknown, row: R) => (c.render ? c.render(row) : c.value(row)),
    sorter: c.sort ? (a: R, b: R) => compareCells(c.value(a), c.value(b)) : undefined,
    ellipsis: c.ellipsis,
  }));
}

/** 学时 and other figures as offices write them: no trailing zeros (12, 12.5). */
export const fmt = (n: number | null): string => (n === null ? '—' : String(Math.round(n * 100) / 100));
export const pct = (n: number | null): string => (n === null ? '—' : `${n}%`);

/** A table's closing total line (合计), drawn from the same columns. */
export function totalSummary<R>(columns: readonly ReportColumn<R>[], total: R | undefined) {
  return function TotalSummary() {
    if (!total) return null;
    return (
      <Table.Summary fixed>
        <Table.Summary.Row className="dx-row-total">
          {columns.map((c, i) => (
            <Table.Summary.Cell key={c.key} index={i} align={c.align}>
              {c.render ? c.render(total) : c.value(total)}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      </Table.Summary>
    );
  };
}
