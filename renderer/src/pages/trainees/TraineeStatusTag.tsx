import { Tag } from 'antd';
import type { Trainee } from '../../../../shared/domain/records';

const COLORS: Record<Trainee['status'], string | undefined> = { 在册: 'green', 转出: 'orange', 退出: undefined };

export function TraineeStatusTag({ trainee }: { trainee: Pick<Trainee, 'status'> }) {
  return <Tag color={COLORS[trainee.status]}>{trainee.status}</Tag>;
}
