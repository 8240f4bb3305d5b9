import { TABLE_LABELS, type SyncedTableName } from '../domain/records';
import { GRANTABLE_ROLES, ROLES, type Grant, type Role } from './roles';

export type Action =
  /** Any registry other than sessions and attendance: schools, instructors, sites, trainees, courses, plans, classes … */
  | 'registry.edit'
  /** Create and change sessions (课表). A 教员 may only mark their own session held or closed. */
  | 'schedule.edit'
  /** Mark attendance of an open session. */
  | 'attendance.mark'
  /** Change attendance after its session was closed (needs a reason). */
  | 'attendance.correct'
  | 'evaluations.view'
  | 'settings.edit'
  | 'security.edit'
  | 'accounts.manage'
  | 'audit.view'
  | 'data.import'
  | 'data.export'
  | 'backup.create'
  | 'backup.restore'
  | 'sample.load'
  | 'reports.view'
  | 'reports.print'
  | 'reveal.idNumber'
  | 'reveal.phone'
  | 'export.unmasked';

export interface PermissionContext {
  /** The account's sensitive grants. */
  grants?: readonly Grant[];
  /** The instructor record a 教员 account belongs to. */
  instructorId?: string | null;
  /** Who teaches the session in question (attendance, sessions, evaluations). */
  sessionInstructorIds?: readonly string[];
  /** For 'evaluations.view': whose evaluation it is. */
  evaluatedInstructorId?: string;
}

const OFFICE: readonly Role[] = ['管理员', '教务'];
const EVERYONE: readonly Role[] = ROLES;

const BY_ROLE: Record<Exclude<Action, 'attendance.mark' | 'schedule.edit' | 'evaluations.view' | `reveal.${string}` | 'export.unmasked'>, readonly Role[]> = {
  'registry.edit': OFFICE,
  'attendance.correct': OFFICE,
  'settings.edit': OFFICE,
  'security.edit': ['管理员'],
  'accounts.manage': ['管理员'],
  'audit.view': OFFICE,
  'data.import': OFFICE,
  'data.export': OFFICE,
  'backup.create': OFFICE,
  'backup.restore': ['管理员'],
  'sample.load': OFFICE,
  'reports.view': EVERYONE,
  'reports.print': EVERYONE,
};

const GRANT_OF: Record<'reveal.idNumber' | 'reveal.phone' | 'export.unmasked', Grant> = {
  'reveal.idNumber': 'revealIdNumber',
  'reveal.phone': 'revealPhone',
  'export.unmasked': 'exportUnmasked',
};

const teaches = (context: PermissionContext) =>
  !!context.instructorId && (context.sessionInstructorIds ?? []).includes(context.instructorId);

/** Whether `role` may do `action`; the context says whose session or record it is. */
export function can(role: Role, action: Action, context: PermissionContext = {}): boolean {
  switch (action) {
    case 'attendance.mark':
    case 'schedule.edit':
      return OFFICE.includes(role) || (role === '教员' && teaches(context));
    case 'evaluations.view':
      return OFFICE.includes(role) || (role === '教员' && !!context.instructorId && context.evaluatedInstructorId === context.instructorId);
    case 'reveal.idNumber':
    case 'reveal.phone':
    case 'export.unmasked':
      return role === '管理员' || (GRANTABLE_ROLES.includes(role) && (context.grants ?? []).includes(GRANT_OF[action]));
    default:
      return BY_ROLE[action].includes(role);
  }
}

/** What a write changes, as the data layer sees it before writing. */
export interface WriteIntent {
  table: SyncedTableName;
  kind: 'create' | 'update' | 'delete' | 'restore';
  /** Top-level fields whose value changes (updates). */
  changedFields: readonly string[];
  /** The stored session the record belongs to (sessions and attendance), when it exists. */
  session?: { instructorIds: readonly string[]; closed: boolean } | null;
  reason?: string;
}

export interface Actor {
  role: Role;
  instructorId: string | null;
}

/** A 教员 may mark their session held and close its attendance, nothing more. */
const INSTRUCTOR_SESSION_FIELDS = new Set(['status', 'closed']);

/** Why `actor` may not make this write (a Chinese sentence), or null when allowed. */
export function writeRefusal(actor: Actor, intent: WriteIntent): string | null {
  const { role } = actor;
  const context: PermissionContext = { instructorId: actor.instructorId, sessionInstructorIds: intent.session?.instructorIds ?? [] };
  if (intent.table === 'attendance') {
    if (intent.session?.closed) {
      if (!can(role, 'attendance.correct')) return `当前账户（${role}）无权更正已关闭课次的考勤，请联系教务`;
      if (!intent.reason?.trim()) return '该课次考勤已关闭，更正考勤须填写原因';
      return null;
    }
    if (can(role, 'attendance.mark', context)) return null;
    return role === '教员' ? '当前账户（教员）只能为自己授课的课次考勤' : `当前账户（${role}）无权修改考勤`;
  }
  if (intent.table === 'sessions') {
    if (OFFICE.includes(role)) return null;
    const ownStatusChange =
      intent.kind === 'update' &&
      can(role, 'schedule.edit', context) &&
      intent.changedFields.every((f) => INSTRUCTOR_SESSION_FIELDS.has(f)) &&
      !(intent.session?.closed && intent.changedFields.includes('closed'));
    return ownStatusChange ? null : `当前账户（${role}）无权修改课次信息`;
  }
  return can(role, 'registry.edit') ? null : `当前账户（${role}）无权修改${TABLE_LABELS[intent.table]}信息`;
}

/** The words for an action in a refusal: 当前账户（只读）无权「管理账户」. */
export const ACTION_LABELS: Record<Action, string> = {
  'registry.edit': '修改名册',
  'schedule.edit': '修改课表',
  'attendance.mark': '考勤',
  'attendance.correct': '更正已关闭课次的考勤',
  'evaluations.view': '查看评课',
  'settings.edit': '修改设置',
  'security.edit': '修改安全设置',
  'accounts.manage': '管理账户',
  'audit.view': '查看操作日志',
  'data.import': '导入数据',
  'data.export': '导出数据',
  'backup.create': '备份数据',
  'backup.restore': '从备份恢复数据',
  'sample.load': '加载示例数据',
  'reports.view': '查看报表',
  'reports.print': '打印报表',
  'reveal.idNumber': '查看完整身份证号',
  'reveal.phone': '查看完整手机号',
  'export.unmasked': '导出未脱敏的身份证号和手机号',
};

export const refusalFor = (role: Role, action: Action): string => `当前账户（${role}）无权${ACTION_LABELS[action]}`;
