import { Tag, Tooltip } from 'antd';
import type { Instructor } from '../../../../shared/domain/records';
import { appointmentWarning } from '../../../../shared/rules/appointment';

const STATUS_COLORS: Record<Instructor['status'], string | undefined> = { 在库: 'green', 暂停: 'orange', 退出: undefined };

export function InstructorStatusTag({ instructor }: { instructor: Pick<Instructor, 'status'> }) {
  return <Tag color={STATUS_COLORS[instructor.status]}>{instructor.status}</Tag>;
}

/** 聘期已满 (red) or 聘期将满 (orange), with the full sentence on hover; nothing when the appointment is current. */
export function AppointmentTag({ instructor, today }: { instructor: Pick<Instructor, 'status' | 'appointmentEnd'>; today: string }) {
  const warning = appointmentWarning(instructor, today);
  if (!warning) return null;
  return (
    <Tooltip title={warning.message}>
      <Tag color={warning.kind === 'lapsed' ? 'red' : 'orange'}>{warning.label}</Tag>
    </Tooltip>
  );
}
