/** What the audit trail records, with the words the trail shows. Free of imports so the record schemas can use it. */
export const AUDIT_ACTION_LABELS = {
  create: '新增',
  update: '修改',
  delete: '删除',
  restore: '恢复删除',
  'attendance.correct': '更正考勤',
  import: '导入',
  export: '导出',
  backup: '备份',
  'backup.restore': '从备份恢复',
  'sample.load': '加载示例数据',
  login: '登录',
  'login.failed': '登录失败',
  logout: '退出登录',
  lock: '锁定',
  unlock: '解锁',
  'reveal.idNumber': '查看完整身份证号',
  'reveal.phone': '查看完整手机号',
  'account.create': '新建账户',
  'account.update': '修改账户',
  'account.password': '修改密码',
  'settings.update': '修改设置',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];
