import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLE_NAMES, type Trainee } from '../../../../shared/domain/records';
import { openDatabase } from '../db';
import { db, setDb } from '../instance';
import { saveSchoolProfile } from '../school';
import { cacheSnapshot, hoursSnapshot } from '../testing';
import { rebuildCaches } from '../totals';
import { newId, saveRecord, setDeleted } from '../write';
import { resolveConflict } from './conflicts';
import { countyOverview } from './county';
import { buildPackage, exportPackage } from './export';
import { linkedPersons } from './identity';
import { applyImport, checkPackageFile, importPackage } from './import';
import { CancelledError } from './progress';
import { createReceipt, importReceipt, purgeAcknowledgedTombstones } from './receipts';
import { enterExchangeCode, getOwnState, saveExchangeSettings } from './state';
import { conflicts, ledger } from './tables';
import { becomeCounty, becomeSchool, installations } from './testing';

/** Three installations: two schools and the county. */
const installs = await installations(['a', 'b', 'county'] as const);
const { at } = installs;

/** Every synced table's content (without the local seq), to compare before and after. */
async function contents(): Promise<string> {
  const d = db();
  const out: Record<string, unknown[]> = {};
  for (const t of [...SYNCED_TABLE_NAMES, 'yearTotals', 'identityLinkBuckets', 'identityGroups', 'exchangeSources', 'meta']) out[t] = await d.table(t).toArray();
  return JSON.stringify(out);
}

const year = new Date().getFullYear();
let code = '';

beforeAll(async () => {
  code = await at('county', becomeCounty);
  for (const [who, name] of [['a', '鲁城街道党校'], ['b', '书院街道党校']] as const) await at(who, () => becomeSchool(name, code, { trainees: 40, sessions: 8 }));
});
afterAll(installs.close);

describe('the exchange between two schools and the county', () => {
  let firstA: Uint8Array;

  it('imports a school’s first package whole: previewed, then applied with its hours and identities', async () => {
    const built = await at('a', () => exportPackage('full'));
    firstA = built.bytes;
    expect(built.manifest).toMatchObject({ sequence: 1, previous: null, kind: 'full', identity: { idNumbers: 'hashed' } });
    const aTrainees = await at('a', () => db().trainees.toArray());

    await at('county', async () => {
      const checked = await checkPackageFile(built.bytes, built.fileName);
      if (!checked.ok) throw new Error(checked.error);
      expect(checked.value.preview.find((p) => p.table === 'trainees')!.counts).toMatchObject({ new: aTrainees.length, updated: 0, conflicting: 0 });
      await applyImport(checked.value);

      const here = await db().trainees.bulkGet(aTrainees.map((t) => t.id));
      // Origin school and updatedAt are kept; the ID number itself never arrived.
      expect(here.map((t) => [t!.schoolId, t!.updatedAt])).toEqual(aTrainees.map((t) => [t.schoolId, t.updatedAt]));
      expect(here.every((t) => t!.idNumber === '')).toBe(true);
      const hours = await hoursSnapshot();
      expect(aTrainees.some((t) => hours[`${t.id}|${year}`]?.credited)).toBe(true);
      // The packed caches took the imported trainees, enrolments, sessions and rosters too.
      const caches = await cacheSnapshot();
      expect(Object.keys(caches.rolls)).toContain(aTrainees[0]!.schoolId);
      expect(Object.keys(caches.yearSessions[`${aTrainees[0]!.schoolId}|${year}`] ?? {})).toHaveLength(8);
      await rebuildCaches();
      expect(await cacheSnapshot()).toEqual(caches);
    });
  });

  it('refuses the same package again and changes nothing', async () => {
    await at('county', async () => {
      const before = await contents();
      const again = await checkPackageFile(firstA, 'again.dxpkg');
      expect(again).toMatchObject({ ok: false, error: expect.stringContaining('「鲁城街道党校」的第 1 号数据包已经导入过') });
      expect(await contents()).toBe(before);
      expect((await ledger(db()).toArray()).some((e) => e.result === 'refused')).toBe(true);
    });
  });

  it('links the same people arriving from two schools, and shows both schools', async () => {
    const built = await at('b', () => exportPackage('full'));
    // The sample data of both schools has the same people (same seed), under different record ids.
    const withIds = (await at('b', () => db().trainees.toArray())).filter((t) => t.idNumber).length;
    await at('county', async () => {
      await importPackage(built.bytes, built.fileName);
      expect(new Set((await linkedPersons()).values()).size).toBe(withIds);
      const overview = await countyOverview(year, 30);
      const names = overview.rows.filter((r) => r.trainees > 0).map((r) => r.name).sort();
      expect(names).toEqual(['书院街道党校', '鲁城街道党校']);
      expect(overview.people).toBeLessThan(overview.rows.reduce((n, r) => n + r.trainees, 0));
    });
  });

  it('brings exactly a change and a deletion in the next package; the receipt moves the start of the one after', async () => {
    const { edited, deletedId } = await at('a', async () => {
      const t = (await db().trainees.toArray())[0]!;
      const edited = await saveRecord('trainees', { ...t, branch: '鲁城街道第二党支部' });
      const site = (await db().sites.toArray()).find((s) => s.kind === '主校区')!;
      await setDeleted('sites', site.id, true);
      return { edited, deletedId: site.id };
    });
    const second = await at('a', () => exportPackage('incremental'));
    expect(second.manifest).toMatchObject({ sequence: 2, previous: { sequence: 1 } });
    await at('county', async () => {
      const result = await importPackage(second.bytes, second.fileName);
      const byTable = Object.fromEntries(result.preview.map((p) => [p.table, p.counts]));
      expect(byTable.trainees).toMatchObject({ updated: 1, new: 0, deleted: 0 });
      expect(byTable.sites).toMatchObject({ deleted: 1, updated: 0, new: 0 });
      expect((await db().trainees.get(edited.id))!.branch).toBe('鲁城街道第二党支部');
      expect((await db().sites.get(deletedId))!.deletedAt).not.toBeNull();
    });

    const receipt = await at('county', () => createReceipt(second.manifest.source.schoolId));
    await at('a', async () => {
      const result = await importReceipt(receipt.bytes, receipt.fileName);
      expect(result).toMatchObject({ ok: true, value: { advanced: true } });
      expect((await getOwnState()).ackSeq).toBe(second.manifest.range.toSeq);
      const again = await importReceipt(receipt.bytes, receipt.fileName);
      expect(again).toMatchObject({ ok: true, value: { advanced: false } });
      // Nothing changed since: the next incremental package is empty; the tombstone may now go.
      const third = await buildPackage('incremental');
      expect(third.manifest.range.fromSeq).toBe(second.manifest.range.toSeq);
      expect(third.manifest.tables.reduce((n, t) => n + t.count, 0)).toBe(0);
      expect(await purgeAcknowledgedTombstones()).toBe(1);
      expect(await db().sites.get(deletedId)).toBeUndefined();
    });
  });

  it('names the missing packages when an installation lacks the start of the chain', async () => {
    const later = await at('a', async () => {
      const t = (await db().trainees.toArray())[1]!;
      await saveRecord('trainees', { ...t, notes: '补充说明' });
      return exportPackage('incremental');
    });
    const freshCounty = await openDatabase(`exchange-fresh-${newId()}`);
    setDb(freshCounty);
    await saveSchoolProfile({ name: '中共曲阜市委党校', level: '市', parentName: '', code: '' });
    await enterExchangeCode(code);
    const before = await contents();
    const refused = await checkPackageFile(later.bytes, later.fileName);
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('缺少第 1–2 号数据包') });
    expect(await contents()).toBe(before);
    freshCounty.close();
    await at('county', () => importPackage(later.bytes, later.fileName));
  });

  it('leaves nothing written when the import is cancelled before it commits', async () => {
    const next = await at('b', async () => {
      const t = (await db().trainees.toArray())[2]!;
      await saveRecord('trainees', { ...t, phone: '13900000000' });
      return exportPackage('incremental');
    });
    await at('county', async () => {
      const checked = await checkPackageFile(next.bytes, next.fileName);
      if (!checked.ok) throw new Error(checked.error);
      const before = await contents();
      const controller = new AbortController();
      const importing = applyImport(checked.value, { signal: controller.signal, onProgress: () => controller.abort() });
      await expect(importing).rejects.toBeInstanceOf(CancelledError);
      expect(await contents()).toBe(before);
      expect((await ledger(db()).toArray()).some((e) => e.result === 'cancelled')).toBe(true);
      await applyImport(checked.value);
    });
  });

  it('lists a true conflict when two other installations changed a school’s record, and applies the person’s choice', async () => {
    // The county passes A's data on to B (a relay); B and the county then both change one of A's trainees.
    await at('county', () => saveExchangeSettings({ allowIdNumbers: false }));
    const relay = await at('county', () => exportPackage('full'));
    const target = await at('a', async () => (await db().trainees.toArray())[3]!);
    await at('b', async () => {
      await importPackage(relay.bytes, relay.fileName);
      await saveRecord('trainees', { ...((await db().trainees.get(target.id)) as Trainee), village: '林前村' });
    });
    await at('county', async () => saveRecord('trainees', { ...((await db().trainees.get(target.id)) as Trainee), village: '大庄村' }));
    const fromB = await at('b', () => exportPackage('incremental'));
    await at('county', async () => {
      const result = await importPackage(fromB.bytes, fromB.fileName);
      expect(result.conflicts).toBe(1);
      const [conflict] = await conflicts(db()).toArray();
      expect(conflict).toMatchObject({ recordId: target.id, resolvedAt: null });
      expect((await db().trainees.get(target.id))!.village).toBe(conflict!.current.record.village);
      await resolveConflict(conflict!.id, conflict!.current.record.village === '林前村' ? 'current' : 'other');
      expect((await db().trainees.get(target.id))!.village).toBe('林前村');
      expect((await conflicts(db()).get(conflict!.id))!.resolvedAt).not.toBeNull();
    });
  });

  it('applies what was written here after the preview, not what the preview saw', async () => {
    const full = await at('a', () => exportPackage('full'));
    const target = await at('a', async () => (await db().trainees.toArray())[5]!);
    await at('county', async () => {
      const checked = await checkPackageFile(full.bytes, full.fileName);
      if (!checked.ok) throw new Error(checked.error);
      const previewed = checked.value.preview.find((p) => p.table === 'trainees')!.counts.updated;
      await saveRecord('trainees', { ...((await db().trainees.get(target.id)) as Trainee), notes: '市委党校改过' });
      const result = await applyImport(checked.value);
      // The school's own version wins over the county's change made in between.
      expect(result.preview.find((p) => p.table === 'trainees')!.counts.updated).toBe(previewed + 1);
      expect((await db().trainees.get(target.id))!.notes).toBe(target.notes);
    });
  });
});

describe('a school’s next full package, bringing many trainees', () => {
  it('tells the trainees it holds already from the rolls, and merges the one changed since and the one deleted', async () => {
    const pair = await installations(['school', 'county'] as const);
    try {
      const countyCode = await pair.at('county', becomeCounty);
      // Over FEW_RECORDS trainees: the county compares their versions with its rolls, not their records.
      await pair.at('school', () => becomeSchool('鲁城街道党校', countyCode, { trainees: 1100, sessions: 4 }));
      const first = await pair.at('school', () => exportPackage('full'));
      await pair.at('county', () => importPackage(first.bytes, first.fileName));
      const { edited, gone, count } = await pair.at('school', async () => {
        const [t, u] = await db().trainees.limit(2).toArray();
        const edited = await saveRecord('trainees', { ...t!, branch: '鲁城街道第二党支部' });
        await setDeleted('trainees', u!.id, true);
        return { edited, gone: u!.id, count: await db().trainees.count() };
      });
      const next = await pair.at('school', () => exportPackage('full'));
      await pair.at('county', async () => {
        const result = await importPackage(next.bytes, next.fileName);
        expect(result.preview.find((p) => p.table === 'trainees')!.counts).toMatchObject({ new: 0, updated: 1, deleted: 1, unchanged: count - 2 });
        expect((await db().trainees.get(edited.id))!.branch).toBe('鲁城街道第二党支部');
        expect((await db().trainees.get(gone))!.deletedAt).not.toBeNull();
        const caches = await cacheSnapshot();
        await rebuildCaches();
        expect(await cacheSnapshot()).toEqual(caches);
      });
    } finally {
      pair.close();
    }
  });
});
