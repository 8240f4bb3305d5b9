import { Alert, Button, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { IMPORT_FIELDS, type ColumnMapping, type FieldSpec, type ImportEntity } from '../../../../shared/import/columns';
import type { ImportPreview } from '../../../../shared/import/preview';
import { normaliseCell } from '../../../../shared/import/normalise';
import { fieldText } from '../../data/registries/fieldText';

interface PreviewStepProps<E extends ImportEntity> {
  entity: E;
  preview: ImportPreview<E>;
  mapping: ColumnMapping<E>;
  /** The sheet's rows, to show which record a refused row was about. */
  rows: readonly (readonly string[])[];
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
}

const PAGE = { pageSize: 20, showSizeChanger: false, size: 'small' } as const;
const value = (key: string, record: object) => fieldText(key, (record as Record<string, unknown>)[key]) || '（空）';

/**
 * What the import would do, before anything is written: rows to add, records to update
 * (each changed field before → after), unchanged rows and refused rows with the reason.
 */
export function PreviewStep<E extends ImportEntity>({ entity, preview, mapping, rows, busy, onBack, onConfirm }: PreviewStepProps<E>) {
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[entity];
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const shown = fields.filter((f) => mapping.includes(f.key as never)).slice(0, 8);
  const writes = preview.add.length + preview.update.length;
  const rejected = [...preview.rejected].sort((a, b) => a.row - b.row);
  const nameColumn = mapping.indexOf('name' as never);

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 8 }} data-testid="import-summary">
        <Tag color="green">新增 {preview.add.length}</Tag>
        <Tag color="blue">更新 {preview.update.length}</Tag>
        <Tag>未变化 {preview.unchanged}</Tag>
        <Tag color={rejected.length ? 'red' : undefined}>未导入 {rejected.length}</Tag>
      </Flex>
      <Tabs
        size="small"
        items={[
          {
            key: 'add',
            label: `新增（${preview.add.length}）`,
            children: (
              <Table
                size="small"
                rowKey="key"
                pagination={PAGE}
                scroll={{ x: 'max-content' }}
                dataSource={preview.add.map((draft, key) => ({ key, draft: draft as Record<string, unknown> }))}
                columns={shown.map((f) => ({ title: f.label, key: f.key, render: (_: unknown, r: { draft: Record<string, unknown> }) => fieldText(f.key, r.draft[f.key]) }))}
                locale={{ emptyText: '没有新增的记录' }}
              />
            ),
          },
          {
            key: 'update',
            label: `更新（${preview.update.length}）`,
            children: (
              <Table
                size="small"
                rowKey="id"
                pagination={PAGE}
                dataSource={preview.update}
                columns={[
                  { title: '记录', key: 'name', width: 180, render: (_, u) => String((u.after as { name: string }).name) },
                  {
                    title: '变更内容（原值 → 新值）',
                    key: 'changes',
                    render: (_, u) => (
                      <Flex vertical gap={2}>
                        {u.changedFields.map((f) => (
                          <span key={String(f)}>
                            <Typography.Text strong>{label(String(f))}</Typography.Text>：
                            <Typography.Text delete type="secondary">{value(String(f), u.before)}</Typography.Text>
                            {' → '}
                            <Typography.Text>{value(String(f), u.after)}</Typography.Text>
                          </span>
                        ))}
                      </Flex>
                    ),
                  },
                ]}
                locale={{ emptyText: '没有需要更新的记录' }}
              />
            ),
          },
          {
            key: 'unchanged',
            label: `未变化（${preview.unchanged}）`,
            children: (
              <Typography.Paragraph type="secondary" style={{ padding: '16px 0' }}>
                {preview.unchanged} 行与现有记录完全相同，不会写入。
              </Typography.Paragraph>
            ),
          },
          {
            key: 'rejected',
            label: `未导入（${rejected.length}）`,
            children: (
              <Table
                size="small"
                rowKey={(r) => `${r.row}|${r.column}|${r.reason}`}
                pagination={PAGE}
                dataSource={rejected}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 72 },
                  { title: label('name'), key: 'name', width: 160, ellipsis: true, render: (_, r) => normaliseCell(rows[r.row - 1]?.[nameColumn]) },
                  { title: '列', dataIndex: 'column', width: 160 },
                  { title: '原因', dataIndex: 'reason' },
                ]}
                locale={{ emptyText: '所有行都可以导入' }}
              />
            ),
          },
        ]}
      />
      {rejected.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${new Set(rejected.map((r) => r.row)).size} 行不会导入。可先导入其余各行，修改表格后再导入一次：已导入的行不会重复。`}
        />
      )}
      <Flex justify="end" gap={8}>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" disabled={writes === 0} loading={busy} onClick={onConfirm}>
          {writes === 0 ? '没有需要写入的数据' : `确认导入（新增 ${preview.add.length}，更新 ${preview.update.length}）`}
        </Button>
      </Flex>
    </>
  );
}
