/**
 * What importing a roster would do, computed without touching any database: which rows
 * add records, which update existing ones, which change nothing and which are refused
 * (with the sheet row, column and reason, so the office can fix the file).
 */
import {
  DEMO_LEVELS, EMPLOYMENT_KINDS, GENDERS, INSTRUCTOR_CATEGORIES, INSTRUCTOR_STATUSES, SITE_KINDS, TRAINEE_CATEGORIES,
  type Gender,
} from '../domain/constants';
import { checkBirthDateConsistent, isPlausibleBirthDate, normaliseIdNumber, validateIdNumber } from '../domain/idnumber';
import { instructorSchema, siteSchema, traineeSchema } from '../domain/records';
import type { Result } from '../result';
import {
  IMPORT_FIELDS, type ColumnMapping, type FieldSpec, type ImportDraft, type ImportEntity, type ImportRecord,
} from './columns';
import { parseDate } from './dates';
import { parseChoice, parseCount, parseDay, parseList, parseName, parsePhone, parseText, parseYesNo } from './fields';
import { normaliseCell } from './normalise';
import { parseOpenPeriods } from './openPeriods';

export interface PreviewInput<E extends ImportEntity> {
  entity: E;
  /** The header row as it is in the sheet; messages name columns by it. */
  header: readonly string[];
  /** The data rows below the header row. */
  rows: readonly (readonly string[])[];
  /** 0-based index of the header row in the sheet, to cite rows by the numbers Excel shows. */
  headerRowIndex: number;
  mapping: ColumnMapping<E>;
  /** The registry's records as they are now (tombstones are ignored). */
  existing: readonly ImportRecord<E>[];
  /** 'YYYY-MM-DD': birth dates after it are refused. */
  today: string;
}

export interface ImportUpdate<E extends ImportEntity> {
  id: string;
  before: ImportRecord<E>;
  after: ImportRecord<E>;
  changedFields: (keyof ImportDraft<E>)[];
}

export interface ImportRejection {
  /** 1-based sheet row, as Excel shows it. */
  row: number;
  /** The header text of the offending column (the field's label if it was not mapped). */
  column: string;
  reason: string;
}

export interface ImportPreview<E extends ImportEntity> {
  add: ImportDraft<E>[];
  update: ImportUpdate<E>[];
  unchanged: number;
  rejected: ImportRejection[];
}

type FieldError<D> = { field: keyof D; reason: string };

/**
 * How one registry reads a row. `R` are the fields a new record cannot do without besides
 * its name; every other field has a default.
 */
interface EntitySpec<D, R extends keyof D = never> {
  /** Parsers of single cells; each runs only on a non-blank cell. */
  parsers: { [K in keyof D]?: (cell: string) => Result<D[K]> };
  /** Rules across fields; may fill derived fields into `given`. */
  refine?: (given: Partial<D>, cell: (field: keyof D) => string, today: string) => FieldError<D>[];
  defaults: () => Omit<D, 'name' | R>;
  needed: readonly R[];
  /** The key that finds a row's record, and the field and words a duplicate row is refused with. */
  identify: (values: Partial<D>) => { key: string; field: keyof D; what: string };
}

const GENDER = parseChoice(GENDERS, { 男性: '男', 女性: '女' });

const T = traineeSchema.shape;
const TRAINEE: EntitySpec<ImportDraft<'trainee'>> = {
  parsers: {
    name: parseName(T.name),
    gender: GENDER,
    phone: parsePhone,
    branch: parseText(T.branch),
    village: parseText(T.village),
    category: parseChoice(TRAINEE_CATEGORIES, {
      党员: '普通党员',
      村支书: '村(社区)党组织书记',
      村党支部书记: '村(社区)党组织书记',
      村党组织书记: '村(社区)党组织书记',
      社区党组织书记: '村(社区)党组织书记',
      村两委: '两委成员',
      两委: '两委成员',
      积极分子: '入党积极分子',
      镇街机关干部: '镇街干部',
      机关干部: '镇街干部',
    }),
    exempt: parseYesNo,
    notes: parseText(T.notes),
  },
  /** The ID number carries birth date and gender: derive them, or check the ones given against it. */
  refine(given, cell, today) {
    const errors: FieldError<ImportDraft<'trainee'>>[] = [];
    const id = normaliseIdNumber(cell('idNumber'));
    let fromId: { birthDate: string; gender: Gender } | undefined;
    if (id) {
      const check = validateIdNumber(id, today);
      if (check.ok) [given.idNumber, fromId] = [id, check];
      else errors.push({ field: 'idNumber', reason: check.error });
    }
    const birthCell = cell('birthDate');
    if (birthCell) {
      const parsed = parseDate(birthCell);
      const mismatch = parsed.ok && fromId ? checkBirthDateConsistent(id, parsed.date, parsed.precision) : null;
      if (!parsed.ok) errors.push({ field: 'birthDate', reason: parsed.error });
      else if (!isPlausibleBirthDate(parsed.date, today)) {
        errors.push({ field: 'birthDate', reason: '出生日期应在1900年至今之间' });
      } else if (mismatch) errors.push({ field: 'birthDate', reason: mismatch });
      else given.birthDate = fromId?.birthDate ?? parsed.date; // the ID is exact where the sheet may give only a month
    } else if (fromId) given.birthDate = fromId.birthDate;
    if (fromId && given.gender === undefined) given.gender = fromId.gender;
    else if (fromId && given.gender !== fromId.gender) {
      errors.push({ field: 'gender', reason: '性别与身份证号不一致' });
    }
    return errors;
  },
  defaults: () => ({
    gender: null, idNumber: '', birthDate: null, phone: '', branch: '', village: '',
    category: '普通党员', exempt: false, status: '在册', notes: '',
  }),
  needed: [],
  // Without an ID number, a trainee is told apart by name within the branch.
  identify: (v) =>
    v.idNumber
      ? { key: `id:${normaliseIdNumber(v.idNumber)}`, field: 'idNumber', what: '身份证号' }
      : { key: `name:${v.name}|${v.branch ?? ''}`, field: 'name', what: '姓名和所在党支部' },
};

const I = instructorSchema.shape;
const INSTRUCTOR: EntitySpec<ImportDraft<'instructor'>, 'category'> = {
  parsers: {
    name: parseName(I.name),
    gender: GENDER,
    category: parseChoice(INSTRUCTOR_CATEGORIES, {
      党校老师: '党校教师',
      第一书记: '驻村第一书记',
      村支书: '基层党组织书记',
      村党组织书记: '基层党组织书记',
      党组织书记: '基层党组织书记',
      先进模范: '先进模范人物',
      模范人物: '先进模范人物',
      专家: '专家学者',
    }),
    employment: parseChoice(EMPLOYMENT_KINDS, { 专: '专职', 兼: '兼职' }),
    unit: parseText(I.unit),
    post: parseText(I.post),
    title: parseText(I.title),
    phone: parsePhone,
    topics: parseList(I.topics),
    appointmentStart: parseDay('start'),
    appointmentEnd: parseDay('end'),
    status: parseChoice(INSTRUCTOR_STATUSES, { 正常: '在库', 在聘: '在库' }),
    notes: parseText(I.notes),
  },
  refine: (given) =>
    given.appointmentStart && given.appointmentEnd && given.appointmentEnd < given.appointmentStart
      ? [{ field: 'appointmentEnd', reason: '聘期结束早于聘期开始' }]
      : [],
  // Most of a township's instructors teach besides their own job.
  defaults: () => ({
    gender: null, employment: '兼职', unit: '', post: '', title: '', phone: '', topics: [],
    appointmentStart: null, appointmentEnd: null, status: '在库', notes: '',
  }),
  needed: ['category'],
  identify: (v) => ({ key: `${v.name}|${v.phone ?? ''}`, field: 'name', what: '姓名和联系电话' }),
};

const S = siteSchema.shape;
const SITE: EntitySpec<ImportDraft<'site'>> = {
  parsers: {
    name: parseText(S.name),
    kind: parseChoice(SITE_KINDS, { 校区: '主校区', 基地: '培训基地', 教学点: '现场教学点', 现场教学: '现场教学点' }),
    town: parseText(S.town),
    village: parseText(S.village),
    address: parseText(S.address),
    theme: parseText(S.theme),
    capacity: parseCount(S.capacity),
    guide: parseText(S.guide),
    guidePhone: parsePhone,
    demoLevel: parseChoice(DEMO_LEVELS, { 市级: '市级示范点', 县级: '县级示范点', 否: '无' }),
    openPeriods: parseOpenPeriods,
    status: parseChoice(S.status.options, { 开放: '启用', 关闭: '停用', 暂停: '停用' }),
    notes: parseText(S.notes),
  },
  // Sites imported from a list are mostly the N field-teaching points of "1+X+N".
  defaults: () => ({
    kind: '现场教学点', town: '', village: '', address: '', theme: '', capacity: 0, guide: '', guidePhone: '',
    courseIds: [], demoLevel: '无', openPeriods: [], status: '启用', notes: '',
  }),
  needed: [],
  identify: (v) => ({ key: v.name ?? '', field: 'name', what: '名称' }),
};

const SPECS = { trainee: TRAINEE, instructor: INSTRUCTOR, site: SITE };

/** Offices fill cells they have nothing for with a dash or slash. */
const PLACEHOLDER = /^[-—–/\\]+$/;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [ra, rb] = [a as Record<string, unknown>, b as Record<string, unknown>];
    return Object.keys(ra).length === Object.keys(rb).length && Object.keys(ra).every((k) => sameValue(ra[k], rb[k]));
  }
  return a === b;
}

/**
 * Sort a sheet's data rows into records to add, records to update, unchanged rows and
 * refused rows. A blank cell never clears a value an existing record has; a blank cell in
 * a new record takes the field's default. When two columns are mapped to one field, the
 * first is read.
 */
export function previewImport<E extends ImportEntity>(input: PreviewInput<E>): ImportPreview<E> {
  type D = ImportDraft<E>;
  type Rec = ImportRecord<E>;
  const spec = SPECS[input.entity] as unknown as EntitySpec<D, keyof D>;
  const fields: readonly FieldSpec[] = IMPORT_FIELDS[input.entity];
  const columnOf = new Map<keyof D, number>();
  input.mapping.forEach((field, index) => {
    if (field !== null && !columnOf.has(field as keyof D)) columnOf.set(field as keyof D, index);
  });
  const columnName = (field: keyof D) => {
    const index = columnOf.get(field);
    if (index !== undefined) return normaliseCell(input.header[index]);
    return fields.find((f) => f.key === field)?.label ?? String(field);
  };

  const existing = new Map<string, Rec>();
  for (const record of input.existing) {
    const key = spec.identify(record as unknown as Partial<D>).key;
    if (record.deletedAt === null && !existing.has(key)) existing.set(key, record);
  }

  const preview: ImportPreview<E> = { add: [], update: [], unchanged: 0, rejected: [] };
  const firstRowOf = new Map<string, number>();
  for (const [i, cells] of input.rows.entries()) {
    const row = input.headerRowIndex + 2 + i;
    const cell = (field: keyof D) => {
      const index = columnOf.get(field);
      const text = index === undefined ? '' : normaliseCell(cells[index]);
      return PLACEHOLDER.test(text) ? '' : text;
    };
    // Judged by mapped columns only: templates often number rows (序号) far below the data.
    if ([...columnOf.keys()].every((field) => cell(field) === '')) continue;
    const reject = (errors: FieldError<D>[]) =>
      preview.rejected.push(...errors.map((e) => ({ row, column: columnName(e.field), reason: e.reason })));

    const given: Partial<D> = {};
    const errors: FieldError<D>[] = fields
      .filter((f) => f.required && cell(f.key as keyof D) === '')
      .map((f) => ({ field: f.key as keyof D, reason: `${f.label}不能为空` }));
    for (const field of Object.keys(spec.parsers) as (keyof D)[]) {
      const text = cell(field);
      const parsed = text === '' ? null : spec.parsers[field]!(text);
      if (parsed?.ok) given[field] = parsed.value;
      else if (parsed) errors.push({ field, reason: parsed.error });
    }
    errors.push(...(spec.refine?.(given, cell, input.today) ?? []));
    if (errors.length > 0) {
      reject(errors);
      continue;
    }

    const { key, field, what } = spec.identify(given);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      reject([{ field, reason: `与第${first}行${what}重复` }]);
      continue;
    }
    firstRowOf.set(key, row);

    const before = existing.get(key);
    if (before) {
      const changedFields = (Object.keys(given) as (keyof D)[]).filter(
        (f) => !sameValue(given[f], (before as unknown as D)[f]),
      );
      if (changedFields.length === 0) preview.unchanged++;
      else preview.update.push({ id: before.id, before, after: { ...before, ...given }, changedFields });
      continue;
    }
    const missing = spec.needed.filter((f) => given[f] === undefined);
    if (missing.length > 0) reject(missing.map((f) => ({ field: f, reason: `新增时${columnName(f)}不能为空` })));
    else preview.add.push({ ...spec.defaults(), ...given } as D);
  }
  return preview;
}
