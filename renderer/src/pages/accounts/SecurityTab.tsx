import { App, Button, Card, Form, Select, Typography } from 'antd';
import { useEffect } from 'react';
import type { SecuritySettings } from '../../../../shared/domain/settings';
import { saveSetting, useSetting } from '../../data/settings';

const IDLE_CHOICES = [5, 10, 15, 30, 60, 0];

/** 安全设置 (管理员): when an unattended screen locks itself. */
export function SecurityTab() {
  const { message } = App.useApp();
  const settings = useSetting('security');
  const [form] = Form.useForm<SecuritySettings>();
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);
  if (!settings) return null;
  return (
    <Card size="small" title="自动锁定" style={{ maxWidth: 640 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await saveSetting('security', v);
            void message.success('安全设置已保存');
          } catch (e) {
            void message.error(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        <Form.Item name="idleLockMinutes" label="无人操作多久后锁定屏幕">
          <Select style={{ width: 220 }} options={IDLE_CHOICES.map((m) => ({ value: m, label: m ? `${m} 分钟` : '不自动锁定（不推荐）' }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          办公室电脑多人共用，离开时屏幕会自动锁定，需输入密码才能继续；锁定不会丢失正在填写的内容。
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit">保存</Button>
      </Form>
    </Card>
  );
}
