import { describe, expect, it } from 'vitest';
import { auditEntrySchema, type AuditEntry } from '../domain/records';
import { GENESIS_HASH, canonicalJson, diffRecords, entryHash, sealEntry, verifyChain } from './audit';

function chain(length: number, chainId = 'chain-a'): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    const at = 1_750_000_000_000 + i * 1000;
    entries.push(
      sealEntry(
        {
          id: `entry-${i + 1}`, schoolId: 'school-1', createdAt: at, updatedAt: at, deletedAt: null, seq: i + 1, chainId, at,
          actorId: 'acc-1', actorName: 'admin（王主任）', actorRole: '管理员', action: i === 0 ? 'login' : 'update',
          table: i === 0 ? '' : 'trainees', recordId: i === 0 ? '' : 'trainee-1', summary: `第 ${i + 1} 次操作`,
          before: i === 0 ? null : { name: `张三${i}` }, after: i === 0 ? null : { name: `张三${i + 1}` }, reason: '',
        },
        entries[i - 1] ?? null,
      ),
    );
  }
  return entries;
}

describe('the audit hash chain', () => {
  it('links each entry to the previous one and validates as a record', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.n)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    for (const e of entries) expect(auditEntrySchema.parse(e)).toEqual(e);
    expect(verifyChain(entries, { complete: true, head: { n: 3, hash: entries[2]!.hash } })).toEqual({ ok: true, count: 3 });
  });

  it('detects a changed entry and names it', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: { name: '李四' } };
    const check = verifyChain(entries, { complete: true });
    expect(check).toMatchObject({ ok: false, break: { kind: 'altered', n: 3, message: '第 3 条记录的内容已被改动' } });
    if (!check.ok) expect(check.break.entry?.id).toBe('entry-3');
  });

  it('detects a changed entry whose hash was recomputed, at the next entry', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, actorName: '别人' };
    entries[2] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(entries, { complete: true })).toMatchObject({ ok: false, break: { kind: 'relinked', n: 4 } });
  });

  it('detects a removed entry in the middle and at the end', () => {
    const entries = chain(5);
    expect(verifyChain([...entries.slice(0, 2), ...entries.slice(3)], { complete: true })).toMatchObject({
      ok: false, break: { kind: 'missing', n: 4, message: '第 3 至 3 条记录缺失' },
    });
    const head = { n: 5, hash: entries[4]!.hash };
    expect(verifyChain(entries.slice(0, 4), { complete: true, head })).toMatchObject({
      ok: false, break: { kind: 'truncated', n: 5, message: '最后 1 条记录缺失（应有 5 条）' },
    });
  });

  it('does not count bookkeeping fields that another database restamps', () => {
    const entries = chain(3).map((e) => ({ ...e, seq: e.seq + 1000, updatedAt: e.updatedAt + 5 }));
    expect(verifyChain(entries, { complete: true })).toEqual({ ok: true, count: 3 });
  });

  it('checks a partial chain from a package entry by entry, linking only neighbours', () => {
    const entries = chain(6);
    const travelled = [entries[1]!, entries[2]!, entries[4]!];
    expect(verifyChain(travelled, { complete: false })).toEqual({ ok: true, count: 3 });
    expect(verifyChain(travelled, { complete: true }).ok).toBe(false);
    travelled[2] = { ...travelled[2]!, reason: '改过' };
    expect(verifyChain(travelled, { complete: false })).toMatchObject({ ok: false, break: { kind: 'altered', n: 5 } });
  });
});

describe('canonicalJson', () => {
  it('is independent of key order and drops undefined like JSON', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('diffRecords', () => {
  it('keeps only what changed, ignoring bookkeeping', () => {
    const d = diffRecords(
      { id: 'x', name: '张三', phone: '1', seq: 1, updatedAt: 1 },
      { id: 'x', name: '张三', phone: '2', seq: 9, updatedAt: 9 },
    );
    expect(d).toEqual({ before: { phone: '1' }, after: { phone: '2' }, fields: ['phone'] });
  });

  it('records one corrected mark of an attendance roster, not the whole roster', () => {
    const mark = (status: string) => ({ status, minutesMissed: 0, hours: 2, by: 'a', at: 1 });
    const d = diffRecords(
      { marks: { t1: mark('出勤'), t2: mark('旷课'), t3: mark('出勤') } },
      { marks: { t1: mark('出勤'), t2: mark('病假'), t3: mark('出勤') } },
    );
    expect(d).toEqual({ before: { marks: { t2: { status: '旷课' } } }, after: { marks: { t2: { status: '病假' } } }, fields: ['marks'] });
  });
});
