import type { Course, Instructor, OpenPeriod, Site, Trainee, TrainingClass } from '../domain/records';
import { minutesBetween } from './hours';
import { weekdayOf, type ScheduledSession, type SessionDraft } from './schedule';

export { weekdayOf };
export type { ScheduledSession, SessionDraft };

export type ClashKind =
  | 'invalid-time' | 'instructor' | 'site' | 'trainee'
  | 'capacity' | 'site-closed' | 'instructor-status' | 'travel';
export type ClashSeverity = 'hard' | 'soft';

/** Hard clashes block saving; soft ones may be overridden with a recorded reason (DOMAIN.md §5). */
const SEVERITY: Record<ClashKind, ClashSeverity> = {
  'invalid-time': 'hard',
  instructor: 'hard',
  site: 'hard',
  trainee: 'hard',
  capacity: 'soft',
  'site-closed': 'soft',
  'instructor-status': 'soft',
  travel: 'soft',
};

export type Clash = {
  severity: ClashSeverity;
  kind: ClashKind;
  /** Chinese, shown to the user as is; names the other session when there is one. */
  message: string;
  otherSessionId?: string;
  /** Trainees of the candidate's class who are also in the other session's class. */
  traineeIds?: string[];
};

export type ClashContext = {
  /** Sessions on the candidate's date; others are skipped, so passing more is only slower. */
  sameDaySessions: readonly ScheduledSession[];
  /** classId → enrolled trainee ids, for the candidate's class and those of sameDaySessions. */
  enrolledTraineeIds: ReadonlyMap<string, ReadonlySet<string>>;
  instructors: ReadonlyMap<string, Pick<Instructor, 'id' | 'name' | 'status'>>;
  sites: ReadonlyMap<string, Pick<Site, 'id' | 'name' | 'capacity' | 'openPeriods' | 'town' | 'village' | 'status'>>;
  classes: ReadonlyMap<string, Pick<TrainingClass, 'id' | 'title'>>;
  courses: ReadonlyMap<string, Pick<Course, 'id' | 'title'>>;
  /** For naming clashing trainees; without it only their number is given. */
  trainees?: ReadonlyMap<string, Pick<Trainee, 'id' | 'name'>>;
  /** An instructor needs at least this many minutes between sessions in different towns. Default 30. */
  backToBackGapMinutes?: number;
};

/**
 * Whether two time ranges on one day overlap. Ranges are half-open, so 10:00–12:00 and
 * 12:00–14:00 do not. HH:mm is zero-padded, so the strings compare as times.
 */
export function overlaps(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart < bEnd && bStart < aEnd;
}

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const NAMED_TRAINEES = 3;
const NO_TRAINEES: ReadonlySet<string> = new Set();

/** An empty list of open periods means the site is always open. */
function isOpen(periods: readonly OpenPeriod[], weekday: number, start: string, end: string): boolean {
  return periods.length === 0 || periods.some((p) => p.weekdays.includes(weekday) && p.start <= start && end <= p.end);
}

// Array.prototype.sort is stable, so each severity keeps the order the rules were checked in.
function sortHardFirst(clashes: Clash[]): Clash[] {
  return clashes.sort((a, b) => Number(a.severity === 'soft') - Number(b.severity === 'soft'));
}

/**
 * Clashes of a session being created or edited with the other sessions of its day and with
 * its instructors and site; hard ones first. Cancelled and deleted sessions occupy nobody and
 * are ignored, as is the candidate's own stored version (same id).
 */
export function findClashes(candidate: SessionDraft, ctx: ClashContext): Clash[] {
  const clashes: Clash[] = [];
  const add = (kind: ClashKind, message: string, extra?: Pick<Clash, 'otherSessionId' | 'traineeIds'>) =>
    clashes.push({ severity: SEVERITY[kind], kind, message, ...extra });

  const validTime = minutesBetween(candidate.start, candidate.end) > 0;
  if (!validTime) add('invalid-time', '结束时间必须晚于开始时间，课次不能跨越午夜');
  // A cancelled session takes no one's time, so only its own times can be wrong.
  if (candidate.status === 'cancelled') return clashes;

  const instructorIds = new Set(candidate.instructorIds);
  const instructorName = (id: string) => ctx.instructors.get(id)?.name ?? id;
  const site = ctx.sites.get(candidate.siteId);
  const siteName = site?.name ?? candidate.siteId;
  const enrolled = ctx.enrolledTraineeIds.get(candidate.classId) ?? NO_TRAINEES;

  for (const id of instructorIds) {
    const status = ctx.instructors.get(id)?.status;
    if (status && status !== '在库') add('instructor-status', `教员 ${instructorName(id)} 当前状态为「${status}」，不在库`);
  }
  if (site) {
    if (site.status === '停用') add('site-closed', `教学点 ${siteName} 已停用`);
    // Capacity 0 means the capacity was never recorded.
    if (site.capacity > 0 && enrolled.size > site.capacity) {
      const classTitle = ctx.classes.get(candidate.classId)?.title ?? candidate.classId;
      add('capacity', `培训班「${classTitle}」报名 ${enrolled.size} 人，超过教学点 ${siteName} 的容量 ${site.capacity} 人`);
    }
    const weekday = weekdayOf(candidate.date);
    if (validTime && !isOpen(site.openPeriods, weekday, candidate.start, candidate.end)) {
      const periods = site.openPeriods
        .map((p) => `${p.weekdays.map((w) => WEEKDAY_NAMES[w - 1]).join('、')} ${p.start}–${p.end}`)
        .join('；');
      add(
        'site-closed',
        `教学点 ${siteName} 在${WEEKDAY_NAMES[weekday - 1]} ${candidate.start}–${candidate.end} 不开放（开放时间：${periods}）`,
      );
    }
  }

  // Overlap and gaps mean nothing for a range that ends before it starts.
  if (!validTime) return sortHardFirst(clashes);

  const gapMinutes = ctx.backToBackGapMinutes ?? 30;
  for (const other of ctx.sameDaySessions) {
    if (
      other.id === candidate.id || other.deletedAt !== null || other.status === 'cancelled' ||
      other.date !== candidate.date
    ) continue;
    const sharedInstructors = [...instructorIds].filter((id) => other.instructorIds.includes(id));
    const course = ctx.courses.get(other.courseId)?.title ?? other.courseId;
    const klass = ctx.classes.get(other.classId)?.title ?? other.classId;
    const described = `在 ${other.date} ${other.start}–${other.end} 已有课次「${course} · ${klass}」`;
    const otherSessionId = other.id;

    if (overlaps(candidate.start, candidate.end, other.start, other.end)) {
      for (const id of sharedInstructors) add('instructor', `教员 ${instructorName(id)} ${described}`, { otherSessionId });
      if (other.siteId === candidate.siteId) add('site', `教学点 ${siteName} ${described}`, { otherSessionId });
      // Two sessions of one class at once are the class's own business (e.g. split groups);
      // a trainee is double-booked only through two classes.
      if (other.classId !== candidate.classId) {
        const otherEnrolled = ctx.enrolledTraineeIds.get(other.classId) ?? NO_TRAINEES;
        const traineeIds = [...enrolled].filter((id) => otherEnrolled.has(id));
        if (traineeIds.length > 0) {
          const names = traineeIds.slice(0, NAMED_TRAINEES).flatMap((id) => ctx.trainees?.get(id)?.name ?? []);
          const named = names.length > 0 ? `（${names.join('、')}${traineeIds.length > names.length ? '等' : ''}）` : '';
          add('trainee', `${traineeIds.length} 名学员${named}${described}`, { otherSessionId, traineeIds });
        }
      }
      continue;
    }

    const town = site?.town;
    const otherSite = ctx.sites.get(other.siteId);
    if (sharedInstructors.length === 0 || !town || !otherSite?.town || otherSite.town === town) continue;
    const gap = other.start >= candidate.end
      ? minutesBetween(candidate.end, other.start)
      : minutesBetween(other.end, candidate.start);
    if (gap >= gapMinutes) continue;
    for (const id of sharedInstructors) {
      add(
        'travel',
        `教员 ${instructorName(id)} ${described}（${otherSite.town} ${otherSite.name}），` +
          `与本课次（${town} ${siteName}）仅相隔 ${gap} 分钟，跨镇街赶场时间可能不足`,
        { otherSessionId },
      );
    }
  }
  return sortHardFirst(clashes);
}
