import { Alert, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useNavigate } from 'react-router';
import { countyOverview, type CountySchoolRow } from '../../data/exchange/county';
import { useExchangeSettings } from '../../data/exchange/state';

const lastPackage = (r: CountySchoolRow) =>
  r.isSelf ? '本机' : r.source ? `第 ${r.source.lastSequence} 号 · ${dayjs(r.source.lastImportedAt).format('MM-DD HH:mm')}` : '从未上报';

/** The county's overview on the dashboard: per school, who sent what and when, and who is late. */
export function CountyOverviewCard({ year }: { year: number }) {
  const navigate = useNavigate();
  const settings = useExchangeSettings();
  const overview = useLiveQuery(() => (settings ? countyOverview(year, settings.staleDays) : undefined), [year, settings?.staleDays]);
  if (!overview) return null;
  return (
    <Card title={`各校上报情况（${year} 年）`} size="small" style={{ marginTop: 16 }} data-testid="county-overview">
      {overview.late.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${overview.late.length} 所党校超过 ${overview.staleDays} 天未上报数据包`}
          description={overview.late.map((r) => `${r.name}（${r.daysSince === null ? '从未上报' : `${r.daysSince} 天`}）`).join('、')}
          data-testid="late-schools"
        />
      ) : (
        <Typography.Paragraph type="secondary">所有已上报的党校都在 {overview.staleDays} 天内上报过数据包。</Typography.Paragraph>
      )}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={8}>
          <Statistic title="在册人数（同一人跨校只计一次）" value={overview.people} suffix="人" />
        </Col>
        <Col span={8}>
          <Statistic title="在多所党校登记的学员" value={overview.linkedPeople} suffix="人" />
        </Col>
      </Row>
      <Table<CountySchoolRow>
        size="small"
        rowKey="schoolId"
        dataSource={overview.rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/?schools=${r.schoolId}`) })}
        columns={[
          { title: '党校', dataIndex: 'name', render: (n: string, r) => (r.isSelf ? <>{n} <Tag>本机</Tag></> : n) },
          { title: '最近数据包', key: 'last', render: (_, r) => (r.late ? <Typography.Text type="warning">{lastPackage(r)}</Typography.Text> : lastPackage(r)) },
          { title: '在册学员', dataIndex: 'trainees', align: 'right' },
          { title: '已完成课次', dataIndex: 'heldSessions', align: 'right' },
          { title: '学时合计', dataIndex: 'hours', align: 'right' },
        ]}
      />
    </Card>
  );
}
