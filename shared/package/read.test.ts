import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site, Trainee } from '../domain/records';
import { FORMAT_VERSION, PACKAGE_FORMAT, type Manifest } from './format';
import { generateExchangeCode, idKey, keyIdOf, parseExchangeCode } from './hash';
import { packageRow } from './identity';
import { openPackage } from './read';
import { openReceipt, writeReceipt } from './receipt';
import { checkSequence } from './sequence';
import { PackageWriter } from './write';

let code: string;
let otherCode: string;
beforeAll(async () => {
  code = await generateExchangeCode();
  otherCode = await generateExchangeCode();
});

const meta = { schoolId: 'A', createdAt: 1, updatedAt: 2, deletedAt: null, seq: 5 };
const site = (id: string, over: Partial<Site> = {}): Site => ({
  id, ...meta, kind: '现场教学点', name: '中共尼山地委旧址', town: '尼山镇', village: '', address: '', theme: '', capacity: 60,
  guide: '', guidePhone: '', courseIds: [], demoLevel: '无', openPeriods: [], status: '启用', notes: '', ...over,
});
const trainee = (id: string, over: Partial<Trainee> = {}): Trainee => ({
  id, ...meta, name: '颜景华', gender: '女', idNumber: '', birthDate: null, phone: '', branch: '', village: '', category: '普通党员',
  exempt: false, status: '在册', py: 'yjh', notes: '', transfer: null, ...over,
});

async function makePackage(opts: { sites?: object[]; trainees?: object[]; manifest?: Partial<Manifest>; code?: string } = {}) {
  const writer = new PackageWriter();
  const sites = opts.sites ?? [packageRow(site('s1'), 'A'), packageRow(site('s2', { deletedAt: 3 }), 'A')];
  const trainees = opts.trainees ?? [];
  await writer.addRows('sites', sites);
  if (trainees.length) await writer.addRows('trainees', trainees);
  const count = (rows: object[]) => ({ count: rows.length, deleted: rows.filter((r) => (r as Site).deletedAt !== null).length });
  return writer.finish(
    {
      format: PACKAGE_FORMAT, formatVersion: FORMAT_VERSION, appVersion: '0.1.0', schemaVersion: 1, kind: 'full',
      source: { schoolId: 'A', name: '鲁城街道党校', level: '镇街', code: '' }, sequence: 1, previous: null,
      range: { fromSeq: 0, toSeq: 10 }, createdAt: 1, identity: { keyId: await keyIdOf(opts.code ?? code), idNumbers: 'hashed' },
      tables: [{ table: 'sites', ...count(sites) }, ...(trainees.length ? [{ table: 'trainees' as const, ...count(trainees) }] : [])],
      ...opts.manifest,
    },
    opts.code ?? code,
  );
}

const open = (bytes: Uint8Array, withCode = code) => openPackage(bytes, { code: withCode, schemaVersion: 1 });

/** The package's files, changed by `edit`, zipped again. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

describe('opening a package', () => {
  it('accepts a good package and gives its rows with their writer', async () => {
    const { bytes, hash } = await makePackage();
    const result = await open(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.hash).toBe(hash);
    const rows = result.value.rows(result.value.manifest.parts[0]!);
    expect(rows.map((r) => [r.record.id, r.by])).toEqual([['s1', 'A'], ['s2', 'A']]);
    expect(rows[0]!.record).not.toHaveProperty('_by');
  });

  it('carries a trainee’s identity key, never the number, unless full numbers are allowed', async () => {
    const key = await idKey(code, '370881196503081234');
    const row = packageRow(trainee('t1', { idNumber: '370881196503081234' }), 'A', { identity: { key, last4: '1234' }, plain: false });
    expect(row.idNumber).toBe('');
    const result = await open((await makePackage({ trainees: [row] })).bytes);
    expect(result.ok && result.value.identities.get('t1')).toEqual({ key, last4: '1234' });

    const plainRow = packageRow(trainee('t1', { idNumber: '370881196503081234' }), 'A', { identity: null, plain: true });
    const plain = await open((await makePackage({ trainees: [plainRow], manifest: { identity: { keyId: await keyIdOf(code), idNumbers: 'plain' } } })).bytes);
    expect(plain.ok && plain.value.identities.get('t1')).toEqual({ key, last4: '1234' });
  });

  it('refuses a full ID number in a package that declares hashes only', async () => {
    const leaked = { ...packageRow(trainee('t1'), 'A'), idNumber: '370881196503081234' };
    const result = await open((await makePackage({ trainees: [leaked] })).bytes);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('带有完整身份证号') });
  });

  it('refuses a changed part (checksum)', async () => {
    const { bytes } = await makePackage();
    const tampered = rezip(bytes, (f) => {
      f['data/sites-0001.json'] = strToU8(strFromU8(f['data/sites-0001.json']!).replace('尼山地委', '尼山县委'));
    });
    expect(await open(tampered)).toMatchObject({ ok: false, error: expect.stringContaining('「教学点」的数据与校验值不符') });
  });

  it('refuses a changed manifest (signature)', async () => {
    const { bytes } = await makePackage();
    const tampered = rezip(bytes, (f) => {
      f['manifest.json'] = strToU8(strFromU8(f['manifest.json']!).replace('"sequence": 1', '"sequence": 1 '));
    });
    expect(await open(tampered)).toMatchObject({ ok: false, error: expect.stringContaining('签名不符') });
  });

  it('refuses a package of another exchange code, naming its source', async () => {
    const result = await open((await makePackage()).bytes, otherCode);
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('「鲁城街道党校」第 1 号数据包使用的交换码与本机不同') });
  });

  it('refuses a truncated file and a file that is not a zip', async () => {
    const { bytes } = await makePackage();
    expect((await open(bytes.slice(0, bytes.length - 30))).ok).toBe(false);
    expect(await open(strToU8('not a package'))).toMatchObject({ ok: false, error: expect.stringContaining('无法按 zip 格式读取') });
  });

  it('refuses a package of a newer format or database', async () => {
    const newer = rezip((await makePackage()).bytes, (f) => {
      f['manifest.json'] = strToU8(JSON.stringify({ ...JSON.parse(strFromU8(f['manifest.json']!)), formatVersion: FORMAT_VERSION + 1 }));
    });
    expect(await open(newer)).toMatchObject({ ok: false, error: expect.stringContaining('更新版本') });
    const newerDb = await makePackage({ manifest: { schemaVersion: 9 } });
    expect(await open(newerDb.bytes)).toMatchObject({ ok: false, error: expect.stringContaining('数据格式第 9 版') });
  });

  it('refuses a zip bomb from its directory, before inflating', async () => {
    const { bytes } = await makePackage();
    const bomb = bytes.slice();
    const view = new DataView(bomb.buffer);
    // Claim 3 GB for the first central-directory entry's uncompressed size.
    for (let i = 0; i < bomb.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 3 * 1024 * 1024 * 1024, true);
        break;
      }
    }
    expect(await open(bomb)).toMatchObject({ ok: false, error: expect.stringContaining('超出上限') });
  });

  it('refuses a file added beside the listed parts', async () => {
    const result = await open(rezip((await makePackage()).bytes, (f) => (f['data/extra-0001.json'] = strToU8('[]'))));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('清单之外的文件') });
  });

  it('names the table, row and field of an invalid record', async () => {
    const bad = { ...packageRow(site('s3'), 'A'), capacity: -1 };
    const result = await open((await makePackage({ sites: [packageRow(site('s1'), 'A'), bad] })).bytes);
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/「教学点」第 2 条记录无效（capacity：/) });
  });

  it('refuses a record outside the declared change range and a repeated id', async () => {
    const outside = await makePackage({ sites: [packageRow(site('s1', { seq: 11 }), 'A')] });
    expect(await open(outside.bytes)).toMatchObject({ ok: false, error: expect.stringContaining('超出了数据包声明的范围') });
    const twice = await makePackage({ sites: [packageRow(site('s1'), 'A'), packageRow(site('s1'), 'A')] });
    expect(await open(twice.bytes)).toMatchObject({ ok: false, error: expect.stringContaining('编号重复') });
  });
});

describe('the sequence and the chain', () => {
  const manifest = (over: Partial<Manifest>) => ({
    source: { schoolId: 'A', name: '鲁城街道党校', level: null, code: '' }, sequence: 1, previous: null, range: { fromSeq: 0, toSeq: 10 }, ...over,
  }) as Manifest;
  const state = { lastSequence: 6, lastHash: 'a'.repeat(64), importedToSeq: 100 };

  it('accepts a first full package and the next one of the chain', () => {
    expect(checkSequence(manifest({}), undefined).ok).toBe(true);
    expect(checkSequence(manifest({ sequence: 7, previous: { sequence: 6, hash: 'a'.repeat(64) }, range: { fromSeq: 100, toSeq: 120 } }), state).ok).toBe(true);
  });

  it('refuses a replay, naming the school and the numbers', () => {
    expect(checkSequence(manifest({ sequence: 6 }), state)).toMatchObject({ ok: false, error: expect.stringContaining('「鲁城街道党校」的第 6 号数据包已经导入过') });
  });

  it('refuses a gap, naming the missing package', () => {
    const gapped = manifest({ sequence: 8, previous: { sequence: 7, hash: 'b'.repeat(64) }, range: { fromSeq: 110, toSeq: 130 } });
    expect(checkSequence(gapped, state)).toMatchObject({ ok: false, error: expect.stringContaining('缺少「鲁城街道党校」的第 7 号数据包') });
    expect(checkSequence(manifest({ sequence: 3, previous: { sequence: 2, hash: 'b'.repeat(64) }, range: { fromSeq: 5, toSeq: 9 } }), undefined))
      .toMatchObject({ ok: false, error: expect.stringContaining('缺少第 1–2 号数据包') });
  });

  it('accepts a later package that still covers everything since what is held', () => {
    expect(checkSequence(manifest({ sequence: 8, previous: { sequence: 7, hash: 'b'.repeat(64) }, range: { fromSeq: 90, toSeq: 130 } }), state).ok).toBe(true);
  });

  it('refuses the next package when its chain link does not match', () => {
    const forged = manifest({ sequence: 7, previous: { sequence: 6, hash: 'c'.repeat(64) }, range: { fromSeq: 100, toSeq: 120 } });
    expect(checkSequence(forged, state)).toMatchObject({ ok: false, error: expect.stringContaining('衔接不上') });
  });
});

describe('receipts', () => {
  const receipt = () => ({
    format: 'dangxiao-desk-receipt' as const, formatVersion: 1, appVersion: '0.1.0', createdAt: 1,
    from: { schoolId: 'K', name: '中共曲阜市委党校' }, to: { schoolId: 'A', name: '鲁城街道党校' }, keyId: '',
    acknowledged: { sequence: 3, hash: 'a'.repeat(64), toSeq: 40 },
  });

  it('reads back what was written', async () => {
    const r = { ...receipt(), keyId: await keyIdOf(code) };
    expect(await openReceipt(await writeReceipt(r, code), code)).toEqual({ ok: true, value: r });
  });

  it('refuses a changed receipt, one of another code, and a package opened as a receipt', async () => {
    const r = { ...receipt(), keyId: await keyIdOf(code) };
    const changed = rezip(await writeReceipt(r, code), (f) => {
      f['receipt.json'] = strToU8(strFromU8(f['receipt.json']!).replace('"toSeq": 40', '"toSeq": 90'));
    });
    expect(await openReceipt(changed, code)).toMatchObject({ ok: false, error: expect.stringContaining('签名不符') });
    expect(await openReceipt(await writeReceipt(r, code), otherCode)).toMatchObject({ ok: false, error: expect.stringContaining('交换码与本机不同') });
    expect(await openReceipt((await makePackage()).bytes, code)).toMatchObject({ ok: false, error: expect.stringContaining('这是一个数据包') });
  });
});

describe('the exchange code', () => {
  it('reads a code however it is typed, and catches a mistyped character', async () => {
    const generated = await generateExchangeCode();
    expect(generated).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
    expect(await parseExchangeCode(generated.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true, value: generated });
    const typo = generated.slice(0, 2) + (generated[2] === '7' ? '8' : '7') + generated.slice(3);
    expect(await parseExchangeCode(typo)).toMatchObject({ ok: false, error: expect.stringContaining('校验不通过') });
    expect((await parseExchangeCode('12345')).ok).toBe(false);
  });

  it('gives the same identity key for the same number under one code, another under another', async () => {
    expect(await idKey(code, '370881196503081234')).toBe(await idKey(code, '370881196503081234'));
    expect(await idKey(code, '370881196503081234')).not.toBe(await idKey(otherCode, '370881196503081234'));
  });
});
