import dayjs from 'dayjs';
import { TABLE_LABELS, type AuditEntry, type SyncedTableName } from '../../../../shared/domain/records';
import { IMPORT_FIELDS, type FieldSpec } from '../../../../shared/import/columns';
import { AUDIT_ACTION_LABELS } from '../../../../shared/security/auditActions';
import { GRANT_LABELS, type Grant } from '../../../../shared/security/roles';
import { fieldText } from '../../data/registries/fieldText';
import { STATUS_LABELS as SESSION_STATUS_LABELS } from '../schedule/format';

/** Field names as the trail shows them; the registries' own labels first. */
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries((Object.values(IMPORT_FIELDS) as readonly (readonly FieldSpec[])[]).flat().reverse().map((f) => [f.key, f.label])),
  title: '名称', date: '日期', start: '开始时间', end: '结束时间', minutes: '分钟数', closed: '考勤已关闭', marks: '考勤',
  walkIns: '插班学员', corrections: '更正记录', instructorIds: '授课教员', siteId: '教学点', classId: '培训班', courseId: '课程',
  planId: '培训计划', year: '年度', deletedAt: '删除时间', level: '级别', parentId: '上级党校', code: '代码', domain: '领域',
  method: '教学方式', description: '说明', targetGroup: '培训对象', startDate: '开始日期', endDate: '结束日期', traineeId: '学员',
  source: '来源', hours: '学时', note: '备注', scores: '评分', cancelReason: '取消原因', overrideReason: '冲突确认原因',
  minutesMissed: '缺课分钟', role: '角色', grants: '敏感权限', disabled: '已停用', displayName: '姓名或称呼', username: '用户名',
  instructorId: '关联教员', idleLockMinutes: '空闲锁定（分钟）', minutesPerHour: '每学时分钟数', autoDaily: '每天自动备份',
  keep: '保留份数', py: '拼音首字母', transfer: '转出', sessionId: '课次', courseIds: '课程', name: '名称',
};

const label = (key: string) => FIELD_LABELS[key] ?? key;

/** Who and when of a single mark: the entry itself says both. */
const MARK_BOOKKEEPING = new Set(['by', 'at']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface TextOptions {
  /** Show full ID and phone numbers (the viewer's grant). */
  reveal: boolean;
  /** Names of the records the entries refer to, by id (see referencedIds). */
  names?: ReadonlyMap<string, string>;
  /** School names by id, given when the trail holds more than one school's entries: adds a 党校 column. */
  schools?: ReadonlyMap<string, string>;
}

function valueText(key: string, value: unknown, options: TextOptions): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (REFERENCES[key]) {
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => options.names?.get(String(id)) ?? '（已删除）').join('、') || '（无）';
  }
  if (key === 'deletedAt' && typeof value === 'number') return dayjs(value).format('YYYY-MM-DD HH:mm');
  if (key === 'grants' && Array.isArray(value)) return value.map((g: Grant) => GRANT_LABELS[g] ?? g).join('、') || '（无）';
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([k]) => !MARK_BOOKKEEPING.has(k))
      .map(([k, v]) => `${label(k)} ${valueText(k, v, options)}`)
      .join('，');
  }
  if (Array.isArray(value) && value.length === 0) return '（无）';
  if (Array.isArray(value) && value.some(isObject)) return `${value.length} 项`;
  // A session's status is stored in English; every other status is stored as shown.
  if (key === 'status' && typeof value === 'string' && Object.hasOwn(SESSION_STATUS_LABELS, value)) {
    return SESSION_STATUS_LABELS[value as keyof typeof SESSION_STATUS_LABELS];
  }
  return fieldText(key, value, options.reveal);
}

/**
 * The changes of an entry, one line per field: 「联系电话：138****5678 → 139****0000」. A
 * nested map (an attendance roster's marks) gives one line per changed key, named.
 */
export function changeLines(entry: Pick<AuditEntry, 'before' | 'after'>, options: TextOptions): string[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (isObject(a) && isObject(b) && (key === 'marks' || Object.keys({ ...a, ...b }).every((k) => isObject(a[k]) || isObject(b[k])))) {
      for (const inner of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const who = options.names?.get(inner) ?? inner;
        lines.push(`${label(key)}·${who}：${valueText(inner, a[inner], options)} → ${valueText(inner, b[inner], options)}`);
      }
    } else if (!entry.before) {
      lines.push(`${label(key)}：${valueText(key, b, options)}`);
    } else {
      lines.push(`${label(key)}：${valueText(key, a, options)} → ${valueText(key, b, options)}`);
    }
  }
  return lines;
}

/** Fields holding the id of another record, and the table it is in. */
export const REFERENCES: Record<string, SyncedTableName> = {
  parentId: 'schools', siteId: 'sites', classId: 'classes', courseId: 'courses', planId: 'plans', traineeId: 'trainees',
  sessionId: 'sessions', instructorId: 'instructors', instructorIds: 'instructors', courseIds: 'courses', walkIns: 'trainees',
};

/** Per table, the ids the entries refer to (roster marks are keyed by trainee), to show names instead. */
export function referencedIds(entries: readonly AuditEntry[]): Map<SyncedTableName, Set<string>> {
  const out = new Map<SyncedTableName, Set<string>>();
  const add = (table: SyncedTableName, id: unknown) => {
    if (typeof id === 'string' && id) out.set(table, (out.get(table) ?? new Set()).add(id));
  };
  for (const e of entries) {
    for (const side of [e.before, e.after]) {
      if (!side) continue;
      for (const [key, value] of Object.entries(side)) {
        const table = key === 'marks' ? 'trainees' : REFERENCES[key];
        if (!table) continue;
        if (key === 'marks' && isObject(value)) Object.keys(value).forEach((id) => add(table, id));
        else (Array.isArray(value) ? value : [value]).forEach((id) => add(table, id));
      }
    }
  }
  return out;
}

export const actionLabel = (e: Pick<AuditEntry, 'action'>): string => AUDIT_ACTION_LABELS[e.action] ?? e.action;

/** Subjects the trail can be filtered by. */
export const SUBJECT_LABELS: Record<string, string> = { ...TABLE_LABELS, accounts: '账户', settings: '设置', backup: '备份', packages: '数据包', audit: '操作日志', reports: '报表' };

/** One entry as a line of an export or a printed page, under entryHeaders. */
export function entryCells(e: AuditEntry, options: TextOptions): (string | number)[] {
  return [
    e.n,
    dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'),
    ...(options.schools ? [options.schools.get(e.schoolId) ?? ''] : []),
    e.actorName,
    e.actorRole ?? '',
    actionLabel(e),
    e.summary,
    changeLines(e, options).join('\n'),
    e.reason,
  ];
}

export const entryHeaders = (options: Pick<TextOptions, 'schools'>): string[] =>
  ['序号', '时间', ...(options.schools ? ['党校'] : []), '操作人', '角色', '操作', '对象', '变更内容', '原因'];
