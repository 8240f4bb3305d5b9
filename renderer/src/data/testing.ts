import { ROLL_FIELDS } from './caches';
import { db } from './instance';
import { saveSchoolProfile } from './school';

/** A school profile as first run creates it, for tests of the data layer. */
export function createTestSchool() {
  return saveSchoolProfile({ name: '鲁城街道党校', level: '镇街', parentName: '中共曲阜市委党校', code: '370881-01' });
}

/** The caches with arrays and keys in a fixed order, so a patched and a rebuilt cache compare equal. */
export async function cacheSnapshot() {
  const d = db();
  const sorted = <T>(xs: T[]) => [...xs].sort();
  const [rolls, classRolls, yearTotals] = await Promise.all([d.rolls.toArray(), d.classRolls.toArray(), d.yearTotals.toArray()]);
  return {
    rolls: Object.fromEntries(
      rolls.filter((r) => r.id.length).map((r) => [r.schoolId, Object.fromEntries(r.id.map((id, i) => [id, ROLL_FIELDS.map((f) => r[f][i])]))]),
    ),
    classRolls: Object.fromEntries(
      classRolls
        .filter((c) => c.traineeIds.length || c.plannedYears.length)
        .map((c) => [c.classId, { members: sorted(c.traineeIds), planned: Object.fromEntries(Object.entries(c.planned).map(([y, m]) => [y, sorted(m)])) }]),
    ),
    yearTotals: Object.fromEntries(
      yearTotals.map((t) => [
        t.id,
        { rosters: t.rosters, credited: t.credited, external: t.external },
      ]),
    ),
  };
}
