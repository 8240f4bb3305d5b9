import { DownloadOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Select, Space, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { useCan } from '../data/auth/permissions';
import { useRegistryState } from './RegistryState';
import { HEADER_HEIGHT, RegistryTable, type RegistryColumn, type RegistryTableHandle } from './RegistryTable';

export interface RegistryListProps<T extends { id: string }> {
  title: string;
  /** Keeps the selected row across visits to a detail page. */
  stateKey: string;
  /** The filtered rows; undefined while loading. */
  rows: readonly T[] | undefined;
  /** Live records before any filter, for the count line. */
  total: number;
  unit: string;
  columns: readonly RegistryColumn<T>[];
  query: string;
  onQuery: (query: string) => void;
  placeholder: string;
  filters?: ReactNode;
  actions?: ReactNode;
  onOpen: (row: T) => void;
}

type FilterOption = { value: string | boolean; label: string };

interface RegistryFilterProps<F, K extends keyof F> {
  /** Placeholder and accessible name. */
  label: string;
  width: number;
  filter: F;
  field: K;
  set: (patch: Partial<F>) => void;
  options: readonly (string | FilterOption)[];
  search?: boolean;
  /** Always has a value (a status filter with 全部状态), so it cannot be cleared. */
  required?: boolean;
}

/** A filter dropdown beside the search box, bound to one field of the list's filter. */
export function RegistryFilter<F, K extends keyof F>({ label, width, filter, field, set, options, search, required }: RegistryFilterProps<F, K>) {
  return (
    <Select
      placeholder={label}
      aria-label={label}
      style={{ width }}
      popupMatchSelectWidth={false}
      allowClear={!required}
      showSearch={search ? { optionFilterProp: 'label' } : undefined}
      value={(filter[field] ?? undefined) as string | undefined}
      onChange={(value) => set({ [field]: value ?? null } as Partial<F>)}
      options={options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o)) as { value: string; label: string }[]}
    />
  );
}

/** After a record is added from a list: say so, with a link to its page. */
export function useAddedMessage(what: string, path: string) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  return useCallback(
    (record: { id: string; name: string }) =>
      void message.success(
        <>
          已添加{what}“{record.name}”，<Typography.Link onClick={() => navigate(`${path}/${record.id}`)}>查看</Typography.Link>
        </>,
      ),
    [message, navigate, what, path],
  );
}

export type RegistryDialog = 'create' | 'import' | 'export';

/** A list's 新增 / 导入 / 导出 buttons, each shown only to accounts allowed to use it. */
export function RegistryActions({ noun, open, canExport }: { noun: string; open: (dialog: RegistryDialog) => void; canExport: boolean }) {
  const [edit, importing, exporting] = [useCan('registry.edit'), useCan('data.import'), useCan('data.export')];
  return (
    <>
      {edit && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('create')}>新增{noun}</Button>}
      {importing && <Button icon={<UploadOutlined />} onClick={() => open('import')}>导入…</Button>}
      {exporting && <Button icon={<DownloadOutlined />} onClick={() => open('export')} disabled={!canExport}>导出…</Button>}
    </>
  );
}

const NO_ROWS: readonly never[] = [];
const BOTTOM_GAP = 24;

/**
 * The height that lets the table's body reach the bottom of the window, again whenever the
 * window or what is above the table (the filters wrap onto a second line) changes size.
 */
function useFillHeight(ref: RefObject<HTMLDivElement | null>, above: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(400);
  useLayoutEffect(() => {
    const update = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(240, Math.floor(window.innerHeight - top - HEADER_HEIGHT - BOTTOM_GAP)));
    };
    update();
    const observer = new ResizeObserver(update);
    if (above.current) observer.observe(above.current);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [ref, above]);
  return height;
}

/**
 * A registry list: a search box (/ or Ctrl+F), filters, and a virtualised table in which
 * ↑/↓ move the selection and Enter opens the selected row. The first row is selected
 * until the user picks another, so typing and pressing Enter opens the best match.
 */
export function RegistryList<T extends { id: string }>(props: RegistryListProps<T>) {
  const { rows = NO_ROWS, columns, onOpen } = props;
  const searchRef = useRef<InputRef>(null);
  const tableRef = useRef<RegistryTableHandle>(null);
  // From the table's scroll events: asking the page would make it lay the table out.
  const scrolledDown = useRef(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const aboveRef = useRef<HTMLDivElement>(null);
  const height = useFillHeight(bodyRef, aboveRef);
  const [selectedId, setSelectedId] = useRegistryState<string | null>(`${props.stateKey}:selected`, null);
  const found = selectedId === null ? -1 : rows.findIndex((r) => r.id === selectedId);
  const index = found >= 0 ? found : rows.length > 0 ? 0 : -1;
  const selectedRowId = index >= 0 ? rows[index]!.id : null;
  const pick = useCallback((row: T) => setSelectedId(row.id), [setSelectedId]);
  const emptyText = props.total > 0 ? '没有符合条件的记录，可修改搜索内容或筛选条件' : `还没有${props.title}记录，可新增或从表格导入`;

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('.ant-modal, .ant-drawer')) return;
      const find = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !target.closest('input, textarea, [contenteditable="true"]');
      if (find || slash) {
        e.preventDefault();
        searchRef.current?.focus({ cursor: 'all' });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Coming back from a detail page, show the row that was selected; later moves scroll themselves.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || props.rows === undefined) return;
    restored.current = true;
    if (found >= 0) tableRef.current?.scrollTo({ index: found });
  }, [props.rows, found]);

  // A new search shows its best matches from the top, once its rows are drawn (scrolling
  // on the keystroke itself would lay out the old list first). Only when scrolled down: a
  // scroll lays the new rows out at once and draws the table a second time.
  const searched = useRef(false);
  useLayoutEffect(() => {
    if (!searched.current) return;
    searched.current = false;
    if (scrolledDown.current) tableRef.current?.scrollTo({ top: 0 });
  }, [props.rows]);

  const select = (i: number) => {
    setSelectedId(rows[i]!.id);
    tableRef.current?.scrollTo({ index: i });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      select(Math.min(rows.length - 1, Math.max(0, index + step)));
    } else if (e.key === 'Enter' && index >= 0) {
      e.preventDefault();
      onOpen(rows[index]!);
    }
  };

  const counted = props.rows === undefined ? '正在读取…' : `共 ${props.total} ${props.unit}` +
    (rows.length !== props.total ? `，符合条件 ${rows.length} ${props.unit}` : '');
  return (
    <div className="dx-page">
      <div ref={aboveRef}>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <h1 className="dx-page-title" style={{ margin: 0 }}>{props.title}</h1>
          <Space wrap>{props.actions}</Space>
        </Flex>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
          <Input
            ref={searchRef}
            allowClear
            prefix={<SearchOutlined />}
            placeholder={props.placeholder}
            aria-label="搜索"
            style={{ width: 320 }}
            value={props.query}
            onChange={(e) => {
              props.onQuery(e.target.value);
              setSelectedId(null);
              searched.current = true;
            }}
            onKeyDown={onKeyDown}
          />
          {props.filters}
        </Flex>
        <Flex justify="space-between" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" aria-live="polite" data-testid="registry-count">{counted}</Typography.Text>
          <Typography.Text type="secondary">按 / 或 Ctrl+F 搜索 · ↑↓ 选择 · Enter 打开</Typography.Text>
        </Flex>
      </div>
      <div ref={bodyRef}>
        <RegistryTable
          ref={tableRef}
          label={`${props.title}列表`}
          columns={columns}
          rows={rows}
          height={height}
          selectedId={selectedRowId}
          onSelect={pick}
          onOpen={onOpen}
          onScroll={(top) => (scrolledDown.current = top > 0)}
          loading={props.rows === undefined}
          emptyText={emptyText}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}
