import type { SyncedTableName } from '../../../../shared/domain/records';
import { writeAudit } from '../audit/trail';
import { requireCan } from './permissions';

export type SensitiveKind = 'idNumber' | 'phone';
const WORDS: Record<SensitiveKind, string> = { idNumber: '身份证号', phone: '手机号' };

/**
 * Before showing a full ID or phone number: refused without the account's grant, and every
 * reveal is recorded in the trail (who saw whose number, when).
 */
export async function revealSensitive(kind: SensitiveKind, subject: { table: SyncedTableName; id: string; label: string }): Promise<void> {
  await requireCan(kind === 'idNumber' ? 'reveal.idNumber' : 'reveal.phone');
  await writeAudit([
    { action: `reveal.${kind}`, table: subject.table, recordId: subject.id, summary: `查看${subject.label}的完整${WORDS[kind]}` },
  ]);
}

/**
 * Record an export in the trail. An unmasked export (full ID and phone numbers) is refused
 * without the account's grant, before anything is written.
 */
export async function recordExport(summary: string, options: { unmasked?: boolean; table?: string } = {}): Promise<void> {
  if (options.unmasked) await requireCan('export.unmasked');
  await writeAudit([
    { action: 'export', table: options.table ?? '', summary: options.unmasked ? `${summary}（含完整身份证号、手机号）` : summary },
  ]);
}
