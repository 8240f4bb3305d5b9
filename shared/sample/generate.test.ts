import { pinyin } from 'pinyin-pro';
import { beforeAll, describe, expect, it } from 'vitest';
import { INSTRUCTOR_CATEGORIES } from '../domain/constants';
import { SYNCED_TABLES, SYNCED_TABLE_NAMES, type Session } from '../domain/records';
import { DEFAULT_HOUR_RULES } from '../domain/settings';
import { creditedHours, minutesBetween, minutesToHours, requiredHours } from '../rules/hours';
import { generateSampleData, sampleChunks, type SampleData, type SampleScale } from './generate';

const YEAR = 2026;
const MID_YEAR = '2026-06-15';
const rules = DEFAULT_HOUR_RULES;

function gen(scale: SampleScale, today = MID_YEAR, extra: { seed?: number; selfSchoolId?: string } = {}): SampleData {
  let n = 0;
  // A counter per run, so two runs with one seed can be compared id for id.
  const newId = () => `id-${(++n).toString(36)}`;
  return generateSampleData({ scale, year: YEAR, today, rules, newId, now: Date.UTC(2026, 5, 15), ...extra });
}

const markCount = (d: SampleData) => d.attendance.reduce((sum, a) => sum + Object.keys(a.marks).length, 0);

/** GB 11643: weighted sum of the first 17 digits mod 11 picks the check character. */
function validIdNumber(id: string, birthDate: string | null, gender: string | null): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const real = new Date(`${birth}T00:00:00Z`).toISOString().slice(0, 10) === birth;
  return '10X98765432'[sum % 11] === id[17] && real && birth === birthDate
    && (Number(id[16]) % 2 === 1 ? '男' : '女') === gender && id.startsWith('370881');
}

/** Hard clashes (DOMAIN.md §5): one instructor, one site, or one trainee in two overlapping sessions. */
function hardClashes(d: SampleData): string[] {
  const classesOf = new Map<string, string[]>();
  for (const e of d.enrolments) classesOf.set(e.traineeId, [...(classesOf.get(e.traineeId) ?? []), e.classId]);
  const sharing = new Set<string>();
  for (const cs of classesOf.values()) for (const a of cs) for (const b of cs) if (a !== b) sharing.add(`${a}|${b}`);
  const byDate = new Map<string, Session[]>();
  for (const s of d.sessions) if (s.status !== 'cancelled') byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  const found: string[] = [];
  for (const list of byDate.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (!(a.start < b.end && b.start < a.end)) continue;
        if (a.instructorIds.some((x) => b.instructorIds.includes(x))) found.push(`instructor ${a.id} ${b.id}`);
        if (a.siteId === b.siteId) found.push(`site ${a.id} ${b.id}`);
        if (a.classId === b.classId || sharing.has(`${a.classId}|${b.classId}`)) found.push(`trainees ${a.id} ${b.id}`);
      }
    }
  }
  return found;
}

function schemaFailures(d: SampleData): string[] {
  const failures: string[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    for (const row of d[table]) {
      const r = SYNCED_TABLES[table].safeParse(row);
      if (!r.success) failures.push(`${table} ${JSON.stringify(row).slice(0, 120)}: ${r.error.message.slice(0, 300)}`);
      if (failures.length > 5) return failures;
    }
  }
  return failures;
}

/** Every reference points at a record in the data set. */
function danglingRefs(d: SampleData, extraSchoolIds: string[] = []): string[] {
  const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const schools = new Set([...ids(d.schools), ...extraSchoolIds]);
  const [classes, courses, sites, instructors, trainees, plans, sessions] =
    [ids(d.classes), ids(d.courses), ids(d.sites), ids(d.instructors), ids(d.trainees), ids(d.plans), ids(d.sessions)];
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => { if (!ok && bad.length < 10) bad.push(what); };
  for (const t of SYNCED_TABLE_NAMES) for (const r of d[t]) check(schools.has(r.schoolId), `${t}.schoolId`);
  for (const s of d.schools) check(s.parentId === null || schools.has(s.parentId), 'school.parentId');
  for (const c of d.courses) {
    check(c.siteId === null || sites.has(c.siteId), 'course.siteId');
    c.instructorIds.forEach((i) => check(instructors.has(i), 'course.instructorIds'));
  }
  for (const s of d.sites) s.courseIds.forEach((c) => check(courses.has(c), 'site.courseIds'));
  for (const c of d.classes) check(c.planId === null || plans.has(c.planId), 'class.planId');
  for (const e of d.enrolments) check(classes.has(e.classId) && trainees.has(e.traineeId), 'enrolment');
  for (const s of d.sessions) {
    check(classes.has(s.classId) && courses.has(s.courseId) && sites.has(s.siteId), 'session refs');
    s.instructorIds.forEach((i) => check(instructors.has(i), 'session.instructorIds'));
  }
  for (const a of d.attendance) check(sessions.has(a.sessionId) && classes.has(a.classId), 'attendance refs');
  for (const x of d.externalHours) check(trainees.has(x.traineeId), 'externalHours.traineeId');
  for (const e of d.evaluations) check(sessions.has(e.sessionId) && instructors.has(e.instructorId), 'evaluation refs');
  return bad;
}

describe('sample data generator', () => {
  let village: SampleData;
  let town: SampleData;
  beforeAll(() => {
    village = gen('village');
    town = gen('town');
  });

  it('is deterministic: the same seed gives identical data, another seed different data', () => {
    expect(gen('village')).toEqual(village);
    expect(gen('village', MID_YEAR, { seed: 99 }).trainees.map((t) => t.name)).not.toEqual(village.trainees.map((t) => t.name));
  });

  it('passes every table schema, with all references resolvable (village and town)', () => {
    for (const d of [village, town]) {
      expect(schemaFailures(d)).toEqual([]);
      expect(danglingRefs(d)).toEqual([]);
      for (const t of SYNCED_TABLE_NAMES) for (const r of d[t]) expect(r.seq === 0 && r.deletedAt === null).toBe(true);
    }
  });

  it('produces the village and town targets: schools, trainees, sessions, ~100 marks a session', () => {
    const full = { village: gen('village', '2027-01-01'), town: gen('town', '2027-01-01') };
    expect(full.village.schools).toHaveLength(1);
    expect(full.village.schools[0].level).toBe('村社区');
    expect(full.village.trainees).toHaveLength(300);
    expect(full.village.sessions).toHaveLength(60);
    expect(markCount(full.village)).toBeGreaterThan(5000);
    expect(markCount(full.village)).toBeLessThan(7000);
    expect(full.town.schools.map((s) => s.level).sort()).toEqual([...new Array<string>(15).fill('村社区'), '镇街'].sort());
    expect(full.town.trainees).toHaveLength(5000);
    expect(full.town.sessions).toHaveLength(600);
    expect(markCount(full.town)).toBeGreaterThan(50_000);
    expect(markCount(full.town)).toBeLessThan(70_000);
    for (const d of [village, town]) {
      const cats = new Set(d.instructors.map((i) => i.category));
      expect(INSTRUCTOR_CATEGORIES.every((c) => cats.has(c))).toBe(true);
      expect(d.sites.filter((s) => s.kind === '主校区')).toHaveLength(d.schools.length);
    }
  });

  it('gives every trainee a valid, unique 18-digit ID matching birth date and gender, and pinyin initials', () => {
    for (const d of [village, town]) {
      expect(new Set(d.trainees.map((t) => t.idNumber)).size).toBe(d.trainees.length);
      expect(d.trainees.filter((t) => !validIdNumber(t.idNumber, t.birthDate, t.gender))).toEqual([]);
    }
    for (const t of village.trainees.slice(0, 50)) {
      expect(t.py).toBe(pinyin(t.name, { pattern: 'first', toneType: 'none', type: 'array' }).join(''));
    }
    const exempt = town.trainees.filter((t) => t.exempt).length / town.trainees.length;
    expect(exempt).toBeGreaterThan(0.01);
    expect(exempt).toBeLessThan(0.06);
  });

  it('schedules without hard clashes, on weekdays, inside the morning or afternoon', () => {
    // The checker itself finds a planted clash: a copy of a session at the same time and site.
    const [s0, s1] = village.sessions;
    const planted = { ...village, sessions: [s0, { ...s1, id: 'x', date: s0.date, start: s0.start, end: s0.end, siteId: s0.siteId }] };
    expect(hardClashes(planted).some((c) => c.startsWith('site'))).toBe(true);
    for (const d of [village, town]) {
      expect(hardClashes(d)).toEqual([]);
      for (const s of d.sessions) {
        const weekday = new Date(`${s.date}T00:00:00Z`).getUTCDay();
        expect(weekday >= 1 && weekday <= 5).toBe(true);
        expect(s.minutes).toBe(minutesBetween(s.start, s.end));
        expect(s.year).toBe(Number(s.date.slice(0, 4)));
        expect((s.start >= '08:30' && s.end <= '11:30') || (s.start >= '14:00' && s.end <= '17:00')).toBe(true);
      }
    }
  });

  it('holds sessions before today with closed attendance, plans those after, and credits hours by the rules', () => {
    for (const d of [village, town]) {
      const sessions = new Map(d.sessions.map((s) => [s.id, s]));
      const roster = new Map<string, Set<string>>();
      for (const e of d.enrolments) roster.set(e.classId, (roster.get(e.classId) ?? new Set()).add(e.traineeId));
      for (const s of d.sessions) {
        if (s.status === 'cancelled') expect(s.date < MID_YEAR && s.cancelReason !== '' && !s.closed).toBe(true);
        else expect(s.status).toBe(s.date < MID_YEAR ? 'held' : 'planned');
        if (s.status !== 'cancelled') expect(s.closed).toBe(s.status === 'held');
      }
      const held = d.sessions.filter((s) => s.status === 'held');
      expect(d.attendance.map((a) => a.id).sort()).toEqual(held.map((s) => s.id).sort());
      const statuses = new Set<string>();
      const wrong: string[] = [];
      for (const a of d.attendance) {
        const s = sessions.get(a.sessionId)!;
        expect(a.id).toBe(s.id);
        expect([a.classId, a.date, a.minutes, a.year]).toEqual([s.classId, s.date, s.minutes, s.year]);
        expect(new Set(Object.keys(a.marks))).toEqual(roster.get(s.classId));
        for (const m of Object.values(a.marks)) {
          statuses.add(m.status);
          // Collected rather than asserted one by one: tens of thousands of expect() calls are slow.
          const partial = m.status === '迟到' || m.status === '早退';
          if (m.hours !== creditedHours(m.status, s.minutes, m.minutesMissed, rules)
            || !s.instructorIds.includes(m.by) || (partial ? m.minutesMissed < 5 || m.minutesMissed > 40 : m.minutesMissed !== 0)) {
            wrong.push(`${a.id}: ${JSON.stringify(m)}`);
          }
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect([...statuses].sort()).toEqual(['事假', '出勤', '旷课', '早退', '病假', '迟到'].sort());
      for (const e of d.evaluations) {
        expect(sessions.get(e.sessionId)!.status).toBe('held');
        expect(e.scores.every((x) => x >= 14 && x <= 20)).toBe(true);
      }
      expect(d.externalHours.every((x) => x.date < MID_YEAR && x.year === YEAR)).toBe(true);
    }
  });

  it('leaves most trainees meeting their requirement by year end and a few clearly short', () => {
    for (const d of [village, town]) {
      const hours = new Map<string, number>();
      const add = (id: string, h: number) => hours.set(id, (hours.get(id) ?? 0) + h);
      const roster = new Map<string, string[]>();
      for (const e of d.enrolments) roster.set(e.classId, [...(roster.get(e.classId) ?? []), e.traineeId]);
      for (const a of d.attendance) for (const [t, m] of Object.entries(a.marks)) add(t, m.hours);
      // Forecast: planned sessions count in full.
      for (const s of d.sessions) if (s.status === 'planned') for (const t of roster.get(s.classId) ?? []) add(t, minutesToHours(s.minutes, rules));
      for (const x of d.externalHours) add(x.traineeId, x.hours);
      const due = d.trainees.filter((t) => !t.exempt);
      const ratio = due.map((t) => (hours.get(t.id) ?? 0) / requiredHours(t.category, t.exempt, rules));
      expect(ratio.filter((r) => r >= 1).length / due.length).toBeGreaterThan(0.8);
      expect(ratio.filter((r) => r < 0.75).length).toBeGreaterThan(0);
      expect(ratio.filter((r) => r < 0.75).length / due.length).toBeLessThan(0.08);
    }
  });

  it('keeps instructor appointments mostly current, some lapsed or ending within 30 days', () => {
    const soon = '2026-07-15';
    const ends = town.instructors.map((i) => i.appointmentEnd!);
    expect(ends.filter((e) => e < MID_YEAR).length).toBeGreaterThan(0);
    expect(ends.filter((e) => e >= MID_YEAR && e <= soon).length).toBeGreaterThan(0);
    expect(ends.filter((e) => e > soon).length / ends.length).toBeGreaterThan(0.6);
    expect(new Set(town.instructors.map((i) => i.status))).toEqual(new Set(['在库', '暂停', '退出']));
    expect(town.instructors.every((i) => /^1[358]\d{9}$/.test(i.phone))).toBe(true);
  });

  it("uses the caller's school id for the own school and leaves its profile out", () => {
    const d = gen('town', MID_YEAR, { selfSchoolId: 'my-school' });
    expect(d.schools).toHaveLength(15);
    expect(d.schools.every((s) => s.parentId === 'my-school')).toBe(true);
    expect(d.plans.some((p) => p.schoolId === 'my-school')).toBe(true);
    expect(danglingRefs(d, ['my-school'])).toEqual([]);
  });

  it('handles custom scales and dates outside the year', () => {
    const small = gen({ schools: 3, trainees: 50, sessions: 10, traineesPerClass: 20 });
    expect([small.schools.length, small.trainees.length, small.sessions.length]).toEqual([3, 50, 10]);
    expect(schemaFailures(small)).toEqual([]);
    const big = gen({ schools: 90, trainees: 2000, sessions: 200 });
    expect(big.schools).toHaveLength(90);
    expect(new Set(big.schools.map((s) => s.name)).size).toBe(90);
    expect(hardClashes(big)).toEqual([]);
    const before = gen('village', '2025-12-01');
    expect(before.attendance).toHaveLength(0);
    expect(before.externalHours).toHaveLength(0);
    expect(before.sessions.every((s) => s.status === 'planned')).toBe(true);
    const after = gen('village', '2027-03-01');
    expect(after.sessions.every((s) => s.status !== 'planned')).toBe(true);
  });

  it('streams the tables parents first, in chunks', () => {
    const chunks = [...sampleChunks(village, 100)];
    expect(chunks.every((c) => c.rows.length <= 100 && c.rows.length > 0)).toBe(true);
    expect([...new Set(chunks.map((c) => c.table))]).toEqual(SYNCED_TABLE_NAMES.filter((t) => village[t].length > 0));
    for (const t of SYNCED_TABLE_NAMES) expect(chunks.filter((c) => c.table === t).flatMap((c): unknown[] => c.rows)).toEqual(village[t]);
  });

  it('generates the county: 66 schools as in the article, 40,000 trainees, 6,000 sessions, unique ids', () => {
    const d = gen('county', '2027-01-01');
    const levels: Record<string, number> = {};
    for (const s of d.schools) levels[s.level] = (levels[s.level] ?? 0) + 1;
    expect(levels).toEqual({ 市: 1, 镇街: 12, 村社区: 49, 开发区: 1, 企业: 3 });
    expect(d.trainees).toHaveLength(40_000);
    expect(d.sessions).toHaveLength(6000);
    expect(d.instructors).toHaveLength(80);
    const marks = markCount(d);
    expect(marks).toBeGreaterThan(540_000);
    expect(marks).toBeLessThan(660_000);
    // Attendance ids are their session's id by design; every other id is unique across all tables.
    const ids = SYNCED_TABLE_NAMES.filter((t) => t !== 'attendance').flatMap((t) => d[t].map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(d.trainees.map((t) => t.idNumber)).size).toBe(40_000);
    expect(d.trainees.every((t) => validIdNumber(t.idNumber, t.birthDate, t.gender))).toBe(true);
    expect(hardClashes(d)).toEqual([]);
    expect(danglingRefs(d)).toEqual([]);
    const names = new Set(d.sites.map((s) => s.name));
    for (const n of ['支部领办合作社联盟基地', '书院街道廉政文化长廊', '中共尼山地委旧址', '石门山“红色黄沟·鲁都星火”党性和反腐倡廉示范教育基地']) {
      expect(names.has(n)).toBe(true);
    }
    expect(d.sites.filter((s) => s.kind === '培训基地').length).toBeGreaterThanOrEqual(10);
    expect(d.sites.filter((s) => s.kind === '现场教学点').length).toBeGreaterThanOrEqual(40);
  });
});
