import { describe, expect, it } from 'vitest';
import type { Attendance, Mark, Trainee } from '../domain/records';
import { canonicalJson, contentEqual, mergeRecord, mergeVersions, type Version } from './merge';

const trainee = (over: Partial<Trainee> = {}): Trainee => ({
  id: 't1', schoolId: 'A', createdAt: 1, updatedAt: 10, deletedAt: null, seq: 5,
  name: '孔繁荣', gender: '男', idNumber: '', birthDate: null, phone: '', branch: '鲁源村党支部', village: '鲁源村',
  category: '普通党员', exempt: false, status: '在册', py: 'kfr', notes: '', transfer: null, ...over,
});
const v = <T extends Trainee | Attendance>(record: T, by: string): Version<T> => ({ record, by });

const mark = (at: number, over: Partial<Mark> = {}): Mark => ({ status: '出勤', minutesMissed: 0, hours: 4, by: 'i1', at, ...over });
const attendance = (marks: Record<string, Mark>, over: Partial<Attendance> = {}): Attendance => ({
  id: 's1', schoolId: 'A', createdAt: 1, updatedAt: 10, deletedAt: null, seq: 3,
  sessionId: 's1', classId: 'c1', date: '2025-03-01', year: 2025, minutes: 180, marks, walkIns: [], corrections: [], ...over,
});

describe('merging one record', () => {
  it('adds a record not held here, and a tombstone of one as deleted', () => {
    expect(mergeRecord('trainees', undefined, v(trainee(), 'A'))).toMatchObject({ outcome: 'new', conflict: null });
    expect(mergeRecord('trainees', undefined, v(trainee({ deletedAt: 11 }), 'A')).outcome).toBe('deleted');
  });

  it('leaves an identical version alone, whatever its sequence number', () => {
    const result = mergeRecord('trainees', v(trainee(), 'A'), v(trainee({ seq: 99 }), 'A'));
    expect(result).toEqual({ outcome: 'unchanged', write: null, conflict: null });
  });

  it('takes the owner’s newer version', () => {
    const newer = v(trainee({ updatedAt: 20, branch: '二支部' }), 'A');
    const result = mergeRecord('trainees', v(trainee(), 'A'), newer);
    expect(result.outcome).toBe('updated');
    expect(result.write).toBe(newer);
  });

  it('keeps the owner’s version against a newer edit made elsewhere (owner wins, at the county and at the school)', () => {
    const countyEdit = v(trainee({ updatedAt: 30, notes: '市里补注' }), 'K');
    const owners = v(trainee({ updatedAt: 20, notes: '' }), 'A');
    expect(mergeRecord('trainees', countyEdit, owners)).toMatchObject({ outcome: 'updated', write: owners });
    expect(mergeRecord('trainees', owners, countyEdit)).toEqual({ outcome: 'unchanged', write: null, conflict: null });
  });

  it('keeps the county’s own record against a school’s edit of it', () => {
    const county = v(trainee({ schoolId: 'K', updatedAt: 5 }), 'K');
    const schoolEdit = v(trainee({ schoolId: 'K', updatedAt: 50, name: '孔繁荣（改）' }), 'A');
    expect(mergeRecord('trainees', county, schoolEdit).outcome).toBe('unchanged');
  });

  it('breaks a tie of time the same way in both directions', () => {
    const a = v(trainee({ updatedAt: 20, notes: '甲' }), 'A');
    const b = v(trainee({ updatedAt: 20, notes: '乙' }), 'A');
    expect(mergeVersions('trainees', a, b)).toBe(mergeVersions('trainees', b, a));
  });

  it('lists a true conflict: two other installations changed a record of a third school differently', () => {
    const byTown = v(trainee({ schoolId: 'V', updatedAt: 20, phone: '13800000001' }), 'T');
    const byCounty = v(trainee({ schoolId: 'V', updatedAt: 25, phone: '13800000002' }), 'K');
    const result = mergeRecord('trainees', byCounty, byTown);
    expect(result.outcome).toBe('conflicting');
    expect(result.write).toBeNull();
    expect(result.conflict).toEqual({ current: byCounty, other: byTown });
    // The same writer's later version simply follows.
    expect(mergeRecord('trainees', byTown, v(trainee({ schoolId: 'V', updatedAt: 30 }), 'T')).outcome).toBe('updated');
  });

  it('deletes with a newer tombstone and restores with a newer live version', () => {
    const live = v(trainee(), 'A');
    const gone = v(trainee({ updatedAt: 20, deletedAt: 20 }), 'A');
    expect(mergeRecord('trainees', live, gone).outcome).toBe('deleted');
    expect(mergeRecord('trainees', gone, v(trainee({ updatedAt: 30 }), 'A')).outcome).toBe('updated');
  });

  it('records a new writer of the same content without calling it a change', () => {
    const result = mergeRecord('trainees', v(trainee(), 'K'), v(trainee(), 'A'));
    expect(result.outcome).toBe('unchanged');
    expect(result.write?.by).toBe('A');
  });
});

describe('merging attendance', () => {
  it('merges mark by mark: the later mark of each trainee wins, marks held on one side stay', () => {
    const office = v(attendance({ t1: mark(100), t2: mark(100, { status: '事假', hours: 0 }) }), 'A');
    const laptop = v(attendance({ t2: mark(200, { status: '出勤' }), t3: mark(150, { status: '迟到', hours: 3 }) }, { updatedAt: 5 }), 'A');
    const result = mergeRecord('attendance', office, laptop);
    expect(result.outcome).toBe('updated');
    const marks = result.write!.record.marks;
    expect(Object.keys(marks).sort()).toEqual(['t1', 't2', 't3']);
    expect(marks.t2!.status).toBe('出勤');
    expect(marks.t3!.status).toBe('迟到');
    // The record-level fields come from the winning version.
    expect(result.write!.record.updatedAt).toBe(10);
  });

  it('does not change a roster that already holds every newer mark', () => {
    const full = v(attendance({ t1: mark(300), t2: mark(300) }), 'A');
    const older = v(attendance({ t1: mark(100) }, { updatedAt: 5 }), 'A');
    expect(mergeRecord('attendance', full, older)).toEqual({ outcome: 'unchanged', write: null, conflict: null });
  });

  it('keeps every correction and walk-in of both sides', () => {
    const correction = (id: string, at: number) => ({ id, traineeId: 't1', before: null, after: null, reason: '补录', by: 'u', at });
    const a = v(attendance({}, { corrections: [correction('x', 2)], walkIns: ['w1'] }), 'A');
    const b = v(attendance({}, { corrections: [correction('y', 1)], walkIns: ['w2'], updatedAt: 12 }), 'A');
    const merged = mergeVersions('attendance', a, b).record;
    expect(merged.corrections.map((c) => c.id)).toEqual(['y', 'x']);
    expect(merged.walkIns).toEqual(['w1', 'w2']);
  });

  it('never reports attendance as a conflict', () => {
    const a = v(attendance({ t1: mark(1) }, { schoolId: 'V' }), 'T');
    const b = v(attendance({ t1: mark(2) }, { schoolId: 'V', updatedAt: 20 }), 'K');
    expect(mergeRecord('attendance', a, b).conflict).toBeNull();
  });
});

describe('content helpers', () => {
  it('compares content without the sequence number, a missing key equal to undefined', () => {
    expect(contentEqual(trainee({ seq: 1 }), trainee({ seq: 2 }))).toBe(true);
    expect(contentEqual(trainee({ transfer: undefined }), trainee({}) as Trainee)).toBe(false);
    const { transfer: _t, ...without } = trainee();
    expect(contentEqual({ ...without, transfer: undefined } as Trainee, without as Trainee)).toBe(true);
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
