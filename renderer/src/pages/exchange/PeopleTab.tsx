import { Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { peopleAcrossSchools, type Person } from '../../data/exchange/identity';

/** 跨校人员: people registered at more than one school, recognised by their ID number's key, with one history. */
export function PeopleTab() {
  const current = new Date().getFullYear();
  const [year, setYear] = useState(current);
  const [search, setSearch] = useState('');
  const people = useLiveQuery(() => peopleAcrossSchools(year), [year]);
  const shown = search ? people?.filter((p) => p.name.includes(search) || p.last4.includes(search.toUpperCase())) : people;
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 1080 }}>
      <Space wrap>
        <Select aria-label="年度" style={{ width: 110 }} value={year} onChange={setYear} options={[0, 1, 2].map((k) => ({ value: current - k, label: `${current - k}年` }))} />
        <Input.Search allowClear placeholder="姓名或身份证后四位" aria-label="搜索人员" style={{ width: 220 }} onChange={(e) => setSearch(e.target.value.trim())} />
        <Typography.Text type="secondary">
          同一身份证号（或其加密摘要）在几所党校登记的学员，各校的记录保持原样，在这里合并为一个人，学时合计计算。
        </Typography.Text>
      </Space>
      <Table<Person>
        size="small"
        rowKey="personId"
        loading={!people}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 人` }}
        locale={{ emptyText: '没有在多所党校登记的学员' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '身份证号', dataIndex: 'last4', width: 170, render: (l: string) => (l ? `**************${l}` : '—') },
          {
            title: '各校记录',
            key: 'records',
            render: (_, p) => (
              <Space wrap size={[4, 4]}>
                {p.records.map((r) => (
                  <Tag key={r.trainee.id} color={r.trainee.status === '在册' ? 'red' : 'default'}>
                    {r.schoolName}（{r.trainee.status}）{r.hours} 学时
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: `${year}年合计学时`, dataIndex: 'hours', width: 130, align: 'right' },
        ]}
      />
    </Space>
  );
}
