import { App, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { AttendanceStatus } from '../../../../shared/domain/constants';
import { maskIdNumber } from '../../../../shared/domain/idnumber';
import type { Session } from '../../../../shared/domain/records';
import { addWalkIn } from '../../data/attendance/marks';
import { loadTraineeIndex, searchTrainees, type TraineeLite } from '../../data/schedule/enrolments';
import { errorText } from './format';
import { MarkPicker } from './MarkPicker';

/**
 * 添加插班学员: a trainee who came without being enrolled, found by name, pinyin initials or
 * the last digits of the ID number, and marked at once. ↑/↓ choose, Enter adds.
 */
export function WalkInModal({ session, closed, onClose }: { session: Session; closed: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [index, setIndex] = useState<TraineeLite[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<AttendanceStatus>('出勤');
  const [missed, setMissed] = useState(0);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void loadTraineeIndex().then(setIndex);
  }, []);
  const results = useMemo(() => (index ? searchTrainees(index, query, 20) : []), [index, query]);

  const add = async (t: TraineeLite | undefined) => {
    if (!t) {
      setError(query.trim() ? '没有找到匹配的学员' : '请输入姓名、拼音首字母或身份证号后几位');
      return;
    }
    if (closed && !reason.trim()) {
      setError('考勤已关闭，添加插班学员需填写原因');
      return;
    }
    setSaving(true);
    try {
      await addWalkIn(session.id, t.id, { status, minutesMissed: missed }, reason);
      void message.success(`已添加插班学员${t.name}（${status}）`);
      onClose();
    } catch (e) {
      setError(errorText(e));
      setSaving(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (results.length ? (a + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length : 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void add(results[active]);
    }
  };

  return (
    <Modal
      open
      title="添加插班学员"
      okText="添加"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: !results[active] }}
      onOk={() => void add(results[active])}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary">未报名本培训班、但来参加本次课的学员，记为插班并计入学时。</Typography.Paragraph>
      <Input
        autoFocus
        aria-label="查找插班学员"
        placeholder="姓名、拼音首字母或身份证号后几位"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={onKey}
      />
      <div className="dx-walkin-results" role="listbox" aria-label="查找结果">
        {!index ? <Spin style={{ margin: 12 }} /> : results.length === 0 ? (
          <Typography.Text type="secondary" style={{ display: 'block', padding: 12 }}>
            {query.trim() ? '没有找到匹配的在册学员' : '输入后显示匹配的学员'}
          </Typography.Text>
        ) : results.map((t, i) => (
          <div key={t.id} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onClick={() => setActive(i)} onDoubleClick={() => void add(t)}>
            <strong>{t.name}</strong>
            <span>{t.gender ?? ''}</span>
            <span>{t.branch}</span>
            <Typography.Text type="secondary">{t.idNumber ? maskIdNumber(t.idNumber) : ''}</Typography.Text>
          </div>
        ))}
      </div>
      <MarkPicker label="插班学员考勤" status={status} minutes={missed} maxMinutes={session.minutes} onStatus={setStatus} onMinutes={setMissed} />
      {closed && (
        <Input
          style={{ marginTop: 12 }}
          aria-label="更正原因"
          placeholder="考勤已关闭，请填写原因（必填）"
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
        />
      )}
      {error && <div role="alert" style={{ color: '#cf1322', marginTop: 8 }}>{error}</div>}
    </Modal>
  );
}
