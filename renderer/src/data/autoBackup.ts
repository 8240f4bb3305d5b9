import { desktop } from '../bridge';
import { fileStamp } from './backup';
import { createBackupInBackground } from './exchange/background';
import { getSetting } from './settings';

/**
 * Once a day, when the app is opened: write a backup into the data folder and keep only the
 * newest N. Returns the file written, or null when today's backup already exists.
 * `force` writes one now whatever the setting and the day.
 */
export async function runDailyBackup(now = new Date(), force = false): Promise<string | null> {
  const settings = await getSetting('backup');
  if (!settings.autoDaily && !force) return null;
  const today = `auto-${fileStamp(now).slice(0, 8)}-`;
  // The folder itself says whether today's backup exists: no state to keep or restore.
  const existing = await desktop.listBackups();
  if (!existing.ok) throw new Error(existing.error);
  if (!force && existing.value.some((b) => b.name.startsWith(today))) return null;
  const bytes = await createBackupInBackground('auto');
  const name = `auto-${fileStamp(now)}.dxbak`;
  const written = await desktop.writeBackup({ name, data: bytes });
  if (!written.ok) throw new Error(written.error);
  const list = await desktop.listBackups();
  if (list.ok) for (const old of list.value.slice(settings.keep)) await desktop.deleteBackup(old.name);
  return name;
}
