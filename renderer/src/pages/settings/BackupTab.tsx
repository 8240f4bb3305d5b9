import { Alert, App, Button, Card, Descriptions, InputNumber, List, Progress, Space, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { BackupEntry } from '../../../../shared/desktop-api';
import { desktop } from '../../bridge';
import { useCan } from '../../data/auth/permissions';
import { runDailyBackup } from '../../data/autoBackup';
import { backupFileName, checkBackup, restoreBackup, type CheckedBackup } from '../../data/backup';
import { createBackupInBackground } from '../../data/exchange/background';
import { saveSetting, useSetting } from '../../data/settings';
import { useAppInfo } from '../../hooks/useAppInfo';
import { useAction } from '../accounts/useAction';

const BACKUP_FILTERS = [{ name: '党校教务通备份', extensions: ['dxbak'] }];

export function BackupTab() {
  const { message, modal } = App.useApp();
  const settings = useSetting('backup');
  const info = useAppInfo();
  const { running: busy, error, setError, run: act } = useAction();
  const [pending, setPending] = useState<CheckedBackup | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [autoList, setAutoList] = useState<BackupEntry[]>([]);
  // Restoring replaces everything, so only a 管理员 is offered it; the data layer refuses others too.
  const mayRestore = useCan('backup.restore');
  const mayChangeSettings = useCan('settings.edit');

  const refreshList = useCallback(async () => {
    const list = await desktop.listBackups();
    setAutoList(list.ok ? list.value : []);
  }, []);
  useEffect(() => void refreshList(), [refreshList]);

  const run = (label: string, work: () => Promise<void>) => act(work, label);

  const backupToFile = () =>
    run('backup', async () => {
      const bytes = await createBackupInBackground('manual');
      const saved = await desktop.saveFile({ suggestedName: backupFileName(), filters: BACKUP_FILTERS, data: bytes });
      if (!saved.ok) throw new Error(saved.error);
      if (saved.value.saved) void message.success(`备份已保存：${saved.value.location ?? ''}`);
    });

  const inspect = async (read: () => Promise<{ ok: true; value: Uint8Array | null } | { ok: false; error: string }>) =>
    run('inspect', async () => {
      setPending(null);
      const file = await read();
      if (!file.ok) throw new Error(file.error);
      if (!file.value) return;
      const checked = await checkBackup(file.value);
      if (!checked.ok) throw new Error(checked.error);
      setPending(checked.value);
    });

  const pickFile = () =>
    inspect(async () => {
      const opened = await desktop.openFile({ filters: BACKUP_FILTERS });
      return opened.ok ? { ok: true, value: opened.value?.data ?? null } : opened;
    });

  const confirmRestore = (backup: CheckedBackup) =>
    modal.confirm({
      title: '用此备份替换当前全部数据？',
      content: '当前数据将被备份中的数据完整替换。建议先“立即备份到文件”保存当前数据。',
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run('restore', async () => {
          setRestoring(0);
          await restoreBackup(backup, (f) => setRestoring(Math.round(f * 100))).finally(() => setRestoring(null));
          setPending(null);
          void message.success('已从备份恢复');
        }),
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 880 }}>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
      <Card title="手动备份" size="small">
        <Typography.Paragraph type="secondary">把全部数据保存为一个备份文件（.dxbak），可存到U盘或其他电脑。</Typography.Paragraph>
        <Button type="primary" onClick={backupToFile} loading={busy === 'backup'}>立即备份到文件…</Button>
        {!mayRestore && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            从备份恢复会替换全部数据，须由管理员账户操作。
          </Typography.Paragraph>
        )}
      </Card>
      {mayRestore && (
        <Card title="从备份恢复" size="small">
          <Typography.Paragraph type="secondary">先检查备份文件并显示其内容，确认后才会替换当前数据。</Typography.Paragraph>
          <Button onClick={pickFile} loading={busy === 'inspect'}>选择备份文件…</Button>
          {pending && (
            <div style={{ marginTop: 16 }} data-testid="backup-preview">
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label="所属党校">{pending.manifest.school?.name ?? '（未设置）'}</Descriptions.Item>
                <Descriptions.Item label="备份时间">{dayjs(pending.manifest.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
                <Descriptions.Item label="程序版本">{pending.manifest.appVersion}</Descriptions.Item>
                <Descriptions.Item label="数据格式">第 {pending.manifest.schemaVersion} 版</Descriptions.Item>
              </Descriptions>
              <Table
                size="small"
                style={{ marginTop: 12 }}
                pagination={false}
                rowKey="table"
                dataSource={pending.summary}
                columns={[{ title: '数据', dataIndex: 'label' }, { title: '条数', dataIndex: 'count', align: 'right' }]}
              />
              {restoring !== null && <Progress percent={restoring} status="active" style={{ marginTop: 12 }} aria-label="恢复进度" />}
              <Space style={{ marginTop: 12 }}>
                <Button danger type="primary" onClick={() => confirmRestore(pending)} loading={busy === 'restore'}>恢复此备份</Button>
                <Button onClick={() => setPending(null)}>取消</Button>
              </Space>
            </div>
          )}
        </Card>
      )}
      <Card title="自动备份" size="small">
        {settings && mayChangeSettings && (
          <Space wrap size="large" style={{ marginBottom: 12 }}>
            <Space>
              <Switch
                checked={settings.autoDaily}
                onChange={(autoDaily) => void saveSetting('backup', { ...settings, autoDaily })}
                aria-label="每天自动备份"
              />
              每天首次打开时自动备份到数据文件夹
            </Space>
            <Space>
              保留最近
              <InputNumber min={1} max={365} value={settings.keep} onChange={(keep) => keep && void saveSetting('backup', { ...settings, keep })} />
              份
            </Space>
          </Space>
        )}
        <List
          size="small"
          bordered
          locale={{ emptyText: '还没有自动备份' }}
          dataSource={autoList}
          renderItem={(b) => (
            <List.Item
              actions={mayRestore ? [
                <Button key="restore" type="link" onClick={() => inspect(() => desktop.readBackup(b.name))}>检查并恢复</Button>,
              ] : []}
            >
              {dayjs(b.modifiedAt).format('YYYY-MM-DD HH:mm:ss')} · {(b.size / 1024).toFixed(0)} KB
            </List.Item>
          )}
        />
        <Space style={{ marginTop: 12 }}>
          <Button
            onClick={() =>
              run('auto', async () => {
                await runDailyBackup(new Date(), true);
                await refreshList();
                void message.success('已完成自动备份');
              })
            }
            loading={busy === 'auto'}
          >
            立即备份到数据文件夹
          </Button>
          {info?.canOpenDataFolder && <Button onClick={() => void desktop.openDataFolder()}>打开数据文件夹</Button>}
        </Space>
        {info && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            数据位置：{info.dataLocation}
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
