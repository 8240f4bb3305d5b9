import { Descriptions, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { PART_LABELS, type PartTable } from '../../../../shared/package/format';
import { ledger, type LedgerEntry, type TableCounts } from '../../data/exchange/tables';
import { db } from '../../data/instance';
import { formatBytes } from './files';

const PAGE = 20;
const RESULT: Record<LedgerEntry['result'], [string, string]> = {
  ok: ['成功', 'green'],
  refused: ['已拒绝', 'red'],
  cancelled: ['已取消', 'default'],
  failed: ['失败', 'orange'],
};
const COUNT_LABELS: [keyof TableCounts, string][] = [
  ['records', '记录'], ['deletedRecords', '其中删除'], ['new', '新增'], ['updated', '更新'], ['deleted', '删除'], ['conflicting', '冲突'], ['unchanged', '未变'],
];

const total = (e: LedgerEntry) =>
  Object.values(e.counts).reduce((n, c) => n + (c.records ?? (c.new ?? 0) + (c.updated ?? 0) + (c.deleted ?? 0) + (c.conflicting ?? 0) + (c.unchanged ?? 0)), 0);

/** 数据包台账: every package and receipt exported or imported here, newest first, whatever became of it. */
export function LedgerTab() {
  const [page, setPage] = useState(1);
  const data = useLiveQuery(async () => {
    const table = ledger(db());
    const [count, rows] = await Promise.all([table.count(), table.orderBy('at').reverse().offset((page - 1) * PAGE).limit(PAGE).toArray()]);
    return { count, rows };
  }, [page]);
  return (
    <Table<LedgerEntry>
      size="small"
      rowKey="id"
      loading={!data}
      dataSource={data?.rows}
      pagination={{ current: page, pageSize: PAGE, total: data?.count ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
      locale={{ emptyText: '还没有导出或导入过数据包' }}
      expandable={{ expandedRowRender: (e) => <Details entry={e} /> }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 140, render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        {
          title: '事项',
          key: 'direction',
          width: 110,
          render: (_, e) => `${e.direction === 'export' ? '导出' : '导入'}${e.kind === 'receipt' ? '回执' : '数据包'}`,
        },
        { title: '党校', dataIndex: 'sourceName', width: 170, ellipsis: true, render: (n: string) => n || '—' },
        { title: '序号', dataIndex: 'sequence', width: 72, render: (n: number | null) => (n ? `第 ${n} 号` : '—') },
        { title: '记录数', key: 'total', width: 80, align: 'right', render: (_, e) => (e.kind === 'package' && e.result === 'ok' ? total(e) : '—') },
        { title: '大小', dataIndex: 'bytes', width: 88, align: 'right', render: (b: number) => formatBytes(b) },
        { title: '结果', dataIndex: 'result', width: 80, render: (r: LedgerEntry['result']) => <Tag color={RESULT[r][1]}>{RESULT[r][0]}</Tag> },
        { title: '说明', dataIndex: 'message', ellipsis: { showTitle: true } },
      ]}
    />
  );
}

function Details({ entry }: { entry: LedgerEntry }) {
  const rows = Object.entries(entry.counts).map(([table, counts]) => ({ table, label: PART_LABELS[table as PartTable], ...counts }));
  const used = COUNT_LABELS.filter(([key]) => rows.some((r) => r[key] !== undefined));
  return (
    <div>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="文件">{entry.fileName}</Descriptions.Item>
        {entry.createdAt && <Descriptions.Item label="制作时间">{dayjs(entry.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>}
        {entry.range && entry.kind === 'package' && <Descriptions.Item label="变化范围">第 {entry.range.fromSeq + 1}–{entry.range.toSeq} 号变化</Descriptions.Item>}
        {entry.hash && <Descriptions.Item label="SHA-256"><Typography.Text code copyable>{entry.hash}</Typography.Text></Descriptions.Item>}
        <Descriptions.Item label="说明">{entry.message}</Descriptions.Item>
      </Descriptions>
      {rows.length > 0 && (
        <Table
          size="small"
          rowKey="table"
          pagination={false}
          dataSource={rows}
          style={{ maxWidth: 760 }}
          columns={[{ title: '数据', dataIndex: 'label' }, ...used.map(([key, title]) => ({ title, dataIndex: key, align: 'right' as const, render: (n?: number) => n ?? 0 }))]}
        />
      )}
    </div>
  );
}
