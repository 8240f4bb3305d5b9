import { z } from 'zod';
import {
  ATTENDANCE_STATUSES, COURSE_CATEGORIES, COURSE_DOMAINS, COURSE_LEVELS, DEMO_LEVELS, EMPLOYMENT_KINDS, GENDERS,
  INSTRUCTOR_CATEGORIES, INSTRUCTOR_STATUSES, SCHOOL_LEVELS, SESSION_STATUSES, SITE_KINDS, TEACHING_METHODS,
  TRAINEE_CATEGORIES,
} from './constants';
import { AUDIT_ACTIONS } from '../security/auditActions';
import { ROLES } from '../security/roles';

/**
 * Every synced record carries the same metadata. Keys are UUIDv7 strings and never change;
 * `schoolId` is the school where the record was created; `deletedAt` marks a tombstone
 * (synced data is never hard-deleted); `seq` is this database's change sequence at the
 * last write, from which an incremental export is built.
 */
export const recordMeta = z.object({
  id: z.string().min(1).max(64),
  schoolId: z.string().min(1).max(64),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  deletedAt: z.number().int().nonnegative().nullable(),
  seq: z.number().int().nonnegative(),
});
export type RecordMeta = z.infer<typeof recordMeta>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
const text = (max = 200) => z.string().max(max);
const id = z.string().min(1).max(64);

export const schoolSchema = recordMeta.extend({
  name: text(100).min(1),
  level: z.enum(SCHOOL_LEVELS),
  parentId: id.nullable(),
  code: text(40),
});
export type School = z.infer<typeof schoolSchema>;

export const instructorSchema = recordMeta.extend({
  name: text(50).min(1),
  gender: z.enum(GENDERS).nullable(),
  category: z.enum(INSTRUCTOR_CATEGORIES),
  employment: z.enum(EMPLOYMENT_KINDS),
  unit: text(),
  post: text(),
  title: text(),
  phone: text(40),
  topics: z.array(text(60)).max(50),
  appointmentStart: isoDate.nullable(),
  appointmentEnd: isoDate.nullable(),
  status: z.enum(INSTRUCTOR_STATUSES),
  notes: text(2000),
});
export type Instructor = z.infer<typeof instructorSchema>;

/** When a site receives visitors: weekdays 1 (Mon) … 7 (Sun), with a daily time window. */
export const openPeriodSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  start: hhmm,
  end: hhmm,
});
export type OpenPeriod = z.infer<typeof openPeriodSchema>;

export const siteSchema = recordMeta.extend({
  kind: z.enum(SITE_KINDS),
  name: text(100).min(1),
  town: text(50),
  village: text(50),
  address: text(),
  theme: text(),
  capacity: z.number().int().min(0).max(100000),
  guide: text(50),
  guidePhone: text(40),
  courseIds: z.array(id).max(500),
  demoLevel: z.enum(DEMO_LEVELS),
  openPeriods: z.array(openPeriodSchema).max(20),
  status: z.enum(['启用', '停用']),
  notes: text(2000),
});
export type Site = z.infer<typeof siteSchema>;

export const traineeSchema = recordMeta.extend({
  name: text(50).min(1),
  gender: z.enum(GENDERS).nullable(),
  /** 公民身份号码; sensitive, shown masked unless the role allows. Empty when unknown. */
  idNumber: text(18),
  birthDate: isoDate.nullable(),
  phone: text(40),
  branch: text(100),
  village: text(100),
  category: z.enum(TRAINEE_CATEGORIES),
  /** 年老体弱、行动不便: no hard annual requirement (taught at home, 送学上门). */
  exempt: z.boolean(),
  status: z.enum(['在册', '转出', '退出']),
  /** Pinyin initials of the name, for search (张三 → zs). Derived, kept for speed. */
  py: text(50),
  notes: text(2000),
  /**
   * Set with status 转出: the school the trainee moved to (a School record) and the date.
   * The record keeps its id and stays here, so its attendance history stays attached;
   * null or absent while the trainee is on this school's roll.
   */
  transfer: z.object({ schoolId: id, date: isoDate }).nullable().optional(),
});
export type Trainee = z.infer<typeof traineeSchema>;

export const courseSchema = recordMeta.extend({
  title: text(100).min(1),
  domain: z.enum(COURSE_DOMAINS),
  category: z.enum(COURSE_CATEGORIES),
  level: z.enum(COURSE_LEVELS),
  method: z.enum(TEACHING_METHODS),
  minutes: z.number().int().min(1).max(24 * 60),
  instructorIds: z.array(id).max(100),
  siteId: id.nullable(),
  description: text(2000),
});
export type Course = z.infer<typeof courseSchema>;

export const planSchema = recordMeta.extend({
  year: z.number().int().min(2000).max(2100),
  title: text(100).min(1),
  targetGroup: text(100),
  notes: text(2000),
});
export type Plan = z.infer<typeof planSchema>;

export const classSchema = recordMeta.extend({
  planId: id.nullable(),
  year: z.number().int().min(2000).max(2100),
  title: text(100).min(1),
  targetGroup: text(100),
  startDate: isoDate,
  endDate: isoDate,
  notes: text(2000),
});
export type TrainingClass = z.infer<typeof classSchema>;

export const enrolmentSchema = recordMeta.extend({
  classId: id,
  traineeId: id,
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const sessionSchema = recordMeta.extend({
  classId: id,
  courseId: id,
  instructorIds: z.array(id).min(1).max(10),
  siteId: id,
  date: isoDate,
  year: z.number().int().min(2000).max(2100),
  start: hhmm,
  end: hhmm,
  minutes: z.number().int().min(1).max(24 * 60),
  status: z.enum(SESSION_STATUSES),
  cancelReason: text(500),
  /** Reason given when a soft clash was overridden; empty when none was. */
  overrideReason: text(500),
  closed: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const markSchema = z.object({
  status: z.enum(ATTENDANCE_STATUSES),
  minutesMissed: z.number().int().min(0).max(24 * 60),
  /** 学时 credited by the settings in force when the mark was made. */
  hours: z.number().min(0).max(24),
  by: text(64),
  at: z.number().int().nonnegative(),
});
export type Mark = z.infer<typeof markSchema>;

/** A mark as it stood before or after a correction. */
const markValueSchema = markSchema.pick({ status: true, minutesMissed: true, hours: true });
export type MarkValue = z.infer<typeof markValueSchema>;

/**
 * A change to a closed session's attendance (DOMAIN §4): who, when, before → after and why.
 * `before` is null when a mark was added after closing, `after` when one was removed.
 */
export const correctionSchema = z.object({
  id,
  traineeId: id,
  before: markValueSchema.nullable(),
  after: markValueSchema.nullable(),
  reason: text(500).min(1),
  by: text(64),
  at: z.number().int().nonnegative(),
});
export type Correction = z.infer<typeof correctionSchema>;

/**
 * Attendance is stored one record per session (its id is the session id), holding every
 * trainee's mark: IndexedDB costs per record, and a roster is read and written together.
 * Each mark keeps its own author and time so two devices' marks merge mark by mark.
 */
export const attendanceSchema = recordMeta.extend({
  sessionId: id,
  classId: id,
  date: isoDate,
  year: z.number().int().min(2000).max(2100),
  minutes: z.number().int().min(1).max(24 * 60),
  marks: z.record(id, markSchema),
  /** Trainees marked here who are not enrolled in the class (插班/临时参训). */
  walkIns: z.array(id).max(1000),
  /** Changes made after the session was closed, oldest first. */
  corrections: z.array(correctionSchema).max(5000),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const externalHoursSchema = recordMeta.extend({
  traineeId: id,
  year: z.number().int().min(2000).max(2100),
  date: isoDate,
  source: text(100).min(1),
  hours: z.number().min(0).max(1000),
  note: text(500),
});
export type ExternalHours = z.infer<typeof externalHoursSchema>;

export const evaluationSchema = recordMeta.extend({
  sessionId: id,
  instructorId: id,
  /** 5 criteria × 20 points, in the order of EVALUATION_CRITERIA. */
  scores: z.array(z.number().min(0).max(20)).length(5),
  note: text(500),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/**
 * One entry of the audit trail (操作日志): who did what, when, before → after. Entries form
 * hash chains, one per installation (`chainId`): `n` counts from 1 and `hash` covers the
 * entry with the previous entry's hash (shared/security/audit.ts), so a changed, removed or
 * inserted entry is detected. Entries are never changed once written; the attendance-related
 * ones travel in county packages, so they carry the record metadata too.
 */
export const auditEntrySchema = recordMeta.extend({
  chainId: id,
  n: z.number().int().min(1),
  at: z.number().int().nonnegative(),
  /** The account, '' for the app itself (before any account existed). */
  actorId: z.string().max(64),
  /** Login name and display name as they were at the time. */
  actorName: text(100),
  actorRole: z.enum(ROLES).nullable(),
  action: z.enum(AUDIT_ACTIONS),
  /** The synced table or other subject ('accounts', 'settings' …), '' when none. */
  table: z.string().max(40),
  recordId: z.string().max(64),
  summary: text(500),
  /** Changed fields only (a whole record when created or deleted). */
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: text(500),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The synced tables and the schema of their records: one list that backups and packages share. */
export const SYNCED_TABLES = {
  schools: schoolSchema,
  instructors: instructorSchema,
  sites: siteSchema,
  trainees: traineeSchema,
  courses: courseSchema,
  plans: planSchema,
  classes: classSchema,
  enrolments: enrolmentSchema,
  sessions: sessionSchema,
  attendance: attendanceSchema,
  externalHours: externalHoursSchema,
  evaluations: evaluationSchema,
} as const;
export type SyncedTableName = keyof typeof SYNCED_TABLES;
export const SYNCED_TABLE_NAMES = Object.keys(SYNCED_TABLES) as SyncedTableName[];

/** Chinese names of the tables, for previews and messages. */
export const TABLE_LABELS: Record<SyncedTableName, string> = {
  schools: '党校',
  instructors: '教员',
  sites: '教学点',
  trainees: '学员',
  courses: '课程',
  plans: '培训计划',
  classes: '培训班',
  enrolments: '报名',
  sessions: '课次',
  attendance: '考勤',
  externalHours: '外部学时',
  evaluations: '评课',
};
