import Dexie, { type Table, type Transaction } from 'dexie';
import type {
  Attendance, AuditEntry, Course, Enrolment, Evaluation, ExternalHours, Instructor, Plan, School, Session, Site, Trainee,
  TrainingClass,
} from '../../../shared/domain/records';
import type { Account } from '../../../shared/security/account';
import type { ClassRollDoc, LedgerRollDoc, RollDoc, YearSessionsDoc, YearTotalsDoc } from './caches';
import { packLinks } from './exchange/tables';

/** Also named in renderer/public/early-open.js, which opens it before the app's code runs. */
export const DB_NAME = 'dangxiao-desk';

/** Meta key set by an upgrade that adds or reshapes a cache: the caches are rebuilt once before use. */
export const CACHES_STALE = 'cachesStale';

/** Bookkeeping of this database: own school, change sequence, last automatic backup … */
export interface MetaEntry { key: string; value: unknown }
/** What belongs to this installation and survives a restore: the audit chain's id and end. */
export interface DeviceEntry { key: string; value: unknown }
export interface SettingsEntry { key: string; value: unknown; updatedAt: number }
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
      trainees: 'id, seq, schoolId, idNumber, branch, category, village',
      courses: 'id, seq, schoolId, domain, *instructorIds',
      plans: 'id, seq, schoolId, year',
      classes: 'id, seq, schoolId, planId, year',
      enrolments: 'id, seq, classId, traineeId, &[classId+traineeId]',
      sessions: 'id, seq, schoolId, classId, courseId, date, year, siteId, *instructorIds',
      attendance: 'id, seq, schoolId, classId, year, *walkIns',
      externalHours: 'id, seq, traineeId, year',
      evaluations: 'id, seq, sessionId, instructorId',
      hourTotals: 'id, [year+schoolId], traineeId',
      accounts: 'id, &usernameKey',
      audit: 'id, seq, at, [chainId+n], actorId, action, table, recordId',
      device: 'key',
      packageLedger: 'id, at, sourceId',
      exchangeSources: 'id',
      exchangeConflicts: 'id, detectedAt',
      identityLinks: 'traineeId',
      identityGroups: 'key, size',
      rolls: 'schoolId',
      classRolls: 'classId, *plannedYears',
      yearTotals: 'id, year',
    },
  },
  {
    // Fewer records and index entries per trainee, as an import of a county writes 40,000 of
    // them (each costs on every write): the per-trainee hour totals live on only in the packed
    // yearTotals, identity links move into buckets (then version 3 drops their old table); the
    // trainees' branch, category and village are searched in the rolls; enrolments are found
    // by class through their [classId+traineeId] index. Rosters, large and few, gain an index
    // on updatedAt: an import tells the versions it holds already without reading them. And two
    // packed caches: the ledgers' columns of the rolls, and each school-year's sessions.
    version: 2,
    stores: {
      hourTotals: null,
      trainees: 'id, seq, schoolId, idNumber',
      enrolments: 'id, seq, traineeId, &[classId+traineeId]',
      attendance: 'id, seq, schoolId, classId, year, *walkIns, updatedAt',
      identityLinkBuckets: 'bucket',
      ledgerRolls: 'schoolId',
      yearSessions: 'key, year',
    },
    upgrade: async (tx) => {
      await tx.table('identityLinkBuckets').bulkPut(packLinks(await tx.table('identityLinks').toArray()));
      // The new caches fill from the records at the next start (rebuildStaleCaches), not in here.
      await tx.table('meta').put({ key: CACHES_STALE, value: true });
    },
  },
  { version: 3, stores: { identityLinks: null } },
  {
    // The year totals by column (trainees, sessions) instead of objects keyed by id, which V8
    // reads back slowly the first time in a page (see YearTotalsDoc), and the rolls with each
    // trainee's updatedAt (see RollDoc): refilled at the next start.
    version: 4,
    stores: {},
    upgrade: async (tx) => {
      await tx.table('yearTotals').clear();
      await tx.table('meta').put({ key: CACHES_STALE, value: true });
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
  accounts!: Table<Account, string>;
  audit!: Table<AuditEntry, string>;
  device!: Table<DeviceEntry, string>;
  rolls!: Table<RollDoc, string>;
  ledgerRolls!: Table<LedgerRollDoc, string>;
  classRolls!: Table<ClassRollDoc, string>;
  yearTotals!: Table<YearTotalsDoc, string>;
  yearSessions!: Table<YearSessionsDoc, string>;

  constructor(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS) {
    super(name);
    for (const v of versions) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    const transaction = Dexie.prototype.transaction as (this: Dexie, ...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(this, 'transaction', {
      value: (...args: unknown[]) =>
        transaction.apply(this, withWriteCompanions(this, args)).catch((e: unknown) => {
          throw isQuotaExceeded(e) ? new StorageFullError() : e;
        }),
    });
  }
}

/**
 * Tables every read-write transaction holds besides the caller's own: the change sequence,
 * the accounts (whose role decides whether a write is allowed), the sessions (whose teacher
 * may mark them) and the audit trail with its chain head. So saveRecords can check and
 * record a write inside whatever transaction calls it, in that same transaction. And the
 * packed caches (caches.ts), which saveRecords keeps in line with what it writes (with the
 * attendance: an enrolment changes who counts as a walk-in in the class's rosters).
 */
const WRITE_COMPANIONS = ['meta', 'accounts', 'sessions', 'audit', 'device', 'rolls', 'ledgerRolls', 'classRolls', 'yearTotals', 'yearSessions', 'attendance'];

function withWriteCompanions(d: Dexie, args: unknown[]): unknown[] {
  const [mode, ...tables] = args;
  const scope = tables.pop();
  if (typeof mode !== 'string' || !/^(rw|readwrite)/.test(mode)) return args;
  const names = new Set(tables.flat().map((t) => (typeof t === 'string' ? t : (t as Table).name)));
  for (const name of WRITE_COMPANIONS) if (d.tables.some((t) => t.name === name)) names.add(name);
  return [mode, [...names], scope];
}

export const STORAGE_FULL_MESSAGE = '磁盘空间不足，本次操作没有保存。此前已保存的数据没有丢失；请清理磁盘空间后重试。';

/** The disk (or the browser's share of it) is full: the transaction was rolled back whole. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor() {
    super(STORAGE_FULL_MESSAGE);
  }
}

/** IndexedDB reports a full disk as QuotaExceededError, sometimes inside Dexie's AbortError. */
export function isQuotaExceeded(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    if ((x as { name?: unknown }).name === 'QuotaExceededError') return true;
    x = (x as { inner?: unknown; cause?: unknown }).inner ?? (x as { cause?: unknown }).cause;
  }
  return false;
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
  try {
    await db.open();
  } finally {
    // The connection index.html's early-open.js made to have the files open by now.
    (globalThis as { dxEarlyOpenDone?: () => void }).dxEarlyOpenDone?.();
  }
  return db;
}
