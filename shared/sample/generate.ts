/**
 * A deterministic generator of realistic Qufu-like sample data (DOMAIN.md §1): schools, the
 * instructor pool, "1+X+N" sites, trainees with valid ID numbers, courses, a year of plans,
 * classes and clash-free sessions, attendance for the held ones, external hours, evaluations.
 * Same options and seed → identical output (ids come from opts.newId in a fixed call order).
 */
import { pinyin } from 'pinyin-pro';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../domain/records';
import type {
  Attendance, Course, Enrolment, Evaluation, ExternalHours, Instructor, Mark, Plan, RecordMeta, School, Session, Site,
  Trainee, TrainingClass,
} from '../domain/records';
import {
  ATTENDANCE_STATUSES, INSTRUCTOR_CATEGORIES, QUFU_TOWNS, type AttendanceStatus, type Gender, type InstructorCategory, type SchoolLevel,
  type TraineeCategory,
} from '../domain/constants';
import type { HourRules } from '../domain/settings';
import { creditedHours, minutesBetween } from '../rules/hours';
import * as Q from './qufu';

export type SampleScale =
  | 'village'
  | 'town'
  | 'county'
  | { schools: number; trainees: number; sessions: number; traineesPerClass?: number };

export interface SampleOptions {
  scale: SampleScale;
  year: number;
  /** 'YYYY-MM-DD': sessions before it are held with attendance, the rest are planned. */
  today: string;
  seed?: number;
  /** The caller's own school: generated records use this id and no School record is produced for it. */
  selfSchoolId?: string;
  rules: HourRules;
  newId: () => string;
  now: number;
}

export interface SampleData {
  schools: School[];
  instructors: Instructor[];
  sites: Site[];
  trainees: Trainee[];
  courses: Course[];
  plans: Plan[];
  classes: TrainingClass[];
  enrolments: Enrolment[];
  sessions: Session[];
  attendance: Attendance[];
  externalHours: ExternalHours[];
  evaluations: Evaluation[];
}

interface ScaleSpec { schools: number; trainees: number; sessions: number; traineesPerClass: number; instructors: number }

export const SCALE_PRESETS: Record<'village' | 'town' | 'county', ScaleSpec> = {
  village: { schools: 1, trainees: 300, sessions: 60, traineesPerClass: 100, instructors: 12 },
  town: { schools: 16, trainees: 5000, sessions: 600, traineesPerClass: 100, instructors: 30 },
  county: { schools: 66, trainees: 40000, sessions: 6000, traineesPerClass: 100, instructors: 80 },
};

function resolveScale(scale: SampleScale): ScaleSpec {
  if (typeof scale === 'string') return SCALE_PRESETS[scale];
  return {
    schools: Math.max(1, Math.floor(scale.schools)),
    trainees: Math.max(1, Math.floor(scale.trainees)),
    sessions: Math.max(0, Math.floor(scale.sessions)),
    traineesPerClass: Math.max(1, Math.floor(scale.traineesPerClass ?? 100)),
    instructors: Math.max(INSTRUCTOR_CATEGORIES.length, Math.round(scale.sessions / 75)),
  };
}

/** The tables in dependency order (parents first), each cut into chunks of `size` rows, for writers that go chunk by chunk. */
export function* sampleChunks(
  data: SampleData,
  size = 2000,
): Generator<{ table: SyncedTableName; rows: SampleData[SyncedTableName] }> {
  for (const table of SYNCED_TABLE_NAMES) {
    const rows = data[table];
    for (let i = 0; i < rows.length; i += size) yield { table, rows: rows.slice(i, i + size) as SampleData[SyncedTableName] };
  }
}

// ---------------------------------------------------------------------------------------
// Randomness: mulberry32 is tiny, fast and good enough; every draw goes through it so a
// seed fixes the whole data set.

function makeRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const chance = (p: number) => next() < p;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let u = next() * total;
    for (const [v, w] of pairs) if ((u -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  return { next, int, pick, chance, weighted, shuffle };
}
type Random = ReturnType<typeof makeRandom>;

/** Split `total` in proportion to `weights` (largest remainder), so the parts sum exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = total - parts.reduce((a, b) => a + b, 0); k < left; k++) parts[order[k % order.length][1]]++;
  return parts;
}

const CN_DIGITS = '〇一二三四五六七八九';
/** 1 → 一, 12 → 十二, 23 → 二十三 (class periods, branch numbers). */
function cn(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ID_WEIGHTS[i] * (first17.charCodeAt(i) - 48);
  return '10X98765432'[sum % 11];
}

const townOffice = (town: string) => (town.endsWith('街道') ? `${town}办事处` : `${town}人民政府`);

// ---------------------------------------------------------------------------------------

type Family = 'members' | 'leaders' | 'dev' | 'cadres';

interface SchoolInfo {
  rec: School;
  level: SchoolLevel;
  town: Q.Town | null;
  village: string | null;
  enterprise: string | null;
  weight: number;
  main: number; // index into sites
  alt: number[]; // fallback sites when the main campus is full
}

interface ClassInfo {
  idx: number;
  rec: TrainingClass;
  school: SchoolInfo;
  family: Family;
  roster: number[]; // trainee indices
  req: number;
  window: readonly [string, string];
  courses: number[]; // course indices, rotated through
  sessions: number;
}

const WINDOWS: Record<Family, readonly (readonly [string, string, 'winter' | 'round'])[]> = {
  members: [['01-05', '03-31', 'winter'], ['04-07', '05-29', 'round'], ['11-02', '12-25', 'winter'], ['07-01', '09-18', 'round']],
  leaders: [['03-02', '06-26', 'round'], ['09-01', '11-27', 'round']],
  dev: [['04-01', '06-26', 'round'], ['09-07', '11-27', 'round']],
  cadres: [['03-02', '11-27', 'round']],
};

const CATEGORY_MIX: Record<SchoolLevel, readonly (readonly [TraineeCategory, number])[]> = {
  市: [['镇街干部', 40], ['村(社区)党组织书记', 25], ['两委成员', 10], ['发展对象', 5], ['入党积极分子', 5], ['普通党员', 15]],
  镇街: [['普通党员', 53], ['两委成员', 15], ['镇街干部', 8], ['入党积极分子', 6], ['发展对象', 5], ['村(社区)党组织书记', 5], ['预备党员', 4], ['流动党员', 4]],
  村社区: [['普通党员', 80], ['流动党员', 7], ['预备党员', 5], ['入党积极分子', 5], ['发展对象', 3]],
  开发区: [['普通党员', 80], ['预备党员', 6], ['入党积极分子', 8], ['发展对象', 6]],
  企业: [['普通党员', 80], ['预备党员', 6], ['入党积极分子', 8], ['发展对象', 6]],
};

/** Age bands per category: [minAge, maxAge, weight]; rural Party members are mostly older. */
const AGE_BANDS: Record<TraineeCategory, readonly (readonly [number, number, number])[]> = {
  普通党员: [[23, 35, 15], [36, 50, 25], [51, 65, 35], [66, 75, 17], [76, 90, 8]],
  '村(社区)党组织书记': [[33, 62, 1]],
  两委成员: [[27, 62, 1]],
  入党积极分子: [[19, 40, 1]],
  发展对象: [[20, 40, 1]],
  预备党员: [[21, 42, 1]],
  流动党员: [[22, 50, 1]],
  镇街干部: [[24, 56, 1]],
};
const MALE_SHARE: Record<TraineeCategory, number> = {
  普通党员: 0.75, '村(社区)党组织书记': 0.9, 两委成员: 0.7, 入党积极分子: 0.55, 发展对象: 0.55, 预备党员: 0.6, 流动党员: 0.8, 镇街干部: 0.7,
};
const FAMILY_OF: Record<TraineeCategory, Family> = {
  普通党员: 'members', 预备党员: 'members', 流动党员: 'members', '村(社区)党组织书记': 'leaders', 两委成员: 'leaders',
  入党积极分子: 'dev', 发展对象: 'dev', 镇街干部: 'cadres',
};

/** HH:mm of a session by its length and half-day: morning 08:30–11:30, afternoon 14:00–17:00, or shorter inside them. */
const TIMES: Record<number, readonly [readonly [string, string], readonly [string, string]]> = {
  180: [['08:30', '11:30'], ['14:00', '17:00']],
  150: [['08:30', '11:00'], ['14:30', '17:00']],
  120: [['09:00', '11:00'], ['14:30', '16:30']],
  90: [['09:00', '10:30'], ['15:00', '16:30']],
};

export function generateSampleData(opts: SampleOptions): SampleData {
  const spec = resolveScale(opts.scale);
  const R = makeRandom(opts.seed ?? 20240701);
  const { year, today, rules, newId, now } = opts;
  // Object.assign, not `{ ...meta, ...fields }`: V8 turns spread-then-add literals into slow
  // dictionary objects, 50× slower to build at county scale (and slower for the caller to read).
  const record = <T extends object>(schoolId: string, fields: T, id = newId()): RecordMeta & T =>
    Object.assign({ id, schoolId, createdAt: now, updatedAt: now, deletedAt: null, seq: 0 } as RecordMeta, fields);
  const phone = () => `${R.pick(Q.PHONE_PREFIXES)}${String(R.int(0, 99_999_999)).padStart(8, '0')}`;

  // --- names ---------------------------------------------------------------------------
  const pyCache = new Map<string, string>();
  const initials = (name: string) => {
    let py = pyCache.get(name);
    if (py === undefined) {
      py = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
      pyCache.set(name, py);
    }
    return py;
  };
  const personName = (gender: Gender, birthYear: number) => {
    const surname = R.weighted(Q.SURNAMES);
    // Descendants of Confucius, Yan Hui and Mencius mostly carry the generation character.
    if ((surname === '孔' || surname === '颜' || surname === '孟') && R.chance(gender === '男' ? 0.75 : 0.3)) {
      const gen = Q.GENERATION_CHARS.find(([until]) => birthYear <= until) ?? Q.GENERATION_CHARS[0];
      const given = R.pick(gender === '男' ? Q.MALE_GIVEN : Q.FEMALE_GIVEN);
      return surname + R.pick([gen[1], gen[2]]) + given[0];
    }
    return surname + R.pick(gender === '男' ? Q.MALE_GIVEN : Q.FEMALE_GIVEN);
  };

  // Village names: the hand-written list first, then invented ones unique across the city.
  const usedVillages = new Set(Object.values(Q.VILLAGES).flat());
  const villageCache = new Map<Q.Town, string[]>();
  const villagesOf = (town: Q.Town, atLeast: number) => {
    const list = villageCache.get(town) ?? [...Q.VILLAGES[town]];
    villageCache.set(town, list);
    while (list.length < atLeast) {
      const name = `${R.pick(['东', '西', '南', '北', '前', '后', '大', '小'])}${R.weighted(Q.SURNAMES)}${R.pick(['家村', '庄村', '楼村', '店村', '屯村'])}`;
      if (!usedVillages.has(name)) {
        usedVillages.add(name);
        list.push(name);
      }
    }
    return list;
  };

  // --- schools -------------------------------------------------------------------------
  const schools: SchoolInfo[] = [];
  const ownId = opts.selfSchoolId ?? '';
  const addSchool = (
    name: string, level: SchoolLevel, parent: SchoolInfo | null, code: string, weight: number,
    place: { town?: Q.Town; village?: string; enterprise?: string } = {},
  ) => {
    const id = schools.length === 0 && ownId ? ownId : newId();
    const info: SchoolInfo = {
      rec: record(id, { name, level, parentId: parent?.rec.id ?? null, code }, id),
      level, town: place.town ?? null, village: place.village ?? null, enterprise: place.enterprise ?? null,
      weight, main: -1, alt: [],
    };
    schools.push(info);
    return info;
  };
  const townCode = (town: Q.Town) => `370881-${pad2(QUFU_TOWNS.indexOf(town) + 1)}`;
  const jitter = () => 0.85 + R.next() * 0.3;
  const addVillageSchools = (parent: SchoolInfo | null, town: Q.Town, names: string[], first: number) =>
    names.forEach((v, k) => addSchool(`${v}党校`, '村社区', parent, `${townCode(town)}-${pad2(first + k)}`, 330 * jitter(), { town, village: v }));

  if (spec.schools === 1) {
    addSchool('鲁源村党校', '村社区', null, `${townCode('尼山镇')}-01`, 1, { town: '尼山镇', village: '鲁源村' });
  } else if (spec.schools <= 16) {
    const town: Q.Town = '尼山镇';
    const own = addSchool('尼山镇党校', '镇街', null, townCode(town), 1300, { town });
    addVillageSchools(own, town, villagesOf(town, spec.schools - 1).slice(0, spec.schools - 1), 1);
  } else {
    const city = addSchool(Q.CITY_SCHOOL, '市', null, '370881', 1500);
    const towns = QUFU_TOWNS.slice(0, Math.min(12, spec.schools - 1));
    const townSchools = towns.map((t) => addSchool(`${t}党校`, '镇街', city, townCode(t), 1300 * jitter(), { town: t }));
    const rest = spec.schools - 1 - towns.length;
    const extras = rest >= 8 ? 4 : 0;
    const perTown = apportion(rest - extras, towns.map(() => 1));
    towns.forEach((t, i) => addVillageSchools(townSchools[i], t, villagesOf(t, perTown[i]).slice(0, perTown[i]), 1));
    if (extras) {
      addSchool(`${Q.DEV_ZONE}党校`, '开发区', city, '370881-90', 1200, { town: '书院街道' });
      Q.ENTERPRISES.forEach((e, i) => addSchool(`${e}党校`, '企业', city, `370881-9${i + 1}`, 1000, { enterprise: e }));
    }
  }
  const own = schools[0];
  const schoolByVillage = new Map(schools.filter((s) => s.village).map((s) => [s.village!, s]));
  const schoolByTown = new Map(schools.filter((s) => s.level === '镇街').map((s) => [s.town!, s]));
  const countyLike = own.level === '市';

  // --- sites ("1+X+N") -----------------------------------------------------------------
  const sites: Site[] = [];
  const siteSpecs: (Q.SiteSpec | null)[] = [];
  const siteTown: string[] = [];
  const allWeek = (days: number[], start: string, end: string) => ({ weekdays: days, start, end });
  for (const s of schools) {
    const town = s.town ?? (s.level === '市' ? '鲁城街道' : '时庄街道');
    const name = s.level === '村社区' ? `${s.village}党群服务中心` : s.level === '企业' ? `${s.enterprise}党员活动中心` : `${s.rec.name}主校区`;
    const address = s.level === '村社区' ? `曲阜市${town}${s.village}` : s.level === '镇街' ? `曲阜市${townOffice(town)}驻地` : `曲阜市${town}`;
    s.main = sites.length;
    sites.push(record(s.rec.id, {
      kind: '主校区', name, town: s.level === '开发区' ? Q.DEV_ZONE : town, village: s.village ?? '', address,
      theme: '集中授课、研讨交流', capacity: s.level === '村社区' ? R.int(12, 16) * 10 : s.level === '市' ? 400 : R.int(20, 30) * 10,
      guide: personName(R.chance(0.5) ? '男' : '女', year - R.int(25, 50)), guidePhone: phone(), courseIds: [],
      demoLevel: s.level === '镇街' && R.chance(0.4) ? '县级示范点' : '无',
      openPeriods: [allWeek([1, 2, 3, 4, 5], '08:00', '17:30')], status: '启用', notes: '',
    }));
    siteSpecs.push(null);
    siteTown.push(town);
  }
  const wanted = (x: Q.SiteSpec) => countyLike || x.flagship === true || x.town === own.town;
  for (const x of [...Q.BASES, ...Q.POINTS].filter(wanted)) {
    const owner = countyLike ? (schoolByVillage.get(x.village) ?? schoolByTown.get(x.town) ?? own)
      : x.town === own.town ? (schoolByVillage.get(x.village) ?? own) : own;
    const base = x.kind === '培训基地';
    sites.push(record(owner.rec.id, {
      kind: x.kind, name: x.name, town: x.town, village: x.village, address: `曲阜市${x.town}${x.village}`,
      theme: x.theme, capacity: base ? R.int(15, 40) * 10 : R.int(12, 20) * 10,
      guide: personName(R.chance(0.6) ? '女' : '男', year - R.int(22, 45)), guidePhone: phone(), courseIds: [], demoLevel: x.demo,
      openPeriods: base ? [allWeek([1, 2, 3, 4, 5, 6], '08:30', '17:00')]
        : [allWeek([1, 2, 3, 4, 5], '08:30', '11:30'), allWeek([1, 2, 3, 4, 5], '14:00', '17:30')],
      status: '启用', notes: '',
    }));
    siteSpecs.push(x);
    siteTown.push(x.town);
  }
  // A school whose main campus is fully booked teaches at a base in its own town (or the city's).
  for (const s of schools) {
    const town = s.town ?? '鲁城街道';
    s.alt = sites.flatMap((x, i) => (x.kind === '培训基地' && (x.town === town || (!s.town && x.town === '书院街道')) ? [i] : []));
  }

  // --- instructors ---------------------------------------------------------------------
  const instructors: Instructor[] = [];
  const instrTown: Q.Town[] = [];
  const counts = apportion(spec.instructors - INSTRUCTOR_CATEGORIES.length, INSTRUCTOR_CATEGORIES.map((k) => Q.INSTRUCTOR_MIX[k]));
  const localOwners = schools.filter((s) => s.level === '镇街' || s.level === '村社区');
  const cityWide = new Set<InstructorCategory>(['党校教师', '专家学者', '领导干部']);
  INSTRUCTOR_CATEGORIES.forEach((category, ci) => {
    for (let k = 0; k < counts[ci] + 1; k++) {
      const owner = cityWide.has(category) || localOwners.length === 0 ? own : R.pick(localOwners);
      const town = owner.town ?? R.pick(QUFU_TOWNS);
      const v = owner.village ?? R.pick(villagesOf(town, 1));
      const gender: Gender = R.chance(category === '田秀才' || category === '乡贤' ? 0.85 : 0.7) ? '男' : '女';
      const [unit, post, title] = instructorJob(R, category, town, v);
      instructors.push(record(owner.rec.id, {
        name: personName(gender, year - R.int(30, 64)), gender, category,
        employment: category === '党校教师' ? (R.chance(0.85) ? '专职' : '兼职') : '兼职',
        unit, post, title, phone: phone(), topics: [], appointmentStart: null, appointmentEnd: null, status: '在库', notes: '',
      }));
      instrTown.push(town);
    }
  });
  // Appointment periods (聘期, 3 years): most current, ~10% lapsed, ~8% ending within 30 days; a few paused or withdrawn.
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const dayStr = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const nI = instructors.length;
  const order = R.shuffle(instructors.map((_, i) => i));
  const lapsed = Math.max(1, Math.round(nI * 0.1));
  const ending = Math.max(1, Math.round(nI * 0.08));
  order.forEach((i, k) => {
    const days = k < lapsed ? -R.int(10, 200) : k < lapsed + ending ? R.int(0, 30) : R.int(60, 900);
    const end = todayMs + days * 86_400_000;
    instructors[i].appointmentEnd = dayStr(end);
    instructors[i].appointmentStart = dayStr(end - 3 * 365 * 86_400_000);
  });
  // Pause or withdraw a few from the back of the shuffled order, keeping at least two 党校教师 active for the core courses.
  const paused = Math.max(1, Math.round(nI * 0.05));
  const gone = Math.max(1, Math.round(nI * 0.03));
  let marked = 0;
  for (let k = order.length - 1; k >= 0 && marked < paused + gone; k--) {
    const ins = instructors[order[k]];
    if (ins.category === '党校教师' && instructors.filter((x) => x.category === '党校教师' && x.status === '在库').length < 3) continue;
    ins.status = marked < paused ? '暂停' : '退出';
    ins.notes = marked < paused ? R.pick(['身体原因，暂停授课', '借调市里工作，暂停授课']) : R.pick(['工作调动，退出师资库', '本人申请退出']);
    marked++;
  }
  const quality = instructors.map(() => 15.5 + R.next() * 4);

  // --- courses -------------------------------------------------------------------------
  const courses: Course[] = [];
  const courseSite: number[] = []; // site index or -1
  const classroom = Q.COURSES.filter((x) => x.level !== '镇街干部' || own.level !== '村社区');
  for (const x of classroom) {
    courses.push(record(own.rec.id, { ...x, instructorIds: [], siteId: null, description: '' }));
    courseSite.push(-1);
  }
  siteSpecs.forEach((x, si) => {
    for (const cs of x?.courses ?? []) {
      const rec: Course = record(sites[si].schoolId, { ...cs, instructorIds: [], siteId: sites[si].id, description: `在${x!.name}开展现场教学` });
      sites[si].courseIds.push(rec.id);
      courses.push(rec);
      courseSite.push(si);
    }
  });
  // Each course gets 2–4 instructors able to teach its domain, spreading the load; locals teach at sites in their town.
  const load = new Array<number>(nI).fill(0);
  const courseInstr: number[][] = courses.map((course, ci) => {
    const town = courseSite[ci] >= 0 ? siteTown[courseSite[ci]] : null;
    let able = instructors.flatMap((ins, i) => (Q.TEACHES[ins.category].includes(course.domain) ? [i] : []));
    if (able.length === 0) able = instructors.flatMap((ins, i) => (ins.category === '党校教师' ? [i] : []));
    const score = (i: number) => load[i] + (town && instrTown[i] !== town && !cityWide.has(instructors[i].category) ? 2 : 0) + R.next();
    const chosen = able.map((i) => [score(i), i] as const).sort((a, b) => a[0] - b[0]).slice(0, R.int(2, 4)).map(([, i]) => i);
    // Make sure someone active can teach it, or the course could never be scheduled.
    if (!chosen.some((i) => instructors[i].status === '在库')) {
      const active = able.find((i) => instructors[i].status === '在库');
      if (active !== undefined) chosen.push(active);
    }
    for (const i of chosen) load[i]++;
    return chosen;
  });
  instructors.forEach((ins, i) => {
    if (load[i] > 0) return;
    const fits = courses.flatMap((c, ci) => (Q.TEACHES[ins.category].includes(c.domain) ? [ci] : []));
    courseInstr[fits.length ? R.pick(fits) : R.int(0, courses.length - 1)].push(i);
    load[i]++;
  });
  courses.forEach((c, ci) => {
    c.instructorIds = courseInstr[ci].map((i) => instructors[i].id);
    for (const i of courseInstr[ci]) if (instructors[i].topics.length < 50) instructors[i].topics.push(c.title.slice(0, 60));
  });

  // --- trainees ------------------------------------------------------------------------
  const trainees: Trainee[] = [];
  const reliability: number[] = [];
  const traineeSchool: SchoolInfo[] = [];
  const usedIds = new Set<string>();
  const perSchool = apportion(spec.trainees, schools.map((s) => s.weight));
  const birthDateOf = (age: number) => {
    const by = year - age;
    const m = R.int(1, 12);
    const d = R.int(1, new Date(Date.UTC(by, m, 0)).getUTCDate());
    return `${by}-${pad2(m)}-${pad2(d)}`;
  };
  schools.forEach((s, si) => {
    const n = perSchool[si];
    const town = s.town ?? R.pick(QUFU_TOWNS);
    const villages = s.level === '镇街' ? villagesOf(s.town!, 40) : [];
    let secretaries = 0;
    for (let k = 0; k < n; k++) {
      // A village school trains its own secretary and 两委 (4–6 members) alongside its members.
      const category: TraineeCategory = s.level === '村社区' && n >= 20 && k === 0 ? '村(社区)党组织书记'
        : s.level === '村社区' && n >= 20 && k <= 5 ? '两委成员' : R.weighted(CATEGORY_MIX[s.level]);
      const age = R.weighted(AGE_BANDS[category].map(([lo, hi, w]) => [[lo, hi] as const, w] as const));
      const years = R.int(age[0], age[1]);
      const gender: Gender = R.chance(MALE_SHARE[category]) ? '男' : '女';
      const birthDate = birthDateOf(years);
      const exempt = category === '普通党员' && (years >= 76 ? R.chance(0.45) : years >= 66 && R.chance(0.04));
      let idNumber = '';
      do {
        const seq = `${pad2(R.int(0, 99))}${R.int(0, 4) * 2 + (gender === '男' ? 1 : 0)}`;
        const first17 = `370881${birthDate.replaceAll('-', '')}${seq}`;
        idNumber = first17 + idCheckChar(first17);
      } while (usedIds.has(idNumber));
      usedIds.add(idNumber);
      const [village, branch] = traineePlace(R, s, category, town, villages, category === '村(社区)党组织书记' ? secretaries++ : -1);
      const name = personName(gender, year - years);
      trainees.push(record(s.rec.id, {
        name, gender, idNumber, birthDate, phone: R.chance(exempt ? 0.4 : 0.92) ? phone() : '',
        branch, village, category, exempt, status: '在册', py: initials(name), transfer: null,
        notes: exempt ? '年老体弱、行动不便，送学上门' : category === '流动党员' ? `外出务工（${R.pick(Q.MIGRANT_CITIES)}）` : '',
      }));
      traineeSchool.push(s);
      // How reliably each attends: most nearly always; migrants, the exempt and ~3% chronic absentees much less.
      reliability.push(exempt ? 0.05 + R.next() * 0.25 : category === '流动党员' ? 0.35 + R.next() * 0.35
        : R.chance(0.03) ? 0.15 + R.next() * 0.25 : 0.9 + R.next() * 0.1);
    }
  });

  // --- plans and classes ---------------------------------------------------------------
  const C = spec.traineesPerClass;
  const plans: Plan[] = [];
  const classes: ClassInfo[] = [];
  const PLAN_TITLE: Record<Family, string> = { members: '党员教育培训计划', leaders: '村干部教育培训计划', dev: '发展党员教育培训计划', cadres: '干部教育培训计划' };
  const byFamily = new Map<SchoolInfo, Map<Family, number[]>>();
  trainees.forEach((t, i) => {
    const s = traineeSchool[i];
    let fam = FAMILY_OF[t.category];
    if (s.level === '村社区') fam = 'members';
    const m = byFamily.get(s) ?? new Map<Family, number[]>();
    byFamily.set(s, m);
    const list = m.get(fam) ?? [];
    list.push(i);
    m.set(fam, list);
  });
  schools.forEach((s, si) => {
    const fams = byFamily.get(s);
    if (!fams) return;
    // A group too small for its own class (under half a class) joins the members' classes.
    for (const f of ['leaders', 'dev', 'cadres'] as const) {
      const g = fams.get(f);
      if (g && g.length < C / 2) {
        fams.set('members', [...(fams.get('members') ?? []), ...g]);
        fams.delete(f);
      }
    }
    for (const [family, group] of fams) {
      // Leaders first, then by village, so a village's members sit in one class.
      const rank = (i: number) => (FAMILY_OF[trainees[i].category] === 'members' ? 1 : 0);
      group.sort((a, b) => rank(a) - rank(b) || (trainees[a].village < trainees[b].village ? -1 : trainees[a].village > trainees[b].village ? 1 : a - b));
      // Classes of about C (so marks ≈ sessions × C), none over 1.3 C.
      let k = Math.max(1, Math.round(group.length / C));
      if (group.length / k > C * 1.3) k++;
      const sizes = apportion(group.length, new Array<number>(k).fill(1));
      const plan: Plan = record(s.rec.id, { year, title: `${year}年${PLAN_TITLE[family]}`, targetGroup: targetOf(s, family), notes: '' });
      plans.push(plan);
      const titles: string[] = [];
      let at = 0;
      for (let j = 0; j < k; j++) {
        const w = WINDOWS[family][(j + si) % WINDOWS[family].length];
        titles.push(classTitle(s, family, w[2]));
        const roster = group.slice(at, (at += sizes[j]));
        // Sessions follow the class's mean requirement: a few 两委 in a members' class may end short, as in life.
        let sum = 0, counted = 0;
        for (const i of roster) {
          if (trainees[i].exempt) continue;
          sum += rules.requirements[trainees[i].category];
          counted++;
        }
        const req = counted ? sum / counted : 0;
        classes.push({
          idx: classes.length,
          rec: record(s.rec.id, { planId: plan.id, year, title: '', targetGroup: plan.targetGroup, startDate: `${year}-${w[0]}`, endDate: `${year}-${w[1]}`, notes: '' }),
          school: s, family, roster, req: req || 24, window: [w[0], w[1]], courses: [], sessions: 0,
        });
      }
      // Number the periods of classes sharing a title: （第一期）, （第二期）…
      const total = new Map<string, number>();
      for (const t of titles) total.set(t, (total.get(t) ?? 0) + 1);
      const seen = new Map<string, number>();
      titles.forEach((t, j) => {
        const nth = (seen.get(t) ?? 0) + 1;
        seen.set(t, nth);
        classes[classes.length - k + j].rec.title = `${year}年${t}${total.get(t)! > 1 ? `（第${cn(nth)}期）` : ''}`;
      });
    }
  });
  const enrolments: Enrolment[] = [];
  for (const c of classes) for (const i of c.roster) enrolments.push(record(c.school.rec.id, { classId: c.rec.id, traineeId: trainees[i].id }));

  // Course candidates per class: its target group's courses plus core political ones; field courses nearby.
  const LEVELS: Record<Family, readonly string[]> = {
    members: ['普通党员'], leaders: ['村党组织书记', '两委成员'], dev: ['入党积极分子/发展对象'], cadres: ['镇街干部'],
  };
  const core = (c: Course) => c.level === '普通党员' && c.category === '基础必修' && (c.domain === '政治理论' || c.domain === '党章党规党纪');
  for (const cl of classes) {
    const town = cl.school.town;
    cl.courses = R.shuffle(courses.flatMap((c, ci) => {
      const near = courseSite[ci] < 0 || !town || siteTown[courseSite[ci]] === town || siteSpecs[courseSite[ci]]?.flagship === true;
      const fits = LEVELS[cl.family].includes(c.level) || (cl.family !== 'members' && core(c));
      // The elderly are taught at home; 送学上门 sessions only make sense for members' classes.
      return near && fits && (c.method !== '送学上门' || cl.family === 'members') ? [ci] : [];
    }));
  }
  const sessionCounts = apportion(spec.sessions, classes.map((c) => c.req));
  classes.forEach((c, i) => (c.sessions = sessionCounts[i]));

  // --- scheduling: half-day occupancy per instructor, site and class keeps data clash-free ----
  const yearStart = Date.UTC(year, 0, 1);
  const nDays = Math.round((Date.UTC(year + 1, 0, 1) - yearStart) / 86_400_000);
  const dates = Array.from({ length: nDays }, (_, d) => dayStr(yearStart + d * 86_400_000));
  const sf = Date.parse(`${year}-${Q.SPRING_FESTIVAL[year] ?? '02-05'}T00:00:00Z`);
  const isHoliday = (d: number) => {
    const md = dates[d].slice(5);
    const ms = yearStart + d * 86_400_000;
    return md === '01-01' || (md >= '04-04' && md <= '04-06') || (md >= '05-01' && md <= '05-05') || (md >= '10-01' && md <= '10-08')
      || (ms >= sf - 3 * 86_400_000 && ms <= sf + 7 * 86_400_000);
  };
  const workdays = dates.flatMap((_, d) => (new Date(yearStart + d * 86_400_000).getUTCDay() % 6 !== 0 && !isHoliday(d) ? [d] : []));
  const busy = new Set<number>();
  const SITE0 = nI, CLASS0 = nI + sites.length;
  const slot = (entity: number, day: number, half: number) => entity * 1024 + day * 2 + half;
  const canTeach = (i: number, date: string) => {
    const ins = instructors[i];
    return ins.status === '在库' && (ins.appointmentStart ?? '') <= date && date <= (ins.appointmentEnd ?? '9999');
  };
  const sessions: Session[] = [];
  const sessionClass: ClassInfo[] = [];
  const taught = new Array<number>(nI).fill(0);
  for (const cl of R.shuffle([...classes])) {
    if (cl.courses.length === 0) continue;
    const inWindow = workdays.filter((d) => dates[d].slice(5) >= cl.window[0] && dates[d].slice(5) <= cl.window[1]);
    const ent = CLASS0 + cl.idx;
    let ptr = 0;
    for (let j = 0; j < cl.sessions; j++) {
      for (let attempt = 0; attempt < 300; attempt++) {
        // Rotate to another course after repeated failures; widen to the whole year once the window is full.
        const ci = cl.courses[(ptr + Math.floor(attempt / 25)) % cl.courses.length];
        const days = attempt < 100 && inWindow.length ? inWindow : workdays;
        const day = R.pick(days), half = R.chance(0.55) ? 0 : 1, date = dates[day];
        if (busy.has(slot(ent, day, half))) continue;
        let si = courseSite[ci] >= 0 ? courseSite[ci] : cl.school.main;
        if (busy.has(slot(SITE0 + si, day, half))) {
          if (courseSite[ci] >= 0 || attempt < 150) continue;
          const free = cl.school.alt.find((a) => !busy.has(slot(SITE0 + a, day, half)));
          if (free === undefined) continue;
          si = free;
        }
        const free = courseInstr[ci].filter((i) => canTeach(i, date) && !busy.has(slot(i, day, half)));
        if (free.length === 0) continue;
        const course = courses[ci];
        // The least-loaded free instructor teaches; a full-timer (专职) carries three times a part-timer's load.
        const pickOrder = free.map((i) => [taught[i] / (instructors[i].employment === '专职' ? 3 : 1) + R.next(), i] as const).sort((a, b) => a[0] - b[0]);
        const team = [pickOrder[0][1]];
        if ((course.method === '研讨交流' || course.method === '现场教学') && free.length > 1 && R.chance(0.35)) team.push(pickOrder[1][1]);
        for (const i of team) taught[i]++;
        for (const e of [ent, SITE0 + si, ...team]) busy.add(slot(e, day, half));
        const [start, end] = (TIMES[course.minutes] ?? TIMES[180])[half];
        const past = date < today;
        const cancelled = past && R.chance(0.01);
        sessions.push(record(cl.school.rec.id, {
          classId: cl.rec.id, courseId: course.id, instructorIds: team.map((i) => instructors[i].id),
          siteId: sites[si].id, date, year, start, end, minutes: minutesBetween(start, end),
          status: cancelled ? 'cancelled' : past ? 'held' : 'planned', cancelReason: cancelled ? R.pick(Q.CANCEL_REASONS) : '',
          overrideReason: '', closed: past && !cancelled,
        }));
        sessionClass.push(cl);
        ptr = (ptr + 1 + Math.floor(attempt / 25)) % cl.courses.length;
        break;
      }
    }
  }
  // Chronological order reads naturally in lists; the class dates span their sessions.
  const when = sessions.map((s) => s.date + s.start);
  const byDate = sessions.map((_, i) => i).sort((a, b) => (when[a] < when[b] ? -1 : when[a] > when[b] ? 1 : a - b));
  const sortedSessions = byDate.map((i) => sessions[i]);
  const sortedClass = byDate.map((i) => sessionClass[i]);
  for (const c of classes) c.rec.startDate = c.rec.endDate = '';
  sortedSessions.forEach((s, k) => {
    const c = sortedClass[k].rec;
    if (!c.startDate) c.startDate = s.date;
    c.endDate = s.date;
  });
  for (const c of classes) {
    if (!c.rec.startDate) [c.rec.startDate, c.rec.endDate] = [`${year}-${c.window[0]}`, `${year}-${c.window[1]}`];
    // Classes are held in a room large enough for them.
    const main = sites[c.school.main];
    main.capacity = Math.max(main.capacity, Math.ceil(c.roster.length / 10) * 10);
  }

  // --- attendance, evaluations ---------------------------------------------------------
  const attendance: Attendance[] = [];
  const evaluations: Evaluation[] = [];
  const instrIndex = new Map(instructors.map((x, i) => [x.id, i]));
  const hoursMemo = new Map<number, number>();
  const hoursOf = (status: AttendanceStatus, minutes: number, missed: number) => {
    const key = (minutes * 64 + missed) * 8 + ATTENDANCE_STATUSES.indexOf(status);
    let h = hoursMemo.get(key);
    if (h === undefined) hoursMemo.set(key, (h = creditedHours(status, minutes, missed, rules)));
    return h;
  };
  sortedSessions.forEach((s, k) => {
    if (s.status !== 'held') return;
    const cl = sortedClass[k];
    // Session times are Beijing time (UTC+8).
    const startMs = Date.parse(`${s.date}T${s.start}:00+08:00`);
    const endMs = startMs + s.minutes * 60_000;
    const by = s.instructorIds[0];
    const marks: Record<string, Mark> = {};
    for (const i of cl.roster) {
      let status: AttendanceStatus = '出勤', missed = 0;
      if (R.next() < reliability[i]) {
        const v = R.next();
        if (v < 0.08) {
          status = v < 0.05 ? '迟到' : '早退';
          missed = R.int(5, 40);
        }
      } else {
        const v = R.next();
        status = v < 0.45 ? '事假' : v < 0.75 ? '病假' : '旷课';
      }
      marks[trainees[i].id] = {
        status, minutesMissed: missed, hours: hoursOf(status, s.minutes, missed), by,
        at: status === '早退' ? endMs : startMs + 300_000 + (status === '迟到' ? missed * 60_000 : 0),
      };
    }
    attendance.push(record(s.schoolId, { sessionId: s.id, classId: s.classId, date: s.date, year: s.year, minutes: s.minutes, marks, walkIns: [], corrections: [] }, s.id));
    if (R.chance(0.25)) {
      for (const iid of s.instructorIds) {
        const q = quality[instrIndex.get(iid)!];
        const scores = Array.from({ length: 5 }, () => Math.min(20, Math.max(14, Math.round(q + (R.next() - 0.5) * 3))));
        evaluations.push(record(s.schoolId, { sessionId: s.id, instructorId: iid, scores, note: R.pick(Q.EVALUATION_NOTES) }));
      }
    }
  });

  // --- external hours (学习强国, 灯塔—党建在线, the city school's online college) -----------------
  const externalHours: ExternalHours[] = [];
  const lastDay = Math.min(nDays - 1, Math.floor((todayMs - yearStart) / 86_400_000) - 1);
  if (lastDay >= 0) {
    trainees.forEach((t, i) => {
      const n = t.exempt ? 0 : t.category === '流动党员' ? (R.chance(0.85) ? R.int(1, 3) : 0)
        : t.category === '镇街干部' ? (R.chance(0.6) ? R.int(1, 2) : 0) : R.chance(0.08) ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const source = t.category === '镇街干部' ? '市委党校网络学院' : t.category === '流动党员' ? R.pick(Q.EXTERNAL_SOURCES.slice(0, 2)) : R.pick(Q.EXTERNAL_SOURCES);
        externalHours.push(record(traineeSchool[i].rec.id, {
          traineeId: t.id, year, date: dates[R.int(0, lastDay)], source,
          hours: source === '市委党校网络学院' ? R.int(6, 20) : R.int(4, 20) / 2,
          note: source === '市委党校网络学院' ? '网络专题培训班结业' : '',
        }));
      }
    });
  }

  return {
    schools: schools.filter((s) => !(opts.selfSchoolId && s === own)).map((s) => s.rec),
    instructors, sites, trainees, courses, plans, classes: classes.map((c) => c.rec), enrolments,
    sessions: sortedSessions, attendance, externalHours, evaluations,
  };
}

function targetOf(s: SchoolInfo, family: Family): string {
  if (family !== 'members') return TARGET_GROUPS[family];
  return s.level === '企业' || s.level === '开发区' ? '企业党员' : s.village?.endsWith('社区') ? '社区党员' : '农村党员';
}
const TARGET_GROUPS: Record<Exclude<Family, 'members'>, string> = {
  leaders: '村(社区)党组织书记、“两委”成员', dev: '入党积极分子、发展对象', cadres: '镇街干部',
};

function classTitle(s: SchoolInfo, family: Family, season: 'winter' | 'round'): string {
  switch (family) {
    case 'leaders': return s.level === '市' ? '村党组织书记示范培训班' : '村党组织书记和“两委”成员培训班';
    case 'dev': return '入党积极分子和发展对象培训班';
    case 'cadres': return s.level === '市' ? '乡科级干部能力提升培训班' : '镇街干部能力提升培训班';
    default:
      if (s.level === '企业' || s.level === '开发区' || s.level === '市') return '党员集中轮训班';
      return season === 'winter' ? `${s.village?.endsWith('社区') ? '社区' : '农村'}党员冬春训班` : '党员集中轮训班';
  }
}

/** Unit, post and title of an instructor by category. */
function instructorJob(R: Random, category: InstructorCategory, town: Q.Town, village: string): [string, string, string] {
  switch (category) {
    case '党校教师': return [Q.CITY_SCHOOL, R.pick(['联系指导教师', '教研室主任', '教师']), R.pick(['讲师', '副教授', '教授'])];
    case '专家学者': return [R.pick(['曲阜师范大学马克思主义学院', '曲阜师范大学历史文化学院', '孔子研究院', '济宁学院']), R.pick(['教师', '研究室主任', '副院长']), R.pick(['教授', '副教授', '研究员'])];
    case '领导干部': return R.chance(0.5) ? [R.pick(Q.CITY_UNITS), R.pick(['副部长', '副局长', '党组成员']), ''] : [`中共曲阜市${town}${town.endsWith('街道') ? '工作委员会' : '委员会'}`, R.pick(['党委副书记', '组织委员', '宣传委员']), ''];
    case '基层党组织书记': return [`${village}党支部`, R.pick(['党支部书记、村委会主任', '党支部书记']), R.weighted([['', 5], ['济宁市优秀党组织书记', 2], ['山东省优秀党务工作者', 1]])];
    case '驻村第一书记': return [R.pick(Q.CITY_UNITS), `驻${village}第一书记`, ''];
    case '先进模范人物': return [village, R.pick(['种粮大户', '退役军人', '乡村医生', '志愿服务队队长']), R.pick(['全国劳动模范', '山东省劳动模范', '济宁市道德模范', '曲阜市优秀共产党员'])];
    case '土专家': return [`${town}${R.pick(['果蔬', '葡萄', '食用菌', '香稻', '畜禽养殖'])}专业合作社`, R.pick(['技术员', '理事长', '技术顾问']), R.pick(['农民技师', '高级农艺师', '农技员'])];
    case '田秀才': return [`${village}${R.pick(['家庭农场', '种植基地', '电商服务站'])}`, '负责人', R.pick(['高素质农民', '农村实用人才', '新型职业农民'])];
    default: return [village, R.pick(['退休教师', '退休干部', '老党员', '返乡企业家']), ''];
  }
}

/** Village/unit and Party branch of a trainee, by the school that trains them. */
function traineePlace(R: Random, s: SchoolInfo, category: TraineeCategory, town: Q.Town, villages: string[], secretaryNo: number): [string, string] {
  const branchOf = (v: string) => (v.endsWith('社区') ? `${v}党委第${cn(R.int(1, 3))}党支部` : `${v}党支部`);
  switch (s.level) {
    case '村社区': return [s.village!, branchOf(s.village!)];
    case '企业': return [s.enterprise!, `${s.enterprise}${R.pick(['机关', '生产', '销售', '技术'])}党支部`];
    case '开发区': {
      const unit = `${Q.DEV_ZONE}${R.pick(['管委会', '新材料产业园', '食品产业园', '智能制造产业园'])}`;
      return [unit, `${unit}党支部`];
    }
    default: {
      if (category === '镇街干部') {
        const t = s.level === '市' ? R.pick(QUFU_TOWNS) : town;
        return [townOffice(t), `${t}机关第${cn(R.int(1, 3))}党支部`];
      }
      if (s.level === '市' && category === '普通党员') {
        const unit = R.pick(Q.CITY_UNITS);
        return [unit, `${unit}机关党支部`];
      }
      // Secretaries go round the township's villages, one each, before any repeats.
      const list = villages.length ? villages : Q.VILLAGES[R.pick(QUFU_TOWNS)];
      const v = secretaryNo >= 0 ? list[secretaryNo % list.length] : R.pick(list);
      return [v, branchOf(v)];
    }
  }
}
