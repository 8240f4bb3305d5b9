import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { ExternalImportPreview, ExternalImportRow } from '../../../../shared/import/externalHours';
import type { ImportRejection } from '../../../../shared/import/preview';
import { desktop } from '../../bridge';
import { deleteColumn } from '../../components/deleteColumn';
import { ExternalHoursModal } from '../../components/ExternalHoursModal';
import {
  deleteExternalHours, externalHoursOfYear, importExternalRows, previewExternalSheet, type ExternalEntry,
} from '../../data/attendance/external';
import { readSpreadsheet, writeXlsx } from '../../data/spreadsheet';
import { errorText } from './format';

const TEMPLATE_COLUMNS = [
  { header: '姓名', width: 12 }, { header: '身份证号', width: 22 }, { header: '来源', width: 18 },
  { header: '日期', width: 14 }, { header: '学时', width: 8 }, { header: '备注', width: 30 },
];

/** 外部学时: the year's external hours, entered one by one or imported from a sheet. */
export function ExternalHoursTab() {
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState<{ fileName: string; preview: ExternalImportPreview } | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const entries = useLiveQuery(() => externalHoursOfYear(year), [year]);
  const shown = useMemo(() => {
    const q = query.trim();
    return q ? entries?.filter((e) => e.trainee?.name.includes(q) || e.source.includes(q) || e.trainee?.branch.includes(q)) : entries;
  }, [entries, query]);

  const chooseFile = async () => {
    setImportError(null);
    const opened = await desktop.openFile({ filters: [{ name: 'Excel 或 CSV 表格', extensions: ['xlsx', 'csv'] }] });
    if (!opened.ok) return setImportError(opened.error);
    if (!opened.value) return;
    const rows = await readSpreadsheet(opened.value.data, opened.value.name);
    if (!rows.ok) return setImportError(`${opened.value.name}：${rows.error}`);
    const preview = await previewExternalSheet(rows.value, dayjs().format('YYYY-MM-DD'));
    if (!preview.ok) return setImportError(`${opened.value.name}：${preview.error}`);
    setImporting({ fileName: opened.value.name, preview: preview.value });
  };
  const confirmImport = async () => {
    if (!importing) return;
    setSaving(true);
    try {
      const saved = await importExternalRows(importing.preview.add);
      void message.success(`已导入 ${saved.length} 条外部学时`);
      setImporting(null);
    } catch (e) {
      setImportError(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  const downloadTemplate = async () => {
    const data = await writeXlsx({ title: '外部学时登记表', columns: TEMPLATE_COLUMNS, rows: [] });
    const r = await desktop.saveFile({ suggestedName: '外部学时导入模板.xlsx', filters: [{ name: 'Excel 表格', extensions: ['xlsx'] }], data });
    if (!r.ok) void message.error(r.error);
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="年度" value={year} onChange={setYear} style={{ width: 110 }} options={[0, 1, 2].map((k) => ({ value: thisYear - k, label: `${thisYear - k} 年` }))} />
        <Input.Search allowClear aria-label="查找外部学时" placeholder="姓名、党支部或来源" style={{ width: 240 }} onSearch={setQuery} onChange={(e) => setQuery(e.target.value)} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>添加外部学时</Button>
        <Button icon={<UploadOutlined />} onClick={() => void chooseFile()}>从 Excel 导入…</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>下载导入模板</Button>
      </Space>
      <Typography.Paragraph type="secondary">
        学习强国、灯塔—党建在线、其他党校或上级组织的培训等。各来源的年度上限在“设置 → 学时规则”中设置，统计台账时按上限计入。
      </Typography.Paragraph>
      {importError && <Alert type="error" showIcon title="无法导入" description={importError} closable={{ onClose: () => setImportError(null) }} style={{ marginBottom: 12 }} />}
      <Table<ExternalEntry>
        rowKey="id"
        size="small"
        loading={!entries}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: `${year} 年还没有外部学时` }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          {
            title: '学员',
            key: 'trainee',
            width: 100,
            render: (_, e) => <Link to={`/attendance/ledger/${e.traineeId}?year=${e.year}`}>{e.trainee?.name ?? '（已删除）'}</Link>,
          },
          { title: '所在党支部', key: 'branch', ellipsis: true, render: (_, e) => e.trainee?.branch },
          { title: '来源', dataIndex: 'source', width: 160 },
          { title: '学时', dataIndex: 'hours', width: 80, align: 'right' },
          { title: '备注', dataIndex: 'note', ellipsis: true },
          deleteColumn<ExternalEntry>('条外部学时', (e) => deleteExternalHours(e.id)),
        ]}
      />
      {adding && <ExternalHoursModal onClose={() => setAdding(false)} />}
      {importing && (
        <Modal
          open
          width={860}
          title={`导入外部学时：${importing.fileName}`}
          okText={`导入 ${importing.preview.add.length} 条`}
          cancelText="取消"
          okButtonProps={{ disabled: importing.preview.add.length === 0 }}
          confirmLoading={saving}
          onOk={() => void confirmImport()}
          onCancel={() => setImporting(null)}
          destroyOnHidden
        >
          <ImportSummary preview={importing.preview} />
        </Modal>
      )}
    </>
  );
}

function ImportSummary({ preview }: { preview: ExternalImportPreview }) {
  const { add, unchanged, rejected } = preview;
  return (
    <div data-testid="external-import-preview">
      <Alert
        type={rejected.length ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={`可导入 ${add.length} 条${unchanged ? `，已登记过 ${unchanged} 条（跳过）` : ''}${rejected.length ? `，有问题 ${rejected.length} 处` : ''}`}
        description={rejected.length ? '有问题的行不会导入；可修改表格后重新导入，已导入的行再次导入时会自动跳过。' : undefined}
      />
      {rejected.length > 0 && (
        <Table<ImportRejection>
          rowKey={(r) => `${r.row}|${r.column}|${r.reason}`}
          size="small"
          aria-label="有问题的行"
          dataSource={rejected}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          style={{ marginBottom: 12 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'column', width: 110 },
            { title: '问题', dataIndex: 'reason' },
          ]}
        />
      )}
      {add.length > 0 && (
        <Table<ExternalImportRow>
          rowKey="row"
          size="small"
          aria-label="将导入的外部学时"
          dataSource={add}
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          columns={[
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '学员', key: 'name', width: 90, render: (_, r) => r.trainee.name },
            { title: '所在党支部', key: 'branch', ellipsis: true, render: (_, r) => r.trainee.branch },
            { title: '来源', dataIndex: 'source', width: 140 },
            { title: '日期', dataIndex: 'date', width: 110 },
            { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
          ]}
        />
      )}
    </div>
  );
}
