import { Alert, Button, Form, Input } from 'antd';
import { PASSWORD_RULE } from '../../../../shared/security/password';
import { changeOwnPassword } from '../../data/auth/accounts';
import { confirmRules, newPasswordRules } from './formRules';
import { useAction } from './useAction';

interface Values {
  current: string;
  password: string;
  confirm: string;
}

/** The signed-in user changes their own password (and must, after an administrator set it). */
export function ChangePasswordForm({ username, onChanged }: { username: string; onChanged: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useAction();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(v) =>
        run(async () => {
          await changeOwnPassword(v.current, v.password);
          form.resetFields();
          onChanged();
        })
      }
    >
      <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请填写当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="password" label="新密码" rules={newPasswordRules(username)} extra={PASSWORD_RULE}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label="确认新密码" dependencies={['password']} rules={confirmRules('password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>修改密码</Button>
    </Form>
  );
}
