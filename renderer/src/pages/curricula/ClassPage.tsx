import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Descriptions, Result, Skeleton, Tabs } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { minutesToHours } from '../../../../shared/rules/hours';
import { deleteClass } from '../../data/schedule/classes';
import { classRoster } from '../../data/schedule/enrolments';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { classSessions } from '../../data/schedule/sessions';
import { useSetting } from '../../data/settings';
import { ClassEnrolment } from './ClassEnrolment';
import { ClassForm } from './ClassForm';
import { ClassTimetable } from './ClassTimetable';
import { useConfirmDelete } from './useConfirmDelete';

/** A 培训班's page: what it is, its timetable and its enrolment. */
export function ClassPage({ refs }: { refs: ScheduleRefs }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const confirmDelete = useConfirmDelete();
  const [params, setParams] = useSearchParams();
  const rules = useSetting('hourRules');
  const [editing, setEditing] = useState(false);
  const sessions = useLiveQuery(() => classSessions(id), [id]);
  const roster = useLiveQuery(() => classRoster(id), [id]);
  const klass = refs.klass.get(id);
  if (!klass) {
    return <Result status="404" title="找不到该培训班" subTitle="它可能已被删除。" extra={<Button onClick={() => navigate('/curricula/classes')}>返回培训班列表</Button>} />;
  }
  if (!sessions || !roster) return <Skeleton active />;
  const live = sessions.filter((s) => s.status !== 'cancelled');
  const minutes = live.reduce((sum, s) => sum + s.minutes, 0);
  const tab = params.get('tab') === 'trainees' ? 'trainees' : 'timetable';

  const remove = () =>
    confirmDelete({
      title: `删除培训班“${klass.title}”？`,
      content: `它的 ${sessions.length} 个课次和 ${roster.length} 条报名记录将一并删除。已有考勤记录的培训班不能删除。`,
      run: async () => {
        await deleteClass(klass.id);
        navigate(`/curricula/classes?year=${klass.year}`);
      },
      done: '培训班已删除',
    });

  return (
    <>
      <div className="dxs-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/curricula/classes?year=${klass.year}`)}>培训班列表</Button>
        <h2 style={{ margin: 0, fontSize: 18 }}>{klass.title}</h2>
        <span style={{ flex: 1 }} />
        <Button onClick={() => setEditing(true)}>编辑</Button>
        <Button danger onClick={remove}>删除</Button>
      </div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16, background: '#fff' }}
        items={[
          { label: '主办党校', children: refs.school.get(klass.schoolId)?.name ?? '' },
          { label: '年度培训计划', children: klass.planId ? refs.plan.get(klass.planId)?.title ?? '' : '—' },
          { label: '培训对象', children: klass.targetGroup || '—' },
          { label: '培训日期', children: `${klass.startDate} 至 ${klass.endDate}` },
          { label: '报名学员', children: `${roster.length} 人` },
          {
            label: '课次',
            children: `${live.length} 次，共 ${rules ? minutesToHours(minutes, rules) : '…'} 学时${sessions.length > live.length ? `（另有 ${sessions.length - live.length} 次已取消）` : ''}`,
          },
          ...(klass.notes ? [{ label: '备注', children: klass.notes }] : []),
        ]}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'trainees' ? { tab: key } : {}, { replace: true })}
        items={[
          { key: 'timetable', label: `课表（${live.length}）`, children: <ClassTimetable klass={klass} sessions={sessions} refs={refs} /> },
          { key: 'trainees', label: `报名学员（${roster.length}）`, children: <ClassEnrolment classId={klass.id} roster={roster} /> },
        ]}
      />
      {editing && <ClassForm klass={klass} refs={refs} onClose={() => setEditing(false)} />}
    </>
  );
}
