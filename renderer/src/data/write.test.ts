import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HOUR_RULES } from '../../../shared/domain/settings';
import { openDatabase } from './db';
import { db, setDb } from './instance';
import { createTestSchool } from './testing';
import { getSetting, saveSetting } from './settings';
import { saveRecord, saveRecords, setDeleted, newId } from './write';

const site = {
  kind: '现场教学点' as const, name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '革命传统',
  capacity: 60, guide: '', guidePhone: '', courseIds: [], demoLevel: '市级示范点' as const, openPeriods: [], status: '启用' as const, notes: '',
};

beforeEach(async () => {
  setDb(await openDatabase('write-' + newId()));
  await createTestSchool();
});
afterEach(() => {
  db().close();
  setDb(null);
});

describe('writing records', () => {
  it('stamps id, school, times and a rising change sequence', async () => {
    const own = (await db().meta.get('selfSchoolId'))!.value;
    const a = await saveRecord('sites', site);
    const b = await saveRecord('sites', { ...site, name: '书院街道廉政文化长廊' });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.schoolId).toBe(own);
    expect(a.deletedAt).toBeNull();
    expect(b.seq).toBeGreaterThan(a.seq);
    const edited = await saveRecord('sites', { ...a, capacity: 80 });
    expect(edited.createdAt).toBe(a.createdAt);
    expect(edited.seq).toBeGreaterThan(b.seq);
    expect((await db().sites.get(a.id))?.capacity).toBe(80);
  });

  it('writes nothing when one record of a batch is invalid', async () => {
    await expect(saveRecords('sites', [site, { ...site, name: '' }])).rejects.toThrow();
    expect(await db().sites.count()).toBe(0);
  });

  it('tombstones instead of deleting, and can restore', async () => {
    const a = await saveRecord('sites', site);
    await setDeleted('sites', a.id, true);
    const gone = await db().sites.get(a.id);
    expect(gone?.deletedAt).not.toBeNull();
    expect(gone!.seq).toBeGreaterThan(a.seq);
    await setDeleted('sites', a.id, false);
    expect((await db().sites.get(a.id))?.deletedAt).toBeNull();
  });
});

describe('settings', () => {
  it('gives the defaults until saved, then what was saved', async () => {
    expect(await getSetting('hourRules')).toEqual(DEFAULT_HOUR_RULES);
    await saveSetting('hourRules', { ...DEFAULT_HOUR_RULES, minutesPerHour: 40 });
    expect((await getSetting('hourRules')).minutesPerHour).toBe(40);
  });

  it('refuses invalid settings and keeps the old value', async () => {
    await expect(saveSetting('hourRules', { ...DEFAULT_HOUR_RULES, minutesPerHour: 0 })).rejects.toThrow();
    expect((await getSetting('hourRules')).minutesPerHour).toBe(45);
  });
});
