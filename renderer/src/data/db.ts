import Dexie, { type Table, type Transaction } from 'dexie';
import type {
  Attendance, Course, Enrolment, Evaluation, ExternalHours, Instructor, Plan, School, Session, Site, Trainee,
  TrainingClass,
} from '../../../shared/domain/records';

export const DB_NAME = 'dangxiao-desk';

/** Bookkeeping of this database: own school, change sequence, last automatic backup … */
export interface MetaEntry { key: string; value: unknown }
export interface SettingsEntry { key: string; value: unknown; updatedAt: number }
/** Cache of a trainee's year: rebuilt from attendance and external hours, never synced. */
export interface HourTotal {
  id: string; // `${traineeId}|${year}`
  traineeId: string;
  year: number;
  schoolId: string;
  credited: number;
  external: number;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * Every schema version the app has ever had, oldest first. Migrations only add: a new
 * version appends an entry (with an upgrade function when data must move) and never edits
 * an old one. `seq` is indexed on every synced table for incremental export.
 */
export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      settings: 'key',
      schools: 'id, seq, parentId',
      instructors: 'id, seq, schoolId, status, category, *topics',
      sites: 'id, seq, schoolId, kind, town',
      trainees: 'id, seq, schoolId, idNumber, branch, category',
      courses: 'id, seq, schoolId, domain, *instructorIds',
      plans: 'id, seq, schoolId, year',
      classes: 'id, seq, schoolId, planId, year',
      enrolments: 'id, seq, classId, traineeId, &[classId+traineeId]',
      sessions: 'id, seq, schoolId, classId, date, year, siteId, *instructorIds',
      attendance: 'id, seq, schoolId, classId, year',
      externalHours: 'id, seq, traineeId, year',
      evaluations: 'id, seq, sessionId, instructorId',
      hourTotals: 'id, [year+schoolId], traineeId',
    },
  },
];
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

export class DxDatabase extends Dexie {
  meta!: Table<MetaEntry, string>;
  settings!: Table<SettingsEntry, string>;
  schools!: Table<School, string>;
  instructors!: Table<Instructor, string>;
  sites!: Table<Site, string>;
  trainees!: Table<Trainee, string>;
  courses!: Table<Course, string>;
  plans!: Table<Plan, string>;
  classes!: Table<TrainingClass, string>;
  enrolments!: Table<Enrolment, string>;
  sessions!: Table<Session, string>;
  attendance!: Table<Attendance, string>;
  externalHours!: Table<ExternalHours, string>;
  evaluations!: Table<Evaluation, string>;
  hourTotals!: Table<HourTotal, string>;

  constructor(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

export class NewerDatabaseError extends Error {
  constructor(found: number, supported: number) {
    super(
      `此电脑上的数据由更新版本的党校教务通写入（数据格式第 ${found} 版，本程序只支持到第 ${supported} 版）。` +
        '为保护数据，程序没有打开也没有改动它。请安装最新版本的党校教务通后再使用。',
    );
    this.name = 'NewerDatabaseError';
  }
}

/**
 * Dexie 4 silently adapts to a database of a higher version, which would let an old app
 * write into a newer app's data. Probe the installed native version first and refuse.
 */
async function installedVersion(name: string): Promise<number | null> {
  const known = await indexedDB.databases();
  const found = known.find((d) => d.name === name);
  // Dexie stores version × 10 natively.
  return found?.version ? found.version / 10 : null;
}

export async function openDatabase(name = DB_NAME, versions = SCHEMA_VERSIONS): Promise<DxDatabase> {
  const supported = versions[versions.length - 1]!.version;
  const installed = await installedVersion(name);
  if (installed !== null && installed > supported) throw new NewerDatabaseError(installed, supported);
  const db = new DxDatabase(name, versions);
  await db.open();
  return db;
}
