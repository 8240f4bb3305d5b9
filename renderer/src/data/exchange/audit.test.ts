import 'fake-indexeddb/auto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/domain/records';
import { isAttendanceAudit } from '../../../../shared/package/format';
import { correctMark, closeSession } from '../attendance/marks';
import { trailSchools } from '../audit/trail';
import { verifyTrail } from '../audit/verify';
import { db } from '../instance';
import { saveRecord } from '../write';
import { exportPackage } from './export';
import { checkPackageFile, importPackage } from './import';
import { createReceipt, importReceipt } from './receipts';
import { becomeCounty, becomeSchool, installations } from './testing';

/** A school and the county: the attendance part of the school's trail goes up with its packages. */
const installs = await installations(['school', 'county'] as const);
const { at } = installs;

const trail = () => db().audit.orderBy('[chainId+n]').toArray();

/** Correct a mark of a held session after closing it: an attendance-related entry in the school's own chain. */
async function correctOne(status: '病假' | '事假', reason: string): Promise<void> {
  const held = (await db().attendance.toArray()).find((a) => Object.keys(a.marks).length > 0)!;
  await closeSession(held.sessionId);
  const traineeId = Object.keys(held.marks)[0]!;
  await correctMark(held.sessionId, traineeId, { status }, reason);
}

let schoolEntries: AuditEntry[] = [];

beforeAll(async () => {
  const code = await at('county', becomeCounty);
  await at('school', async () => {
    await becomeSchool('鲁城街道党校', code, { trainees: 30, sessions: 6 });
    await correctOne('病假', '补交病假条');
    const sites = await db().sites.toArray();
    await saveRecord('sites', { ...sites[0]!, notes: '不属于考勤的修改' });
    schoolEntries = (await trail()).filter(isAttendanceAudit);
  });
});
afterAll(installs.close);

describe('the attendance part of the audit trail in county packages', () => {
  let first: Uint8Array;

  it('travels with the package: the county holds each entry once, as its source sealed it, and checks the source’s chain on its own', async () => {
    expect(schoolEntries.map((e) => e.action)).toEqual(['attendance.correct']);
    const built = await at('school', () => exportPackage('full'));
    first = built.bytes;
    expect(built.manifest.tables.find((t) => t.table === 'audit')).toEqual({ table: 'audit', count: 1, deleted: 0 });
    expect(built.manifest.parts.some((p) => p.path === 'data/audit-0001.json' && p.count === 1)).toBe(true);

    await at('county', async () => {
      const summary = await importPackage(built.bytes, built.fileName);
      expect(summary.preview.find((p) => p.table === 'audit')!.counts).toMatchObject({ new: 1, unchanged: 0 });
      const held = await db().audit.where('chainId').equals(schoolEntries[0]!.chainId).toArray();
      expect(held).toHaveLength(1);
      const { seq, ...sealed } = held[0]!;
      const { seq: sourceSeq, ...sent } = schoolEntries[0]!;
      expect(sealed).toEqual(sent);
      // A local change number, so the county can pass it on; the rest is the source's.
      expect(seq).not.toBe(sourceSeq);
      expect(seq).toBeLessThanOrEqual((await db().meta.get('seq'))!.value as number);
      const reports = await verifyTrail();
      expect(reports.map((r) => [r.own, r.schoolName, r.check.ok, r.check.count])).toEqual([
        [true, '中共曲阜市委党校', true, expect.any(Number)], [false, '鲁城街道党校', true, 1],
      ]);
      // The county tells the school's entries from its own by the school that wrote them.
      expect((await trailSchools()).map((s) => [s.name, s.own])).toEqual([['中共曲阜市委党校', true], ['鲁城街道党校', false]]);
    });
  });

  it('adds nothing when the same entries come again', async () => {
    const again = await at('school', () => exportPackage('full'));
    await at('county', async () => {
      const before = await db().audit.count();
      const summary = await importPackage(again.bytes, again.fileName);
      expect(summary.preview.find((p) => p.table === 'audit')!.counts).toMatchObject({ new: 0, unchanged: 1 });
      // The import itself is recorded in the county's own trail, nothing else is added.
      expect(await db().audit.count()).toBe(before + 1);
    });
  });

  it('sends only the entries after the county’s receipt, and keeps each source’s chain verifiable at the county', async () => {
    const receipt = await at('county', () => createReceipt(schoolEntries[0]!.schoolId));
    await at('school', async () => {
      expect(await importReceipt(receipt.bytes, receipt.fileName)).toMatchObject({ ok: true });
      await correctOne('事假', '更正：实为事假');
    });
    const next = await at('school', () => exportPackage('incremental'));
    expect(next.manifest.tables.find((t) => t.table === 'audit')!.count).toBe(1);
    await at('county', async () => {
      await importPackage(next.bytes, next.fileName);
      const held = await db().audit.where('chainId').equals(schoolEntries[0]!.chainId).toArray();
      expect(held.map((e) => e.reason)).toEqual(['补交病假条', '更正：实为事假']);
      expect((await verifyTrail()).every((r) => r.check.ok)).toBe(true);
      // A foreign entry changed here is found, and named as the other computer's.
      await db().audit.update(held[0]!.id, { reason: '改过' });
      const broken = (await verifyTrail()).find((r) => !r.check.ok);
      expect(broken).toMatchObject({ own: false, check: { break: { kind: 'altered' } } });
      await db().audit.update(held[0]!.id, { reason: '补交病假条' });
    });
  });

  it('refuses a package whose audit part was changed, and changes nothing', async () => {
    const files = unzipSync(first);
    files['data/audit-0001.json'] = strToU8(strFromU8(files['data/audit-0001.json']!).replace('补交病假条', '补交事假条'));
    await at('county', async () => {
      const before = await db().audit.toArray();
      const refused = await checkPackageFile(zipSync(files), 'tampered.dxpkg');
      expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('「考勤操作日志」的数据与校验值不符') });
      expect(await db().audit.toArray()).toEqual(before);
    });
  });
});
