import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { preloadHome } from '../areas';
import { login } from '../data/auth/accounts';
import { AuthFrame } from './accounts/AuthFrame';
import { useAction } from './accounts/useAction';

/** 登录: the shared office computer is used by several people, each with their own account. */
export default function Login() {
  const { busy, error, run } = useAction();
  const navigate = useNavigate();
  useEffect(preloadHome, []);
  return (
    <AuthFrame title="登录">
      <Form
        layout="vertical"
        onFinish={(v: { username: string; password: string }) =>
          run(async () => {
            const result = await login(v.username, v.password);
            if (!result.ok) throw new Error(result.error);
            // Whoever signs in starts at the home page, not where the previous person left off.
            navigate('/');
          })
        }
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        忘记密码请联系本校管理员重置。连续输错多次后，需要等待一段时间才能再试。
      </Typography.Paragraph>
    </AuthFrame>
  );
}
