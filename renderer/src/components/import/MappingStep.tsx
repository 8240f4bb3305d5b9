import { Alert, Button, Flex, InputNumber, Select, Space, Table, Typography } from 'antd';
import { IMPORT_FIELDS, suggestMapping, type ColumnMapping, type FieldSpec, type ImportEntity } from '../../../../shared/import/columns';
import { normaliseCell } from '../../../../shared/import/normalise';
import { fieldText } from '../../data/registries/fieldText';

/** A spreadsheet as read, with the header row and mapping the user is confirming. */
export interface SheetDraft<E extends ImportEntity> {
  fileName: string;
  rows: string[][];
  /** 0-based index of the header row. */
  headerRow: number;
  /** Whether the header row was found automatically. */
  headerFound: boolean;
  mapping: ColumnMapping<E>;
}

/** A, B, …, Z, AA, AB … as Excel names columns. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Problems that stop the import (missing required columns) and notes that do not. */
export function mappingProblems<E extends ImportEntity>(entity: E, mapping: ColumnMapping<E>): { errors: string[]; notes: string[] } {
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[entity];
  const missing = fields.filter((f) => f.required && !mapping.includes(f.key as never)).map((f) => `“${f.label}”`);
  const notes = fields.flatMap((f) => {
    const columns = mapping.flatMap((m, i) => (m === f.key ? [columnLetter(i)] : []));
    return columns.length > 1 ? [`“${f.label}”对应了 ${columns.join('、')} 共 ${columns.length} 列，只读取 ${columns[0]} 列`] : [];
  });
  return { errors: missing.length ? [`缺少必需的列：${missing.join('、')}，请在右侧为相应的列选择字段`] : [], notes };
}

interface MappingStepProps<E extends ImportEntity> {
  entity: E;
  sheet: SheetDraft<E>;
  onChange: (sheet: SheetDraft<E>) => void;
  onBack: () => void;
  onNext: () => void;
}

/** Confirm which field each column fills, with sample values from the sheet. */
export function MappingStep<E extends ImportEntity>({ entity, sheet, onChange, onBack, onNext }: MappingStepProps<E>) {
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[entity];
  const header = sheet.rows[sheet.headerRow] ?? [];
  const data = sheet.rows.slice(sheet.headerRow + 1);
  const width = Math.max(header.length, ...data.slice(0, 50).map((r) => r.length));
  const { errors, notes } = mappingProblems(entity, sheet.mapping);
  const columns = Array.from({ length: width }, (_, i) => {
    const field = sheet.mapping[i] ?? null;
    const samples = data.map((r) => normaliseCell(r[i])).filter((v) => v !== '').slice(0, 3);
    return { index: i, header: normaliseCell(header[i]), field, samples: samples.map((v) => fieldText(field ?? '', v)) };
  });
  const setHeaderRow = (row: number) =>
    onChange({ ...sheet, headerRow: row, mapping: suggestMapping(sheet.rows[row] ?? [], entity) });
  const setField = (index: number, field: string | null) => {
    const mapping = Array.from({ length: width }, (_, i) => (i === index ? field : (sheet.mapping[i] ?? null)));
    onChange({ ...sheet, mapping: mapping as ColumnMapping<E> });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {!sheet.headerFound && (
        <Alert type="warning" showIcon title="没有自动找到表头行（应包含“姓名”等列名），请指定表头所在的行，并为各列选择字段。" />
      )}
      <Flex gap={16} align="center" wrap>
        <Typography.Text>文件：{sheet.fileName}</Typography.Text>
        <Space>
          表头在第
          <InputNumber
            aria-label="表头所在行"
            min={1}
            max={Math.min(sheet.rows.length, 20)}
            value={sheet.headerRow + 1}
            onChange={(v) => v && setHeaderRow(v - 1)}
            style={{ width: 72 }}
          />
          行
        </Space>
        <Typography.Text type="secondary">表头以下共 {data.length} 行</Typography.Text>
      </Flex>
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={columns}
        columns={[
          { title: '列', dataIndex: 'index', width: 56, render: (i: number) => columnLetter(i) },
          { title: '表头', dataIndex: 'header', width: 180, render: (h: string) => h || <Typography.Text type="secondary">（空）</Typography.Text> },
          {
            title: '示例内容',
            dataIndex: 'samples',
            ellipsis: true,
            render: (s: string[]) => (s.length ? s.join(' / ') : <Typography.Text type="secondary">（无内容）</Typography.Text>),
          },
          {
            title: '导入为',
            dataIndex: 'field',
            width: 200,
            render: (field: string | null, c) => (
              <Select
                aria-label={`${columnLetter(c.index)}列导入为`}
                style={{ width: 180 }}
                value={field ?? ''}
                onChange={(v) => setField(c.index, v || null)}
                options={[
                  { value: '', label: '（不导入）' },
                  ...fields.map((f) => ({ value: f.key, label: f.required ? `${f.label}（必需）` : f.label })),
                ]}
              />
            ),
          },
        ]}
      />
      {errors.map((e) => <Alert key={e} type="error" showIcon title={e} />)}
      {notes.map((n) => <Alert key={n} type="info" showIcon title={n} />)}
      <Flex justify="end" gap={8}>
        <Button onClick={onBack}>上一步</Button>
        <Button type="primary" disabled={errors.length > 0 || data.length === 0} onClick={onNext}>下一步：预览</Button>
      </Flex>
    </Space>
  );
}
