import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Instructor } from '../../../../shared/domain/records';
import { todayIso } from '../../../../shared/import/dates';
import { appointmentWarning } from '../../../../shared/rules/appointment';
import { RegistryDetail, useRecordAction } from '../../components/RegistryDetail';
import { useDistinct, useLiveRecord } from '../../components/RegistryHooks';
import { RegistrySensitiveText } from '../../components/RegistrySensitive';
import { RegistrySessions } from '../../components/RegistrySessions';
import { db } from '../../data/instance';
import { instructorActivity, setInstructorStatus } from '../../data/registries/instructors';
import { InstructorForm } from './InstructorForm';
import { AppointmentTag, InstructorStatusTag } from './InstructorTags';

const STATUS_DONE: Record<Instructor['status'], string> = { 在库: '已恢复在库', 暂停: '已暂停授课', 退出: '已退出师资库，授课记录仍保留' };

/** One instructor: the record, the appointment warning, their sessions and average evaluation. */
export function InstructorDetail() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const act = useRecordAction();
  const live = useLiveRecord('instructors', id);
  const activity = useLiveQuery(() => instructorActivity(id), [id]);
  const pool = useLiveQuery(() => db().instructors.toArray(), []);
  const topics = useDistinct(pool, 'topics');
  const [editing, setEditing] = useState(false);
  const today = todayIso();
  const warning = live && appointmentWarning(live, today);
  const evaluation = activity?.evaluation;

  const change = (status: Instructor['status']) => act(() => setInstructorStatus(id, status), STATUS_DONE[status]);
  const statusButton = (status: Instructor['status'], label: string) =>
    status === '退出' ? (
      <Popconfirm
        key={status}
        title="将该教员退出师资库？"
        description="退出后不再安排授课，已有的授课和评课记录仍保留，可随时恢复在库。"
        okText="退出"
        cancelText="取消"
        onConfirm={() => change(status)}
      >
        <Button danger>{label}</Button>
      </Popconfirm>
    ) : (
      <Button key={status} onClick={() => change(status)}>{label}</Button>
    );

  return (
    <RegistryDetail
      backTo="/instructors"
      backLabel="师资库"
      record={live}
      onEdit={() => setEditing(true)}
      tags={live && (
        <>
          <InstructorStatusTag instructor={live} />
          <Tag>{live.category}</Tag>
          <Tag>{live.employment}</Tag>
          <AppointmentTag instructor={live} today={today} />
        </>
      )}
      actions={live && (
        <>
          {live.status !== '在库' && statusButton('在库', '恢复在库')}
          {live.status === '在库' && statusButton('暂停', '暂停')}
          {live.status !== '退出' && statusButton('退出', '退出师资库')}
        </>
      )}
    >
      {live && (
        <>
          {warning && <Alert type={warning.kind === 'lapsed' ? 'error' : 'warning'} showIcon title={warning.message} />}
          <Card size="small" title="基本信息">
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { label: '姓名', children: live.name },
                { label: '性别', children: live.gender ?? '—' },
                { label: '师资类别', children: live.category },
                { label: '专兼职', children: live.employment },
                { label: '工作单位', children: live.unit || '—' },
                { label: '职务', children: live.post || '—' },
                { label: '职称/荣誉', children: live.title || '—' },
                { label: '联系电话', children: <RegistrySensitiveText field="phone" value={live.phone} subject={{ table: 'instructors', record: live }} /> },
                { label: '聘期', children: live.appointmentStart || live.appointmentEnd ? `${live.appointmentStart ?? '—'} 至 ${live.appointmentEnd ?? '—'}` : '未填写' },
                {
                  label: '授课专题',
                  span: 'filled',
                  children: live.topics.length ? <Flex wrap gap={4}>{live.topics.map((t) => <Tag key={t}>{t}</Tag>)}</Flex> : '—',
                },
                { label: '备注', children: live.notes || '—', span: 'filled' },
              ]}
            />
          </Card>
          <Card size="small" title="评课">
            {!evaluation || evaluation.average === null ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={evaluation ? '还没有评课记录' : '正在读取…'} />
            ) : (
              <Row gutter={24} align="middle">
                <Col xs={24} md={6}>
                  <Statistic title={`平均得分（${evaluation.count} 次评课）`} value={evaluation.average} suffix="/ 100" />
                </Col>
                <Col xs={24} md={18}>
                  {evaluation.criteria.map((c) => (
                    <Flex key={c.name} align="center" gap={12}>
                      <Typography.Text style={{ width: 96 }}>{c.name}</Typography.Text>
                      <Progress percent={(c.average / 20) * 100} format={() => `${c.average} / 20`} style={{ flex: 1, margin: 0 }} />
                    </Flex>
                  ))}
                </Col>
              </Row>
            )}
          </Card>
          <Card size="small" title={`授课记录${activity ? `（${activity.sessions.length} 次）` : ''}`}>
            <RegistrySessions rows={activity?.sessions} hide="instructors" />
          </Card>
          <InstructorForm open={editing} instructor={live} topics={topics} onClose={() => setEditing(false)} onSaved={() => void message.success('已保存')} />
        </>
      )}
    </RegistryDetail>
  );
}
