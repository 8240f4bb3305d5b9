import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../../../shared/domain/settings';
import { SYNCED_TABLE_NAMES } from '../../../shared/domain/records';
import { generateSampleData } from '../../../shared/sample/generate';
import { NewerDatabaseError, SCHEMA_VERSIONS, openDatabase, type DxDatabase } from './db';
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
