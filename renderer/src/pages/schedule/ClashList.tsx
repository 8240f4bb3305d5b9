import { Alert, Space } from 'antd';
import type { Clash } from '../../../../shared/rules/clashes';

/** Clashes as the user must read them: hard ones (冲突) in red and first, soft ones (提醒) in amber. */
export function ClashList({ clashes }: { clashes: readonly Clash[] }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6} data-testid="clash-list">
      {clashes.map((c, i) => (
        <Alert
          key={i}
          type={c.severity === 'hard' ? 'error' : 'warning'}
          showIcon
          title={`${c.severity === 'hard' ? '冲突' : '提醒'}：${c.message}`}
        />
      ))}
    </Space>
  );
}
