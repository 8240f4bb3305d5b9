import { Card, Col, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { dashboardStats } from '../data/stats';
import { getSelfSchool } from '../data/school';

/** 首页: this year's headline figures. */
export default function Dashboard() {
  const year = new Date().getFullYear();
  const stats = useLiveQuery(() => dashboardStats(year), [year]);
  const school = useLiveQuery(getSelfSchool);
  const rate = stats && stats.required > 0 ? Math.round((stats.met / stats.required) * 1000) / 10 : 0;
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">首页</h1>
      <Typography.Paragraph type="secondary">
        {school?.name} · {year} 年度概况
      </Typography.Paragraph>
      {!stats ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {[
              ['在册学员', stats.trainees, '人'],
              ['在库教员', stats.instructors, '人'],
              ['教学点', stats.sites, '个'],
              [`${year}年培训班`, stats.classes, '个'],
              [`${year}年课次`, stats.sessions, '次'],
              ['已完成课次', stats.heldSessions, '次'],
              ['参训人次', stats.visits, '人次'],
            ].map(([title, value, suffix]) => (
              <Col key={title} xs={12} md={8} xl={6}>
                <Card size="small">
                  <Statistic title={title} value={value} suffix={suffix} data-testid={`stat-${title}`} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={6}>
              <Card size="small">
                <Statistic title="学时达标人数" value={stats.met} suffix={`/ ${stats.required} 人`} data-testid="stat-学时达标人数" />
              </Card>
            </Col>
          </Row>
          <Card title={`${year} 年学时达标率`} size="small" style={{ marginTop: 16, maxWidth: 480 }}>
            <Progress type="dashboard" percent={rate} format={(p) => `${p}%`} />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              已达到年度学时要求的学员占应参学学员的比例（免学学员不计）。
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}
