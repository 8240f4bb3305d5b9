import type { RecordMeta, Instructor, Site, Trainee } from '../domain/records';
import { normaliseCell } from './normalise';

/** The registries a roster can be imported into. */
export type ImportEntity = 'trainee' | 'instructor' | 'site';
type RecordOf = { trainee: Trainee; instructor: Instructor; site: Site };
export type ImportRecord<E extends ImportEntity> = RecordOf[E];
/** A record's own fields; the caller adds the metadata (and a trainee's derived `py`). */
export type ImportDraft<E extends ImportEntity> = Omit<RecordOf[E], keyof RecordMeta | 'py'>;

export interface FieldSpec<K extends string = string> {
  key: K;
  /** The name shown in the UI and used when a message refers to an unmapped column. */
  label: string;
  /** Other headers offices use for the same column. */
  synonyms: readonly string[];
  /** Every data row must fill it, and a header row must contain it. */
  required?: true;
}
type Dictionary = { [E in ImportEntity]: readonly FieldSpec<keyof ImportDraft<E> & string>[] };

export const IMPORT_FIELDS = {
  trainee: [
    { key: 'name', label: '姓名', synonyms: ['学员姓名', '党员姓名'], required: true },
    { key: 'gender', label: '性别', synonyms: [] },
    { key: 'idNumber', label: '身份证号', synonyms: ['公民身份号码', '身份证号码', '身份证'] },
    { key: 'birthDate', label: '出生日期', synonyms: ['出生年月', '出生年月日'] },
    { key: 'phone', label: '联系电话', synonyms: ['手机号', '手机号码', '手机', '电话', '联系方式'] },
    { key: 'branch', label: '所在党支部', synonyms: ['党支部', '支部', '所在支部'] },
    { key: 'village', label: '村(社区)', synonyms: ['所在村', '村居', '单位', '工作单位'] },
    { key: 'category', label: '人员类别', synonyms: ['类别', '身份', '学员类别'] },
    { key: 'exempt', label: '是否免学', synonyms: ['免学'] },
    { key: 'notes', label: '备注', synonyms: [] },
  ],
  instructor: [
    { key: 'name', label: '姓名', synonyms: ['教员姓名', '师资姓名'], required: true },
    { key: 'gender', label: '性别', synonyms: [] },
    { key: 'category', label: '师资类别', synonyms: ['类别', '教员类别'] },
    { key: 'employment', label: '专兼职', synonyms: ['专职/兼职', '专兼职情况'] },
    { key: 'unit', label: '工作单位', synonyms: ['单位'] },
    { key: 'post', label: '职务', synonyms: [] },
    { key: 'title', label: '职称', synonyms: [] },
    { key: 'phone', label: '联系电话', synonyms: ['手机号', '手机号码', '手机', '电话', '联系方式'] },
    { key: 'topics', label: '授课专题', synonyms: ['专题', '授课内容'] },
    { key: 'appointmentStart', label: '聘期开始', synonyms: ['聘任开始', '聘期起'] },
    { key: 'appointmentEnd', label: '聘期结束', synonyms: ['聘任期至', '聘期至', '聘任结束'] },
    { key: 'status', label: '状态', synonyms: [] },
    { key: 'notes', label: '备注', synonyms: [] },
  ],
  site: [
    { key: 'name', label: '名称', synonyms: ['教学点名称', '场地名称'], required: true },
    { key: 'kind', label: '类型', synonyms: ['类别'] },
    { key: 'town', label: '镇街', synonyms: ['所在镇街'] },
    { key: 'village', label: '村(社区)', synonyms: ['所在村'] },
    { key: 'address', label: '地址', synonyms: [] },
    { key: 'theme', label: '主题', synonyms: ['教学主题'] },
    { key: 'capacity', label: '容纳人数', synonyms: ['容量'] },
    { key: 'guide', label: '讲解员', synonyms: [] },
    { key: 'guidePhone', label: '讲解员电话', synonyms: ['讲解员联系电话'] },
    { key: 'demoLevel', label: '示范等级', synonyms: [] },
    { key: 'openPeriods', label: '开放时间', synonyms: [] },
    { key: 'status', label: '状态', synonyms: [] },
    { key: 'notes', label: '备注', synonyms: [] },
  ],
} as const satisfies Dictionary;

export type FieldKey<E extends ImportEntity> = (typeof IMPORT_FIELDS)[E][number]['key'];
/** For each sheet column, the field it fills, or null when it is not imported. */
export type ColumnMapping<E extends ImportEntity> = readonly (FieldKey<E> | null)[];

/**
 * A header as a lookup key: spacing, full-/half-width forms (（）→ ()) and the '*' or '：'
 * that templates put around required columns do not matter.
 */
function headerKey(text: string): string {
  return normaliseCell(text).replace(/\s/g, '').replace(/^\*+/, '').replace(/[*:]+$/, '');
}

/** Per entity, every header key → field key. */
const LOOKUP = Object.fromEntries(
  Object.entries(IMPORT_FIELDS).map(([entity, fields]: [string, readonly FieldSpec[]]) => [
    entity,
    new Map(fields.flatMap((f) => [f.label, ...f.synonyms].map((name) => [headerKey(name), f.key] as const))),
  ]),
) as Record<ImportEntity, Map<string, string>>;

/** The field a header names; a trailing note in brackets ('身份证号(18位)') is ignored if needed. */
function fieldOf<E extends ImportEntity>(header: string, entity: E): FieldKey<E> | null {
  const key = headerKey(header);
  const map = LOOKUP[entity];
  const field = map.get(key) ?? map.get(key.replace(/\([^()]*\)$/, ''));
  return (field ?? null) as FieldKey<E> | null;
}

/** Map each column to a field, the first column naming a field winning; unknown columns stay null. */
export function suggestMapping<E extends ImportEntity>(headerRow: readonly string[], entity: E): ColumnMapping<E> {
  const used = new Set<string>();
  return headerRow.map((header) => {
    const field = fieldOf(header, entity);
    if (field === null || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

/**
 * The index of the header row: the first of the first 20 rows naming at least 2 known
 * fields including the required ones. Title and blank rows above it are skipped. Null if none.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], entity: ImportEntity): number | null {
  const required = (IMPORT_FIELDS[entity] as readonly FieldSpec[]).filter((f) => f.required).map((f) => f.key);
  const index = rows.slice(0, 20).findIndex((row) => {
    const fields: (string | null)[] = [...suggestMapping(row, entity)];
    return fields.filter((f) => f !== null).length >= 2 && required.every((k) => fields.includes(k));
  });
  return index === -1 ? null : index;
}
