import { Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useCan } from '../../data/auth/permissions';
import { AccountsTab } from './AccountsTab';
import { AuditTab } from './AuditTab';
import { MyAccountTab } from './MyAccountTab';
import { SecurityTab } from './SecurityTab';

/** 账户与日志: my account; for a 管理员 the accounts and security settings; the audit trail for the office. */
export default function AccountsPage() {
  const navigate = useNavigate();
  const tab = useParams()['*'] || 'me';
  const manage = useCan('accounts.manage');
  const audit = useCan('audit.view');
  const security = useCan('security.edit');
  const items = [
    { key: 'me', label: '我的账户', children: <MyAccountTab /> },
    ...(manage ? [{ key: 'list', label: '账户管理', children: <AccountsTab /> }] : []),
    ...(audit ? [{ key: 'audit', label: '操作日志', children: <AuditTab /> }] : []),
    ...(security ? [{ key: 'security', label: '安全设置', children: <SecurityTab /> }] : []),
  ];
  return (
    <div className="dx-page dx-accounts">
      <h1 className="dx-page-title dx-no-print">账户与日志</h1>
      <Tabs
        activeKey={items.some((i) => i.key === tab) ? tab : 'me'}
        onChange={(key) => navigate(`/accounts/${key}`)}
        items={items}
        destroyOnHidden
      />
    </div>
  );
}
