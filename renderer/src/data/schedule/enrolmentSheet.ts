import { maskIdNumber, normaliseIdNumber } from '../../../../shared/domain/idnumber';
import { suggestMapping } from '../../../../shared/import/columns';
import { normaliseCell } from '../../../../shared/import/normalise';
import { fail, ok, type Result } from '../../../../shared/result';
import type { TraineeLite } from './enrolments';

export interface SheetRowRef {
  /** 1-based, as Excel shows it. */
  row: number;
  /** What the row says, for the office to recognise it (ID numbers masked). */
  text: string;
}
export interface EnrolmentSheetMatch {
  /** Trainees found and not yet in the class. */
  matched: (SheetRowRef & { trainee: TraineeLite })[];
  already: (SheetRowRef & { trainee: TraineeLite })[];
  unmatched: (SheetRowRef & { reason: string })[];
}

const HEADER_ROWS = 20;

/**
 * Match the rows of an enrolment list (名单) to trainees: by ID number when the row has one,
 * else by name and, when given, Party branch. Every row that cannot be matched to exactly
 * one trainee on the register is listed with the reason, so the office can fix the file.
 */
export function matchEnrolmentSheet(
  rows: readonly (readonly string[])[],
  trainees: readonly TraineeLite[],
  enrolled: ReadonlySet<string>,
): Result<EnrolmentSheetMatch> {
  const headerIndex = rows.slice(0, HEADER_ROWS).findIndex((r) => {
    const fields = suggestMapping(r, 'trainee');
    return fields.includes('name') || fields.includes('idNumber');
  });
  if (headerIndex === -1) return fail('表格前 20 行中找不到“姓名”或“身份证号”列标题，请在名单第一行写上列标题。');
  const mapping = suggestMapping(rows[headerIndex]!, 'trainee');
  const col = (field: string) => mapping.indexOf(field as (typeof mapping)[number]);
  const [nameCol, idCol, branchCol] = [col('name'), col('idNumber'), col('branch')];
  const cell = (r: readonly string[], c: number) => (c >= 0 ? normaliseCell(r[c]) : '');

  const byIdNumber = new Map<string, TraineeLite>();
  const byName = new Map<string, TraineeLite[]>();
  for (const t of trainees) {
    // A trainee who moved keeps their record at the old school; the one on a register wins.
    if (t.idNumber && (t.status === '在册' || !byIdNumber.has(t.idNumber))) byIdNumber.set(t.idNumber, t);
    byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  }

  const result: EnrolmentSheetMatch = { matched: [], already: [], unmatched: [] };
  const seenAt = new Map<string, number>();
  rows.slice(headerIndex + 1).forEach((r, k) => {
    const row = headerIndex + k + 2;
    const name = cell(r, nameCol);
    const idNumber = normaliseIdNumber(cell(r, idCol));
    const branch = cell(r, branchCol);
    if (!name && !idNumber && !branch) return;
    const text = [name, idNumber && maskIdNumber(idNumber), branch].filter(Boolean).join('，');
    const refuse = (reason: string) => result.unmatched.push({ row, text, reason });

    let trainee: TraineeLite | undefined;
    if (idNumber) {
      trainee = byIdNumber.get(idNumber);
      if (!trainee) return refuse(`学员库中没有身份证号为 ${maskIdNumber(idNumber)} 的学员`);
      if (name && name !== trainee.name) return refuse(`姓名“${name}”与学员库中该身份证号的姓名“${trainee.name}”不一致`);
    } else if (!name) {
      return refuse('缺少姓名和身份证号');
    } else {
      const found = (byName.get(name) ?? []).filter((t) => !branch || t.branch === branch);
      const where = branch ? `、所在党支部为“${branch}”` : '';
      if (found.length === 0) return refuse(`学员库中没有姓名为“${name}”${where}的学员`);
      if (found.length > 1) return refuse(`学员库中有 ${found.length} 名姓名为“${name}”${where}的学员，请填写身份证号以区分`);
      trainee = found[0]!;
    }
    if (trainee.status !== '在册') return refuse(`学员 ${trainee.name} 的状态为“${trainee.status}”，不能报名`);
    const first = seenAt.get(trainee.id);
    if (first !== undefined) return refuse(`与第 ${first} 行是同一名学员`);
    seenAt.set(trainee.id, row);
    (enrolled.has(trainee.id) ? result.already : result.matched).push({ row, text, trainee });
  });
  return ok(result);
}
