import { App, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Action } from '../../../../shared/security/permissions';
import { NoAccess } from '../../components/NoAccess';
import { SchoolProfileForm } from '../../components/SchoolProfileForm';
import { accountCan, useCurrentAccount } from '../../data/auth/permissions';
import { AboutTab } from './AboutTab';
import { BackupTab } from './BackupTab';
import { HourRulesTab } from './HourRulesTab';

interface SettingsTab {
  key: string;
  label: string;
  /** What the account must be allowed to do to see the tab; none: everyone. */
  needs?: Action;
  children: ReactNode;
}

export default function SettingsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const account = useCurrentAccount();
  const requested = useParams()['*'];
  const tabs: SettingsTab[] = [
    {
      key: 'school',
      label: '本校信息',
      needs: 'registry.edit',
      children: <SchoolProfileForm submitText="保存" onSaved={() => void message.success('本校信息已保存')} />,
    },
    { key: 'hours', label: '学时规则', needs: 'settings.edit', children: <HourRulesTab /> },
    { key: 'backup', label: '备份与恢复', needs: 'backup.create', children: <BackupTab /> },
    { key: 'about', label: '关于', children: <AboutTab /> },
  ];
  if (!account) return null;
  const usable = tabs.filter((t) => !t.needs || accountCan(account, t.needs));
  // A tab the account may not use, named in the address, is refused rather than swapped for another.
  const barred = tabs.find((t) => t.key === requested && !usable.includes(t));
  const tab = usable.find((t) => t.key === requested) ?? usable[0]!;
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">设置</h1>
      {barred ? (
        <NoAccess what={barred.label} role={account.role} />
      ) : (
        <Tabs
          activeKey={tab.key}
          onChange={(key) => navigate(`/settings/${key}`)}
          items={usable.map(({ key, label, children }) => ({ key, label, children }))}
        />
      )}
    </div>
  );
}
