import type { Table } from 'dexie';
import { z } from 'zod';
import { TABLE_LABELS } from '../../../../shared/domain/records';
import { IMPORT_FIELDS, type FieldSpec, type ImportEntity, type ImportRecord } from '../../../../shared/import/columns';
import { parseList } from '../../../../shared/import/fields';
import { normaliseCell } from '../../../../shared/import/normalise';
import { previewImport, type ImportPreview, type PreviewInput } from '../../../../shared/import/preview';
import { requireCan } from '../auth/permissions';
import { db } from '../instance';
import { saveRecords, type Draft } from '../write';
import { alive, RegistryRuleError } from './common';

export const IMPORT_TABLES = { trainee: 'trainees', instructor: 'instructors', site: 'sites' } as const;

const tableOf = <E extends ImportEntity>(entity: E) =>
  db().table(IMPORT_TABLES[entity]) as unknown as Table<ImportRecord<E>, string>;

/** The records a roster is matched against: the target school's live records of the registry. */
export async function importExisting<E extends ImportEntity>(entity: E, schoolId: string): Promise<ImportRecord<E>[]> {
  return (await tableOf(entity).where('schoolId').equals(schoolId).toArray()).filter(alive);
}

const readList = parseList(z.array(z.string()));

/**
 * A record's importable fields as its exported cells read back: text half-width with
 * single spaces, a list split into items as a cell is (党史、党章 is two topics).
 */
function asCells<E extends ImportEntity>(entity: E, record: ImportRecord<E>): ImportRecord<E> {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const { key } of IMPORT_FIELDS[entity] as readonly FieldSpec[]) {
    const value = out[key];
    if (typeof value === 'string') out[key] = normaliseCell(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      const read = readList(normaliseCell(value.join('、')));
      if (read.ok) out[key] = read.value;
    }
  }
  return out as ImportRecord<E>;
}

/**
 * previewImport, where a difference of form alone (外出务工（天津） stored, the cell read as
 * 外出务工(天津)) is no change, so an exported sheet imports back unchanged; an update writes
 * only the fields that really changed.
 */
export function previewRoster<E extends ImportEntity>(input: PreviewInput<E>): ImportPreview<E> {
  const preview = previewImport({ ...input, existing: input.existing.map((r) => asCells(input.entity, r)) });
  const stored = new Map(input.existing.map((r) => [r.id, r]));
  const update = preview.update.map((u) => {
    const before = stored.get(u.id)!;
    const changes = Object.fromEntries(u.changedFields.map((f) => [f, (u.after as Record<string, unknown>)[f as string]]));
    return { ...u, before, after: { ...before, ...changes } };
  });
  return { ...preview, update };
}

const CHANGED_SINCE_PREVIEW = '预览之后数据已有变动（可能在别处修改过），本次未导入任何数据，请重新预览后再导入';

/**
 * Write a confirmed preview in one transaction: every added and updated row lands, or none
 * does. Records changed since the preview (or, for trainees, an ID number registered
 * meanwhile) abort the whole import, so nothing is overwritten unseen.
 */
export async function applyRoster<E extends ImportEntity>(
  entity: E, preview: ImportPreview<E>, schoolId: string, fileName: string,
): Promise<{ added: number; updated: number }> {
  await requireCan('data.import');
  const d = db();
  const table = IMPORT_TABLES[entity];
  const t = tableOf(entity);
  // Loaded by the first trainee import rather than with the lists, and before the transaction.
  const { nameInitials } = await import('../../../../shared/rules/pinyin');
  return d.transaction('rw', d.meta, t, async () => {
    const current = await t.bulkGet(preview.update.map((u) => u.id));
    if (current.some((r, i) => !r || !alive(r) || r.updatedAt !== preview.update[i]!.before.updatedAt)) {
      throw new RegistryRuleError(CHANGED_SINCE_PREVIEW);
    }
    if (entity === 'trainee') {
      const ids = (preview.add as ImportPreview<'trainee'>['add']).map((a) => a.idNumber).filter((x) => x !== '');
      const taken = await d.trainees.where('idNumber').anyOf(ids).filter((r) => alive(r) && r.schoolId === schoolId).count();
      if (taken > 0) throw new RegistryRuleError(CHANGED_SINCE_PREVIEW);
    }
    const derive = (r: object) => (entity === 'trainee' ? { ...r, py: nameInitials((r as { name: string }).name) } : r);
    const drafts = [
      ...preview.add.map((a) => derive({ ...a, schoolId })),
      ...preview.update.map((u) => derive(u.after)),
    ] as unknown as Draft<(typeof IMPORT_TABLES)[E]>[];
    const summary = `从“${fileName}”导入${TABLE_LABELS[table]}：新增 ${preview.add.length} 条，更新 ${preview.update.length} 条`;
    if (drafts.length > 0) await saveRecords(table, drafts, { batch: { action: 'import', summary } });
    return { added: preview.add.length, updated: preview.update.length };
  });
}
