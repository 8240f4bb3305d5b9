import { LEDGER_ROLL_FIELDS, ROLL_COLUMNS, SESSION_DIGEST_FIELDS } from './caches';
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
  const [rolls, ledgerRolls, classRolls, yearTotals, yearSessions] = await Promise.all([
    d.rolls.toArray(), d.ledgerRolls.toArray(), d.classRolls.toArray(), d.yearTotals.toArray(), d.yearSessions.toArray(),
  ]);
  // Packed columns as id → the record's values, in the fields' order; documents left empty are the same as none.
  const byId = <D extends { id: string[] }>(docs: D[], key: (doc: D) => string, fields: readonly (keyof D)[]) =>
    Object.fromEntries(
      docs.filter((doc) => doc.id.length).map((doc) => [key(doc), Object.fromEntries(doc.id.map((id, i) => [id, fields.map((f) => (doc[f] as unknown[])[i])]))]),
    );
  return {
    rolls: byId(rolls, (r) => r.schoolId, ROLL_COLUMNS),
    ledgerRolls: byId(ledgerRolls, (r) => r.schoolId, LEDGER_ROLL_FIELDS),
    classRolls: Object.fromEntries(
      classRolls
        .filter((c) => c.traineeIds.length || c.plannedYears.length)
        .map((c) => [c.classId, { members: sorted(c.traineeIds), planned: Object.fromEntries(Object.entries(c.planned).map(([y, m]) => [y, sorted(m)])) }]),
    ),
    // A school-year whose every figure went back to nothing is the same as none.
    yearTotals: Object.fromEntries(
      yearTotals.filter((t) => t.sessions.length || t.trainees.length).map((t) => [
        t.id,
        {
          rosters: Object.fromEntries(t.sessions.map((id, i) => [id, t.rosters[i]])),
          credited: Object.fromEntries(t.trainees.flatMap((id, i) => (t.credited[i] ? [[id, t.credited[i]]] : []))),
          external: Object.fromEntries(t.trainees.flatMap((id, i) => (t.external[i] ? [[id, t.external[i]]] : []))),
        },
      ]),
    ),
    yearSessions: byId(yearSessions, (y) => y.key, SESSION_DIGEST_FIELDS),
  };
}

/** Each trainee's year from the packed totals: `${traineeId}|${year}` → credited 学时 and external 学时 per source. */
export async function hoursSnapshot() {
  const out: Record<string, { credited: number; bySource: Record<string, number> }> = {};
  for (const doc of await db().yearTotals.toArray()) {
    doc.trainees.forEach((id, i) => (out[`${id}|${doc.year}`] = { credited: doc.credited[i]!, bySource: doc.external[i] ?? {} }));
  }
  return out;
}
