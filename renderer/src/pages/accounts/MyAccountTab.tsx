import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { GRANT_LABELS } from '../../../../shared/security/roles';
import { ROLE_DESCRIPTIONS } from '../../../../shared/security/roles';
import { lockScreen, logout } from '../../data/auth/accounts';
import { useCurrentAccount } from '../../data/auth/permissions';
import { db } from '../../data/instance';
import { ChangePasswordForm } from './ChangePasswordForm';

/** 我的账户: who I am here, what my role allows, my password. */
export function MyAccountTab() {
  const { message } = App.useApp();
  const account = useCurrentAccount();
  const instructor = useLiveQuery(async () => (account?.instructorId ? db().instructors.get(account.instructorId) : undefined), [account?.instructorId]);
  if (!account) return null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Card size="small" title="账户信息">
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="用户名">{account.username}</Descriptions.Item>
          <Descriptions.Item label="姓名或称呼">{account.displayName || '（未填写）'}</Descriptions.Item>
          <Descriptions.Item label="角色">{account.role}：{ROLE_DESCRIPTIONS[account.role]}</Descriptions.Item>
          {instructor && <Descriptions.Item label="关联教员">{instructor.name}</Descriptions.Item>}
          <Descriptions.Item label="敏感权限">
            {account.role === '管理员' ? '全部' : account.grants.map((g) => GRANT_LABELS[g]).join('、') || '无'}
          </Descriptions.Item>
          <Descriptions.Item label="本次登录">{account.lastLoginAt ? dayjs(account.lastLoginAt).format('YYYY-MM-DD HH:mm') : ''}</Descriptions.Item>
        </Descriptions>
        <Space style={{ marginTop: 12 }}>
          <Button icon={<LockOutlined />} onClick={() => void lockScreen('手动锁定')}>锁定屏幕</Button>
          <Button icon={<LogoutOutlined />} onClick={() => void logout()}>退出登录</Button>
        </Space>
      </Card>
      <Card size="small" title="修改密码">
        <ChangePasswordForm username={account.username} onChanged={() => void message.success('密码已修改')} />
      </Card>
    </Space>
  );
}
