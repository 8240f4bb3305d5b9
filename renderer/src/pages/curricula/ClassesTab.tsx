import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TrainingClass } from '../../../../shared/domain/records';
import { minutesToHours } from '../../../../shared/rules/hours';
import { classCounts } from '../../data/schedule/classes';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { useSetting } from '../../data/settings';
import { FilterSelect } from '../schedule/FilterSelect';
import { ClassForm } from './ClassForm';

const PAGE = 20;

/** 培训班 of the year: search, filter by plan and organiser; counts are read for the page shown only. */
export function ClassesTab({ refs, year }: { refs: ScheduleRefs; year: number | null }) {
  const navigate = useNavigate();
  const rules = useSetting('hourRules');
  const [text, setText] = useState('');
  const [planId, setPlanId] = useState<string>();
  const [schoolId, setSchoolId] = useState<string>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const shown = refs.classes.filter(
    (c) =>
      (year === null || c.year === year) &&
      (!text.trim() || c.title.includes(text.trim())) &&
      (!planId || c.planId === planId) &&
      (!schoolId || c.schoolId === schoolId),
  );
  const pageIds = shown.slice((page - 1) * PAGE, page * PAGE).map((c) => c.id);
  const counts = useLiveQuery(() => classCounts(pageIds), [pageIds.join()]);
  const organisers = [...new Set(refs.classes.map((c) => c.schoolId))];
  const reset = () => setPage(1);

  return (
    <>
      <div className="dxs-toolbar">
        <Input.Search allowClear placeholder="培训班名称" aria-label="搜索培训班" style={{ width: 220 }} onChange={(e) => { setText(e.target.value); reset(); }} />
        <FilterSelect
          label="按培训计划筛选"
          placeholder="全部培训计划"
          width={260}
          value={planId}
          onChange={(v) => { setPlanId(v); reset(); }}
          options={refs.plans.filter((p) => year === null || p.year === year).map((p) => ({ value: p.id, label: p.title }))}
        />
        {organisers.length > 1 && (
          <FilterSelect
            label="按主办党校筛选"
            placeholder="全部主办党校"
            width={200}
            value={schoolId}
            onChange={(v) => { setSchoolId(v); reset(); }}
            options={organisers.map((id) => ({ value: id, label: refs.school.get(id)?.name ?? id }))}
          />
        )}
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建培训班</Button>
      </div>
      <Table<TrainingClass>
        size="small"
        rowKey="id"
        dataSource={shown}
        pagination={{ current: page, pageSize: PAGE, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 个培训班` }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/curricula/classes/${c.id}`) })}
        columns={[
          { title: '培训班名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/curricula/classes/${c.id}`}>{t}</Link> },
          { title: '培训计划', render: (_, c) => (c.planId ? refs.plan.get(c.planId)?.title ?? '' : '—') },
          { title: '主办党校', render: (_, c) => refs.school.get(c.schoolId)?.name ?? '' },
          { title: '培训对象', dataIndex: 'targetGroup' },
          { title: '培训日期', width: 190, render: (_, c) => `${c.startDate} 至 ${c.endDate}` },
          { title: '报名', width: 70, align: 'right', render: (_, c) => counts?.get(c.id)?.enrolled ?? '…' },
          { title: '课次', width: 70, align: 'right', render: (_, c) => counts?.get(c.id)?.sessions ?? '…' },
          {
            title: '学时',
            width: 70,
            align: 'right',
            render: (_, c) => {
              const minutes = counts?.get(c.id)?.minutes;
              return minutes === undefined || !rules ? '…' : minutesToHours(minutes, rules);
            },
          },
        ]}
      />
      {creating && <ClassForm klass={null} refs={refs} onClose={() => setCreating(false)} />}
    </>
  );
}
