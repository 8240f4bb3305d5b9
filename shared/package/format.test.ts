import { describe, expect, it } from 'vitest';
import { ATTENDANCE_STATUSES } from '../domain/constants';
import { rowSchema, validateRow } from './format';
import { seededRandom, type SeededRandom } from './seededRandom';

/**
 * validateRow takes a faster path for rosters' marks; over many random marks, valid and
 * broken in every field, it must give exactly rowSchema's verdict and data.
 */

const SEEDS = 400;

const ODD_VALUES: unknown[] = [null, '', '出勤', -1, 0, 1.5, 24, 24.5, 1440, 1441, 2 ** 53, Number.NaN, [], {}, true, 'x'.repeat(65)];

function genMark(r: SeededRandom): unknown {
  const mark: Record<string, unknown> = {
    status: r.pick(ATTENDANCE_STATUSES), minutesMissed: r.int(0, 60), hours: r.pick([0, 1.5, 4]), by: r.pick(['i1', 'acc-7']), at: r.int(0, 1e12),
  };
  if (r.chance(0.5)) return mark;
  const field = r.pick(['status', 'minutesMissed', 'hours', 'by', 'at', 'extra', '__proto__', 'missing']);
  if (field === 'missing') delete mark[r.pick(Object.keys(mark))];
  else if (field === '__proto__') return JSON.parse(`{"__proto__":{"polluted":1},${JSON.stringify(mark).slice(1)}`);
  else mark[field] = r.pick(ODD_VALUES);
  return r.chance(0.05) ? r.pick(ODD_VALUES) : mark;
}

function genRoster(r: SeededRandom): unknown {
  const marks: Record<string, unknown> = {};
  for (let i = 0; i < r.int(0, 4); i++) marks[r.chance(0.05) ? '' : `t${i}`] = genMark(r);
  return {
    id: 's1', schoolId: 'A', createdAt: 1, updatedAt: 2, deletedAt: null, seq: 3, _by: 'A',
    sessionId: 's1', classId: 'c1', date: '2025-03-08', year: 2025, minutes: 90, marks, walkIns: [], corrections: [],
  };
}

describe('validating package rows', () => {
  it('gives rowSchema’s verdict and data for rosters, whatever their marks', () => {
    let accepted = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const row = genRoster(seededRandom(seed));
      const fast = validateRow('attendance', row);
      const full = rowSchema('attendance').safeParse(row);
      expect(fast.success, `seed ${seed}`).toBe(full.success);
      if (fast.success && full.success) {
        accepted++;
        expect(fast.data, `seed ${seed}`).toEqual(full.data);
      }
    }
    // Both kinds of case were met.
    expect(accepted).toBeGreaterThan(SEEDS / 10);
    expect(accepted).toBeLessThan(SEEDS);
  });
});
