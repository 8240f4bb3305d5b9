import dayjs from 'dayjs';
import { IMPORT_FIELDS, type FieldSpec, type ImportEntity, type ImportRecord } from '../../../../shared/import/columns';
import { writeCsv, writeXlsx, type Sheet, type SheetColumn } from '../spreadsheet';
import { fieldText } from './fieldText';

export const ENTITY_LABELS: Record<ImportEntity, string> = { trainee: '学员', instructor: '教员', site: '教学点' };
const SHEET_TITLES: Record<ImportEntity, string> = { trainee: '学员名册', instructor: '师资库名册', site: '教学点名册' };

/** Column widths in characters, by field; the rest get a width from their header. */
const WIDTHS: Record<string, number> = {
  idNumber: 22, phone: 15, guidePhone: 15, branch: 28, village: 16, category: 18, notes: 30, unit: 28, topics: 36,
  appointmentStart: 12, appointmentEnd: 12, birthDate: 12, name: 24, address: 30, theme: 24, openPeriods: 34,
};

/** A column beyond the importable fields (状态, 所属党校 …), which a re-import ignores. */
export interface ExtraColumn<R> {
  header: string;
  value: (record: R) => string;
  width?: number;
}

/**
 * A registry as a sheet: the importer's field labels as headers (so the file imports back
 * unchanged), values as the importer reads them, ID numbers and phones masked unless `reveal`.
 */
export function registrySheet<E extends ImportEntity>(
  entity: E,
  records: readonly ImportRecord<E>[],
  options: { reveal: boolean; extra?: ExtraColumn<ImportRecord<E>>[] },
): Sheet {
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[entity];
  const extra = options.extra ?? [];
  const columns: SheetColumn[] = [
    ...fields.map((f) => ({ header: f.label, width: WIDTHS[f.key] })),
    ...extra.map((c) => ({ header: c.header, width: c.width })),
  ];
  const rows = records.map((r) => [
    ...fields.map((f) => {
      const value = (r as unknown as Record<string, unknown>)[f.key];
      return typeof value === 'number' ? value : fieldText(f.key, value, options.reveal);
    }),
    ...extra.map((c) => c.value(r)),
  ]);
  return { title: `${SHEET_TITLES[entity]}（${dayjs().format('YYYY-MM-DD')}导出，共${records.length}条）`, columns, rows };
}

export type ExportFormat = 'xlsx' | 'csv';

/** The file's bytes and a suggested name such as 学员名册-20260615.xlsx. */
export async function registryFile(
  entity: ImportEntity, sheet: Sheet, format: ExportFormat,
): Promise<{ name: string; data: Uint8Array }> {
  const name = `${SHEET_TITLES[entity]}-${dayjs().format('YYYYMMDD')}.${format}`;
  const data = format === 'xlsx' ? await writeXlsx(sheet) : writeCsv(sheet.columns, sheet.rows);
  return { name, data };
}
