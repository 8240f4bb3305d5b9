import { z } from 'zod';
import { ATTENDANCE_STATUSES, TRAINEE_CATEGORIES, type TraineeCategory } from './constants';

/** How an attendance status is credited: a fraction of the session, or the minutes actually present. */
export const statusCreditSchema = z.union([z.number().min(0).max(1), z.literal('minutes')]);
export type StatusCredit = z.infer<typeof statusCreditSchema>;

const requirementsSchema = z.object(
  Object.fromEntries(TRAINEE_CATEGORIES.map((c) => [c, z.number().min(0).max(500)])) as Record<
    TraineeCategory,
    z.ZodNumber
  >,
);

export const hourRulesSchema = z.object({
  /** Minutes in one 学时 (45 by default; 40 or 60 in some places). */
  minutesPerHour: z.number().int().min(10).max(120),
  /** Credited 学时 are rounded to this step (0.5 by default; 0 = no rounding). */
  roundingStep: z.number().min(0).max(1),
  /** 'floor' never credits more than was attended; 'nearest' rounds half up. */
  roundingMode: z.enum(['floor', 'nearest']),
  credit: z.object(
    Object.fromEntries(ATTENDANCE_STATUSES.map((s) => [s, statusCreditSchema])) as Record<
      (typeof ATTENDANCE_STATUSES)[number],
      typeof statusCreditSchema
    >,
  ),
  /** Annual requirement in 学时 per trainee category. */
  requirements: requirementsSchema,
  /** A trainee whose leave exceeds this share of a class's hours does not complete it (不予结业). */
  leaveLimit: z.object({ numerator: z.number().int().min(0), denominator: z.number().int().min(1) }),
  /** Optional yearly cap of external hours per source; a source not listed is uncapped. */
  externalCaps: z.record(z.string().max(100), z.number().min(0).max(1000)),
});
export type HourRules = z.infer<typeof hourRulesSchema>;

export const DEFAULT_HOUR_RULES: HourRules = {
  minutesPerHour: 45,
  roundingStep: 0.5,
  roundingMode: 'floor',
  credit: { 出勤: 1, 迟到: 'minutes', 早退: 'minutes', 事假: 0, 病假: 0, 旷课: 0 },
  requirements: {
    普通党员: 32,
    '村(社区)党组织书记': 56,
    两委成员: 56,
    入党积极分子: 24,
    发展对象: 24,
    预备党员: 32,
    流动党员: 32,
    镇街干部: 90,
  },
  leaveLimit: { numerator: 1, denominator: 7 },
  externalCaps: {},
};

export const backupSettingsSchema = z.object({
  /** Write an automatic backup into the data folder once a day, when the app is opened. */
  autoDaily: z.boolean(),
  /** How many automatic backups to keep. */
  keep: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { autoDaily: true, keep: 10 };

export const securitySettingsSchema = z.object({
  /** Lock the screen after this many minutes without keyboard or mouse use; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(240),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { idleLockMinutes: 10 };

export const SETTINGS_SCHEMAS = {
  hourRules: hourRulesSchema,
  backup: backupSettingsSchema,
  security: securitySettingsSchema,
} as const;
export type SettingsKey = keyof typeof SETTINGS_SCHEMAS;
export type SettingsValue<K extends SettingsKey> = z.infer<(typeof SETTINGS_SCHEMAS)[K]>;
export const SETTINGS_DEFAULTS: { [K in SettingsKey]: SettingsValue<K> } = {
  hourRules: DEFAULT_HOUR_RULES,
  backup: DEFAULT_BACKUP_SETTINGS,
  security: DEFAULT_SECURITY_SETTINGS,
};
