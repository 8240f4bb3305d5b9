import { Table, Tag } from 'antd';
import type { SessionRow } from '../data/registries/common';

const STATUS = { planned: ['未开始', 'blue'], held: ['已上课', 'green'], cancelled: ['已取消', undefined] } as const;

/** Sessions on a detail page (an instructor's, a site's), newest first; `hide` drops the column the page is about. */
export function RegistrySessions({ rows, hide }: { rows: SessionRow[] | undefined; hide: 'instructors' | 'site' }) {
  return (
    <Table<SessionRow>
      size="small"
      rowKey="id"
      loading={!rows}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: '还没有课次' }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 110 },
        { title: '时间', key: 'time', width: 110, render: (_, s) => `${s.start}-${s.end}` },
        { title: '课程', dataIndex: 'course', ellipsis: true },
        { title: '培训班', dataIndex: 'className', ellipsis: true },
        ...(hide === 'site' ? [] : [{ title: '教学点', dataIndex: 'site', ellipsis: true }]),
        ...(hide === 'instructors' ? [] : [{ title: '教员', dataIndex: 'instructors', ellipsis: true }]),
        {
          title: '状态', dataIndex: 'status', width: 80,
          render: (s: SessionRow['status']) => <Tag color={STATUS[s][1]}>{STATUS[s][0]}</Tag>,
        },
      ]}
    />
  );
}
