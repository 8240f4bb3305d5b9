import { Alert, App, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { checkPackageInBackground, type BackgroundImport } from '../../data/exchange/background';
import type { ImportSummary } from '../../data/exchange/import';
import { buildReceipt, recordReceiptSent } from '../../data/exchange/receipts';
import { useExchangeSettings } from '../../data/exchange/state';
import { sources } from '../../data/exchange/tables';
import { db } from '../../data/instance';
import { PACKAGE_FILTERS, RECEIPT_FILTERS, formatBytes, pickFile, saveAs } from './files';
import { useWork } from './useWork';

const COUNT_COLUMNS = [
  ['new', '新增'],
  ['updated', '更新'],
  ['deleted', '删除'],
  ['conflicting', '冲突'],
  ['unchanged', '未变'],
] as const;

/** 导入数据: check a package, preview it per table, apply it; then the receipt for its school. */
export function ImportTab() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const settings = useExchangeSettings();
  const imported = useLiveQuery(() => sources(db()).orderBy('id').toArray());
  const work = useWork();
  const [checked, setChecked] = useState<BackgroundImport | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  // A checked package waits in its worker until it is imported; one set aside (or left on the page) lets it go.
  useEffect(() => () => checked?.discard(), [checked]);

  const choose = () =>
    work.run(
      '正在检查数据包',
      async (opts) => {
        setChecked(null);
        setDone(null);
        const file = await pickFile(PACKAGE_FILTERS);
        if (!file) return;
        const result = await checkPackageInBackground(file.data, file.name, opts);
        if (!result.ok) throw new Error(result.error);
        setChecked(result.value);
      },
      true,
    );

  const apply = (c: BackgroundImport) =>
    work.run(
      '正在导入数据包',
      async (opts) => {
        const summary = await c.apply(opts);
        setChecked(null);
        setDone(summary);
      },
      true,
    );

  const receipt = (sourceId: string) =>
    work.run('正在生成回执', async () => {
      const built = await buildReceipt(sourceId);
      const location = await saveAs(built.fileName, RECEIPT_FILTERS, built.bytes);
      if (!location) return;
      await recordReceiptSent(built);
      void message.success(`回执已保存：${location}。请交给「${built.receipt.to.name}」导入。`, 6);
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 980 }}>
      {settings && !settings.code && (
        <Alert
          type="warning"
          showIcon
          title="本机还没有交换码，不能检查数据包的签名"
          action={<Button onClick={() => navigate('/exchange/settings')}>去设置</Button>}
        />
      )}
      <Card title="导入数据包" size="small">
        <Typography.Paragraph type="secondary">
          先全面检查数据包（来源、签名、校验值、序号是否连续），并显示每类数据将新增、更新、删除多少条；确认后一次性导入，中途取消则不写入任何数据。
        </Typography.Paragraph>
        <Button type="primary" onClick={choose} disabled={!settings?.code || work.running}>选择数据包…</Button>
        {work.progress}
        {work.error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="数据包未导入" description={work.error} closable={{ onClose: () => work.setError(null) }} />}
        {checked && <Preview checked={checked} busy={work.running} onApply={() => void apply(checked)} onCancel={() => setChecked(null)} />}
        {done && (
          <Alert
            style={{ marginTop: 12 }}
            type={done.conflicts ? 'warning' : 'success'}
            showIcon
            title={`已导入「${done.entry.sourceName}」第 ${done.entry.sequence} 号数据包`}
            description={done.entry.message}
            action={
              <Space orientation="vertical">
                <Button size="small" type="primary" onClick={() => void receipt(done.entry.sourceId)}>保存回执…</Button>
                {done.conflicts > 0 && <Button size="small" onClick={() => navigate('/exchange/conflicts')}>处理冲突</Button>}
              </Space>
            }
          />
        )}
      </Card>
      <Card title="已导入的党校" size="small">
        <Table
          size="small"
          rowKey="id"
          dataSource={imported}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有导入过数据包' }}
          columns={[
            { title: '党校', dataIndex: 'name' },
            { title: '已导入到', dataIndex: 'lastSequence', render: (n: number) => `第 ${n} 号数据包` },
            { title: '最近导入', dataIndex: 'lastImportedAt', render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
            {
              title: '回执',
              key: 'receipt',
              render: (_, s) => (
                <Button size="small" onClick={() => void receipt(s.id)} disabled={work.running}>
                  保存回执…
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function Preview({ checked, busy, onApply, onCancel }: { checked: BackgroundImport; busy: boolean; onApply: () => void; onCancel: () => void }) {
  const { manifest, size } = checked;
  const rows = checked.preview.map((p) => ({ key: p.table, label: p.label, ...p.counts }));
  return (
    <div data-testid="import-preview" style={{ marginTop: 16 }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="来源党校">{manifest.source.name}</Descriptions.Item>
        <Descriptions.Item label="数据包">
          第 {manifest.sequence} 号（{manifest.kind === 'full' ? '完整' : '增量'}）{manifest.previous ? `，接在第 ${manifest.previous.sequence} 号之后` : '，首个数据包'}
        </Descriptions.Item>
        <Descriptions.Item label="导出时间">{dayjs(manifest.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{manifest.identity.idNumbers === 'plain' ? '完整' : '加密摘要和后四位'}</Descriptions.Item>
        <Descriptions.Item label="文件">{checked.fileName}</Descriptions.Item>
        <Descriptions.Item label="大小">{formatBytes(size)}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        pagination={false}
        rowKey="key"
        dataSource={rows}
        locale={{ emptyText: '数据包中没有变化' }}
        columns={[
          { title: '数据', dataIndex: 'label' },
          ...COUNT_COLUMNS.map(([key, title]) => ({
            title,
            dataIndex: key,
            align: 'right' as const,
            render: (n: number) => (key === 'conflicting' && n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n),
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        各校的数据以该校为准；两处都改过同一条他校记录时列为“冲突”，导入后在“冲突处理”中由您选择保留哪个版本。
      </Typography.Paragraph>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={onApply} disabled={busy} autoFocus>导入</Button>
        <Button onClick={onCancel} disabled={busy}>取消</Button>
      </Space>
    </div>
  );
}
