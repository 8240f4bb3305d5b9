import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useCan } from '../data/auth/permissions';
import { revealSensitive } from '../data/auth/reveal';
import type { RegistryTable } from '../data/registries/common';
import { fieldText } from '../data/registries/fieldText';
import { describeRecord } from '../data/write';
import { errorText } from './RegistryFormModal';

/** The record whose number is shown: its table and itself, to name it in the audit trail. */
export interface SensitiveSubject {
  table: RegistryTable;
  record: { id: string; name: string };
}

/**
 * Showing a full number: allowed to accounts with the grant, and recorded in the trail.
 * Returns whether the account may, and a function that reveals (false when refused).
 */
function useReveal(field: string, subject: SensitiveSubject | undefined) {
  const { message } = App.useApp();
  const kind = field === 'idNumber' ? 'idNumber' : 'phone';
  const allowed = useCan(kind === 'idNumber' ? 'reveal.idNumber' : 'reveal.phone');
  const reveal = async () => {
    if (!subject) return true;
    try {
      await revealSensitive(kind, { table: subject.table, id: subject.record.id, label: describeRecord(subject.table, subject.record) });
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };
  return { allowed, reveal };
}

/** An ID number or phone shown masked (DOMAIN.md §7), with a button to show it in full to those allowed. */
export function RegistrySensitiveText({ value, field, subject }: { value: string; field: string; subject: SensitiveSubject }) {
  const [shown, setShown] = useState(false);
  const { allowed, reveal } = useReveal(field, subject);
  if (!value) return <>—</>;
  const label = shown ? '隐藏' : '显示完整号码';
  return (
    <Space size={4}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fieldText(field, value, shown)}</span>
      {allowed && (
        <Tooltip title={shown ? '隐藏' : '显示完整号码（将记入操作日志）'}>
          <Button
            type="text"
            size="small"
            aria-label={label}
            icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={async () => setShown(shown ? false : await reveal())}
          />
        </Tooltip>
      )}
    </Space>
  );
}

interface SensitiveInputProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  field: string;
  /** The record being edited; absent for a new one. */
  subject?: SensitiveSubject;
  placeholder?: string;
  maxLength?: number;
}

/**
 * A form input for an ID number or phone. A stored value shows masked: those allowed may
 * reveal it to change it (recorded in the trail), others may only type a new one.
 */
export function RegistrySensitiveInput({ id, value = '', onChange, field, subject, placeholder, maxLength }: SensitiveInputProps) {
  const [locked, setLocked] = useState(value !== '');
  const { allowed, reveal } = useReveal(field, subject);
  if (locked) {
    return (
      <Space.Compact style={{ width: '100%' }}>
        <Input id={id} value={fieldText(field, value)} readOnly />
        {allowed ? (
          <Button onClick={async () => setLocked(!(await reveal()))}>显示并修改</Button>
        ) : (
          <Button
            onClick={() => {
              onChange?.('');
              setLocked(false);
            }}
          >
            重新填写
          </Button>
        )}
      </Space.Compact>
    );
  }
  return <Input id={id} value={value} placeholder={placeholder} maxLength={maxLength} onChange={(e) => onChange?.(e.target.value)} />;
}
