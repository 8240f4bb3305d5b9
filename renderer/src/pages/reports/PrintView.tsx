import dayjs from 'dayjs';
import { useEffect } from 'react';
import type { PrintLine, ReportColumn } from './columns';

interface Props<R> {
  heading: string;
  /** Label and value pairs under the heading: 党校, 期间, 筛选. */
  meta: [string, string][];
  columns: readonly ReportColumn<R>[];
  lines: PrintLine[];
  landscape: boolean;
}

/**
 * A report as it goes on paper: a plain A4 table under its title, the school and the period,
 * headers repeated on every page, and lines for the people who sign it off.
 */
export function PrintView<R>({ heading, meta, columns, lines, landscape }: Props<R>) {
  // The page size is per document, so it is set while this view is shown.
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = `@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm 10mm; }`;
    document.head.appendChild(style);
    return () => style.remove();
  }, [landscape]);
  const total = columns.reduce((n, c) => n + c.width, 0);
  return (
    <div className={`dx-print ${landscape ? 'dx-print-landscape' : ''}`} data-testid="print-view">
      <h1>{heading}</h1>
      <div className="dx-print-meta">
        {meta.map(([label, value]) => (
          <span key={label}>
            {label}：{value}
          </span>
        ))}
      </div>
      <table>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: `${(c.width / total) * 100}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) =>
            line.kind === 'group' ? (
              <tr key={i} className="dx-print-group">
                <td colSpan={columns.length}>{line.cells[0]}</td>
              </tr>
            ) : (
              <tr key={i} className={line.kind === 'total' ? 'dx-print-total' : undefined}>
                {line.cells.map((cell, j) => (
                  <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
      <div className="dx-print-foot">
        <span>制表人：</span>
        <span>审核人：</span>
        <span>制表日期：{dayjs().format('YYYY年M月D日')}</span>
      </div>
    </div>
  );
}
