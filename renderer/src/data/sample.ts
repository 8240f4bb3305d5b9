import dayjs from 'dayjs';
import { SYNCED_TABLE_NAMES, TABLE_LABELS, type RecordMeta } from '../../../shared/domain/records';
import { generateSampleData, type SampleData, type SampleScale } from '../../../shared/sample/generate';
import { appendAudit } from './audit/trail';
import { requireCan } from './auth/permissions';
import { db } from './instance';
import { getSetting } from './settings';
import { rebuildCaches } from './totals';
import { allocateSeq, newId, selfSchoolId } from './write';

const CHUNK = 2000;

/**
 * Generate the sample data set (示例数据) around this school and write it in one transaction,
 * so a failure leaves the database as it was. Reports progress as a fraction.
 */
export async function loadSampleData(
  scale: SampleScale,
  onProgress: (fraction: number) => void = () => {},
  today = dayjs().format('YYYY-MM-DD'),
): Promise<Record<string, number>> {
  const own = await selfSchoolId(db());
  const rules = await getSetting('hourRules');
  const year = Number(today.slice(0, 4));
  const data = generateSampleData({ scale, year, today, selfSchoolId: own, rules, newId, now: Date.now() });
  return writeSampleData(data, onProgress);
}

/** Write generated data (all synced tables) in one transaction, then rebuild the caches. */
export async function writeSampleData(data: SampleData, onProgress: (fraction: number) => void = () => {}): Promise<Record<string, number>> {
  const d = db();
  const own = await selfSchoolId(d);
  // The user's own profile stays as they entered it.
  data.schools = data.schools.filter((s) => s.id !== own);
  const total = SYNCED_TABLE_NAMES.reduce((n, t) => n + data[t].length, 0);
  const counts: Record<string, number> = {};
  await d.transaction('rw', [d.meta, ...SYNCED_TABLE_NAMES.map((t) => d.table(t))], async () => {
    await requireCan('sample.load');
    let seq = await allocateSeq(d, total);
    let done = 0;
    for (const table of SYNCED_TABLE_NAMES) {
      const rows: RecordMeta[] = data[table];
      counts[table] = rows.length;
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        for (const r of chunk) r.seq = seq++;
        await d.table(table).bulkPut(chunk);
        done += chunk.length;
        onProgress(done / total);
      }
    }
    const held = SYNCED_TABLE_NAMES.filter((t) => counts[t]).map((t) => `${TABLE_LABELS[t]} ${counts[t]} 条`);
    await appendAudit({ action: 'sample.load', summary: `加载示例数据：${held.join('、')}` });
  });
  await rebuildCaches();
  return counts;
}
