import { useLiveQuery } from 'dexie-react-hooks';
import {
  SETTINGS_DEFAULTS, SETTINGS_SCHEMAS, type SettingsKey, type SettingsValue,
} from '../../../shared/domain/settings';
import { diffRecords } from '../../../shared/security/audit';
import { writeAudit } from './audit/trail';
import { requireCan } from './auth/permissions';
import type { DxDatabase } from './db';
import { db } from './instance';

/** A setting as stored, or its default when never saved (or unreadable). */
export async function getSetting<K extends SettingsKey>(key: K, d: DxDatabase = db()): Promise<SettingsValue<K>> {
  const entry = await d.settings.get(key);
  const parsed = SETTINGS_SCHEMAS[key].safeParse(entry?.value);
  return (parsed.success ? parsed.data : SETTINGS_DEFAULTS[key]) as SettingsValue<K>;
}

const SETTING_LABELS: Record<SettingsKey, string> = { hourRules: '学时规则', backup: '备份设置', security: '安全设置' };

/** Save a setting the signed-in account may change, recording before → after in the audit trail. */
export async function saveSetting<K extends SettingsKey>(key: K, value: SettingsValue<K>): Promise<void> {
  const valid = SETTINGS_SCHEMAS[key].parse(value);
  const d = db();
  await d.transaction('rw', d.settings, async () => {
    await requireCan(key === 'security' ? 'security.edit' : 'settings.edit');
    const diff = diffRecords(await getSetting(key, d), valid);
    await d.settings.put({ key, value: valid, updatedAt: Date.now() });
    if (diff.fields.length === 0) return;
    await writeAudit([{ action: 'settings.update', table: 'settings', recordId: key, summary: `修改${SETTING_LABELS[key]}`, before: diff.before, after: diff.after }]);
  });
}

export function useSetting<K extends SettingsKey>(key: K): SettingsValue<K> | undefined {
  return useLiveQuery(() => getSetting(key), [key]);
}
