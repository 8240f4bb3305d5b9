/** The vocabulary of accounts, kept free of imports so the record schemas can use it. */

/**
 * 管理员 everything, including accounts; 教务 the office's work (registries, curricula,
 * timetable, attendance, reports, import and export); 教员 the sessions they teach (mark
 * attendance, see their evaluations); 只读 view and print reports.
 */
export const ROLES = ['管理员', '教务', '教员', '只读'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  管理员: '全部功能，包括账户管理和安全设置',
  教务: '名册、课程、课表、考勤、报表、导入导出',
  教员: '为自己授课的课次考勤，查看自己的评课',
  只读: '查看和打印报表',
};

/**
 * Sensitive permissions granted per account on top of the role (a 管理员 has them all):
 * seeing a full ID or phone number, and exporting them unmasked. Each reveal is logged.
 */
export const GRANTS = ['revealIdNumber', 'revealPhone', 'exportUnmasked'] as const;
export type Grant = (typeof GRANTS)[number];
export const GRANT_LABELS: Record<Grant, string> = {
  revealIdNumber: '显示完整身份证号',
  revealPhone: '显示完整手机号',
  exportUnmasked: '导出未脱敏的身份证号和手机号',
};
/** Roles that may hold the sensitive grants at all. */
export const GRANTABLE_ROLES: readonly Role[] = ['教务', '教员'];
