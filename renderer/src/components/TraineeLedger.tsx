import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ExternalHours } from '../../../shared/domain/records';
import { MINUTES_STATUSES } from '../../../shared/rules/attendance';
import { deleteExternalHours } from '../data/attendance/external';
import { traineeLedgerDetail, type LedgerSessionLine } from '../data/ledger';
import { useSetting } from '../data/settings';
import { statusTag } from '../pages/reports/LedgerReport';
import { deleteColumn } from './deleteColumn';
import { ExternalHoursModal } from './ExternalHoursModal';

const SESSION_STATE: Record<string, string> = { planned: '待上课', held: '已上课', cancelled: '已取消' };

function markCell(l: LedgerSessionLine) {
  if (l.session.status === 'cancelled') return <Tag>已取消</Tag>;
  if (!l.mark) return l.session.status === 'planned' ? <Tag color="blue">待上课</Tag> : <Tag>未点名</Tag>;
  const minutes = MINUTES_STATUSES.includes(l.mark.status) ? ` ${l.mark.minutesMissed}分钟` : '';
  return (
    <>
      <Tag color={l.mark.status === '出勤' ? 'green' : l.mark.status === '旷课' ? 'red' : 'gold'}>{l.mark.status}{minutes}</Tag>
      {l.walkIn && <Tag color="purple">插班</Tag>}
    </>
  );
}

/**
 * A trainee's ledger (学时台账) for a year: required, credited, external (after caps), total,
 * short by, still scheduled and the status, with every session and external entry behind it.
 */
export function TraineeLedger({ traineeId, year }: { traineeId: string; year: number }) {
  const { message } = App.useApp();
  const detail = useLiveQuery(() => traineeLedgerDetail(traineeId, year), [traineeId, year]);
  const rules = useSetting('hourRules');
  const [adding, setAdding] = useState(false);
  // A new trainee or year keeps the previous result until its own arrives: never show it as theirs.
  if (detail === undefined || !rules || (detail && (detail.trainee.id !== traineeId || detail.year !== year))) return <Skeleton active />;
  if (detail === null) return <Empty description="找不到该学员" />;
  const { row } = detail;
  const capped = Object.entries(detail.externalBySource).filter(([source, hours]) => Object.hasOwn(rules.externalCaps, source) && hours > rules.externalCaps[source]!);

  return (
    <div data-testid="trainee-ledger" data-trainee={traineeId} data-year={year}>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {([
          ['应修学时', row.required],
          ['参训学时', row.credited],
          ['外部学时', row.external],
          ['合计', row.total],
          ['尚差', row.shortBy],
          ['待上课程', row.scheduled],
        ] as const).map(([title, value]) => (
          <Col key={title} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={title} value={value} suffix="学时" data-testid={`ledger-${title}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph>
        {year} 年状态：<span data-testid="ledger-status">{statusTag(row.status)}</span>
        {detail.trainee.exempt && <Typography.Text type="secondary">该学员免学（年老体弱、行动不便），不设学时要求。</Typography.Text>}
        {capped.map(([source, hours]) => (
          <Typography.Text key={source} type="secondary">
            {source}本年 {hours} 学时，按上限计 {rules.externalCaps[source]} 学时。
          </Typography.Text>
        ))}
      </Typography.Paragraph>
      <Typography.Title level={5}>课次（{detail.sessions.length}）</Typography.Title>
      <Table<LedgerSessionLine>
        rowKey={(l) => l.session.id}
        size="small"
        dataSource={detail.sessions}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: `${year} 年没有该学员的课次` }}
        columns={[
          { title: '日期', key: 'date', width: 150, render: (_, l) => `${l.session.date} ${l.session.start}` },
          { title: '培训班', dataIndex: 'classTitle', ellipsis: true },
          {
            title: '课程',
            key: 'course',
            ellipsis: true,
            render: (_, l) => <Link to={`/attendance/session/${l.session.id}`}>{l.courseTitle}</Link>,
          },
          { title: '课次状态', key: 'state', width: 90, render: (_, l) => SESSION_STATE[l.session.status] },
          { title: '考勤', key: 'mark', width: 150, render: (_, l) => markCell(l) },
          { title: '计入学时', key: 'credited', width: 90, align: 'right', render: (_, l) => (l.mark ? l.credited : '') },
          { title: '待上学时', dataIndex: 'scheduled', width: 90, align: 'right', render: (v: number) => v || '' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        外部学时（{detail.external.length}）
        <Button size="small" icon={<PlusOutlined />} style={{ marginLeft: 12 }} onClick={() => setAdding(true)}>添加外部学时</Button>
      </Typography.Title>
      <Table<ExternalHours>
        rowKey="id"
        size="small"
        dataSource={detail.external}
        pagination={false}
        locale={{ emptyText: '没有外部学时（学习强国、灯塔—党建在线、其他党校培训等）' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '来源', dataIndex: 'source' },
          { title: '学时', dataIndex: 'hours', width: 80, align: 'right' },
          { title: '备注', dataIndex: 'note', ellipsis: true },
          deleteColumn<ExternalHours>('条外部学时', (e) => deleteExternalHours(e.id).then(() => void message.success('已删除'))),
        ]}
      />
      {adding && <ExternalHoursModal traineeId={traineeId} onClose={() => setAdding(false)} />}
    </div>
  );
}
