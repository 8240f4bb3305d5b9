import { Alert, App, Checkbox, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ImportEntity, ImportRecord } from '../../../shared/import/columns';
import { desktop } from '../bridge';
import { useCan } from '../data/auth/permissions';
import { recordExport } from '../data/auth/reveal';
import { IMPORT_TABLES } from '../data/registries/importing';
import { ENTITY_LABELS, registryFile, registrySheet, type ExportFormat, type ExtraColumn } from '../data/registries/exporting';
import { errorText } from './RegistryFormModal';

const FILTERS = { xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] }, csv: { name: 'CSV 文件', extensions: ['csv'] } };

/**
 * Rows a list shows only in part (the trainee list holds each trainee's summary from the
 * rolls): how many, and how to read their full records when the export runs.
 */
export interface RecordsToRead<R> {
  count: number;
  read: () => Promise<readonly R[]>;
}

export interface RegistryExportDialogProps<E extends ImportEntity> {
  entity: E;
  open: boolean;
  onClose: () => void;
  /** The list as filtered on screen. */
  records: readonly ImportRecord<E>[] | RecordsToRead<ImportRecord<E>>;
  extra?: ExtraColumn<ImportRecord<E>>[];
  /** What ticking “full” reveals, e.g. 身份证号和电话. */
  sensitive: string;
}

/** Export a registry list to .xlsx or .csv; ID numbers and phones masked unless the user ticks otherwise. */
export function RegistryExportDialog<E extends ImportEntity>(props: RegistryExportDialogProps<E>) {
  const { message } = App.useApp();
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = ENTITY_LABELS[props.entity];
  const mayUnmask = useCan('export.unmasked');
  const source = props.records;
  const count = 'read' in source ? source.count : source.length;

  // Unmasked is never remembered: each export starts masked.
  const close = () => {
    setReveal(false);
    setError(null);
    props.onClose();
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const records = 'read' in source ? await source.read() : source;
      const sheet = registrySheet(props.entity, records, { reveal, extra: props.extra });
      const file = await registryFile(props.entity, sheet, format);
      // Recorded (and an unmasked export checked against the account's grant) before the file leaves the app.
      await recordExport(`导出${label}名册 ${records.length} 条（${file.name}）`, { unmasked: reveal, table: IMPORT_TABLES[props.entity] });
      const saved = await desktop.saveFile({ suggestedName: file.name, filters: [FILTERS[format]], data: file.data });
      if (!saved.ok) throw new Error(saved.error);
      if (saved.value.saved) {
        void message.success(`已导出 ${records.length} 条${label}记录：${saved.value.location ?? file.name}`);
        close();
      }
    } catch (e) {
      setError(`导出失败：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`导出${label}名册`}
      open={props.open}
      onCancel={close}
      onOk={run}
      okText="导出"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: count === 0 }}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text>
          将导出当前列表中的 <b>{count}</b> 条{label}记录（按当前的搜索和筛选条件）。
        </Typography.Text>
        <Radio.Group value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          <Radio value="xlsx">Excel 工作簿（.xlsx）</Radio>
          <Radio value="csv">CSV 文件（.csv）</Radio>
        </Radio.Group>
        <Checkbox checked={reveal} disabled={!mayUnmask} onChange={(e) => setReveal(e.target.checked)}>
          导出完整{props.sensitive}
          {!mayUnmask && <Typography.Text type="secondary">（需管理员授予“导出完整号码”权限）</Typography.Text>}
        </Checkbox>
        {reveal ? (
          <Alert type="warning" showIcon title="文件将包含完整的个人信息，请妥善保管，不要随意转发。" />
        ) : (
          <Typography.Text type="secondary">
            {props.sensitive}将打码导出（如 370881********1234）。打码的文件再导入时，这些列无法用来更新记录。
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
