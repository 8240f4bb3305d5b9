import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../../../shared/domain/settings';
import { SYNCED_TABLE_NAMES } from '../../../shared/domain/records';
import { generateSampleData } from '../../../shared/sample/generate';
import { sumHours } from '../../../shared/rules/totals';
import { CACHES_STALE, NewerDatabaseError, SCHEMA_VERSIONS, openDatabase, type DxDatabase } from './db';
import { readLinks } from './exchange/identity';
import type { IdentityLink } from './exchange/tables';
import { setDb } from './instance';
import { hoursSnapshot } from './testing';
import { rebuildStaleCaches } from './totals';
import { newId } from './write';

let opened: DxDatabase[] = [];
afterEach(async () => {
  for (const d of opened) d.close();
  opened = [];
});
const open = async (name: string, versions = SCHEMA_VERSIONS) => {
  const d = await openDatabase(name, versions);
  opened.push(d);
  return d;
};

describe('opening the database', () => {
  it('refuses a database written by a newer app, and leaves it untouched', async () => {
    const name = 'newer-' + newId();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 990); // Dexie version 99
      req.onupgradeneeded = () => req.result.createObjectStore('futureTable').put('kept', 'k');
      req.onsuccess = () => (req.result.close(), resolve());
      req.onerror = () => reject(req.error);
    });
    await expect(openDatabase(name)).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(openDatabase(name)).rejects.toThrow(/更新版本/);
    const value = await new Promise((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const db = req.result;
        expect(db.version).toBe(990);
        const get = db.transaction('futureTable').objectStore('futureTable').get('k');
        get.onsuccess = () => (db.close(), resolve(get.result));
      };
    });
    expect(value).toBe('kept');
  });
});

/**
 * Migration harness: for every schema version, a database filled at that version opens
 * with the current code and keeps every record. A future migration adds its own checks of
 * transformed fields beside this one.
 */
describe.each(SCHEMA_VERSIONS.map((v) => v.version))('upgrading from schema version %i', (from) => {
  it('keeps every record', async () => {
    const name = `migrate-${from}-${newId()}`;
    const old = await open(name, SCHEMA_VERSIONS.filter((v) => v.version <= from));
    const data = generateSampleData({ scale: 'village', year: 2026, today: '2026-06-30', rules: DEFAULT_HOUR_RULES, newId, now: 1_780_000_000_000, seed: 7 });
    for (const t of SYNCED_TABLE_NAMES) await old.table(t).bulkPut(data[t]);
    await old.settings.put({ key: 'hourRules', value: { ...DEFAULT_HOUR_RULES, minutesPerHour: 40 }, updatedAt: 1 });
    old.close();

    const current = await open(name);
    for (const t of SYNCED_TABLE_NAMES) {
      const rows = await current.table(t).toArray();
      expect(rows.length, t).toBe(data[t].length);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const r of data[t]) expect(byId.get(r.id), `${t} ${r.id}`).toMatchObject(r);
    }
    expect((await current.settings.get('hourRules'))?.value).toMatchObject({ minutesPerHour: 40 });
  });
});

describe('upgrading from schema version 1', () => {
  it('moves the identity links into their buckets, every one readable by trainee', async () => {
    const name = `migrate-links-${newId()}`;
    const old = await open(name, SCHEMA_VERSIONS.filter((v) => v.version === 1));
    const links: IdentityLink[] = Array.from({ length: 600 }, (_, i) => ({ traineeId: newId(), key: `k${i % 500}`, last4: String(1000 + i), from: i % 2 ? 'local' : 'package' }));
    await old.table('identityLinks').bulkPut(links);
    old.close();

    const current = await open(name);
    expect(current.tables.map((t) => t.name)).not.toContain('identityLinks');
    expect(await current.table('identityLinkBuckets').count()).toBeLessThanOrEqual(256);
    expect(await readLinks(current, [...links.map((l) => l.traineeId), 'unknown'])).toEqual([...links, undefined]);
    // The caches added since are filled once, at the next start.
    setDb(current);
    try {
      expect(await current.meta.get(CACHES_STALE)).toBeTruthy();
      await rebuildStaleCaches();
      expect(await current.meta.get(CACHES_STALE)).toBeUndefined();
    } finally {
      setDb(null);
    }
  });
});

describe('upgrading from schema version 3', () => {
  it('refills the year totals by column, from the records, at the next start', async () => {
    const name = `migrate-totals-${newId()}`;
    const old = await open(name, SCHEMA_VERSIONS.filter((v) => v.version <= 3));
    const data = generateSampleData({ scale: 'village', year: 2026, today: '2026-06-30', rules: DEFAULT_HOUR_RULES, newId, now: 1_780_000_000_000, seed: 7 });
    for (const t of SYNCED_TABLE_NAMES) await old.table(t).bulkPut(data[t]);
    // A year's totals as version 3 kept them: objects keyed by id.
    const schoolId = data.trainees[0]!.schoolId;
    await old.table('yearTotals').put({ id: `${schoolId}|2026`, schoolId, year: 2026, credited: { gone: 3 }, external: {}, rosters: {} });
    old.close();

    const current = await open(name);
    setDb(current);
    try {
      expect(await current.meta.get(CACHES_STALE)).toBeTruthy();
      // The window is told before the rebuild (it says what it is doing), and only when there is one.
      let told = 0;
      await rebuildStaleCaches(() => told++);
      await rebuildStaleCaches(() => told++);
      expect(told).toBe(1);
      const hours = await hoursSnapshot();
      expect(hours['gone|2026']).toBeUndefined();
      const expected = sumHours(data.attendance, data.externalHours);
      expect(expected.size).toBeGreaterThan(0);
      for (const [key, total] of expected) {
        expect(hours[key] ?? { credited: 0, bySource: {} }, key).toEqual({ credited: total.credited, bySource: total.externalBySource });
      }
      for (const doc of await current.yearTotals.toArray()) {
        expect(doc.credited).toHaveLength(doc.trainees.length);
        expect(doc.rosters).toHaveLength(doc.sessions.length);
      }
    } finally {
      setDb(null);
    }
  });
});
