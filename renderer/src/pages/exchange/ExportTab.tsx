import { Alert, App, Button, Card, Descriptions, Empty, Radio, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PART_LABELS, PART_TABLES, type PackageKind } from '../../../../shared/package/format';
import { buildPackageInBackground } from '../../data/exchange/background';
import { commitExport, pendingChanges, type BuiltPackage } from '../../data/exchange/export';
import { acknowledgedTombstones, importReceipt, purgeAcknowledgedTombstones } from '../../data/exchange/receipts';
import { useExchangeSettings, useOwnState } from '../../data/exchange/state';
import { ledger } from '../../data/exchange/tables';
import { db } from '../../data/instance';
import { PACKAGE_FILTERS, RECEIPT_FILTERS, formatBytes, pickFile, saveAs } from './files';
import { useWork } from './useWork';

const KIND_LABEL: Record<PackageKind, string> = { incremental: '增量数据包', full: '完整数据包' };

/** 上报数据: export a package for the county, import its receipts. */
export function ExportTab() {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const settings = useExchangeSettings();
  const own = useOwnState();
  const [kind, setKind] = useState<PackageKind>('incremental');
  const pending = useLiveQuery(() => pendingChanges(kind), [kind, own?.ackSeq]);
  const lastExport = useLiveQuery(async () =>
    (await ledger(db()).orderBy('at').reverse().filter((e) => e.direction === 'export' && e.kind === 'package' && e.result === 'ok').first()) ?? null,
  );
  const tombstones = useLiveQuery(() => (own && own.ackSeq > 0 ? acknowledgedTombstones() : 0), [own?.ackSeq]);
  const work = useWork();
  const [built, setBuilt] = useState<BuiltPackage | null>(null);

  const generate = async () => {
    setBuilt(null);
    const result = await work.run('正在生成数据包', (opts) => buildPackageInBackground(kind, opts), true);
    if (result) setBuilt(result);
  };

  const save = (pkg: BuiltPackage) =>
    work.run('正在保存数据包', async () => {
      const location = await saveAs(pkg.fileName, PACKAGE_FILTERS, pkg.bytes);
      if (!location) return;
      await commitExport(pkg);
      setBuilt(null);
      void message.success(`第 ${pkg.manifest.sequence} 号数据包已保存：${location}。请交给市委党校导入，并取回回执。`, 6);
    });

  const receipt = () =>
    work.run('正在导入回执', async () => {
      const file = await pickFile(RECEIPT_FILTERS);
      if (!file) return;
      const result = await importReceipt(file.data, file.name);
      if (!result.ok) throw new Error(result.error);
      const { receipt: r, advanced } = result.value;
      void (advanced
        ? message.success(`已导入「${r.from.name}」的回执：确认收到第 ${r.acknowledged.sequence} 号及之前的数据包。下次增量数据包只含此后的变化。`, 6)
        : message.info('这份回执已经导入过，或比已导入的回执更早，没有变化。'));
    });

  const purge = () =>
    modal.confirm({
      title: `彻底清除 ${tombstones ?? 0} 条已确认的删除记录？`,
      content: '这些记录已删除，且市委党校已确认收到删除。清除后无法恢复，也不会再出现在数据包中。',
      okText: '清除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        work.run('正在清除', async () => {
          const n = await purgeAcknowledgedTombstones();
          void message.success(`已清除 ${n} 条删除记录`);
        }),
    });

  const changed = pending?.tables.filter((t) => t.count > 0) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 920 }}>
      {settings && !settings.code && (
        <Alert
          type="warning"
          showIcon
          title="本机还没有交换码，不能导出数据包"
          description="交换码由市委党校下发，用于签名数据包和保护学员身份证号。"
          action={<Button onClick={() => navigate('/exchange/settings')}>去填写</Button>}
        />
      )}
      {work.error && <Alert type="error" showIcon title={work.error} closable={{ onClose: () => work.setError(null) }} />}
      <Card title="上报情况" size="small">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="最近导出">
            {lastExport ? `第 ${lastExport.sequence} 号数据包（${dayjs(lastExport.at).format('YYYY-MM-DD HH:mm')}，${lastExport.message}）` : '尚未导出过数据包'}
          </Descriptions.Item>
          <Descriptions.Item label="市委党校已确认">
            {own?.ackAt ? `「${own.ackBy}」的回执（${dayjs(own.ackAt).format('YYYY-MM-DD HH:mm')}）：已收到本校第 ${own.ackSeq} 号变化之前的全部数据` : '尚未收到回执：增量数据包将包含全部数据'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="导出数据包" size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value); setBuilt(null); }} disabled={work.running}>
            <Radio value="incremental">增量：市委党校上次确认之后的变化（日常上报）</Radio>
            <Radio value="full">完整：本机的全部数据（首次上报，或市委党校要求时）</Radio>
          </Radio.Group>
          <Typography.Text type="secondary">
            身份证号：{settings?.allowIdNumbers ? '完整上报（交换设置中已允许）' : '只上报加密摘要和后四位，用于市委党校识别同一人员'}。删除的记录也会上报，以便市里同步删除。
          </Typography.Text>
          {changed.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={kind === 'incremental' ? '自上次确认以来没有变化' : '本机还没有数据'} />
          ) : (
            <Typography.Text data-testid="pending-changes">
              待上报 {pending?.total} 条记录：{changed.map((t) => `${t.label} ${t.count}`).join('，')}
            </Typography.Text>
          )}
          <Button type="primary" onClick={generate} disabled={!settings?.code || work.running}>
            生成{KIND_LABEL[kind]}
          </Button>
          {work.progress}
          {built && <ExportReview pkg={built} onSave={() => void save(built)} onDiscard={() => setBuilt(null)} busy={work.running} />}
        </Space>
      </Card>
      <Card title="导入回执" size="small">
        <Typography.Paragraph type="secondary">
          市委党校导入数据包后会给出回执文件（.dxack）。导入回执后，下次增量数据包只包含此后的变化。
        </Typography.Paragraph>
        <Button onClick={receipt} disabled={!settings?.code || work.running}>导入回执…</Button>
      </Card>
      {own && own.ackSeq > 0 && (
        <Card title="清理已确认的删除记录" size="small">
          <Typography.Paragraph type="secondary">
            已删除、且市委党校已确认收到的记录共 {tombstones ?? '…'} 条。它们不再需要上报，可以彻底清除以节省空间（不影响统计）。
          </Typography.Paragraph>
          <Button onClick={purge} disabled={!tombstones || work.running}>清除…</Button>
        </Card>
      )}
    </Space>
  );
}

function ExportReview({ pkg, onSave, onDiscard, busy }: { pkg: BuiltPackage; onSave: () => void; onDiscard: () => void; busy: boolean }) {
  const { manifest } = pkg;
  const rows = PART_TABLES.filter((t) => (pkg.counts[t]?.records ?? 0) > 0).map((t) => ({
    table: t, label: PART_LABELS[t], records: pkg.counts[t]!.records!, deleted: pkg.counts[t]!.deletedRecords ?? 0,
  }));
  return (
    <div data-testid="export-review" style={{ marginTop: 8 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>请核对数据包内容</Typography.Title>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="数据包">
          {manifest.source.name} 第 {manifest.sequence} 号（{KIND_LABEL[manifest.kind]}）
        </Descriptions.Item>
        <Descriptions.Item label="接续">{manifest.previous ? `第 ${manifest.previous.sequence} 号之后` : '首个数据包'}</Descriptions.Item>
        <Descriptions.Item label="变化范围">第 {manifest.range.fromSeq + 1}–{manifest.range.toSeq} 号变化</Descriptions.Item>
        <Descriptions.Item label="文件大小">{formatBytes(pkg.bytes.byteLength)}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{manifest.identity.idNumbers === 'plain' ? '完整上报' : '加密摘要和后四位'}</Descriptions.Item>
        <Descriptions.Item label="文件名">{pkg.fileName}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        pagination={false}
        rowKey="table"
        dataSource={rows}
        locale={{ emptyText: '没有需要上报的变化（仍可保存，市委党校导入后会确认本校已是最新）' }}
        columns={[
          { title: '数据', dataIndex: 'label' },
          { title: '记录数', dataIndex: 'records', align: 'right' },
          { title: '其中删除', dataIndex: 'deleted', align: 'right' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={onSave} disabled={busy} autoFocus>保存数据包…</Button>
        <Button onClick={onDiscard} disabled={busy}>放弃</Button>
      </Space>
    </div>
  );
}
