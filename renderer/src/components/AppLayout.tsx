import { App, Layout, Menu, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useEffect } from 'react';
import { runDailyBackup } from '../data/autoBackup';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { AREAS, mayUseArea } from '../areas';
import { useCurrentAccount } from '../data/auth/permissions';
import { getSelfSchool } from '../data/school';
import { UserMenu } from '../pages/accounts/UserMenu';
import { NoAccess } from './NoAccess';

/** How long after the window opens the daily automatic backup starts. */
const BACKUP_AFTER_MS = 2_000;

export function AppLayout() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const school = useLiveQuery(getSelfSchool);
  const { notification } = App.useApp();
  useEffect(() => {
    // In the background worker, once the first screen is drawn: on the two cores of an office
    // PC the backup's reads of every table would otherwise slow the first morning's home page.
    const timer = setTimeout(() => {
      runDailyBackup().catch((e: unknown) =>
        notification.warning({ message: '今日自动备份未完成', description: e instanceof Error ? e.message : String(e) }),
      );
    }, BACKUP_AFTER_MS);
    return () => clearTimeout(timer);
  }, [notification]);
  // undefined while reading: nothing is offered, nor refused, before the role is known.
  const account = useCurrentAccount();
  const here = AREAS.filter((a) => a.path === '/' ? pathname === '/' : pathname.startsWith(a.path));
  const barred = account ? here.find((a) => !mayUseArea(a, account)) : undefined;
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
          selectedKeys={here.map((a) => a.path)}
          items={AREAS.filter((a) => account !== undefined && mayUseArea(a, account)).map((a) => ({ key: a.path, icon: a.icon, label: a.label }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout.Content>
        <Suspense fallback={<Spin style={{ margin: 48 }} />}>
          {account === undefined ? <Spin style={{ margin: 48 }} /> : barred && account ? <NoAccess what={barred.label} role={account.role} /> : <Outlet />}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
