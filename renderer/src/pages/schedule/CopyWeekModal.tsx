import { Alert, App, Button, DatePicker, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { mondayOf, shiftDate } from '../../../../shared/rules/schedule';
import type { ScheduleRefs } from '../../data/schedule/refs';
import { copyWeekDrafts, saveSessions, type SessionFilter } from '../../data/schedule/sessions';
import { BatchPreview, useBatchSelection } from './BatchPreview';
import { errorText } from '../../components/RegistryFormModal';
import { useClashCheck } from './useClashCheck';

/** 复制一周: the sessions of the week shown (with the calendar's filter) into another week, clash-checked. */
export function CopyWeekModal(props: { fromMonday: string; filter: SessionFilter; refs: ScheduleRefs; onClose: () => void }) {
  const { fromMonday, filter, refs, onClose } = props;
  const { message } = App.useApp();
  const [toMonday, setToMonday] = useState(shiftDate(fromMonday, 7));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const drafts = useLiveQuery(() => copyWeekDrafts(fromMonday, toMonday, filter), [fromMonday, toMonday, JSON.stringify(filter)]);
  const clashes = useClashCheck(drafts ?? null);
  const selection = useBatchSelection(drafts ?? [], clashes);

  const save = async () => {
    setError(null);
    if (selection.needsReason && !reason.trim()) return setError('勾选了有提醒的课次，请填写忽略提醒的理由');
    setSaving(true);
    try {
      await saveSessions(selection.selected, selection.needsReason ? reason : '');
      void message.success(`已复制 ${selection.selected.length} 个课次`);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title="复制一周的课次" onCancel={onClose} footer={null} width={900} destroyOnHidden>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>从 {fromMonday} 起的一周，复制到</span>
        <DatePicker
          picker="week"
          aria-label="目标周"
          allowClear={false}
          value={dayjs(toMonday)}
          onChange={(d) => d && setToMonday(mondayOf(d.format('YYYY-MM-DD')))}
        />
        <Typography.Text type="secondary">（{toMonday} 至 {shiftDate(toMonday, 6)}）</Typography.Text>
      </Space>
      {drafts && drafts.length === 0 ? (
        <Alert type="info" showIcon title="这一周没有可复制的课次（已取消的课次不复制）" />
      ) : (
        <BatchPreview drafts={drafts ?? []} clashes={clashes} selection={selection} refs={refs} showSession />
      )}
      {selection.needsReason && (
        <Input style={{ marginTop: 12 }} placeholder="忽略提醒的理由" aria-label="忽略提醒的理由" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
        <Button onClick={onClose}>关闭</Button>
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={!clashes || selection.selected.length === 0}>
          复制所选 {selection.selected.length} 个课次
        </Button>
      </Space>
    </Modal>
  );
}
