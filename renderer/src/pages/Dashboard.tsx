import { Card, Col, Empty, Progress, Row, Skeleton, Statistic, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useAhead } from '../data/ahead';
import { dashboardStats, type DashboardStats } from '../data/stats';
import { getSelfSchool } from '../data/school';
import { dashboardKey } from './dashboardAhead';
import { useCountyScope } from './DashboardCountyScope';

// echarts is large: it loads after the figures, in its own chunk.
const DashboardChart = lazy(() => import('./DashboardChart'));
// Only a county shows it, and its table is not light: a school's dashboard never loads it.
const CountyOverviewCard = lazy(() => import('./exchange/CountyDashboard').then((m) => ({ default: m.CountyOverviewCard })));

/** 首页: this year's headline figures and the hours met against the hours required, per category. */
export default function Dashboard() {
  const year = new Date().getFullYear();
  const county = useCountyScope();
  // Read while the sign-in form was open (if nothing has been written since): drawn first, and
  // the page's own reading, which follows later changes, starts once it is in.
  const ahead = useAhead<DashboardStats>(dashboardKey(year));
  const live = useLiveQuery(
    () => (ahead.waiting ? undefined : dashboardStats(year, county?.schoolIds)),
    [ahead.waiting, year, county?.schoolIds?.join()],
  );
  const stats = live ?? ahead.value;
  const school = useLiveQuery(getSelfSchool);
  const rate = stats && stats.required > 0 ? Math.round((stats.met / stats.required) * 1000) / 10 : 0;
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">首页</h1>
      <Typography.Paragraph type="secondary">
        {school?.name} · {year} 年度概况{county?.county && '（各校汇总）'}
      </Typography.Paragraph>
      {county?.filter && <div style={{ marginBottom: 16 }}>{county.filter}</div>}
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
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={8}>
              <Card title={`${year} 年学时达标率`} size="small" style={{ height: '100%' }}>
                <Progress type="dashboard" percent={rate} format={(p) => `${p}%`} />
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  已达到年度学时要求的学员占应参学学员的比例（免学学员不计）。
                </Typography.Paragraph>
                <Link to="/reports/shortfall">查看未达标名单（点名调训）</Link>
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card title={`${year} 年各类学员学时完成情况`} size="small" style={{ height: '100%' }}>
                {stats.byCategory.length === 0 ? (
                  <Empty description="还没有应参学的学员" />
                ) : (
                  <Suspense fallback={<Skeleton active />}>
                    <DashboardChart data={stats.byCategory} />
                  </Suspense>
                )}
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  红条为该类学员已修学时占应修学时合计的比例（每人最多计到其应修学时，免学学员不计）。
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          {county?.county && (
            <Suspense fallback={<Skeleton active />}>
              <CountyOverviewCard year={year} />
            </Suspense>
          )}
        </>
      )}
    </div>
  );
}
