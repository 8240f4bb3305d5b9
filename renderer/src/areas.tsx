import { BarChartOutlined, HomeOutlined, SettingOutlined } from '@ant-design/icons';
import { EnvironmentOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { BookOutlined, CalendarOutlined } from '@ant-design/icons';
import { CheckSquareOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { SwapOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Account } from '../../shared/security/account';
import type { Action } from '../../shared/security/permissions';
import { accountCan } from './data/auth/permissions';

const loadDashboard = () => import('./pages/Dashboard');
const Dashboard = lazy(loadDashboard);
/**
 * While the sign-in form waits for the user: fetch the first screen's code (it is drawn next)
 * and, once the form is on screen (the figures take the main thread a while), read its
 * figures, so it shows them as soon as the password is checked.
 */
export const preloadHome = (): void => {
  void loadDashboard();
  requestAnimationFrame(() => setTimeout(() => void import('./pages/dashboardAhead').then((m) => m.readDashboardAhead())));
};
const CurriculaPage = lazy(() => import('./pages/curricula/CurriculaPage'));
const SchedulePage = lazy(() => import('./pages/schedule/SchedulePage'));
const AttendancePage = lazy(() => import('./pages/attendance/AttendancePage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage'));
const ExchangePage = lazy(() => import('./pages/exchange/ExchangePage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const TraineesPage = lazy(() => import('./pages/trainees/TraineesPage'));
const InstructorsPage = lazy(() => import('./pages/instructors/InstructorsPage'));
const SitesPage = lazy(() => import('./pages/sites/SitesPage'));

/**
 * The areas of the product, in the order of the side navigation. An area appears here only
 * once it works end to end. `path` is the menu target; routes match `path` and below it.
 */
export interface Area {
  path: string;
  label: string;
  icon: ReactNode;
  element: ReactNode;
  /** Shown only to accounts that may do one of these; others get no menu entry and a notice at its address. */
  needs?: readonly Action[];
}

/** Whether `account` may use `area` (its menu entry, its pages). */
export const mayUseArea = (area: Area, account: Account | null): boolean =>
  !area.needs || area.needs.some((action) => accountCan(account, action));

export const AREAS: Area[] = [
  { path: '/', label: '首页', icon: <HomeOutlined />, element: <Dashboard /> },
  { path: '/curricula', label: '培训计划与课程', icon: <BookOutlined />, element: <CurriculaPage /> },
  { path: '/schedule', label: '课表', icon: <CalendarOutlined />, element: <SchedulePage /> },
  { path: '/attendance', label: '考勤', icon: <CheckSquareOutlined />, element: <AttendancePage /> },
  { path: '/trainees', label: '学员', icon: <TeamOutlined />, element: <TraineesPage /> },
  { path: '/instructors', label: '师资库', icon: <IdcardOutlined />, element: <InstructorsPage /> },
  { path: '/sites', label: '教学点', icon: <EnvironmentOutlined />, element: <SitesPage /> },
  { path: '/reports', label: '报表', icon: <BarChartOutlined />, element: <ReportsPage /> },
  { path: '/exchange', label: '数据交换', icon: <SwapOutlined />, element: <ExchangePage />, needs: ['data.import', 'data.export'] },
  { path: '/accounts', label: '账户与日志', icon: <SafetyCertificateOutlined />, element: <AccountsPage /> },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, element: <SettingsPage />, needs: ['registry.edit', 'settings.edit', 'backup.create'] },
];
