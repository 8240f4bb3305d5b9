/**
 * The same person registered at several schools (a village secretary trained by the village
 * and by the town, a member who moved): their trainee records stay as each school keeps them,
 * linked by the keyed hash of the ID number, so the county counts the person once and sees
 * one history across schools.
 */
import { normaliseIdNumber } from '../../../../shared/domain/idnumber';
import type { Trainee } from '../../../../shared/domain/records';
import { idKey } from '../../../../shared/package/hash';
import { personIdOf } from '../../../../shared/package/identity';
import { addHours } from '../../../../shared/rules/totals';
import type { Identity } from '../../../../shared/package/read';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { requireCode } from './state';
import { identityGroups, identityLinks, type IdentityLink } from './tables';

const IDENTITY_SEQ_KEY = 'identitySeq';

export interface IdentityChange {
  traineeId: string;
  /** null: the record has no key (any more). */
  identity: Identity | null;
  from: IdentityLink['from'];
}

/**
 * Store trainees' keys and update the groups they join or leave. Runs inside the caller's
 * transaction (which must include both identity tables): no crypto here, keys come computed.
 * Everything is read and written in bulk, a few requests however many trainees.
 */
export async function linkIdentities(d: DxDatabase, changes: readonly IdentityChange[]): Promise<void> {
  if (changes.length === 0) return;
  const before = await identityLinks(d).bulkGet(changes.map((c) => c.traineeId));
  const leaving: [string, string][] = [];
  const joining: [string, string][] = [];
  const puts: IdentityLink[] = [];
  const deletes: string[] = [];
  changes.forEach((c, i) => {
    const old = before[i];
    // A key received in a package stays until a package brings another: a record with no number here keeps it.
    if (!c.identity && old?.from === 'package' && c.from === 'local') return;
    if (old && old.key !== c.identity?.key) leaving.push([old.key, c.traineeId]);
    if (!c.identity) {
      if (old) deletes.push(c.traineeId);
      return;
    }
    if (old?.key !== c.identity.key) joining.push([c.identity.key, c.traineeId]);
    if (old?.key !== c.identity.key || old.last4 !== c.identity.last4 || old.from !== c.from) {
      puts.push({ traineeId: c.traineeId, key: c.identity.key, last4: c.identity.last4, from: c.from });
    }
  });
  await identityLinks(d).bulkDelete(deletes);
  await identityLinks(d).bulkPut(puts);
  const keys = [...new Set([...leaving, ...joining].map(([key]) => key))];
  if (keys.length === 0) return;
  const members = new Map<string, Set<string>>();
  (await identityGroups(d).bulkGet(keys)).forEach((g, i) => members.set(keys[i]!, new Set(g?.traineeIds)));
  for (const [key, traineeId] of leaving) members.get(key)!.delete(traineeId);
  for (const [key, traineeId] of joining) members.get(key)!.add(traineeId);
  const empty = [...members].filter(([, ids]) => ids.size === 0).map(([key]) => key);
  await identityGroups(d).bulkDelete(empty);
  await identityGroups(d).bulkPut(
    [...members].filter(([, ids]) => ids.size > 0).map(([key, ids]) => ({ key, traineeIds: [...ids].sort(), personId: personIdOf(ids), size: ids.size })),
  );
}

/** Forget trainee records removed for good. */
export function unlinkTrainees(d: DxDatabase, traineeIds: readonly string[]): Promise<void> {
  return linkIdentities(d, traineeIds.map((traineeId) => ({ traineeId, identity: null, from: 'package' as const })));
}

/** The key of a full ID number under this county's code, with its last four characters. */
export async function identityOf(code: string, idNumber: string): Promise<Identity | null> {
  const id = normaliseIdNumber(idNumber);
  return id ? { key: await idKey(code, id), last4: id.slice(-4) } : null;
}

/** Keys of many trainees, computed in batches (WebCrypto is asynchronous; never inside a transaction). */
export async function identitiesOf(code: string, trainees: readonly Pick<Trainee, 'id' | 'idNumber'>[]): Promise<Map<string, Identity | null>> {
  const out = new Map<string, Identity | null>();
  for (let i = 0; i < trainees.length; i += 1000) {
    const batch = trainees.slice(i, i + 1000);
    const found = await Promise.all(batch.map((t) => identityOf(code, t.idNumber)));
    batch.forEach((t, k) => out.set(t.id, found[k]!));
  }
  return out;
}

export interface LocalIdentities {
  changes: IdentityChange[];
  /** The trainees' seq these changes reach. */
  upTo: number;
}

/**
 * Keys of the trainees written here since they were last keyed, so records that arrive can be
 * matched with them. Computed before a transaction (WebCrypto); the caller stores them inside
 * one with linkIdentities and markKeyedThrough.
 */
export async function localIdentities(d: DxDatabase = db()): Promise<LocalIdentities> {
  const code = await requireCode(d);
  const since = ((await d.meta.get(IDENTITY_SEQ_KEY))?.value as number | undefined) ?? 0;
  const changed = await d.trainees.where('seq').above(since).toArray();
  const keys = await identitiesOf(code, changed);
  return {
    changes: changed.map((t) => ({ traineeId: t.id, identity: keys.get(t.id) ?? null, from: 'local' as const })),
    upTo: changed.reduce((max, t) => Math.max(max, t.seq), since),
  };
}

/** Inside the caller's transaction: trainees up to this seq are keyed (after linkIdentities stored their keys). */
export async function markKeyedThrough(d: DxDatabase, seq: number): Promise<void> {
  const since = ((await d.meta.get(IDENTITY_SEQ_KEY))?.value as number | undefined) ?? 0;
  await d.meta.put({ key: IDENTITY_SEQ_KEY, value: Math.max(since, seq) });
}

/** Trainee id → person id, for the records linked to another (few: only people known at two schools or more). */
export async function linkedPersons(d: DxDatabase = db()): Promise<Map<string, string>> {
  const groups = await identityGroups(d).where('size').above(1).toArray();
  return new Map(groups.flatMap((g) => g.traineeIds.map((id) => [id, g.personId] as const)));
}

export interface PersonRecord {
  trainee: Trainee;
  schoolName: string;
  /** 学时 of the year: credited from attendance and external. */
  hours: number;
}
export interface Person {
  personId: string;
  name: string;
  last4: string;
  records: PersonRecord[];
  hours: number;
}

/** People with records at more than one school, each with every record's 学时 of the year. */
export async function peopleAcrossSchools(year: number, d: DxDatabase = db()): Promise<Person[]> {
  const links = await linkedPersons(d);
  const ids = [...links.keys()];
  const [trainees, totals, schools, keys] = await Promise.all([
    d.trainees.bulkGet(ids),
    d.hourTotals.bulkGet(ids.map((id) => `${id}|${year}`)),
    d.schools.toArray(),
    identityLinks(d).bulkGet(ids),
  ]);
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  const people = new Map<string, Person>();
  ids.forEach((id, i) => {
    const trainee = trainees[i];
    if (!trainee || trainee.deletedAt !== null) return;
    const personId = links.get(id)!;
    const hours = addHours(totals[i]?.credited ?? 0, totals[i]?.external ?? 0);
    const person = people.get(personId) ?? { personId, name: trainee.name, last4: keys[i]?.last4 ?? '', records: [], hours: 0 };
    person.records.push({ trainee, schoolName: schoolName.get(trainee.schoolId) ?? '（未知党校）', hours });
    person.hours = addHours(person.hours, hours);
    people.set(personId, person);
  });
  return [...people.values()].filter((p) => p.records.length > 1).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
