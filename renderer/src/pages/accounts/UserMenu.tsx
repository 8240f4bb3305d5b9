import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { accountLabel } from '../../../../shared/security/account';
import { lockScreen, logout } from '../../data/auth/accounts';
import { useCurrentAccount } from '../../data/auth/permissions';
import './accounts.css';

/** Who is signed in, in the side bar: their account page, locking the screen, signing out. */
export function UserMenu() {
  const account = useCurrentAccount();
  const navigate = useNavigate();
  if (!account) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'me', icon: <UserOutlined />, label: '我的账户', onClick: () => navigate('/accounts/me') },
          { key: 'lock', icon: <LockOutlined />, label: '锁定屏幕', onClick: () => void lockScreen('手动锁定') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
        ],
      }}
    >
      <button type="button" className="dx-user" aria-label={`当前用户 ${accountLabel(account)}，${account.role}`}>
        <UserOutlined />
        <span className="dx-user-name" title={accountLabel(account)}>{account.displayName || account.username}</span>
        <span className="dx-user-role">{account.role}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </button>
    </Dropdown>
  );
}
