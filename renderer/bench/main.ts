/**
 * The benchmark's hands inside the page: the app's own data layer (the same Dexie code the
 * app runs), raw IndexedDB as the floor, and sql.js as the peer. scripts/bench.mjs drives it
 * with Playwright and reads the timings; nothing here decides what is fast enough.
 */
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { DEFAULT_HOUR_RULES } from '../../shared/domain/settings';
import { generateSampleData, type SampleScale } from '../../shared/sample/generate';
import { DB_NAME, openDatabase } from '../src/data/db';
import { db, setDb } from '../src/data/instance';
import { writeSampleData } from '../src/data/sample';
import { saveSchoolProfile } from '../src/data/school';
import { dashboardStats } from '../src/data/stats';
import { newId } from '../src/data/write';
import { filterTrainees } from '../../shared/rules/search';
import { checkSessionClashes } from '../src/data/schedule/clashContext';
import { markAllPresent, saveMark } from '../src/data/attendance/marks';
import { yearLedger } from '../src/data/ledger';
import { shortfallReport } from '../src/data/reports/shortfallReport';
import { summaryReport } from '../src/data/reports/summaryReport';
import { attendanceReport } from '../src/data/reports/attendanceReport';
import { instructorReport } from '../src/data/reports/instructorReport';
import { siteReport } from '../src/data/reports/siteReport';
import { yearPeriod } from '../src/data/reports/scope';
import { writeXlsx } from '../src/data/spreadsheet';
import { createFirstAdmin, login } from '../src/data/auth/accounts';
import { buildPackageInBackground, importPackageInBackground } from '../src/data/exchange/background';
import { commitExport } from '../src/data/exchange/export';
import { createReceipt, importReceipt } from '../src/data/exchange/receipts';
import { enterExchangeCode, getExchangeSettings, setMode } from '../src/data/exchange/state';
import type { PackageKind } from '../../shared/package/format';

/** The account the cold-start measurement signs in with. */
export const BENCH_ACCOUNT = { username: 'bench', password: 'Bench2026x' };

const now = () => performance.now();
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await work();
  return { ms: now() - start, value };
}

/** Longest main-thread task (the window's responsiveness) while `work` runs. */
async function withLongestTask<T>(work: () => Promise<T>): Promise<{ ms: number; longestTaskMs: number; value: T }> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  observer.observe({ type: 'longtask' });
  const { ms, value } = await timed(work);
  // Long tasks are reported after they end: let the observer deliver before reading.
  await new Promise((r) => setTimeout(r, 0));
  observer.disconnect();
  return { ms, longestTaskMs: longest, value };
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const rawOpen = (name: string, upgrade?: (db: IDBDatabase) => void) =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, upgrade ? 1 : undefined);
    if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

const year = () => new Date().getFullYear();

const bench = {
  /** A fresh, set-up database for this school. */
  async reset(): Promise<void> {
    try {
      db().close();
    } catch {
      // not open yet
    }
    await idbRequest(indexedDB.deleteDatabase(DB_NAME));
    setDb(await openDatabase());
    await saveSchoolProfile({ name: '中共曲阜市委党校', level: '市', parentName: '', code: '370881' });
    await db().meta.put({ key: 'setupDone', value: true });
    await createFirstAdmin({ ...BENCH_ACCOUNT, displayName: '基准测试' });
  },

  /** Generate a scale's data, then write it through the app's bulk path. */
  async load(scale: SampleScale) {
    const own = (await db().meta.get('selfSchoolId'))!.value as string;
    const today = `${year()}-11-28`;
    const gen = await timed(async () =>
      generateSampleData({ scale, year: year(), today, selfSchoolId: own, rules: DEFAULT_HOUR_RULES, newId, now: Date.now() }),
    );
    const data = gen.value;
    const marks = data.attendance.reduce((n, a) => n + Object.keys(a.marks).length, 0);
    const records = Object.values(data).reduce((n, rows) => n + rows.length, 0);
    const write = await withLongestTask(() => writeSampleData(data));
    // A session's roster is one record holding its marks; count each mark as the row it stands for.
    const rows = records - data.attendance.length + marks;
    return { generateMs: gen.ms, writeMs: write.ms, longestTaskMs: write.longestTaskMs, records, rows, marks, trainees: data.trainees.length, sessions: data.sessions.length };
  },

  async dashboard() {
    const r = await timed(() => dashboardStats(year()));
    return { ms: r.ms, trainees: r.value.trainees };
  },

  /** The floor: a raw getAll of every attendance record, and the marks they hold. */
  async rawReadAttendance() {
    const idb = await rawOpen(DB_NAME);
    const r = await timed(() => idbRequest(idb.transaction('attendance').objectStore('attendance').getAll()));
    idb.close();
    const marks = r.value.reduce((n: number, a: { marks: object }) => n + Object.keys(a.marks).length, 0);
    return { ms: r.ms, records: r.value.length, marks };
  },

  /** The floor for writes: one row per mark, raw IndexedDB, one transaction. */
  async rawWriteMarks(count: number) {
    const name = 'bench-raw-write';
    await idbRequest(indexedDB.deleteDatabase(name));
    const idb = await rawOpen(name, (d) => d.createObjectStore('marks', { keyPath: 'id' }));
    const rows = Array.from({ length: count }, (_, i) => ({ id: `m${i}`, traineeId: `t${i % 40000}`, status: '出勤', hours: 4, at: i }));
    const r = await timed(
      () =>
        new Promise<void>((resolve, reject) => {
          const tx = idb.transaction('marks', 'readwrite');
          const store = tx.objectStore('marks');
          for (const row of rows) store.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        }),
    );
    idb.close();
    await idbRequest(indexedDB.deleteDatabase(name));
    return { ms: r.ms, rows: count };
  },

  /** The peer: the year's credited hours per trainee with SQLite in the page, over the same marks. */
  async sqlPeerLedger() {
    const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
    const attendance = await db().attendance.where('year').equals(year()).toArray();
    const sqlite = new SQL.Database();
    const load = await timed(async () => {
      sqlite.run('CREATE TABLE marks (trainee TEXT, session TEXT, hours REAL)');
      sqlite.run('BEGIN');
      const insert = sqlite.prepare('INSERT INTO marks VALUES (?, ?, ?)');
      for (const a of attendance) for (const [t, m] of Object.entries(a.marks)) insert.run([t, a.id, m.hours]);
      insert.free();
      sqlite.run('COMMIT');
    });
    const query = await timed(async () => sqlite.exec('SELECT trainee, SUM(hours) FROM marks GROUP BY trainee')[0]?.values.length ?? 0);
    sqlite.close();
    return { loadMs: load.ms, queryMs: query.ms, trainees: query.value };
  },

  /**
   * What the benchmark types into the trainee list's search box, from a trainee in the middle:
   * the start of a name (at once, as an input method commits it), pinyin initials and the last
   * digits of an ID number (a key at a time). Each keystroke changes how many the list shows,
   * so the script sees each one land on the screen.
   */
  async traineeQueries() {
    const trainees = await db().trainees.toArray();
    // The list's own filter, as it opens: everyone on the roll (在册).
    const shown = (query: string) => filterTrainees(trainees, { query, status: '在册' }).length;
    const prefixes = (text: string) => [...text].map((_, i) => text.slice(0, i + 1));
    const narrows = (typed: string[]) =>
      typed.length > 0 && typed.every((q, i) => shown(q) > 0 && shown(q) !== shown(i === 0 ? '' : typed[i - 1]!));
    for (const t of [...trainees.slice(trainees.length / 2), ...trainees]) {
      if (t.deletedAt !== null || t.status !== '在册' || t.py.length < 2 || t.idNumber.length < 4) continue;
      const id = [4, 3, 2].map((n) => t.idNumber.slice(-n)).find((tail) => narrows(prefixes(tail)));
      if (id && narrows([t.name.slice(0, 2)]) && narrows(prefixes(t.py.slice(0, 2)))) {
        return { name: t.name.slice(0, 2), py: [...t.py.slice(0, 2)], id: [...id] };
      }
    }
    throw new Error('没有可供搜索的学员');
  },

  /** The clash check for a new session at a busy time: a copy of an existing one. */
  async clashCheck() {
    const sessions = await db().sessions.where('year').equals(year()).limit(500).toArray();
    const s = sessions[Math.floor(sessions.length / 2)]!;
    const { id: _id, ...draft } = s;
    const r = await timed(() => checkSessionClashes(draft));
    return { ms: r.ms, clashes: r.value.length };
  },

  /** Sign the benchmark account in (a page opened over data loaded earlier). */
  async signIn(): Promise<void> {
    const signedIn = await login(BENCH_ACCOUNT.username, BENCH_ACCOUNT.password);
    if (!signedIn.ok) throw new Error(signedIn.error);
  },

  /** Marking a planned session's roster: one mark, then everyone present. */
  async marking() {
    const planned = await db().sessions.where('year').equals(year()).filter((s) => s.status === 'planned').first();
    if (!planned) return null;
    const roster = (await db().enrolments.where('classId').equals(planned.classId).toArray()).map((e) => e.traineeId);
    // The median of five single marks, each a separate save as a click makes it.
    const singles: number[] = [];
    for (const traineeId of roster.slice(0, 5)) singles.push((await timed(() => saveMark(planned.id, traineeId, { status: '迟到', minutesMissed: 10 }))).ms);
    const one = { ms: singles.sort((a, b) => a - b)[Math.floor(singles.length / 2)]! };
    const all = await timed(() => markAllPresent(planned.id, roster));
    return { oneMs: one.ms, allMs: all.ms, roster: roster.length };
  },

  /** The year's ledger, each report over the year, and an .xlsx of the ledger. */
  async reports() {
    const ledger = await withLongestTask(() => yearLedger(year()));
    const shortfall = await timed(() => shortfallReport({ year: year() }));
    const summary = await timed(() => summaryReport({ period: yearPeriod(year()) }));
    const attendance = await timed(() => attendanceReport({ period: yearPeriod(year()) }));
    const instructors = await timed(() => instructorReport({ period: yearPeriod(year()) }));
    const sites = await timed(() => siteReport({ period: yearPeriod(year()) }));
    const xlsx = await timed(() =>
      writeXlsx({
        title: `${year()}年学员学时台账`,
        columns: ['姓名', '应修', '参训', '外部', '合计', '差额', '状态'].map((header) => ({ header })),
        rows: ledger.value.map((r) => [r.trainee.name, r.required, r.credited, r.external, r.total, r.shortBy, r.status]),
      }),
    );
    return {
      ledgerMs: ledger.ms, ledgerLongestTaskMs: ledger.longestTaskMs, shortfallMs: shortfall.ms, summaryMs: summary.ms,
      attendanceMs: attendance.ms, instructorsMs: instructors.ms, sitesMs: sites.ms, xlsxMs: xlsx.ms, rows: ledger.value.length,
    };
  },

  /**
   * The exchange at this scale, as the app does it (in its worker): a full package of the
   * loaded school, imported into a fresh county database; the same school's next full package
   * imported again (nothing new: a no-op); then, after the county's receipt, one session marked
   * and an incremental package.
   */
  async exchange() {
    const exportPackage = async (kind: PackageKind) => {
      const built = await buildPackageInBackground(kind);
      await commitExport(built);
      return built;
    };
    const importPackage = importPackageInBackground;
    const school = db();
    const schoolId = (await school.meta.get('selfSchoolId'))!.value as string;
    const countyName = 'bench-county';
    await idbRequest(indexedDB.deleteDatabase(countyName));
    const county = await openDatabase(countyName);
    const at = <T>(d: typeof county, work: () => Promise<T>): Promise<T> => {
      setDb(d);
      return work();
    };
    try {
      const code = await at(county, async () => {
        await saveSchoolProfile({ name: '曲阜市委党校（汇总）', level: '市', parentName: '', code: '' });
        await db().meta.put({ key: 'setupDone', value: true });
        await setMode('county');
        return (await getExchangeSettings()).code!;
      });
      await at(school, () => enterExchangeCode(code));
      const full = await at(school, () => withLongestTask(() => exportPackage('full')));
      const imported = await at(county, () => withLongestTask(() => importPackage(full.value.bytes, full.value.fileName)));
      const again = await at(school, () => exportPackage('full'));
      const reimported = await at(county, () => withLongestTask(() => importPackage(again.bytes, again.fileName)));
      const receipt = await at(county, () => createReceipt(schoolId));
      await at(school, () => importReceipt(receipt.bytes, receipt.fileName));
      await at(school, () => bench.marking());
      const incremental = await at(school, () => timed(() => exportPackage('incremental')));
      const incrementalImport = await at(county, () => timed(() => importPackage(incremental.value.bytes, incremental.value.fileName)));
      return {
        exportFullMs: full.ms,
        exportLongestTaskMs: full.longestTaskMs,
        packageBytes: full.value.bytes.byteLength,
        importMs: imported.ms,
        importLongestTaskMs: imported.longestTaskMs,
        reimportMs: reimported.ms,
        reimportLongestTaskMs: reimported.longestTaskMs,
        exportIncrementalMs: incremental.ms,
        incrementalRecords: incremental.value.manifest.tables.reduce((n, t) => n + t.count, 0),
        importIncrementalMs: incrementalImport.ms,
      };
    } finally {
      county.close();
      setDb(school);
      await idbRequest(indexedDB.deleteDatabase(countyName));
    }
  },

  heapBytes(): number {
    return (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  },
};

export type Bench = typeof bench;
(window as unknown as { bench: Bench; benchReady: Promise<void> }).bench = bench;
(window as unknown as { benchReady: Promise<void> }).benchReady = openDatabase().then(setDb);
