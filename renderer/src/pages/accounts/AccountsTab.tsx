import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Account } from '../../../../shared/security/account';
import { PASSWORD_RULE } from '../../../../shared/security/password';
import { GRANTABLE_ROLES, GRANT_LABELS, GRANTS, ROLE_DESCRIPTIONS, ROLES, type Grant, type Role } from '../../../../shared/security/roles';
import { createAccount, resetPassword, updateAccount, waitSeconds, type AccountInput } from '../../data/auth/accounts';
import { useCurrentAccount } from '../../data/auth/permissions';
import { db } from '../../data/instance';
import { confirmRules, newPasswordRules, usernameRules } from './formRules';
import { useAction } from './useAction';

type Editing = { mode: 'create' } | { mode: 'edit'; account: Account } | { mode: 'password'; account: Account };

interface Values extends AccountInput {
  password?: string;
  confirm?: string;
}

/** 账户管理 (管理员): who may sign in on this computer, with which role and sensitive grants. */
export function AccountsTab() {
  const { message, modal } = App.useApp();
  const me = useCurrentAccount();
  const accounts = useLiveQuery(() => db().accounts.toArray(), []);
  const instructors = useLiveQuery(() => db().instructors.filter((i) => i.deletedAt === null).toArray(), []);
  const instructorName = new Map((instructors ?? []).map((i) => [i.id, i.name]));
  const [editing, setEditing] = useState<Editing | null>(null);

  const toggle = (a: Account) =>
    modal.confirm({
      title: a.disabled ? `启用账户 ${a.username}？` : `停用账户 ${a.username}？`,
      content: a.disabled ? '启用后可以重新登录。' : '停用后该账户不能再登录；它在操作日志中的记录保留。',
      okText: a.disabled ? '启用' : '停用',
      cancelText: '取消',
      onOk: async () => {
        await updateAccount(a.id, { disabled: !a.disabled });
        void message.success(a.disabled ? '账户已启用' : '账户已停用');
      },
    });

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>新建账户</Button>
        <Typography.Text type="secondary">账户只保存在这台电脑上，不随备份和数据包外传。</Typography.Text>
      </Space>
      <Table<Account>
        rowKey="id"
        size="small"
        loading={!accounts}
        dataSource={accounts}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名或称呼', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (role: Role) => <Tag color={role === '管理员' ? 'red' : undefined}>{role}</Tag> },
          { title: '关联教员', dataIndex: 'instructorId', render: (id: string | null) => (id ? instructorName.get(id) ?? '（已删除）' : '') },
          {
            title: '敏感权限',
            dataIndex: 'grants',
            render: (grants: Grant[], a) => (a.role === '管理员' ? '全部' : grants.map((g) => GRANT_LABELS[g]).join('、') || '无'),
          },
          {
            title: '状态',
            key: 'state',
            render: (_, a) =>
              a.disabled ? <Tag>已停用</Tag> : waitSeconds(a) > 0 ? <Tag color="orange">密码错误过多，暂停登录</Tag> : a.mustChangePassword ? <Tag color="blue">待修改密码</Tag> : <Tag color="green">正常</Tag>,
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (t: number | null) => (t ? dayjs(t).format('YYYY-MM-DD HH:mm') : '从未登录') },
          {
            title: '操作',
            key: 'actions',
            render: (_, a) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', account: a })}>编辑</Button>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'password', account: a })}>重置密码</Button>
                {a.id !== me?.id && (
                  <Button type="link" size="small" danger={!a.disabled} onClick={() => toggle(a)}>{a.disabled ? '启用' : '停用'}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <AccountModal
          editing={editing}
          instructors={(instructors ?? []).map((i) => ({ value: i.id, label: i.unit ? `${i.name}（${i.unit}）` : i.name }))}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            void message.success(text);
          }}
        />
      )}
    </>
  );
}

function AccountModal({
  editing, instructors, onClose, onSaved,
}: {
  editing: Editing;
  instructors: { value: string; label: string }[];
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useAction();
  const role = Form.useWatch('role', form);
  const account = editing.mode === 'create' ? null : editing.account;
  const title = editing.mode === 'create' ? '新建账户' : editing.mode === 'edit' ? `编辑账户 ${account!.username}` : `重置 ${account!.username} 的密码`;
  const withPassword = editing.mode !== 'edit';

  const submit = (v: Values) =>
    run(async () => {
      if (editing.mode === 'create') {
        await createAccount({ ...v, displayName: v.displayName ?? '', instructorId: v.instructorId ?? null, grants: v.grants ?? [] }, v.password!);
        onSaved(`已创建账户 ${v.username}，请把初始密码告诉本人，首次登录时需修改`);
      } else if (editing.mode === 'edit') {
        await updateAccount(editing.account.id, { displayName: v.displayName ?? '', role: v.role, instructorId: v.instructorId ?? null, grants: v.grants ?? [] });
        onSaved('账户已保存');
      } else {
        await resetPassword(editing.account.id, v.password!);
        onSaved('密码已重置，该账户下次登录时需修改密码');
      }
    });

  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden width={560}>
      <Form
        form={form}
        layout="vertical"
        initialValues={account ? { ...account } : { role: '教务', grants: [] }}
        onFinish={submit}
      >
        {editing.mode !== 'password' && (
          <>
            <Form.Item name="username" label="用户名" rules={editing.mode === 'create' ? usernameRules : []}>
              <Input disabled={editing.mode === 'edit'} autoComplete="off" autoFocus={editing.mode === 'create'} />
            </Form.Item>
            <Form.Item name="displayName" label="姓名或称呼" rules={[{ max: 50, message: '不能超过50个字' }]}>
              <Input autoFocus={editing.mode === 'edit'} />
            </Form.Item>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]} extra={role ? ROLE_DESCRIPTIONS[role as Role] : undefined}>
              <Select options={ROLES.map((r) => ({ value: r, label: r }))} />
            </Form.Item>
            {role === '教员' && (
              <Form.Item name="instructorId" label="关联教员" rules={[{ required: true, message: '请选择师资库中的教员：该账户只能为其授课的课次考勤' }]}>
                <Select showSearch optionFilterProp="label" options={instructors} placeholder="从师资库选择" />
              </Form.Item>
            )}
            {GRANTABLE_ROLES.includes(role as Role) && (
              <Form.Item name="grants" label="敏感权限" extra="每次查看完整号码都会记入操作日志">
                <Checkbox.Group options={GRANTS.map((g) => ({ value: g, label: GRANT_LABELS[g] }))} />
              </Form.Item>
            )}
          </>
        )}
        {withPassword && (
          <>
            <Form.Item
              name="password"
              label={editing.mode === 'create' ? '初始密码' : '新密码'}
              rules={newPasswordRules((f) => f.getFieldValue('username') ?? account?.username ?? '')}
              extra={`${PASSWORD_RULE}。本人首次登录时需改为自己的密码。`}
            >
              <Input.Password autoComplete="new-password" autoFocus={editing.mode === 'password'} />
            </Form.Item>
            <Form.Item name="confirm" label="确认密码" dependencies={['password']} rules={confirmRules('password')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
