/**
 * Receipts (回执): the county tells a school which of its changes it now holds. At the school
 * that moves the start of the next incremental package, and allows acknowledged tombstones
 * to be purged.
 */
import { SYNCED_TABLE_NAMES } from '../../../../shared/domain/records';
import { FORMAT_VERSION, RECEIPT_EXTENSION, RECEIPT_FORMAT, type Receipt } from '../../../../shared/package/format';
import { keyIdOf } from '../../../../shared/package/hash';
import { openReceipt, writeReceipt } from '../../../../shared/package/receipt';
import { fail, ok, type Result } from '../../../../shared/result';
import { APP_VERSION } from '../../appVersion';
import { writeAudit } from '../audit/trail';
import { requireCan } from '../auth/permissions';
import { fileStamp } from '../backup';
import { db } from '../instance';
import { getSelfSchool } from '../school';
import { newId, selfSchoolId } from '../write';
import { unlinkTrainees } from './identity';
import { getOwnState, putOwnState, requireCode } from './state';
import { identityGroups, ledger, linkBuckets, sources, type LedgerEntry } from './tables';

const receiptEntry = (direction: LedgerEntry['direction'], receipt: Receipt, fileName: string, bytes: number, message: string): LedgerEntry => ({
  id: newId(), at: Date.now(), direction, kind: 'receipt', sourceId: receipt.to.schoolId, sourceName: receipt.to.name,
  sequence: receipt.acknowledged.sequence, packageKind: null, range: { fromSeq: 0, toSeq: receipt.acknowledged.toSeq },
  hash: receipt.acknowledged.hash, fileName, bytes, createdAt: receipt.createdAt, counts: {}, result: 'ok', message,
});

export interface BuiltReceipt {
  bytes: Uint8Array;
  fileName: string;
  receipt: Receipt;
}

/** A receipt for everything imported so far from one source school (recorded once it is saved). */
export async function buildReceipt(sourceId: string): Promise<BuiltReceipt> {
  await requireCan('data.export');
  const d = db();
  const [code, self, source] = await Promise.all([requireCode(d), getSelfSchool(), sources(d).get(sourceId)]);
  if (!self) throw new Error('尚未设置本校信息');
  if (!source) throw new Error('本机还没有导入过该校的数据包，无法生成回执。');
  const receipt: Receipt = {
    format: RECEIPT_FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion: APP_VERSION,
    createdAt: Date.now(),
    from: { schoolId: self.id, name: self.name },
    to: { schoolId: source.id, name: source.name },
    keyId: await keyIdOf(code),
    acknowledged: { sequence: source.lastSequence, hash: source.lastHash, toSeq: source.importedToSeq },
  };
  const bytes = await writeReceipt(receipt, code);
  const fileName = `${self.name}-给${source.name}的回执-第${source.lastSequence}号-${fileStamp(new Date()).slice(0, 13)}.${RECEIPT_EXTENSION}`;
  return { bytes, fileName, receipt };
}

export async function recordReceiptSent({ receipt, fileName, bytes }: BuiltReceipt): Promise<void> {
  await ledger(db()).add(receiptEntry('export', receipt, fileName, bytes.byteLength, `确认已收到第 ${receipt.acknowledged.sequence} 号及之前的数据包`));
}

/** Build and record in one step (tests). */
export async function createReceipt(sourceId: string): Promise<BuiltReceipt> {
  const built = await buildReceipt(sourceId);
  await recordReceiptSent(built);
  return built;
}

export interface ReceiptOutcome {
  receipt: Receipt;
  /** False when an equal or later receipt had already been imported. */
  advanced: boolean;
}

/** Import a receipt from the county: checked fully before the acknowledged point moves. */
export async function importReceipt(bytes: Uint8Array, fileName: string): Promise<Result<ReceiptOutcome>> {
  await requireCan('data.import');
  const d = db();
  const [code, self] = await Promise.all([requireCode(d), selfSchoolId(d)]);
  const opened = await openReceipt(bytes, code);
  if (!opened.ok) return opened;
  const receipt = opened.value;
  const { sequence, hash, toSeq } = receipt.acknowledged;
  if (receipt.to.schoolId !== self) return fail(`这份回执是「${receipt.from.name}」给「${receipt.to.name}」的，不是给本校的，未做任何改动。`);
  return d.transaction('rw', [d.meta, ledger(d)], async () => {
    const own = await getOwnState(d);
    const exported = await ledger(d)
      .filter((e) => e.direction === 'export' && e.kind === 'package' && e.result === 'ok' && e.sequence === sequence)
      .first();
    if (exported && exported.hash !== hash) return fail(`回执确认的第 ${sequence} 号数据包与本机导出的第 ${sequence} 号数据包不是同一个，未做任何改动。`);
    // Without a record of that package here, only a later one is believable: this installation was restored from an older backup.
    if (!exported && sequence <= own.sequence) return fail(`本机没有导出第 ${sequence} 号数据包的记录，无法确认这份回执，未做任何改动。`);
    if (toSeq <= own.ackSeq) return ok({ receipt, advanced: false });
    const restored = sequence > own.sequence;
    await putOwnState(d, {
      sequence: restored ? sequence : own.sequence,
      lastHash: restored ? hash : own.lastHash,
      ackSeq: toSeq,
      ackAt: receipt.createdAt,
      ackBy: receipt.from.name,
    });
    await ledger(d).add(receiptEntry('import', receipt, fileName, bytes.byteLength, `「${receipt.from.name}」确认已收到第 ${sequence} 号及之前的数据包`));
    await writeAudit([{ action: 'import', table: 'packages', summary: `导入「${receipt.from.name}」的回执（确认到第 ${sequence} 号数据包）` }]);
    return ok({ receipt, advanced: true });
  });
}

/** How many tombstones the county has acknowledged (and so no package needs any more). */
export async function acknowledgedTombstones(): Promise<number> {
  const d = db();
  const { ackSeq } = await getOwnState(d);
  let n = 0;
  for (const table of SYNCED_TABLE_NAMES) n += await d.table(table).where('seq').belowOrEqual(ackSeq).filter((r) => r.deletedAt !== null).count();
  return n;
}

/**
 * Remove the tombstones the county has acknowledged, for good. They are no longer needed for
 * the county; a package received later that still holds such a record would bring it back.
 */
export async function purgeAcknowledgedTombstones(): Promise<number> {
  await requireCan('backup.restore');
  const d = db();
  return d.transaction('rw', [d.meta, ...SYNCED_TABLE_NAMES.map((t) => d.table(t)), linkBuckets(d), identityGroups(d)], async () => {
    const { ackSeq } = await getOwnState(d);
    let purged = 0;
    for (const table of SYNCED_TABLE_NAMES) {
      const ids = (await d.table(table).where('seq').belowOrEqual(ackSeq).filter((r) => r.deletedAt !== null).primaryKeys()) as string[];
      await d.table(table).bulkDelete(ids);
      if (table === 'trainees') await unlinkTrainees(d, ids);
      purged += ids.length;
    }
    if (purged) await writeAudit([{ action: 'delete', table: 'packages', summary: `清理已被市委党校确认的删除记录 ${purged} 条` }]);
    return purged;
  });
}
