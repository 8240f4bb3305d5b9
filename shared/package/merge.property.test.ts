import { describe, expect, it } from 'vitest';
import type { Attendance, Mark, RecordMeta, SyncedTableName } from '../domain/records';
import { canonicalJson, mergeRecord, mergeVersions, type Version } from './merge';
import { seededRandom, type SeededRandom } from './seededRandom';

/**
 * Properties of the merge over many random cases (seeded: a failure names its seed):
 * it is a join — commutative, associative, idempotent — so any order of imports converges
 * and importing a package again changes nothing.
 */

const SEEDS = 300;
const OWNERS = ['A', 'B', 'K'];
const WRITERS = ['A', 'B', 'T', 'K'];

type Rec = RecordMeta & Record<string, unknown>;

function genMark(r: SeededRandom): Mark {
  return { status: r.pick(['出勤', '迟到', '事假'] as const), minutesMissed: r.int(0, 2) * 10, hours: r.int(0, 4), by: r.pick(['i1', 'i2']), at: r.int(1, 4) };
}

function genVersion(r: SeededRandom, table: SyncedTableName, id: string, owner: string): Version<Rec> {
  const meta = { id, schoolId: owner, createdAt: 1, updatedAt: r.int(1, 4), deletedAt: r.chance(0.2) ? 9 : null, seq: r.int(1, 1000) };
  if (table === 'attendance') {
    const marks: Record<string, Mark> = {};
    for (const t of ['t1', 't2', 't3']) if (r.chance(0.6)) marks[t] = genMark(r);
    const record: Attendance = {
      ...meta, sessionId: id, classId: 'c', date: '2025-01-01', year: 2025, minutes: r.pick([90, 180]), marks,
      walkIns: ['w1', 'w2', 'w3'].filter(() => r.chance(0.3)),
      corrections: ['x', 'y'].filter(() => r.chance(0.3)).map((cid) => ({ id: cid, traineeId: 't1', before: null, after: null, reason: '改', by: 'u', at: cid === 'x' ? 2 : 1 })),
    };
    return { record: record as unknown as Rec, by: r.pick(WRITERS) };
  }
  return { record: { ...meta, name: r.pick(['甲', '乙', '丙']), phone: r.pick(['', '1', '2']) }, by: r.pick(WRITERS) };
}

/** A version's comparable form: content without seq, and its writer. */
const form = (v: Version<Rec> | undefined) => (v ? canonicalJson({ ...v.record, seq: 0, by: v.by }) : 'none');

type State = Map<string, Version<Rec>>;
const key = (table: SyncedTableName, id: string) => `${table}:${id}`;

/** Import a package into a state as the app does: the merge's write, if any, replaces the local version. */
function importInto(state: State, pkg: { table: SyncedTableName; version: Version<Rec> }[]): number {
  let writes = 0;
  for (const { table, version } of pkg) {
    const result = mergeRecord(table, state.get(key(table, version.record.id)), version);
    if (result.write) {
      state.set(key(table, version.record.id), result.write);
      writes++;
    }
  }
  return writes;
}

const stateForm = (state: State) => [...state.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${form(v)}`).join('\n');

describe('merge properties', () => {
  for (const table of ['trainees', 'attendance'] as const) {
    it(`${table}: commutative, associative and idempotent`, () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = seededRandom(seed);
        const owner = r.pick(OWNERS);
        const [a, b, c] = [0, 1, 2].map(() => genVersion(r, table, 'r1', owner)) as [Version<Rec>, Version<Rec>, Version<Rec>];
        const m = (x: Version<Rec>, y: Version<Rec>) => mergeVersions(table, x, y);
        expect(form(m(a, b)), `seed ${seed}: commutative`).toBe(form(m(b, a)));
        expect(form(m(m(a, b), c)), `seed ${seed}: associative`).toBe(form(m(a, m(b, c))));
        expect(form(m(a, a)), `seed ${seed}: idempotent`).toBe(form(a));
        expect(form(m(m(a, b), b)), `seed ${seed}: absorbs a repeat`).toBe(form(m(a, b)));
      }
    });
  }

  it('packages from several schools imported in any order give the same records; importing one again writes nothing', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = seededRandom(seed);
      const ids = ['r1', 'r2', 'r3', 'r4'];
      const ownerOf = new Map(ids.map((id) => [id, r.pick(OWNERS)]));
      const tableOf = new Map(ids.map((id) => [id, r.pick(['trainees', 'attendance'] as const)]));
      // Each source sends a few packages, each holding some versions of some records.
      const packages = Array.from({ length: r.int(2, 5) }, () =>
        ids.filter(() => r.chance(0.6)).map((id) => ({ table: tableOf.get(id)!, version: genVersion(r, tableOf.get(id)!, id, ownerOf.get(id)!) })),
      );
      // The importer's own data: its records and edits made before the packages arrive.
      const initial: State = new Map();
      for (const id of ids) if (r.chance(0.4)) initial.set(key(tableOf.get(id)!, id), genVersion(r, tableOf.get(id)!, id, ownerOf.get(id)!));

      const results = [0, 1, 2, 3].map((k) => {
        const state: State = new Map(initial);
        for (const pkg of k === 0 ? packages : r.shuffle(packages)) importInto(state, pkg);
        return state;
      });
      for (const state of results.slice(1)) expect(stateForm(state), `seed ${seed}: order`).toBe(stateForm(results[0]!));
      for (const pkg of packages) expect(importInto(results[0]!, pkg), `seed ${seed}: re-import`).toBe(0);
    }
  });
});
