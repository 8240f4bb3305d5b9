import { UserAddOutlined } from '@ant-design/icons';
import { Button, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import { filterTrainees } from '../../../../shared/rules/search';
import { removeEnrolments, type TraineeLite } from '../../data/schedule/enrolments';
import { AddTraineesModal } from './AddTraineesModal';
import { useConfirmDelete } from './useConfirmDelete';

/** A class's enrolment (报名学员): find within it, add trainees, take some out. */
export function ClassEnrolment({ classId, roster }: { classId: string; roster: TraineeLite[] }) {
  const confirmDelete = useConfirmDelete();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [adding, setAdding] = useState(false);
  const shown = query.trim() ? filterTrainees(roster, { query, status: 'all' }) : roster;

  const remove = () =>
    confirmDelete({
      title: `把所选 ${picked.length} 名学员移出本培训班？`,
      content: '已有的考勤记录保留；移出后，签到表和考勤名单中不再有他们。',
      okText: '移出',
      run: async () => {
        await removeEnrolments(classId, picked);
        setPicked([]);
      },
      done: `已移出 ${picked.length} 人`,
    });

  return (
    <>
      <div className="dxs-toolbar">
        <Input.Search allowClear placeholder="在本班学员中查找" aria-label="在本班学员中查找" style={{ width: 240 }} onChange={(e) => setQuery(e.target.value)} />
        <span style={{ flex: 1 }} />
        <Button danger disabled={picked.length === 0} onClick={remove}>移出所选（{picked.length}）</Button>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>添加学员…</Button>
      </div>
      <Table<TraineeLite>
        size="small"
        rowKey="id"
        data-testid="class-roster"
        dataSource={shown}
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
        locale={{ emptyText: '还没有报名学员，点“添加学员…”按姓名、条件或 Excel 名单添加' }}
        columns={[
          { title: '序号', width: 60, render: (_, __, i) => i + 1 },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '性别', dataIndex: 'gender', width: 60 },
          { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string) => (v ? maskIdNumber(v) : '') },
          { title: '所在党支部', dataIndex: 'branch' },
          { title: '人员类别', dataIndex: 'category', width: 150 },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => (s === '在册' ? s : <Tag color="orange">{s}</Tag>) },
        ]}
      />
      {adding && <AddTraineesModal classId={classId} enrolled={new Set(roster.map((t) => t.id))} onClose={() => setAdding(false)} />}
    </>
  );
}
