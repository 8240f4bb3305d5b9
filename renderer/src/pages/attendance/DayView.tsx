import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { neighbourSessionDate, openSessionsSince, sessionsOfDay, type DaySession } from '../../data/attendance/roster';
import { longDate, SessionStateTag } from './format';

const columns = (withDate: boolean): ColumnsType<DaySession> => [
  ...(withDate ? [{ title: '日期', dataIndex: 'date', width: 110 }] : []),
  { title: '时间', key: 'time', width: 110, render: (_, r) => `${r.start}–${r.end}` },
  { title: '培训班', dataIndex: 'className', ellipsis: true },
  { title: '课程', dataIndex: 'course', ellipsis: true, render: (course: string, r) => <Link to={`/attendance/session/${r.id}`}>{course}</Link> },
  { title: '教员', dataIndex: 'instructors', width: 140, ellipsis: true },
  { title: '教学点', dataIndex: 'site', width: 160, ellipsis: true },
  { title: '点名', key: 'marked', width: 100, render: (_, r) => `${r.marked} / ${r.enrolled}` },
  { title: '状态', key: 'state', width: 110, render: (_, r) => <SessionStateTag session={r.session} /> },
];

/** 今日课次: the sessions of a day (today by default, or a past day to enter paper sign-in sheets). */
export function DayView() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = dayjs().format('YYYY-MM-DD');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : today;
  const sessions = useLiveQuery(() => sessionsOfDay(date), [date]);
  const since = dayjs(today).subtract(60, 'day').format('YYYY-MM-DD');
  const open = useLiveQuery(() => openSessionsSince(since, today), [since, today]);
  const setDate = (d: string | null) => d && setParams(d === today ? {} : { date: d }, { replace: true });
  const jump = async (direction: 1 | -1) => setDate(await neighbourSessionDate(date, direction));
  const openSession = { onRow: (r: DaySession) => ({ onClick: () => navigate(`/attendance/session/${r.id}`), style: { cursor: 'pointer' } }) };

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => void jump(-1)}>上一个上课日</Button>
          <Button onClick={() => setDate(today)}>今天</Button>
          <Button onClick={() => void jump(1)}>下一个上课日<RightOutlined /></Button>
        </Space.Compact>
        <DatePicker
          aria-label="选择日期"
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : null)}
        />
        <Typography.Text strong>{longDate(date)}{date === today ? '（今天）' : ''}</Typography.Text>
      </Space>
      <Table<DaySession>
        rowKey="id"
        size="middle"
        loading={!sessions}
        dataSource={sessions}
        columns={columns(false)}
        pagination={false}
        {...openSession}
        locale={{ emptyText: <Empty description="这一天没有课次。可选择其他日期，补录纸质签到表。" /> }}
      />
      {open && open.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>近 60 天尚未关闭考勤的课次（{open.length}）</Typography.Title>
          <Table<DaySession>
            rowKey="id"
            size="small"
            dataSource={open}
            columns={columns(true)}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            {...openSession}
          />
        </>
      )}
    </>
  );
}
