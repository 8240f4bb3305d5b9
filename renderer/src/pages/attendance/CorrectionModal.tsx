import { App, Descriptions, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { AttendanceStatus } from '../../../../shared/domain/constants';
import type { Mark } from '../../../../shared/domain/records';
import { markValue } from '../../../../shared/rules/attendance';
import { correctMark, type MarkInput } from '../../data/attendance/marks';
import type { RosterMember } from '../../data/attendance/roster';
import { useSetting } from '../../data/settings';
import { errorText, markText } from './format';
import { MarkPicker } from './MarkPicker';

export interface CorrectionRequest {
  member: RosterMember;
  before: Mark | null;
  /** What was asked for: a new mark, or null to remove it. */
  after: MarkInput | null;
  /** Settles with whether the correction was saved. */
  resolve: (saved: boolean) => void;
}

/** A change to a closed session's mark: before → after, with the reason that is kept with it. */
export function CorrectionModal({ sessionId, minutes, request, onDone }: {
  sessionId: string;
  minutes: number;
  request: CorrectionRequest;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const rules = useSetting('hourRules');
  const [status, setStatus] = useState<AttendanceStatus | null>(request.after?.status ?? null);
  const [missed, setMissed] = useState<number>(request.after?.minutesMissed ?? 0);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = (saved: boolean) => {
    request.resolve(saved);
    onDone();
  };
  const submit = async () => {
    if (!reason.trim()) {
      setError('请填写更正原因');
      return;
    }
    setSaving(true);
    try {
      await correctMark(sessionId, request.member.id, status ? { status, minutesMissed: missed } : null, reason);
      void message.success(`已更正${request.member.name}的考勤`);
      finish(true);
    } catch (e) {
      setError(errorText(e));
      setSaving(false);
    }
  };

  if (!rules) return null;
  const after = status ? markValue(status, missed, minutes, rules) : null;
  return (
    <Modal
      open
      title={`更正考勤：${request.member.name}`}
      okText="保存更正"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={() => finish(false)}
      destroyOnHidden
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label="更正前">{markText(request.before)}</Descriptions.Item>
        <Descriptions.Item label="更正后">{after ? markText(after) : '清除考勤'}</Descriptions.Item>
      </Descriptions>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <MarkPicker
          label="更正后的考勤"
          status={status}
          minutes={missed}
          maxMinutes={minutes}
          onStatus={setStatus}
          onMinutes={setMissed}
          onEnter={() => void submit()}
        />
        <Input
          autoFocus
          aria-label="更正原因"
          placeholder="更正原因（必填），如：核对纸质签到表，该学员实际到课"
          maxLength={500}
          value={reason}
          status={error ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          onPressEnter={() => void submit()}
        />
        {error && <div role="alert" style={{ color: '#cf1322' }}>{error}</div>}
      </Space>
    </Modal>
  );
}
