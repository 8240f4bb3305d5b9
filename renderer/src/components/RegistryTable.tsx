import { Empty, Spin } from 'antd';
import { memo, useImperativeHandle, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode, type Ref } from 'react';

/** A column of a registry list: one line per row, cut with … when too long (the full text shows on hover). */
export interface RegistryColumn<T> {
  title: string;
  /** The field shown, unless `render` says what to show; keys the column. */
  key: string;
  /** In pixels: the columns share any width left over in proportion. */
  width: number;
  render?: (row: T) => ReactNode;
  /** Stays at the left edge when the list is scrolled sideways. */
  fixed?: boolean;
  align?: 'right';
}

export interface RegistryTableHandle {
  /** Scroll so the row at this index is in view (as little as needed), or to a height. */
  scrollTo(to: { index: number } | { top: number }): void;
}

interface RegistryTableProps<T extends { id: string }> {
  label: string;
  columns: readonly RegistryColumn<T>[];
  rows: readonly T[];
  /** The most the rows may take; fewer rows take less. */
  height: number;
  selectedId: string | null;
  onSelect: (row: T) => void;
  onOpen: (row: T) => void;
  onScroll?: (top: number) => void;
  loading: boolean;
  emptyText: string;
  /** The grid takes the focus (Tab) for keys that move the selection. */
  onKeyDown: (e: KeyboardEvent) => void;
  ref?: Ref<RegistryTableHandle>;
}

/** Every row is one line: a fixed height, so the rows in view follow from the scroll position alone. */
const ROW_HEIGHT = 39;
export const HEADER_HEIGHT = 40;
const EMPTY_HEIGHT = 160;
/** Rows drawn beyond each edge of the view, so a quick scroll shows no blank. */
const OVERSCAN = 6;

interface RowProps<T> {
  row: T;
  index: number;
  columns: readonly RegistryColumn<T>[];
  selected: boolean;
  events: { current: { onSelect: (row: T) => void; onOpen: (row: T) => void } };
}

const cellOf = <T,>(column: RegistryColumn<T>, row: T): ReactNode => {
  if (column.render) return column.render(row);
  const value = (row as Record<string, unknown>)[column.key];
  return value === null || value === undefined ? '' : String(value as string | number);
};

/** One row: drawn again only when its record, place or selection changes (not as the list scrolls). */
const Row = memo(function Row<T extends { id: string }>({ row, index, columns, selected, events }: RowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? 'dx-rtable-row dx-rtable-row-selected' : 'dx-rtable-row'}
      style={{ transform: `translateY(${HEADER_HEIGHT + index * ROW_HEIGHT}px)` }}
      onClick={() => events.current.onSelect(row)}
      onDoubleClick={() => events.current.onOpen(row)}
    >
      {columns.map((column) => {
        const content = cellOf(column, row);
        return (
          <div
            key={column.key}
            role="gridcell"
            className={column.fixed ? 'dx-rtable-cell dx-rtable-fixed' : 'dx-rtable-cell'}
            style={column.align ? { textAlign: column.align } : undefined}
            title={typeof content === 'string' && content ? content : undefined}
          >
            {content}
          </div>
        );
      })}
    </div>
  );
}) as <T extends { id: string }>(props: RowProps<T>) => ReactNode;

/**
 * A registry's rows as a virtual grid: only the rows in view (and a few beyond) are drawn,
 * each one line high, so a search that changes 40,000 rows into 12 redraws a screenful of
 * cells and nothing else. The header stays on top and the fixed column at the left as the
 * body scrolls either way.
 */
export function RegistryTable<T extends { id: string }>(props: RegistryTableProps<T>) {
  const { columns, rows, height } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const events = useRef(props);
  useLayoutEffect(() => {
    events.current = props;
  });

  useImperativeHandle(props.ref, () => ({
    scrollTo(to) {
      const body = bodyRef.current;
      if (!body) return;
      if ('top' in to) {
        body.scrollTop = to.top;
        return;
      }
      const top = to.index * ROW_HEIGHT;
      const view = body.clientHeight - HEADER_HEIGHT;
      if (top < body.scrollTop) body.scrollTop = top;
      else if (top + ROW_HEIGHT > body.scrollTop + view) body.scrollTop = top + ROW_HEIGHT - view;
    },
  }), []);

  // Fewer rows than before: the browser moves the scroll back, but the event comes after this render.
  const top = Math.min(scrollTop, Math.max(0, rows.length * ROW_HEIGHT - height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const drawn: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i]!;
    // Keyed by place: the rows of the next search take over the rows drawn.
    drawn.push(<Row key={i} row={row} index={i} columns={columns} selected={row.id === props.selectedId} events={events} />);
  }
  const contentHeight = HEADER_HEIGHT + (rows.length > 0 ? rows.length * ROW_HEIGHT : EMPTY_HEIGHT);
  const style = {
    '--dx-rtable-columns': columns.map((c) => `minmax(${c.width}px, ${c.width}fr)`).join(' '),
  } as CSSProperties;

  return (
    <div className="dx-rtable" style={style}>
      <div
        ref={bodyRef}
        className="dx-rtable-body"
        role="grid"
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length}
        aria-busy={props.loading}
        tabIndex={0}
        onKeyDown={props.onKeyDown}
        style={{ maxHeight: HEADER_HEIGHT + height }}
        onScroll={(e) => {
          setScrollTop(e.currentTarget.scrollTop);
          props.onScroll?.(e.currentTarget.scrollTop);
        }}
      >
        <div className="dx-rtable-content" style={{ height: contentHeight, minWidth: columns.reduce((sum, c) => sum + c.width, 0) }}>
          <div role="row" aria-rowindex={1} className="dx-rtable-head">
            {columns.map((c) => (
              <div key={c.key} role="columnheader" className={c.fixed ? 'dx-rtable-cell dx-rtable-fixed' : 'dx-rtable-cell'} style={c.align ? { textAlign: c.align } : undefined}>
                {c.title}
              </div>
            ))}
          </div>
          {drawn}
          {rows.length === 0 && !props.loading && (
            <div className="dx-rtable-empty">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText} />
            </div>
          )}
        </div>
      </div>
      {props.loading && (
        <div className="dx-rtable-loading">
          <Spin />
        </div>
      )}
    </div>
  );
}
