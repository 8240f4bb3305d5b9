import { describe, expect, it } from 'vitest';
import type { Site } from '../domain/records';
import { findClashes, overlaps, weekdayOf, type ClashContext, type ScheduledSession, type SessionDraft } from './clashes';
import { shiftDate } from './schedule';

type SiteInfo = Pick<Site, 'id' | 'name' | 'capacity' | 'openPeriods' | 'town' | 'village' | 'status'>;
const site = (id: string, name: string, town: string, extra: Partial<SiteInfo> = {}): SiteInfo => ({
  id, name, town, village: '', capacity: 0, openPeriods: [], status: '启用', ...extra,
});
const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((x) => [x.id, x]));

// 2026-03-10 is a Tuesday.
const DATE = '2026-03-10';
const WEEKDAYS = [1, 2, 3, 4, 5];

function context(sameDaySessions: ScheduledSession[], extra: Partial<ClashContext> = {}): ClashContext {
  return {
    sameDaySessions,
    enrolledTraineeIds: new Map([
      ['k1', new Set(['t1', 't2', 't3', 't4', 't5'])],
      ['k2', new Set(['t1', 't2', 't3', 't4', 't9'])],
      ['k3', new Set(['t8'])],
      ['k4', new Set(['t5'])],
    ]),
    instructors: byId([
      { id: 'i1', name: '张三', status: '在库' as const },
      { id: 'i2', name: '李四', status: '在库' as const },
      { id: 'i3', name: '王五', status: '暂停' as const },
      { id: 'i4', name: '赵六', status: '退出' as const },
    ]),
    sites: byId([
      site('s1', '主校区', '鲁城街道'),
      site('s2', '孔子讲堂', '尼山镇', { capacity: 30, openPeriods: [{ weekdays: WEEKDAYS, start: '08:30', end: '17:00' }] }),
      site('s3', '鲁城社区党群服务中心', '鲁城街道'),
      site('small', '小会议室', '鲁城街道', { capacity: 4 }),
      site('exact', '五人室', '鲁城街道', { capacity: 5 }),
      site('closed', '旧礼堂', '鲁城街道', { status: '停用' }),
      site('weekend', '周日展馆', '鲁城街道', { openPeriods: [{ weekdays: [7], start: '09:00', end: '12:00' }] }),
    ]),
    classes: byId([
      { id: 'k1', title: '2026年村党组织书记培训班' },
      { id: 'k2', title: '2026年入党积极分子培训班' },
      { id: 'k3', title: '2026年两委成员培训班' },
      { id: 'k4', title: '2026年流动党员培训班' },
    ]),
    courses: byId([
      { id: 'c1', title: '乡村振兴专题' },
      { id: 'c2', title: '党章党规党纪' },
    ]),
    trainees: byId(['甲', '乙', '丙', '丁', '戊'].map((name, i) => ({ id: `t${i + 1}`, name }))),
    ...extra,
  };
}

const draft = (extra: Partial<SessionDraft> = {}): SessionDraft => ({
  classId: 'k3', courseId: 'c2', instructorIds: ['i1'], siteId: 's1', date: DATE, start: '14:00', end: '16:00',
  status: 'planned', ...extra,
});
// By default the other session shares nothing with the candidate: other instructor, site and trainees.
const other = (extra: Partial<ScheduledSession> = {}): ScheduledSession => ({
  id: 'o1', classId: 'k1', courseId: 'c1', instructorIds: ['i2'], siteId: 's3', date: DATE, start: '14:00',
  end: '16:00', status: 'planned', deletedAt: null, ...extra,
});
const kinds = (candidate: SessionDraft, sessions: ScheduledSession[], extra?: Partial<ClashContext>) =>
  findClashes(candidate, context(sessions, extra)).map((c) => `${c.severity}:${c.kind}`);

describe('overlaps and weekdayOf', () => {
  it('treats touching ranges as not overlapping', () => {
    expect(overlaps('10:00', '12:00', '12:00', '14:00')).toBe(false);
    expect(overlaps('12:00', '14:00', '10:00', '12:00')).toBe(false);
    expect(overlaps('10:00', '12:01', '12:00', '14:00')).toBe(true);
    expect(overlaps('09:00', '17:00', '10:00', '11:00')).toBe(true);
  });

  it('is re-exported for the week view', () => {
    expect(weekdayOf(DATE)).toBe(2);
  });
});

describe('findClashes', () => {
  it('finds nothing when nothing is shared', () => {
    expect(findClashes(draft(), context([other()]))).toEqual([]);
  });

  describe('invalid time', () => {
    it('refuses an end not after the start, or across midnight, and checks no overlap then', () => {
      for (const [start, end] of [['14:00', '14:00'], ['16:00', '14:00'], ['22:00', '01:00']]) {
        const clashes = findClashes(draft({ start, end }), context([other({ instructorIds: ['i1'], start: '00:00', end: '23:59' })]));
        expect(clashes).toEqual([
          { severity: 'hard', kind: 'invalid-time', message: '结束时间必须晚于开始时间，课次不能跨越午夜' },
        ]);
      }
    });

    it('still checks the times of a cancelled candidate, but nothing else', () => {
      const busy = [other({ instructorIds: ['i1'], siteId: 's1' })];
      expect(kinds(draft({ status: 'cancelled', instructorIds: ['i3'] }), busy)).toEqual([]);
      expect(kinds(draft({ status: 'cancelled', end: '13:00' }), busy)).toEqual(['hard:invalid-time']);
    });
  });

  describe('instructor', () => {
    it('is a hard clash naming the instructor and the other session', () => {
      const clashes = findClashes(draft(), context([other({ instructorIds: ['i2', 'i1'] })]));
      expect(clashes).toEqual([
        {
          severity: 'hard',
          kind: 'instructor',
          message: '教员 张三 在 2026-03-10 14:00–16:00 已有课次「乡村振兴专题 · 2026年村党组织书记培训班」',
          otherSessionId: 'o1',
        },
      ]);
    });

    it('reports each shared instructor', () => {
      expect(kinds(draft({ instructorIds: ['i1', 'i2'] }), [other({ instructorIds: ['i1', 'i2'] })])).toEqual([
        'hard:instructor', 'hard:instructor',
      ]);
    });

    it('does not clash with touching sessions', () => {
      const touching = [other({ id: 'a', instructorIds: ['i1'], start: '12:00', end: '14:00' }),
        other({ id: 'b', instructorIds: ['i1'], start: '16:00', end: '18:00' })];
      expect(kinds(draft(), touching)).toEqual([]);
    });

    it('ignores cancelled and deleted sessions, and the candidate itself', () => {
      // Shares instructor, site and trainees (k1 and k2) with the candidate.
      const shared = { instructorIds: ['i1'], siteId: 's1', classId: 'k2' };
      const candidate = (id?: string) => draft({ id, classId: 'k1' });
      expect(kinds(candidate(), [other({ ...shared, status: 'cancelled' })])).toEqual([]);
      expect(kinds(candidate(), [other({ ...shared, deletedAt: 1_700_000_000_000 })])).toEqual([]);
      expect(kinds(candidate('o1'), [other({ ...shared, id: 'o1' })])).toEqual([]);
      expect(kinds(candidate('o2'), [other({ ...shared, id: 'o1' })])).toEqual([
        'hard:instructor', 'hard:site', 'hard:trainee',
      ]);
    });

    it('ignores sessions of other dates when given more than one day', () => {
      expect(kinds(draft(), [other({ instructorIds: ['i1'], date: '2026-03-11' })])).toEqual([]);
    });

    it('counts held sessions like planned ones', () => {
      expect(kinds(draft(), [other({ instructorIds: ['i1'], status: 'held' })])).toEqual(['hard:instructor']);
    });
  });

  describe('site', () => {
    it('is a hard clash naming the site and the other session', () => {
      const clashes = findClashes(draft(), context([other({ siteId: 's1', start: '15:00', end: '17:00' })]));
      expect(clashes).toEqual([
        {
          severity: 'hard',
          kind: 'site',
          message: '教学点 主校区 在 2026-03-10 15:00–17:00 已有课次「乡村振兴专题 · 2026年村党组织书记培训班」',
          otherSessionId: 'o1',
        },
      ]);
    });

    it('does not clash with a touching session at the site', () => {
      expect(kinds(draft(), [other({ siteId: 's1', start: '16:00', end: '17:00' })])).toEqual([]);
    });
  });

  describe('trainee', () => {
    it('is a hard clash counting the shared trainees and naming up to 3', () => {
      const [clash] = findClashes(draft({ classId: 'k2' }), context([other()]));
      expect(clash).toEqual({
        severity: 'hard',
        kind: 'trainee',
        message: '4 名学员（甲、乙、丙等）在 2026-03-10 14:00–16:00 已有课次「乡村振兴专题 · 2026年村党组织书记培训班」',
        otherSessionId: 'o1',
        traineeIds: ['t1', 't2', 't3', 't4'],
      });
    });

    it('names all when 3 or fewer, and only counts without a trainee list', () => {
      expect(findClashes(draft({ classId: 'k4' }), context([other()]))[0].message).toMatch(/^1 名学员（戊）在 /);
      expect(findClashes(draft({ classId: 'k2' }), context([other()], { trainees: undefined }))[0].message).toMatch(
        /^4 名学员在 2026-03-10/,
      );
    });

    it('does not apply to two sessions of the same class or to touching sessions', () => {
      expect(kinds(draft({ classId: 'k1' }), [other()])).toEqual([]);
      expect(kinds(draft({ classId: 'k2' }), [other({ start: '16:00', end: '18:00' })])).toEqual([]);
    });
  });

  describe('capacity', () => {
    it('warns when the class has more trainees than the site holds', () => {
      expect(findClashes(draft({ classId: 'k1', siteId: 'small' }), context([]))).toEqual([
        {
          severity: 'soft',
          kind: 'capacity',
          message: '培训班「2026年村党组织书记培训班」报名 5 人，超过教学点 小会议室 的容量 4 人',
        },
      ]);
    });

    it('does not warn at exactly the capacity, or when the capacity is unknown (0)', () => {
      expect(kinds(draft({ classId: 'k1', siteId: 'exact' }), [])).toEqual([]);
      expect(kinds(draft({ classId: 'k1', siteId: 's1' }), [])).toEqual([]);
    });
  });

  describe('site closed', () => {
    const atS2 = (date: string, start: string, end: string) => kinds(draft({ siteId: 's2', date, start, end }), []);

    it('accepts times inside an open period, boundaries included', () => {
      expect(atS2(DATE, '08:30', '10:00')).toEqual([]);
      expect(atS2(DATE, '15:00', '17:00')).toEqual([]);
      expect(atS2('2026-03-13', '08:30', '17:00')).toEqual([]);
    });

    it('warns outside the time window or on a closed weekday', () => {
      expect(atS2(DATE, '08:00', '09:00')).toEqual(['soft:site-closed']);
      expect(atS2(DATE, '16:00', '17:30')).toEqual(['soft:site-closed']);
      expect(atS2('2026-03-14', '09:00', '10:00')).toEqual(['soft:site-closed']);
      expect(findClashes(draft({ siteId: 's2', date: '2026-03-14' }), context([]))[0].message).toBe(
        '教学点 孔子讲堂 在周六 14:00–16:00 不开放（开放时间：周一、周二、周三、周四、周五 08:30–17:00）',
      );
    });

    it('reads Sunday as weekday 7, and no open periods as always open', () => {
      expect(kinds(draft({ siteId: 'weekend', date: '2026-03-15', start: '09:00', end: '12:00' }), [])).toEqual([]);
      expect(kinds(draft({ siteId: 'weekend', date: '2026-03-16', start: '09:00', end: '12:00' }), [])).toEqual([
        'soft:site-closed',
      ]);
      expect(kinds(draft({ siteId: 's1', date: '2026-03-15', start: '06:00', end: '23:00' }), [])).toEqual([]);
    });

    it('warns about a site that is 停用', () => {
      expect(findClashes(draft({ siteId: 'closed' }), context([]))).toEqual([
        { severity: 'soft', kind: 'site-closed', message: '教学点 旧礼堂 已停用' },
      ]);
    });
  });

  describe('instructor status', () => {
    it('warns about an instructor who is 暂停 or 退出, not one 在库', () => {
      expect(findClashes(draft({ instructorIds: ['i1', 'i3'] }), context([]))).toEqual([
        { severity: 'soft', kind: 'instructor-status', message: '教员 王五 当前状态为「暂停」，不在库' },
      ]);
      expect(kinds(draft({ instructorIds: ['i4'] }), [])).toEqual(['soft:instructor-status']);
    });
  });

  describe('travel', () => {
    // The candidate is at 主校区 (鲁城街道), 14:00–16:00; 孔子讲堂 is in 尼山镇.
    it('warns when an instructor has too short a gap before or after a session in another town', () => {
      const [before] = findClashes(draft(), context([other({ instructorIds: ['i1'], siteId: 's2', start: '12:00', end: '13:50' })]));
      expect(before).toEqual({
        severity: 'soft',
        kind: 'travel',
        message:
          '教员 张三 在 2026-03-10 12:00–13:50 已有课次「乡村振兴专题 · 2026年村党组织书记培训班」（尼山镇 孔子讲堂），' +
          '与本课次（鲁城街道 主校区）仅相隔 10 分钟，跨镇街赶场时间可能不足',
        otherSessionId: 'o1',
      });
      expect(kinds(draft(), [other({ instructorIds: ['i1'], siteId: 's2', start: '16:00', end: '17:00' })])).toEqual([
        'soft:travel',
      ]);
    });

    it('does not warn at a gap of the full default 30 minutes, nor in the same town', () => {
      expect(kinds(draft(), [other({ instructorIds: ['i1'], siteId: 's2', start: '16:30', end: '17:00' })])).toEqual([]);
      expect(kinds(draft(), [other({ instructorIds: ['i1'], siteId: 's3', start: '16:00', end: '17:00' })])).toEqual([]);
    });

    it('uses the configured gap', () => {
      const later = [other({ instructorIds: ['i1'], siteId: 's2', start: '16:40', end: '17:00' })];
      expect(kinds(draft(), later)).toEqual([]);
      expect(kinds(draft(), later, { backToBackGapMinutes: 60 })).toEqual(['soft:travel']);
    });

    it('leaves overlapping sessions to the hard instructor clash', () => {
      expect(kinds(draft(), [other({ instructorIds: ['i1'], siteId: 's2', start: '15:00', end: '17:00' })])).toEqual([
        'hard:instructor',
      ]);
    });
  });

  it('lists hard clashes before soft ones', () => {
    const clashes = kinds(draft({ instructorIds: ['i3'], classId: 'k1', siteId: 'small' }), [
      other({ instructorIds: ['i3'], siteId: 'other', classId: 'k3' }),
    ]);
    expect(clashes).toEqual(['hard:instructor', 'soft:instructor-status', 'soft:capacity']);
  });

  it('is correct at county scale: 6,000 sessions a year, ~25 a day', () => {
    // 240 weekdays of 25 sessions; on each day every session has its own instructor, site and class.
    const byDate = new Map<string, ScheduledSession[]>();
    const all: ScheduledSession[] = [];
    let date = '2026-01-05';
    for (let day = 0; day < 240; day++) {
      const sessions: ScheduledSession[] = [];
      for (let n = 0; n < 25; n++) {
        const start = `${String(8 + (n % 10)).padStart(2, '0')}:00`;
        const end = `${String(10 + (n % 10)).padStart(2, '0')}:00`;
        sessions.push({
          id: `x${day}-${n}`, classId: `k${day}-${n}`, courseId: 'c1', instructorIds: [`p${(day + n) % 60}`],
          siteId: `site${(day * 7 + n) % 80}`, date, start, end, status: 'planned', deletedAt: null,
        });
      }
      byDate.set(date, sessions);
      all.push(...sessions);
      date = shiftDate(date, weekdayOf(date) === 5 ? 3 : 1);
    }
    expect(all).toHaveLength(6000);

    // A copy of each day's 13th session under another class must clash with it exactly, by instructor and site.
    for (const [day, sessions] of byDate) {
      const target = sessions[12];
      const candidate = { ...target, id: undefined, classId: 'k-new' };
      const expected = [`hard:instructor:${target.id}`, `hard:site:${target.id}`];
      const show = (given: ScheduledSession[]) =>
        findClashes(candidate, context(given)).map((c) => `${c.severity}:${c.kind}:${c.otherSessionId}`);
      expect(show(sessions), day).toEqual(expected);
      if (day.endsWith('-01') || day.endsWith('-15')) expect(show(all), day).toEqual(expected);
    }
  });
});
