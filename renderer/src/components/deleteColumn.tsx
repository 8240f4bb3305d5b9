import { Button, Popconfirm } from 'antd';
import type { ColumnType } from 'antd/es/table';

/** A table's last column: 删除, after a confirmation naming what goes (e.g. “份评课表”, “条外部学时”). */
export function deleteColumn<T>(what: string, remove: (row: T) => Promise<unknown>): ColumnType<T> {
  return {
    title: '',
    key: 'delete',
    width: 64,
    render: (_, row) => (
      <Popconfirm title={`删除这${what}？`} okText="删除" cancelText="取消" onConfirm={() => remove(row)}>
        <Button type="link" size="small" danger>删除</Button>
      </Popconfirm>
    ),
  };
}
