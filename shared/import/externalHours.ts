/**
 * Reading a sheet of external hours (外部学时: 学习强国, 灯塔—党建在线, other schools' training)
 * into entries per trainee, without touching a database. A trainee is found by name and ID
 * number or its last digits (what platforms' exports and paper lists carry), or by name
 * alone when the name is unique. Refused rows say their sheet row, column and why.
 */
import { normaliseIdNumber, validateIdNumber } from '../domain/idnumber';
import { externalHoursSchema, traineeSchema, type ExternalHours, type Trainee } from '../domain/records';
import { fail, ok, type Result } from '../result';
import { parseDate } from './dates';
import { parseName, parseText } from './fields';
import { normaliseCell } from './normalise';
import type { ImportRejection } from './preview';

type Column = 'name' | 'idNumber' | 'source' | 'date' | 'hours' | 'note';

const HEADERS: Record<Column, { label: string; names: string[] }> = {
  name: { label: '姓名', names: ['姓名', '学员姓名', '党员姓名'] },
  idNumber: { label: '身份证号', names: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号码', '身份证后四位', '身份证后4位', '身份证后六位', '身份证后6位'] },
  source: { label: '来源', names: ['来源', '学时来源', '学习来源', '学习平台', '平台', '培训机构', '培训单位'] },
  date: { label: '日期', names: ['日期', '学习日期', '完成日期', '培训日期', '结业日期', '时间'] },
  hours: { label: '学时', names: ['学时', '学时数', '获得学时', '折算学时', '认定学时'] },
  note: { label: '备注', names: ['备注', '说明', '内容', '培训内容'] },
};
const REQUIRED: Column[] = ['name', 'source', 'date', 'hours'];

/** A header as a lookup key: no spaces, no '*' or '：' around it, no note in brackets ('学时(小时)'). */
const headerKey = (text: string) => normaliseCell(text).replace(/[\s*:：]/g, '').replace(/[(（][^()（）]*[)）]$/, '');
const COLUMN_OF = new Map(
  (Object.entries(HEADERS) as [Column, { names: string[] }][]).flatMap(([col, h]) => h.names.map((n) => [headerKey(n), col] as const)),
);

/** Common spellings of the national platforms, as exported or typed. */
const SOURCE_ALIASES: Record<string, string> = {
  学习强国App: '学习强国', 学习强国平台: '学习强国', 学习强国APP: '学习强国',
  灯塔党建在线: '灯塔—党建在线', '灯塔-党建在线': '灯塔—党建在线', '灯塔–党建在线': '灯塔—党建在线', 灯塔: '灯塔—党建在线',
};

/** A trainee on the register (not a tombstone). */
export type ExternalTrainee = Pick<Trainee, 'id' | 'name' | 'idNumber' | 'branch'>;

export interface ExternalImportRow {
  /** 1-based sheet row. */
  row: number;
  trainee: ExternalTrainee;
  date: string;
  source: string;
  hours: number;
  note: string;
}

export interface ExternalImportPreview {
  add: ExternalImportRow[];
  /** Rows already recorded (same trainee, source, date and hours): importing a file twice adds nothing. */
  unchanged: number;
  rejected: ImportRejection[];
}

const readName = parseName(traineeSchema.shape.name);
const readSource = parseText(externalHoursSchema.shape.source);
const readNote = parseText(externalHoursSchema.shape.note);

function readHours(text: string): Result<number> {
  const m = text.replace(/\s/g, '').match(/^(\d+(?:\.\d+)?)(?:学时|小时)?$/);
  if (!m) return fail(`学时应为数字：“${text}”`);
  const hours = Math.round(Number(m[1]) * 100) / 100;
  if (hours <= 0) return fail('学时应大于0');
  if (hours > 1000) return fail(`学时过大：“${text}”`);
  return ok(hours);
}

const entryKey = (traineeId: string, source: string, date: string, hours: number) => `${traineeId}|${source}|${date}|${hours}`;

/**
 * Entries to add from a sheet's rows (as readSpreadsheet gives them). Fails when no header
 * row names the required columns (姓名、来源、日期、学时).
 */
export function previewExternalImport(input: {
  rows: readonly (readonly string[])[];
  trainees: readonly ExternalTrainee[];
  existing: readonly Pick<ExternalHours, 'traineeId' | 'source' | 'date' | 'hours' | 'deletedAt'>[];
  today: string;
}): Result<ExternalImportPreview> {
  const headerIndex = input.rows.slice(0, 20).findIndex((r) => {
    const cols = new Set(r.map((c) => COLUMN_OF.get(headerKey(c))));
    return REQUIRED.every((c) => cols.has(c));
  });
  if (headerIndex === -1) {
    return fail(`没有找到表头：前20行中应有一行包含“${REQUIRED.map((c) => HEADERS[c].label).join('”“')}”列（身份证号、备注可选）。`);
  }
  const header = input.rows[headerIndex]!;
  const index = new Map<Column, number>();
  header.forEach((c, i) => {
    const col = COLUMN_OF.get(headerKey(c));
    if (col && !index.has(col)) index.set(col, i);
  });
  const columnName = (col: Column) => (index.has(col) ? normaliseCell(header[index.get(col)!]) : HEADERS[col].label);

  const byName = new Map<string, ExternalTrainee[]>();
  for (const t of input.trainees) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  const existing = new Set(input.existing.filter((e) => e.deletedAt === null).map((e) => entryKey(e.traineeId, e.source, e.date, e.hours)));

  const preview: ExternalImportPreview = { add: [], unchanged: 0, rejected: [] };
  const firstRow = new Map<string, number>();
  input.rows.slice(headerIndex + 1).forEach((cells, i) => {
    const row = headerIndex + 2 + i;
    const cell = (col: Column) => (index.has(col) ? normaliseCell(cells[index.get(col)!]) : '');
    if ([...index.keys()].every((c) => cell(c) === '')) return;
    const errors: ImportRejection[] = [];
    const reject = (col: Column, reason: string) => errors.push({ row, column: columnName(col), reason });
    for (const col of REQUIRED) if (cell(col) === '') reject(col, `${HEADERS[col].label}不能为空`);

    const name = cell('name') ? readName(cell('name')) : null;
    if (name && !name.ok) reject('name', name.error);
    const source = cell('source') ? readSource(SOURCE_ALIASES[cell('source').replace(/\s/g, '')] ?? cell('source')) : null;
    if (source && !source.ok) reject('source', source.error);
    const date = cell('date') ? parseDate(cell('date')) : null;
    if (date && !date.ok) reject('date', date.error);
    else if (date?.ok && date.date > input.today) reject('date', `日期晚于今天：${date.date}`);
    const hours = cell('hours') ? readHours(cell('hours')) : null;
    if (hours && !hours.ok) reject('hours', hours.error);
    const note = readNote(cell('note'));
    if (!note.ok) reject('note', note.error);

    let trainee: ExternalTrainee | null = null;
    if (name?.ok) {
      const id = normaliseIdNumber(cell('idNumber'));
      const named = byName.get(name.value) ?? [];
      if (id.length === 18) {
        const check = validateIdNumber(id, input.today);
        const found = input.trainees.find((t) => t.idNumber === id);
        if (!check.ok) reject('idNumber', check.error);
        else if (!found) reject('idNumber', `找不到身份证号为 ${id.slice(0, 6)}********${id.slice(-4)} 的学员`);
        else if (found.name !== name.value) reject('name', `身份证号对应的学员是“${found.name}”，与姓名不符`);
        else trainee = found;
      } else if (id) {
        const matches = /^\d{3,16}[\dX]?$/.test(id) && id.length >= 4 ? named.filter((t) => t.idNumber.endsWith(id)) : null;
        if (!matches) reject('idNumber', `身份证号应为18位或后4–6位：“${cell('idNumber')}”`);
        else if (matches.length === 1) trainee = matches[0]!;
        else if (matches.length === 0) reject('idNumber', `找不到姓名为“${name.value}”、身份证号末尾为 ${id} 的学员`);
        else reject('idNumber', `姓名为“${name.value}”、身份证号末尾为 ${id} 的学员有${matches.length}名，请填写完整身份证号`);
      } else if (named.length === 1) trainee = named[0]!;
      else if (named.length === 0) reject('name', `找不到学员“${name.value}”`);
      else reject('idNumber', `有${named.length}名学员叫“${name.value}”，请填写身份证号或其后4位`);
    }
    if (errors.length > 0 || !trainee || !source?.ok || !date?.ok || !hours?.ok || !note.ok) {
      preview.rejected.push(...errors);
      return;
    }
    const key = entryKey(trainee.id, source.value, date.date, hours.value);
    const first = firstRow.get(key);
    if (first !== undefined) {
      preview.rejected.push({ row, column: columnName('name'), reason: `与第${first}行重复` });
      return;
    }
    firstRow.set(key, row);
    if (existing.has(key)) preview.unchanged++;
    else preview.add.push({ row, trainee, date: date.date, source: source.value, hours: hours.value, note: note.value });
  });
  return ok(preview);
}
