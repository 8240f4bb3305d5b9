import { HomeOutlined, SettingOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));

/**
 * The areas of the product, in the order of the side navigation. An area appears here only
 * once it works end to end. `path` is the menu target; routes match `path` and below it.
 */
export interface Area {
  path: string;
  label: string;
  icon: ReactNode;
  element: ReactNode;
}

export const AREAS: Area[] = [
  { path: '/', label: '首页', icon: <HomeOutlined />, element: <Dashboard /> },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, element: <SettingsPage /> },
];
