import { Button, Form, Input, Modal, Space } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { Clash } from '../../../../shared/rules/clashes';
import { ClashList } from './ClashList';

export interface ReasonRequest {
  title: string;
  /** What the reason is for, e.g. 取消原因 or 忽略提醒的理由. */
  label: string;
  okText: string;
  danger?: boolean;
  clashes?: readonly Clash[];
  initial?: string;
}

/**
 * Ask for a reason (to cancel a session, to override soft clashes): `ask` resolves with the
 * reason typed, or null when the user backs out; `dialog` must be rendered.
 */
export function useReasonPrompt(): { ask: (r: ReasonRequest) => Promise<string | null>; dialog: ReactNode } {
  const [pending, setPending] = useState<{ request: ReasonRequest; resolve: (r: string | null) => void } | null>(null);
  const ask = useCallback((request: ReasonRequest) => new Promise<string | null>((resolve) => setPending({ request, resolve })), []);
  const finish = (reason: string | null) => {
    pending?.resolve(reason);
    setPending(null);
  };
  const r = pending?.request;
  const dialog = r && (
    <Modal open title={r.title} onCancel={() => finish(null)} footer={null} destroyOnHidden width={560}>
      {r.clashes && r.clashes.length > 0 && <div style={{ marginBottom: 12 }}><ClashList clashes={r.clashes} /></div>}
      <Form layout="vertical" initialValues={{ reason: r.initial ?? '' }} onFinish={(v: { reason: string }) => finish(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={r.label}
          rules={[{ required: true, whitespace: true, message: `请填写${r.label}` }]}
        >
          <Input autoFocus maxLength={500} />
        </Form.Item>
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={() => finish(null)}>返回</Button>
          <Button type="primary" danger={r.danger} htmlType="submit">{r.okText}</Button>
        </Space>
      </Form>
    </Modal>
  );
  return { ask, dialog };
}
