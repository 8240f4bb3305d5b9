import { Alert, App, Button, Flex, Modal, Result, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import type { School } from '../../../../shared/domain/records';
import { findHeaderRow, IMPORT_FIELDS, suggestMapping, type FieldSpec, type ImportEntity } from '../../../../shared/import/columns';
import { todayIso } from '../../../../shared/import/dates';
import type { ImportPreview } from '../../../../shared/import/preview';
import { desktop } from '../../bridge';
import { ENTITY_LABELS } from '../../data/registries/exporting';
import { applyRoster, importExisting, previewRoster } from '../../data/registries/importing';
import { readSpreadsheet, writeXlsx } from '../../data/spreadsheet';
import { errorText } from '../RegistryFormModal';
import { MappingStep, mappingProblems, type SheetDraft } from './MappingStep';
import { PreviewStep } from './PreviewStep';

const SHEET_FILTERS = [{ name: 'Excel 或 CSV 表格', extensions: ['xlsx', 'csv'] }];

type Stage<E extends ImportEntity> =
  | { step: 'file' }
  | { step: 'map'; sheet: SheetDraft<E> }
  | { step: 'preview'; sheet: SheetDraft<E>; preview: ImportPreview<E> }
  | { step: 'done'; preview: ImportPreview<E> };

const STEP_INDEX = { file: 0, map: 1, preview: 2, done: 3 } as const;

export interface ImportWizardProps<E extends ImportEntity> {
  entity: E;
  open: boolean;
  onClose: () => void;
  /** Schools the records may belong to, own school first; a choice is offered when there are several. */
  schools: readonly School[];
}

/**
 * Import a roster the office already has (.xlsx or .csv): choose the file, confirm which
 * field each column fills, see what would be added, updated, left alone or refused, then
 * write the confirmed rows in one transaction.
 */
export function ImportWizard<E extends ImportEntity>({ entity, open, onClose, schools }: ImportWizardProps<E>) {
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage<E>>({ step: 'file' });
  const [schoolId, setSchoolId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = ENTITY_LABELS[entity];
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[entity];
  const target = schoolId ?? schools[0]?.id;

  const close = () => {
    setStage({ step: 'file' });
    setError(null);
    onClose();
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = () =>
    run(async () => {
      const opened = await desktop.openFile({ filters: SHEET_FILTERS });
      if (!opened.ok) throw new Error(opened.error);
      if (!opened.value) return;
      const read = await readSpreadsheet(opened.value.data, opened.value.name);
      if (!read.ok) throw new Error(read.error);
      const rows = read.value;
      const found = findHeaderRow(rows, entity);
      const headerRow = found ?? Math.max(0, rows.findIndex((r) => r.some((c) => c.trim() !== '')));
      if (rows.slice(headerRow + 1).every((r) => r.every((c) => c.trim() === ''))) {
        throw new Error('表格中没有可导入的数据行。');
      }
      setStage({
        step: 'map',
        sheet: { fileName: opened.value.name, rows, headerRow, headerFound: found !== null, mapping: suggestMapping(rows[headerRow] ?? [], entity) },
      });
    });

  const downloadTemplate = () =>
    run(async () => {
      const data = await writeXlsx({ title: `${label}导入模板`, columns: fields.map((f) => ({ header: f.label })), rows: [] });
      const saved = await desktop.saveFile({ suggestedName: `${label}导入模板.xlsx`, filters: [SHEET_FILTERS[0]!], data });
      if (!saved.ok) throw new Error(saved.error);
      if (saved.value.saved) void message.success(`模板已保存：${saved.value.location ?? ''}`);
    });

  const makePreview = (sheet: SheetDraft<E>) =>
    run(async () => {
      if (!target) throw new Error('尚未设置本校信息');
      const existing = await importExisting(entity, target);
      const preview = previewRoster({
        entity, header: sheet.rows[sheet.headerRow] ?? [], rows: sheet.rows.slice(sheet.headerRow + 1),
        headerRowIndex: sheet.headerRow, mapping: sheet.mapping, existing, today: todayIso(),
      });
      setStage({ step: 'preview', sheet, preview });
    });

  const confirm = (preview: ImportPreview<E>, fileName: string) =>
    run(async () => {
      await applyRoster(entity, preview, target!, fileName);
      setStage({ step: 'done', preview });
    });

  const fileStep = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        支持 Excel（.xlsx）和 CSV 表格。表头上方可以有标题行，列的顺序不限，常见的列名都能识别；下一步会请您核对每一列对应的字段，
        再预览将新增、更新和不能导入的行，确认后才写入。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        可识别的列：
        {fields.map((f) => `${f.label}${f.synonyms.length ? `（${f.synonyms.join('、')}）` : ''}`).join('；')}。
      </Typography.Paragraph>
      {schools.length > 1 && (
        <Space>
          导入到
          <Select
            aria-label="导入到党校"
            style={{ width: 280 }}
            value={target}
            onChange={setSchoolId}
            showSearch={{ optionFilterProp: 'label' }}
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Space>
      )}
      <Flex gap={8}>
        <Button type="primary" onClick={chooseFile} loading={busy} autoFocus>选择文件…</Button>
        <Button onClick={downloadTemplate}>下载导入模板</Button>
      </Flex>
    </Space>
  );

  return (
    <Modal
      title={`导入${label}`}
      open={open}
      onCancel={close}
      footer={null}
      width={1000}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={STEP_INDEX[stage.step]}
        style={{ marginBottom: 16 }}
        items={[{ title: '选择文件' }, { title: '核对列' }, { title: '预览' }, { title: '完成' }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {stage.step === 'file' && fileStep}
      {stage.step === 'map' && (
        <MappingStep
          entity={entity}
          sheet={stage.sheet}
          onChange={(sheet) => setStage({ step: 'map', sheet })}
          onBack={() => setStage({ step: 'file' })}
          onNext={() => mappingProblems(entity, stage.sheet.mapping).errors.length === 0 && makePreview(stage.sheet)}
        />
      )}
      {stage.step === 'preview' && (
        <PreviewStep
          entity={entity}
          preview={stage.preview}
          mapping={stage.sheet.mapping}
          rows={stage.sheet.rows}
          busy={busy}
          onBack={() => setStage({ step: 'map', sheet: stage.sheet })}
          onConfirm={() => confirm(stage.preview, stage.sheet.fileName)}
        />
      )}
      {stage.step === 'done' && (
        <Result
          status="success"
          title="导入完成"
          subTitle={
            `新增 ${stage.preview.add.length} 条，更新 ${stage.preview.update.length} 条；` +
            `未变化 ${stage.preview.unchanged} 行，未导入 ${new Set(stage.preview.rejected.map((r) => r.row)).size} 行。`
          }
          extra={<Button type="primary" onClick={close} autoFocus>完成</Button>}
        />
      )}
    </Modal>
  );
}
