import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Session, TrainingClass } from '../../../../shared/domain/records';
import { minutesToHours } from '../../../../shared/rules/hours';
import { weekdayOf } from '../../../../shared/rules/schedule';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { useSetting } from '../../data/settings';
import { STATUS_LABELS, WEEKDAY_LABELS, courseTitle, instructorNames, siteName } from '../schedule/format';
import { SessionEditor, type EditorTarget } from '../schedule/SessionEditor';
import { useSessionActions } from '../schedule/useSessionActions';

const STATUS_COLOURS: Record<Session['status'], string> = { planned: 'blue', held: 'green', cancelled: 'default' };

/** A class's timetable (课表): its sessions in order, with new ones (one or a weekly series) added here. */
export function ClassTimetable({ klass, sessions, refs }: { klass: TrainingClass; sessions: Session[]; refs: ScheduleRefs }) {
  const navigate = useNavigate();
  const rules = useSetting('hourRules');
  const actions = useSessionActions();
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const today = dayjs().format('YYYY-MM-DD');
  const firstDate = klass.startDate > today ? klass.startDate : today;

  return (
    <>
      <div className="dxs-toolbar">
        <Button
          icon={<CalendarOutlined />}
          onClick={() => navigate(`/schedule?class=${klass.id}&date=${sessions.find((s) => s.date >= today)?.date ?? klass.startDate}`)}
        >
          在课表中查看
        </Button>
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ preset: { classId: klass.id, date: firstDate } })}>
          新建课次
        </Button>
      </div>
      <Table<Session>
        size="small"
        rowKey="id"
        data-testid="class-timetable"
        dataSource={sessions}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有课次，点“新建课次”添加一次课或按周重复的一组课' }}
        rowClassName={(s) => (s.status === 'cancelled' ? 'dxs-row-cancelled' : '')}
        columns={[
          { title: '日期', width: 130, render: (_, s) => `${s.date} ${WEEKDAY_LABELS[weekdayOf(s.date) - 1]}` },
          { title: '时间', width: 110, render: (_, s) => `${s.start}–${s.end}` },
          { title: '课程', render: (_, s) => courseTitle(s, refs) },
          { title: '教员', width: 130, render: (_, s) => instructorNames(s, refs) },
          { title: '教学点', render: (_, s) => siteName(s, refs) },
          { title: '学时', width: 60, align: 'right', render: (_, s) => (rules ? minutesToHours(s.minutes, rules) : '') },
          {
            title: '状态',
            width: 150,
            render: (_, s) => (
              <Space size={4} wrap>
                <Tooltip title={s.status === 'cancelled' ? `取消原因：${s.cancelReason}` : undefined}>
                  <Tag color={STATUS_COLOURS[s.status]}>{STATUS_LABELS[s.status]}</Tag>
                </Tooltip>
                {s.overrideReason && (
                  <Tooltip title={`忽略提醒的理由：${s.overrideReason}`}>
                    <Tag color="orange">已说明提醒</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            width: 210,
            render: (_, s) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ session: s })}>编辑</Button>
                <Button type="link" size="small" onClick={() => navigate(`/schedule/sessions/${s.id}/sign-in`)}>签到表</Button>
                {s.status === 'cancelled' ? (
                  <Button type="link" size="small" onClick={() => void actions.restore(s)}>恢复</Button>
                ) : (
                  s.status === 'planned' && !s.closed && (
                    <Button type="link" size="small" danger onClick={() => void actions.cancel(s)}>取消</Button>
                  )
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <SessionEditor target={editing} refs={refs} onClose={() => setEditing(null)} />}
      {actions.dialog}
    </>
  );
}
