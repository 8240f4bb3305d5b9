import { useLiveQuery } from 'dexie-react-hooks';
import {
  SETTINGS_DEFAULTS, SETTINGS_SCHEMAS, type SettingsKey, type SettingsValue,
} from '../../../shared/domain/settings';
import type { DxDatabase } from './db';
import { db } from './instance';

/** A setting as stored, or its default when never saved (or unreadable). */
export async function getSetting<K extends SettingsKey>(key: K, d: DxDatabase = db()): Promise<SettingsValue<K>> {
  const entry = await d.settings.get(key);
  const parsed = SETTINGS_SCHEMAS[key].safeParse(entry?.value);
  return (parsed.success ? parsed.data : SETTINGS_DEFAULTS[key]) as SettingsValue<K>;
}

export async function saveSetting<K extends SettingsKey>(key: K, value: SettingsValue<K>): Promise<void> {
  const valid = SETTINGS_SCHEMAS[key].parse(value);
  await db().settings.put({ key, value: valid, updatedAt: Date.now() });
}

export function useSetting<K extends SettingsKey>(key: K): SettingsValue<K> | undefined {
  return useLiveQuery(() => getSetting(key), [key]);
}
