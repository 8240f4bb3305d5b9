import { describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../../../../shared/domain/settings';
import { findHeaderRow, suggestMapping, type ImportEntity, type ImportRecord } from '../../../../shared/import/columns';
import { normaliseCell } from '../../../../shared/import/normalise';
import { parseOpenPeriods } from '../../../../shared/import/openPeriods';
import { generateSampleData } from '../../../../shared/sample/generate';
import { registrySheet } from './exporting';
import { previewRoster } from './importing';
import { fieldText, formatOpenPeriods } from './fieldText';

let n = 0;
const data = generateSampleData({
  scale: 'village', year: 2026, today: '2026-06-15', rules: DEFAULT_HOUR_RULES, newId: () => `id-${++n}`, now: 0,
});

/** What importing an exported sheet back into the same records would do. */
function reimport<E extends ImportEntity>(entity: E, records: ImportRecord<E>[], reveal: boolean) {
  const sheet = registrySheet(entity, records, { reveal, extra: [{ header: '状态说明', value: () => 'x' }] });
  const rows = [[sheet.title], sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const headerRowIndex = findHeaderRow(rows, entity)!;
  expect(headerRowIndex).toBe(1);
  return previewRoster({
    entity, header: rows[1]!, rows: rows.slice(2), headerRowIndex, mapping: suggestMapping(rows[1]!, entity),
    existing: records, today: '2026-06-15',
  });
}

describe('exported registries import back unchanged', () => {
  it.each([
    ['trainee', data.trainees],
    // Some sample topics are multi-part course titles (增强“四个意识”、坚定…), which a cell splits into items.
    ['instructor', data.instructors],
    ['site', data.sites],
  ] as const)('%s', (entity, records) => {
    const preview = reimport(entity, records as ImportRecord<typeof entity>[], true);
    expect(preview.rejected).toEqual([]);
    expect(preview).toMatchObject({ add: [], update: [], unchanged: records.length });
  });

  it('masks ID numbers and phones unless revealed', () => {
    const t = data.trainees.find((x) => x.phone)!;
    const [masked] = registrySheet('trainee', [t], { reveal: false }).rows;
    expect(masked).toContain(`${t.idNumber.slice(0, 6)}********${t.idNumber.slice(-4)}`);
    expect(masked).toContain(`${t.phone.slice(0, 3)}****${t.phone.slice(-4)}`);
    expect(masked).not.toContain(t.idNumber);
    const [full] = registrySheet('trainee', [t], { reveal: true }).rows;
    expect(full).toContain(t.idNumber);
    expect(full).toContain(t.phone);
  });
});

describe('fieldText', () => {
  it('writes values the way the importer reads them', () => {
    expect(fieldText('exempt', true)).toBe('是');
    expect(fieldText('topics', ['党章党规', '乡村振兴'])).toBe('党章党规、乡村振兴');
    expect(fieldText('birthDate', null)).toBe('');
    expect(fieldText('guidePhone', '13805371234')).toBe('138****1234');
    expect(fieldText('guidePhone', '13805371234', true)).toBe('13805371234');
    // A cell's text passes through (masked if sensitive), as the import's column check shows it.
    expect(fieldText('openPeriods', '周一至周五 08:30-17:00')).toBe('周一至周五 08:30-17:00');
  });

  it('formats open periods so that they parse back to the same periods', () => {
    const periods = [
      { weekdays: [1, 2, 3, 4, 5], start: '08:30', end: '11:30' },
      { weekdays: [1, 2, 3, 4, 5], start: '14:00', end: '17:30' },
      { weekdays: [6, 7], start: '09:00', end: '12:00' },
      { weekdays: [1, 3, 4, 5, 7], start: '19:00', end: '21:00' },
      { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '08:00', end: '18:00' },
    ];
    const text = formatOpenPeriods(periods);
    expect(text).toBe('周一至周五 08:30-11:30、14:00-17:30；周六、周日 09:00-12:00；周一、周三至周五、周日 19:00-21:00；每天 08:00-18:00');
    expect(parseOpenPeriods(normaliseCell(text))).toEqual({ ok: true, value: periods });
  });
});
