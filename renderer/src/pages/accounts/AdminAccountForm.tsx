import { Alert, Button, Form, Input, Typography } from 'antd';
import { PASSWORD_RULE } from '../../../../shared/security/password';
import { createFirstAdmin } from '../../data/auth/accounts';
import { confirmRules, newPasswordRules, usernameRules } from './formRules';
import { useAction } from './useAction';

interface Values {
  username: string;
  displayName?: string;
  password: string;
  confirm: string;
}

/** The first account, a 管理员: on first run, and when a database from before accounts is opened. */
export function AdminAccountForm({ submitText, onCreated }: { submitText: string; onCreated: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useAction();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onFinish={(v) =>
        run(async () => {
          await createFirstAdmin({ username: v.username, displayName: v.displayName ?? '', password: v.password });
          onCreated();
        })
      }
    >
      <Typography.Paragraph type="secondary">
        管理员可以使用全部功能，并为教务、教员等其他人员创建账户。请牢记密码：密码只以不可逆的方式保存在这台电脑上，忘记后无法找回。
      </Typography.Paragraph>
      <Form.Item name="username" label="管理员用户名" rules={usernameRules} extra="登录时使用，可用字母、数字或汉字，例如 admin">
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="displayName" label="姓名或称呼" rules={[{ max: 50, message: '不能超过50个字' }]} extra="可选，记录在操作日志中，例如：王主任">
        <Input />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={newPasswordRules((f) => f.getFieldValue('username') ?? '')} extra={PASSWORD_RULE}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirm" label="确认密码" dependencies={['password']} rules={confirmRules('password')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>{submitText}</Button>
    </Form>
  );
}
