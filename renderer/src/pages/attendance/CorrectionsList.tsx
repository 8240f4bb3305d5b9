import { Table } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Correction } from '../../../../shared/domain/records';
import { db } from '../../data/instance';
import { markText } from './format';

/** The history of a closed session's corrections, newest first: who, when, before → after, why. */
export function CorrectionsList({ corrections }: { corrections: Correction[] }) {
  const names = useLiveQuery(async () => {
    const ids = [...new Set(corrections.map((c) => c.traineeId))];
    const rows = await db().trainees.bulkGet(ids);
    return new Map(ids.map((id, i) => [id, rows[i]?.name ?? '（已删除）']));
  }, [corrections]);
  return (
    <Table<Correction>
      rowKey="id"
      size="small"
      aria-label="更正记录"
      dataSource={[...corrections].reverse()}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '没有更正记录。考勤关闭后的每次修改都会记录在这里。' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 150, render: (at: number) => dayjs(at).format('YYYY-MM-DD HH:mm') },
        { title: '学员', dataIndex: 'traineeId', width: 100, render: (id: string) => names?.get(id) ?? '' },
        { title: '更正前', dataIndex: 'before', render: markText },
        { title: '更正后', dataIndex: 'after', render: (v: Correction['after']) => (v ? markText(v) : '清除考勤') },
        { title: '原因', dataIndex: 'reason' },
        { title: '操作人', dataIndex: 'by', width: 150 },
      ]}
    />
  );
}
