import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { accountLabel, type Account } from '../../../shared/security/account';
import { logout, unlock } from '../data/auth/accounts';
import { AuthFrame } from './accounts/AuthFrame';
import { useAction } from './accounts/useAction';

/**
 * 已锁定: covers the app, which stays as it was behind it (a half-filled form is not lost);
 * the signed-in user's password opens it again, or another person signs in instead.
 */
export default function LockScreen({ account }: { account: Account }) {
  const { busy, error, run } = useAction();
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 2000, background: '#f5f6f8', overflow: 'auto' }}>
      <AuthFrame title={<Space><LockOutlined />屏幕已锁定</Space>}>
        <Typography.Paragraph>
          当前用户：<Typography.Text strong>{accountLabel(account)}</Typography.Text>（{account.role}）
        </Typography.Paragraph>
        <Form
          layout="vertical"
          onFinish={(v: { password: string }) =>
            run(async () => {
              const result = await unlock(v.password);
              if (!result.ok) throw new Error(result.error);
            })
          }
        >
          <Form.Item name="password" label="输入密码解锁" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>解锁</Button>
            <Button onClick={() => void logout()}>切换用户</Button>
          </Space>
        </Form>
      </AuthFrame>
    </div>
  );
}
