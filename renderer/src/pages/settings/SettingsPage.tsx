import { App, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { SchoolProfileForm } from '../../components/SchoolProfileForm';
import { AboutTab } from './AboutTab';
import { BackupTab } from './BackupTab';
import { HourRulesTab } from './HourRulesTab';

const TABS = ['school', 'hours', 'backup', 'about'] as const;

export default function SettingsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const tab = useParams()['*'] || 'school';
  return (
    <div className="dx-page">
      <h1 className="dx-page-title">设置</h1>
      <Tabs
        activeKey={TABS.includes(tab as (typeof TABS)[number]) ? tab : 'school'}
        onChange={(key) => navigate(`/settings/${key}`)}
        items={[
          {
            key: 'school',
            label: '本校信息',
            children: <SchoolProfileForm submitText="保存" onSaved={() => void message.success('本校信息已保存')} />,
          },
          { key: 'hours', label: '学时规则', children: <HourRulesTab /> },
          { key: 'backup', label: '备份与恢复', children: <BackupTab /> },
          { key: 'about', label: '关于', children: <AboutTab /> },
        ]}
      />
    </div>
  );
}
