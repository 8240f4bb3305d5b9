import { App, Layout, Menu, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useEffect } from 'react';
import { runDailyBackup } from '../data/autoBackup';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { AREAS } from '../areas';
import { getSelfSchool } from '../data/school';
import { UserMenu } from '../pages/accounts/UserMenu';

export function AppLayout() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const school = useLiveQuery(getSelfSchool);
  const { notification } = App.useApp();
  useEffect(() => {
    runDailyBackup().catch((e: unknown) =>
      notification.warning({ message: '今日自动备份未完成', description: e instanceof Error ? e.message : String(e) }),
    );
  }, [notification]);
  const selected = AREAS.filter((a) => a.path === '/' ? pathname === '/' : pathname.startsWith(a.path)).map((a) => a.path);
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div className="dx-brand">
          党校教务通
          <small title={school?.name}>{school?.name ?? ' '}</small>
        </div>
        <UserMenu />
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          items={AREAS.map((a) => ({ key: a.path, icon: a.icon, label: a.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout.Content>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
