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
import { yearTotalOf, yearTotalsOf } from '../caches';
import type { DxDatabase } from '../db';
import { db } from '../instance';
import { requireCode } from './state';
import { bucketOf, identityGroups, linkBuckets, linksIn, setLinks, type IdentityLink, type LinkBucket } from './tables';

const IDENTITY_SEQ_KEY = 'identitySeq';

export interface IdentityChange {
  traineeId: string;
  /** null: the record has no key (any more). */
  identity: Identity | null;
  from: IdentityLink['from'];
}

/** The stored links of these trainees (undefined: none), reading only their buckets. */
export async function readLinks(d: DxDatabase, traineeIds: readonly string[]): Promise<(IdentityLink | undefined)[]> {
  const buckets = await bucketsOf(d, traineeIds);
  return traineeIds.map((traineeId) => {
    const b = buckets.get(bucketOf(traineeId));
    const i = b ? b.traineeIds.indexOf(traineeId) : -1;
    return i < 0 ? undefined : { traineeId, key: b!.keys[i]!, last4: b!.last4[i]!, from: b!.from[i]! };
  });
}

/** The stored buckets holding these trainees' links, by bucket number. */
async function bucketsOf(d: DxDatabase, traineeIds: readonly string[]): Promise<Map<number, LinkBucket>> {
  const found = await linkBuckets(d).bulkGet([...new Set(traineeIds.map(bucketOf))]);
  return new Map(found.flatMap((b) => (b ? [[b.bucket, b] as const] : [])));
}

/** Store and remove links (in the caller's transaction). */
async function storeLinks(d: DxDatabase, puts: readonly IdentityLink[], deletes: readonly string[]): Promise<void> {
  if (puts.length === 0 && deletes.length === 0) return;
  const buckets = await bucketsOf(d, [...puts.map((l) => l.traineeId), ...deletes]);
  setLinks(buckets, puts, deletes);
  await linkBuckets(d).bulkPut([...buckets.values()]);
}

/**
 * Every stored link, by trainee and by key: read once (one request, however many links) and
 * kept current by linkIdentities, so linking a whole county's trainees reads nothing per trainee.
 */
export class LinkIndex {
  private constructor(
    private readonly byTrainee: Map<string, IdentityLink>,
    private readonly byKey: Map<string, Set<string>>,
  ) {}

  static async load(d: DxDatabase): Promise<LinkIndex> {
    const byTrainee = new Map<string, IdentityLink>();
    const byKey = new Map<string, Set<string>>();
    for (const link of (await linkBuckets(d).toArray()).flatMap(linksIn)) {
      byTrainee.set(link.traineeId, link);
      let members = byKey.get(link.key);
      if (!members) byKey.set(link.key, (members = new Set()));
      members.add(link.traineeId);
    }
    return new LinkIndex(byTrainee, byKey);
  }

  get(traineeId: string): IdentityLink | undefined {
    return this.byTrainee.get(traineeId);
  }

  members(key: string): ReadonlySet<string> {
    return this.byKey.get(key) ?? new Set();
  }

  put(link: IdentityLink): void {
    this.remove(link.traineeId);
    this.byTrainee.set(link.traineeId, link);
    let members = this.byKey.get(link.key);
    if (!members) this.byKey.set(link.key, (members = new Set()));
    members.add(link.traineeId);
  }

  remove(traineeId: string): void {
    const old = this.byTrainee.get(traineeId);
    if (!old) return;
    this.byTrainee.delete(traineeId);
    const members = this.byKey.get(old.key)!;
    members.delete(traineeId);
    if (members.size === 0) this.byKey.delete(old.key);
  }
}

/** Whether storing this change would leave the trainee's link as it is. */
function leavesLink(c: IdentityChange, old: IdentityLink | undefined): boolean {
  // A key received in a package stays until a package brings another: a record with no number here keeps it.
  if (!c.identity) return !old || (old.from === 'package' && c.from === 'local');
  return old?.key === c.identity.key && old.last4 === c.identity.last4 && old.from === c.from;
}

/**
 * Store trainees' keys and update the people they join or leave. Runs inside the caller's
 * transaction (which must include both identity tables): no crypto here, keys come computed.
 * A group is stored only for a key shared by two records or more (a person known at several
 * schools): most keys are one record's, and IndexedDB costs per record. An import of many
 * trainees passes its `index`; otherwise these trainees' links are looked up, and all links
 * read only when one of them gains or loses a key.
 */
export async function linkIdentities(d: DxDatabase, changes: readonly IdentityChange[], index?: LinkIndex): Promise<void> {
  if (changes.length === 0) return;
  if (!index) {
    const current = await readLinks(d, changes.map((c) => c.traineeId));
    if (changes.every((c, i) => leavesLink(c, current[i]))) return;
  }
  const links = index ?? (await LinkIndex.load(d));
  const touched = new Map<string, number>();
  const touch = (key: string) => touched.has(key) || touched.set(key, links.members(key).size);
  const puts = new Map<string, IdentityLink>();
  const deletes = new Set<string>();
  for (const c of changes) {
    const old = links.get(c.traineeId);
    if (leavesLink(c, old)) continue;
    if (!c.identity) {
      touch(old!.key);
      links.remove(c.traineeId);
      puts.delete(c.traineeId);
      deletes.add(c.traineeId);
      continue;
    }
    if (old) touch(old.key);
    touch(c.identity.key);
    const link: IdentityLink = { traineeId: c.traineeId, key: c.identity.key, last4: c.identity.last4, from: c.from };
    links.put(link);
    deletes.delete(c.traineeId);
    puts.set(c.traineeId, link);
  }
  await storeLinks(d, [...puts.values()], [...deletes]);
  const groups = [...touched].map(([key, before]) => ({ key, before, ids: links.members(key) }));
  await identityGroups(d).bulkDelete(groups.filter((g) => g.ids.size < 2 && g.before >= 2).map((g) => g.key));
  await identityGroups(d).bulkPut(
    groups.filter((g) => g.ids.size >= 2).map(({ key, ids }) => ({ key, traineeIds: [...ids].sort(), personId: personIdOf(ids), size: ids.size })),
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
  const [trainees, schools, keys] = await Promise.all([d.trainees.bulkGet(ids), d.schools.toArray(), readLinks(d, ids)]);
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  const totals = new Map((await yearTotalsOf(d, year, [...new Set(trainees.flatMap((t) => (t ? [t.schoolId] : [])))])).map((doc) => [doc.schoolId, doc]));
  const people = new Map<string, Person>();
  ids.forEach((id, i) => {
    const trainee = trainees[i];
    if (!trainee || trainee.deletedAt !== null) return;
    const personId = links.get(id)!;
    const doc = totals.get(trainee.schoolId);
    const { credited, externalBySource } = yearTotalOf(doc, id);
    const hours = Object.values(externalBySource).reduce(addHours, credited);
    const person = people.get(personId) ?? { personId, name: trainee.name, last4: keys[i]?.last4 ?? '', records: [], hours: 0 };
    person.records.push({ trainee, schoolName: schoolName.get(trainee.schoolId) ?? '（未知党校）', hours });
    person.hours = addHours(person.hours, hours);
    people.set(personId, person);
  });
  return [...people.values()].filter((p) => p.records.length > 1).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
