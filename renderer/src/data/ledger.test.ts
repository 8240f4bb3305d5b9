import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../../../shared/domain/settings';
import { sumHours } from '../../../shared/rules/totals';
import { addWalkIn, clearMark, closeSession, correctMark, markAllPresent, saveMark } from './attendance/marks';
import { deleteExternalHours, saveExternalHours } from './attendance/external';
import { createAttendanceWorld } from './attendance/testWorld';
import { openDatabase } from './db';
import { db, setDb } from './instance';
import { ledgerRows, traineeLedgerDetail, yearLedger } from './ledger';
import { saveSetting } from './settings';
import { createTestSchool, hoursSnapshot } from './testing';
import { rebuildHourTotals } from './totals';
import { newId } from './write';

const TODAY = '2026-06-15';

beforeEach(async () => {
  setDb(await openDatabase('ledger-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  db().close();
  setDb(null);
});

const ledgerOf = async (traineeId: string) => (await yearLedger(2026, { today: TODAY })).find((r) => r.trainee.id === traineeId)!;

describe('hours credited through the data layer', () => {
  it('credits every status of a 120-minute session by the default rules (45 min a 学时, down to 0.5)', async () => {
    const w = await createAttendanceWorld(6);
    const s = await w.session('2026-03-10', '09:00', '11:00');
    const statuses = [['出勤', 0, 2.5], ['迟到', 20, 2], ['早退', 50, 1.5], ['事假', 0, 0], ['病假', 0, 0], ['旷课', 0, 0]] as const;
    for (const [i, [status, minutesMissed]] of statuses.entries()) await saveMark(s.id, w.trainees[i]!.id, { status, minutesMissed });
    for (const [i, [, , hours]] of statuses.entries()) {
      expect((await ledgerOf(w.trainees[i]!.id)).credited, statuses[i]![0]).toBe(hours);
      expect((await traineeLedgerDetail(w.trainees[i]!.id, 2026, TODAY))!.row.credited).toBe(hours);
    }
    const stored = (await db().attendance.get(s.id))!;
    expect(stored.marks[w.trainees[1]!.id]).toMatchObject({ status: '迟到', minutesMissed: 20, hours: 2, by: '本机' });
    // Minutes missed mean nothing for other statuses.
    await saveMark(s.id, w.trainees[3]!.id, { status: '事假', minutesMissed: 30 });
    expect((await db().attendance.get(s.id))!.marks[w.trainees[3]!.id]!.minutesMissed).toBe(0);
    // The session has been held once marked.
    expect((await db().sessions.get(s.id))!.status).toBe('held');
  });

  it('rounds by the setting and credits 迟到 by a fraction when set so', async () => {
    const w = await createAttendanceWorld(3);
    await saveSetting('hourRules', {
      ...DEFAULT_HOUR_RULES, roundingStep: 0.1, roundingMode: 'nearest', credit: { ...DEFAULT_HOUR_RULES.credit, 迟到: 0.5 },
    });
    const s = await w.session('2026-03-10', '09:00', '11:00');
    await saveMark(s.id, w.trainees[0]!.id, { status: '出勤' });
    await saveMark(s.id, w.trainees[1]!.id, { status: '迟到', minutesMissed: 5 });
    await saveMark(s.id, w.trainees[2]!.id, { status: '早退', minutesMissed: 21 });
    expect((await ledgerOf(w.trainees[0]!.id)).credited).toBe(2.7); // 120/45 = 2.67
    expect((await ledgerOf(w.trainees[1]!.id)).credited).toBe(1.3); // half of 120 min = 60/45 = 1.33
    expect((await ledgerOf(w.trainees[2]!.id)).credited).toBe(2.2); // 99/45 = 2.2
  });

  it('asks nothing of exempt trainees and uses each category\'s requirement', async () => {
    const w = await createAttendanceWorld(3);
    expect(await ledgerOf(w.trainees[0]!.id)).toMatchObject({ required: 0, shortBy: 0, status: '免学' });
    expect(await ledgerOf(w.trainees[1]!.id)).toMatchObject({ required: 56, shortBy: 56 });
    expect(await ledgerOf(w.trainees[2]!.id)).toMatchObject({ required: 32, shortBy: 32 });
  });

  it('caps external hours per source and keeps what is above the cap out of the total', async () => {
    const w = await createAttendanceWorld(2);
    await saveSetting('hourRules', { ...DEFAULT_HOUR_RULES, externalCaps: { 学习强国: 8 } });
    const t = w.trainees[1]!.id;
    const [a] = await saveExternalHours([
      { traineeId: t, date: '2026-02-01', source: '学习强国', hours: 6, note: '' },
      { traineeId: t, date: '2026-04-01', source: '学习强国', hours: 5, note: '' },
      { traineeId: t, date: '2026-05-01', source: '灯塔—党建在线', hours: 3.5, note: '' },
      { traineeId: t, date: '2025-12-01', source: '学习强国', hours: 9, note: '去年' },
    ]);
    expect(await ledgerOf(t)).toMatchObject({ external: 11.5, externalBySource: { 学习强国: 11, '灯塔—党建在线': 3.5 } });
    expect((await traineeLedgerDetail(t, 2026, TODAY))!.row.external).toBe(11.5);
    await deleteExternalHours(a!.id);
    expect((await ledgerOf(t)).external).toBe(8.5);
    expect((await yearLedger(2025, { today: TODAY })).find((r) => r.trainee.id === t)!.external).toBe(8);
  });

  it('forecasts from sessions still planned: 预计达标 when they would close the gap, else 有风险', async () => {
    const w = await createAttendanceWorld(3);
    // 14 sessions of 3 hours (180 min = 4 学时) = 56 学时 planned for the class.
    const sessions = [];
    for (let m = 1; m <= 14; m++) sessions.push(await w.session(`2026-${String(Math.ceil(m / 2) + 5).padStart(2, '0')}-${m % 2 ? '10' : '20'}`, '14:00', '17:00'));
    const secretary = w.trainees[1]!.id; // requires 56
    const member = w.trainees[2]!.id; // requires 32
    expect(await ledgerOf(secretary)).toMatchObject({ scheduled: 56, status: '预计达标' });
    await saveMark(sessions[0]!.id, secretary, { status: '旷课' });
    // The session is held now: 52 still scheduled, short by 56.
    expect(await ledgerOf(secretary)).toMatchObject({ credited: 0, scheduled: 52, shortBy: 56, status: '有风险' });
    await saveMark(sessions[0]!.id, member, { status: '出勤' });
    expect(await ledgerOf(member)).toMatchObject({ credited: 4, scheduled: 52, shortBy: 28, status: '预计达标' });
    const detail = (await traineeLedgerDetail(member, 2026, TODAY))!;
    expect(detail.row).toEqual(await pickRow(member));
    expect(detail.sessions).toHaveLength(14);
    expect(detail.sessions[0]).toMatchObject({ credited: 4, scheduled: 0, mark: { status: '出勤' } });
    expect(detail.sessions[1]).toMatchObject({ credited: 0, scheduled: 4, mark: null });
    // Once the year is over, short is 未达标 whatever was planned.
    expect((await yearLedger(2026, { today: '2027-01-02' })).find((r) => r.trainee.id === member)!.status).toBe('未达标');
    // Asked for some statuses, the ledger gives exactly those rows of the whole one, in its order.
    const all = await yearLedger(2026, { today: TODAY });
    const statuses = ['有风险', '免学'] as const;
    const some = await yearLedger(2026, { today: TODAY, statuses });
    expect(some.map((r) => r.trainee.id)).toEqual(expect.arrayContaining([w.trainees[0]!.id, secretary]));
    expect(some.map((r) => r.trainee.id)).not.toContain(member);
    expect(some).toEqual(all.filter((r) => (statuses as readonly string[]).includes(r.status)));
  });
});

/** The ledger row of yearLedger without the trainee, to compare with the detail's row. */
async function pickRow(traineeId: string) {
  const { trainee: _t, externalBySource: _e, ...row } = await ledgerOf(traineeId);
  return row;
}

describe('a county ledger over several schools', () => {
  it('counts a trainee only the hours their own school keeps, even where another school keeps some under the same id', () => {
    const doc = (schoolId: string, credited: number, external: number) => ({
      id: `${schoolId}|2026`, schoolId, year: 2026, trainees: ['t1'], credited: [credited], external: [{ 学习强国: external }], sessions: [], rosters: [],
    });
    const trainee = { id: 't1', schoolId: 'new', category: '普通党员' as const, exempt: false, status: '在册' as const };
    // Kept under the school they left (before a transfer) and under their school now.
    for (const totals of [[doc('old', 20, 6), doc('new', 8, 2)], [doc('new', 8, 2), doc('old', 20, 6)]]) {
      const [row] = ledgerRows(2026, { trainees: [trainee], totals }, DEFAULT_HOUR_RULES, new Map(), { today: TODAY });
      expect(row!.credited).toBe(8);
      expect(row!.externalBySource).toEqual({ 学习强国: 2 });
    }
  });
});

describe('closing, corrections and walk-ins', () => {
  it('refuses changes to a closed session without a reason and keeps each correction', async () => {
    const w = await createAttendanceWorld(3);
    const s = await w.session('2026-03-10', '09:00', '11:00');
    const ids = w.trainees.map((t) => t.id);
    await saveMark(s.id, ids[2]!, { status: '旷课' });
    expect(await markAllPresent(s.id, ids)).toBe(2);
    expect((await db().attendance.get(s.id))!.marks[ids[2]!]!.status).toBe('旷课');
    await closeSession(s.id);
    expect(await db().sessions.get(s.id)).toMatchObject({ closed: true, status: 'held' });

    await expect(saveMark(s.id, ids[2]!, { status: '病假' })).rejects.toThrow('更正原因');
    await expect(correctMark(s.id, ids[2]!, { status: '病假' }, '  ')).rejects.toThrow('更正原因');
    await correctMark(s.id, ids[2]!, { status: '迟到', minutesMissed: 30 }, '补交了签到表');
    const a = (await db().attendance.get(s.id))!;
    expect(a.corrections).toHaveLength(1);
    expect(a.corrections[0]).toMatchObject({
      traineeId: ids[2], before: { status: '旷课', hours: 0 }, after: { status: '迟到', minutesMissed: 30, hours: 2 },
      reason: '补交了签到表', by: '本机',
    });
    expect((await ledgerOf(ids[2]!)).credited).toBe(2);
    // The write layer keeps the correction in the audit trail too, with its reason.
    const trail = await db().audit.where('action').equals('attendance.correct').toArray();
    expect(trail.map((e) => e.reason)).toEqual(['补交了签到表']);
  });

  it('adds a walk-in with a mark, shows them in their ledger, and refuses an enrolled trainee', async () => {
    const w = await createAttendanceWorld(2);
    const s = await w.session('2026-03-10', '09:00', '11:00');
    await addWalkIn(s.id, w.outsider.id, { status: '出勤' });
    expect((await db().attendance.get(s.id))!.walkIns).toEqual([w.outsider.id]);
    const detail = (await traineeLedgerDetail(w.outsider.id, 2026, TODAY))!;
    expect(detail.sessions).toHaveLength(1);
    expect(detail.sessions[0]).toMatchObject({ walkIn: true, credited: 2.5 });
    await expect(addWalkIn(s.id, w.trainees[0]!.id, { status: '出勤' })).rejects.toThrow('已在本班名单中');
    await clearMark(s.id, w.outsider.id);
    expect((await db().attendance.get(s.id))!.walkIns).toEqual([]);
    expect((await ledgerOf(w.outsider.id)).credited).toBe(0);
  });
});

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be replayed. */
function seeded(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

describe('the hour cache', () => {
  it('equals a full recount after a random sequence of marks, corrections, walk-ins and external hours', async () => {
    const w = await createAttendanceWorld(8);
    await saveSetting('hourRules', { ...DEFAULT_HOUR_RULES, roundingStep: 0.1, roundingMode: 'nearest' });
    const sessions = [
      await w.session('2025-12-20', '09:00', '11:15'),
      await w.session('2026-03-10', '09:00', '11:00'),
      await w.session('2026-03-17', '14:00', '17:10'),
      await w.session('2026-04-02', '08:30', '11:30'),
    ];
    const R = seeded(20260615);
    const people = [...w.trainees.map((t) => t.id), w.outsider.id];
    const statuses = ['出勤', '迟到', '早退', '事假', '病假', '旷课'] as const;
    const externalIds: string[] = [];
    for (let step = 0; step < 300; step++) {
      const s = R.pick(sessions);
      const closed = (await db().sessions.get(s.id))!.closed;
      const traineeId = R.pick(people);
      const mark = { status: R.pick(statuses), minutesMissed: R.int(0, 90) };
      const roll = R.next();
      if (roll < 0.45) {
        if (traineeId === w.outsider.id) await addWalkIn(s.id, traineeId, mark, closed ? '补录' : '');
        else if (closed) await correctMark(s.id, traineeId, mark, '核对签到表');
        else await saveMark(s.id, traineeId, mark);
      } else if (roll < 0.55) {
        if (closed) await correctMark(s.id, traineeId, null, '误点');
        else await clearMark(s.id, traineeId);
      } else if (roll < 0.6) {
        if (!closed) await markAllPresent(s.id, people.slice(0, -1));
      } else if (roll < 0.65) {
        await closeSession(s.id);
      } else if (roll < 0.85 || externalIds.length === 0) {
        const [e] = await saveExternalHours([{
          traineeId, date: R.pick(['2025-11-02', '2026-02-14', '2026-05-20']), source: R.pick(['学习强国', '灯塔—党建在线', '其他党校培训']),
          hours: R.int(1, 40) / 4, note: '',
        }]);
        externalIds.push(e!.id);
      } else if (roll < 0.93) {
        const id = R.pick(externalIds);
        const e = (await db().externalHours.get(id))!;
        if (e.deletedAt === null) await saveExternalHours([{ ...e, hours: R.int(1, 30) / 3, date: R.pick(['2025-10-01', '2026-07-07']) }]);
      } else {
        await deleteExternalHours(R.pick(externalIds));
      }
    }
    const d = db();
    const cached = await hoursSnapshot();
    const recount = sumHours(await d.attendance.toArray(), await d.externalHours.toArray());
    expect(Object.keys(cached).length).toBeGreaterThan(8);
    expect(cached).toEqual(
      Object.fromEntries(
        [...recount.values()]
          .filter((r) => r.credited !== 0 || r.external !== 0)
          .map((r) => [`${r.traineeId}|${r.year}`, { credited: r.credited, bySource: r.externalBySource }]),
      ),
    );
    // The corrections after closing were kept, and a rebuild gives the same cache.
    expect((await d.attendance.toArray()).some((a) => a.corrections.length > 0)).toBe(true);
    await rebuildHourTotals(2025);
    await rebuildHourTotals(2026);
    expect(await hoursSnapshot()).toEqual(cached);
  });
});
