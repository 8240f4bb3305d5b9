import { InputNumber, Radio, Space } from 'antd';
import type { AttendanceStatus } from '../../../../shared/domain/constants';
import { MINUTES_STATUSES } from '../../../../shared/rules/attendance';
import { STATUS_OPTIONS } from './format';

/** A status to choose, and for 迟到/早退 the minutes missed (Enter confirms). */
export function MarkPicker({ label, status, minutes, maxMinutes, onStatus, onMinutes, onEnter }: {
  label: string;
  status: AttendanceStatus | null;
  minutes: number;
  maxMinutes: number;
  onStatus: (status: AttendanceStatus) => void;
  onMinutes: (minutes: number) => void;
  onEnter?: () => void;
}) {
  return (
    <Space wrap>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        aria-label={label}
        value={status}
        options={STATUS_OPTIONS}
        onChange={(e) => onStatus(e.target.value as AttendanceStatus)}
      />
      {status && MINUTES_STATUSES.includes(status) && (
        <InputNumber
          aria-label="缺课分钟"
          min={0}
          max={maxMinutes}
          precision={0}
          value={minutes}
          suffix="分钟"
          onChange={(v) => onMinutes(v ?? 0)}
          onPressEnter={onEnter}
        />
      )}
    </Space>
  );
}
