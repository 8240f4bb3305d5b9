import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { zipBomb } from '../shared/security/zipBomb';
import { completeFirstRun, completeFirstRunAs, dbSnapshot, screenshot, settle, storeRows } from './helpers';

/**
 * The bad-file corpus: every importer is given empty, truncated, mistyped, oversized and
 * hostile files, and must refuse each with a clear Chinese message (or read it correctly)
 * while the database stays exactly as it was. Big files and zip bombs are made here at run
 * time; only small fixtures are kept in e2e/fixtures/bad.
 */

interface BadFile {
  label: string;
  name: string;
  /** In memory, or on disk for files too big to hand over in memory. */
  bytes?: Buffer;
  path?: string;
  /** The message the importer must show. */
  refusal: RegExp;
}

const MB = 1024 * 1024;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/bad/${name}`, import.meta.url));

/** 200 MB on disk (given as a path: too big to pass through the protocol in memory). */
function hugeFile(info: TestInfo, name: string): string {
  const path = info.outputPath(name);
  writeFileSync(path, Buffer.alloc(200 * MB, 'PK\u0003\u0004 党校 '));
  return path;
}

async function choose(page: Page, button: string, file: BadFile) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file.path ?? { name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes! });
}

// --- spreadsheets (rosters, external hours, enrolment lists) -----------------------------

/** GBK as Chinese Excel writes CSV, built from the decoder (Node has no GBK encoder). */
const GBK = (() => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return (text: string) => Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c) ?? [0x3f])));
})();

/** Every spreadsheet importer reads through the same reader; each is still given every file. */
function sheetCorpus(info: TestInfo): BadFile[] {
  const roster = fixture('roster.xlsx');
  return [
    { label: 'empty', name: 'empty.csv', bytes: Buffer.alloc(0), refusal: /文件是空的/ },
    { label: 'truncated', name: 'truncated.xlsx', bytes: roster.subarray(0, Math.floor(roster.length / 2)), refusal: /文件已损坏/ },
    { label: 'a PDF behind the .xlsx extension', name: 'roster.xlsx', bytes: fixture('not-a-backup.pdf'), refusal: /不是有效的 Excel/ },
    { label: 'binary behind the .csv extension', name: 'roster.csv', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), refusal: /不是文本表格/ },
    { label: 'an old .xls', name: 'roster.xls', bytes: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), refusal: /旧版 Excel/ },
    { label: 'a zip bomb', name: 'bomb.xlsx', bytes: Buffer.from(zipBomb((i) => `xl/worksheets/sheet${i + 1}.xml`, { count: 3, megabytes: 100, honest: true })), refusal: /解压后过大/ },
    { label: 'a zip bomb that lies about its size', name: 'liar.xlsx', bytes: Buffer.from(zipBomb(() => 'xl/worksheets/sheet1.xml', { count: 1, megabytes: 300, honest: false })), refusal: /文件已损坏/ },
    { label: 'a 200 MB file', name: 'huge.csv', path: hugeFile(info, 'huge.csv'), refusal: /文件过大（200\.0 MB）/ },
  ];
}

interface SheetImporter {
  name: string;
  /** Go where the importer is and get ready to choose a file. */
  open: (page: Page) => Promise<void>;
  button: string;
  /** Where a refusal is said. */
  message: (page: Page) => Locator;
}

/** The roster importer of a registry (学员, 教员, 教学点): one wizard, each registry its own columns. */
const rosterImporter = (path: string, label: string): SheetImporter => ({
  name: `${label}名册导入`,
  open: async (page) => {
    await page.goto(`/#/${path}`);
    await page.getByRole('button', { name: '导入…' }).click();
  },
  button: '选择文件…',
  message: (page) => page.getByRole('dialog', { name: `导入${label}` }).getByRole('alert'),
});

const SHEET_IMPORTERS: SheetImporter[] = [
  rosterImporter('trainees', '学员'),
  {
    name: '外部学时导入',
    open: (page) => page.goto('/#/attendance/external').then(() => undefined),
    button: '从 Excel 导入…',
    message: (page) => page.getByRole('alert').filter({ hasText: '无法导入' }),
  },
  {
    name: '培训班报名名单导入',
    open: async (page) => {
      await page.goto('/#/curricula/classes');
      await page.getByRole('tab', { name: '培训班' }).click();
      await page.locator('.ant-table-row').first().getByRole('link').first().click();
      await page.getByRole('tab', { name: /报名学员/ }).click();
      await page.getByRole('button', { name: '添加学员…' }).click();
      await page.getByRole('dialog', { name: '添加学员' }).getByRole('tab', { name: '从 Excel 名单导入' }).click();
    },
    button: '选择名单文件…',
    message: (page) => page.getByRole('dialog', { name: '添加学员' }).getByRole('alert'),
  },
  rosterImporter('instructors', '教员'),
  rosterImporter('sites', '教学点'),
];

for (const importer of SHEET_IMPORTERS) {
  test(`${importer.name}: every bad file is refused with a clear message, and the database is unchanged`, async ({ page }, info) => {
    await completeFirstRun(page, 'village');
    await settle(page);
    const before = await dbSnapshot(page);
    await importer.open(page);
    for (const bad of sheetCorpus(info)) {
      await choose(page, importer.button, bad);
      await expect(importer.message(page).filter({ hasText: bad.refusal }), bad.label).toBeVisible({ timeout: 60_000 });
      expect(await dbSnapshot(page), bad.label).toEqual(before);
    }
    await screenshot(page, `bad-input-sheet-${SHEET_IMPORTERS.indexOf(importer)}`);
  });
}

const untouched = (page: Page) =>
  page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    polluted: ({} as Record<string, unknown>)['polluted'] ?? null,
  }));

test('学员名册导入: GBK, formulas, hostile and overlong names are read as the text they are', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await settle(page);
  const before = await dbSnapshot(page);
  const roster = SHEET_IMPORTERS[0]!;
  const wizard = page.getByRole('dialog', { name: '导入学员' });
  const summary = wizard.getByTestId('import-summary');
  const preview = async (file: BadFile) => {
    await roster.open(page);
    await choose(page, roster.button, file);
    await wizard.getByRole('button', { name: '下一步：预览' }).click();
    await expect(summary).toBeVisible();
  };

  // GBK, as Chinese Excel saves CSV: the names come through intact.
  await preview({ label: 'gbk', name: '学员名册.csv', bytes: fixture('roster-gbk.csv'), refusal: /./ });
  await expect(summary).toContainText('新增 2');
  await expect(wizard.getByRole('row', { name: /孔繁华/ })).toContainText('鲁源村党支部');
  await expect(wizard.getByRole('row', { name: /颜秀英/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // Formula cells: their cached results are read, nothing is evaluated.
  await preview({ label: 'formulas', name: 'formulas.xlsx', bytes: fixture('roster-formulas.xlsx'), refusal: /./ });
  await expect(summary).toContainText('新增 1');
  await expect(wizard.getByRole('row', { name: /孔繁华/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // Markup, formula text, __proto__ and constructor as names and headers, and a 10,000-character name.
  const hostile = Buffer.concat([fixture('roster-hostile.csv'), Buffer.from(`${'张'.repeat(10_000)},男,,,鲁源村党支部,普通党员,\n`)]);
  await preview({ label: 'hostile', name: 'hostile.csv', bytes: hostile, refusal: /./ });
  await expect(wizard.getByText('<img src=x onerror="window.__xss=3">').first()).toBeVisible();
  await wizard.getByRole('tab', { name: /未导入/ }).click();
  const overlong = wizard.getByRole('row').filter({ hasText: '内容过长（10000字，最多50字）' });
  await expect(overlong).toHaveCount(1);
  await expect(overlong.getByRole('cell').first()).toHaveText('6');
  // The name is cut to the width of its column, not spread over the page.
  expect((await overlong.boundingBox())!.height).toBeLessThan(80);
  await screenshot(page, 'bad-input-roster-hostile');
  expect(await untouched(page)).toEqual({ xss: null, polluted: null });
  await page.keyboard.press('Escape');
  expect(await dbSnapshot(page)).toEqual(before);
});

test('外部学时 and 报名名单 imports read GBK correctly, and nothing is written until confirmed', async ({ page }) => {
  await completeFirstRun(page, 'village');
  await settle(page);
  const before = await dbSnapshot(page);
  const [a, b] = (await storeRows<{ name: string; idNumber: string; status: string }>(page, 'trainees')).filter((t) => t.idNumber && t.status === '在册');

  await SHEET_IMPORTERS[1]!.open(page);
  const external = `姓名,身份证号,来源,日期,学时,备注\r\n${a!.name},${a!.idNumber},学习强国,${new Date().getFullYear()}-01-05,4,网上专题班\r\n`;
  await choose(page, SHEET_IMPORTERS[1]!.button, { label: 'gbk', name: '外部学时.csv', bytes: GBK(external), refusal: /./ });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(a!.name);
  await expect(dialog).toContainText('学习强国');
  await page.keyboard.press('Escape');
  expect(await dbSnapshot(page)).toEqual(before);

  await SHEET_IMPORTERS[2]!.open(page);
  const list = `姓名,身份证号,所在党支部\r\n${a!.name},${a!.idNumber},\r\n${b!.name},${b!.idNumber},\r\n`;
  await choose(page, SHEET_IMPORTERS[2]!.button, { label: 'gbk', name: '名单.csv', bytes: GBK(list), refusal: /./ });
  await expect(page.getByTestId('excel-result')).toContainText('未能匹配 0 行');
  expect(await dbSnapshot(page)).toEqual(before);
});

// --- packages (数据包) -------------------------------------------------------------------

test('数据包 and 回执 imports: every bad file is refused with a clear message, and the database is unchanged', async ({ page }, info) => {
  await completeFirstRunAs(page, { name: '中共曲阜市委党校', level: '市', parentName: '' }, 'none');
  await settle(page);
  await page.goto('/#/exchange/settings');
  await page.getByText('市（县）委党校：导入各校数据包，汇总查看').click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.goto('/#/exchange/import');
  // The package ledger lists every file received, refused ones too: all else must stay as it was.
  const data = async () => {
    const { packageLedger: _received, ...rest } = await dbSnapshot(page);
    return rest;
  };
  const before = await data();
  const UNREADABLE = /文件不完整或已损坏|不是党校教务通的数据包/;
  const manifest = (json: string) => Buffer.from(zipSync({ 'manifest.json': strToU8(json) }));
  const corpus: BadFile[] = [
    { label: 'empty', name: 'empty.dxpkg', bytes: Buffer.alloc(0), refusal: UNREADABLE },
    { label: 'truncated', name: 'truncated.dxpkg', bytes: fixture('roster.xlsx').subarray(0, 3000), refusal: UNREADABLE },
    { label: 'a PDF behind the extension', name: 'report.dxpkg', bytes: fixture('not-a-backup.pdf'), refusal: UNREADABLE },
    { label: 'an Excel workbook behind the extension', name: 'roster.dxpkg', bytes: fixture('roster.xlsx'), refusal: /不是党校教务通的数据包/ },
    { label: 'a zip bomb', name: 'bomb.dxpkg', bytes: Buffer.from(zipBomb((i) => `parts/p${i}.json`, { count: 11, megabytes: 100, honest: true })), refusal: /解压后的大小超出上限/ },
    { label: 'a zip bomb that lies about its size', name: 'liar.dxpkg', bytes: Buffer.from(zipBomb(() => 'manifest.json', { count: 1, megabytes: 300, honest: false })), refusal: UNREADABLE },
    { label: 'a 200 MB file', name: 'huge.dxpkg', path: hugeFile(info, 'huge.dxpkg'), refusal: UNREADABLE },
    { label: '__proto__ and constructor keys', name: 'proto.dxpkg', bytes: manifest('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"format":"x"}'), refusal: /不是党校教务通的数据包/ },
    { label: 'a manifest that is not JSON', name: 'text.dxpkg', bytes: manifest('<script>window.__xss=5</script>'), refusal: /不是党校教务通的数据包/ },
  ];
  for (const bad of corpus) {
    await choose(page, '选择数据包…', bad);
    const alert = page.getByRole('alert').filter({ hasText: '数据包未导入' });
    await expect(alert.filter({ hasText: bad.refusal }), bad.label).toBeVisible({ timeout: 60_000 });
    expect(await data(), bad.label).toEqual(before);
    await alert.getByRole('button', { name: /close|关闭/i }).click();
  }
  expect(await untouched(page)).toEqual({ xss: null, polluted: null });
  await screenshot(page, 'bad-input-package-refused');

  // A school of this county receives receipts (回执) back: the same corpus there.
  const code = (await page.goto('/#/exchange/settings').then(() => page.getByTestId('exchange-code').innerText())).trim();
  const school = await (await page.context().browser()!.newContext()).newPage();
  await completeFirstRun(school, 'none');
  await settle(school);
  await school.goto('/#/exchange/settings');
  await school.getByLabel('交换码').fill(code);
  await school.getByRole('button', { name: '保存交换码' }).click();
  await expect(school.getByText(`交换码已保存：${code}`)).toBeVisible();
  await school.goto('/#/exchange/export');
  const schoolBefore = await dbSnapshot(school);
  const NOT_A_RECEIPT = /不是党校教务通的回执|不是回执|文件不完整或已损坏/;
  for (const bad of corpus) {
    await choose(school, '导入回执…', bad);
    const alert = school.getByRole('alert').filter({ hasText: /未做任何改动/ });
    await expect(alert.filter({ hasText: bad.label === 'a zip bomb' ? /解压后的大小超出上限/ : NOT_A_RECEIPT }), bad.label).toBeVisible({ timeout: 60_000 });
    expect(await dbSnapshot(school), bad.label).toEqual(schoolBefore);
    await alert.getByRole('button', { name: /close|关闭/i }).click();
  }
  await school.context().close();
});

// --- backups ---------------------------------------------------------------------------

type Tables = Record<string, Record<string, unknown>[]>;

/** A backup opened up, to be changed and sealed again with correct checksums. */
interface Manifest { school: { name: string }; tables: { name: string; count: number; sha256: string }[] }

function openBackup(bytes: Buffer): { manifest: Manifest; tables: Tables } {
  const files = unzipSync(new Uint8Array(bytes));
  const manifest = JSON.parse(strFromU8(files['manifest.json']!));
  const tables: Tables = {};
  for (const t of manifest.tables) tables[t.name] = JSON.parse(strFromU8(files[`tables/${t.name}.json`]!));
  return { manifest, tables };
}

function sealBackup(backup: ReturnType<typeof openBackup>, rawTable?: { name: string; json: string }): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const t of backup.manifest.tables) {
    const json = rawTable?.name === t.name ? rawTable.json : JSON.stringify(backup.tables[t.name]);
    const data = strToU8(json);
    files[`tables/${t.name}.json`] = data;
    t.sha256 = createHash('sha256').update(data).digest('hex');
    t.count = rawTable?.name === t.name ? t.count : backup.tables[t.name]!.length;
  }
  files['manifest.json'] = strToU8(JSON.stringify(backup.manifest));
  return Buffer.from(zipSync(files));
}

function backupCorpus(good: Buffer, info: TestInfo): BadFile[] {
  const NOT_A_BACKUP = /不是党校教务通的备份文件.*未做任何改动/;
  const withTrainee = (change: (t: Record<string, unknown>) => void) => {
    const b = openBackup(good);
    change(b.tables['trainees']![2]!);
    return sealBackup(b);
  };
  const renamedTable = (name: string) => {
    const b = openBackup(good);
    const entry = b.manifest.tables.find((t) => t.name === 'sites')!;
    b.tables[name] = b.tables['sites']!;
    entry.name = name;
    return sealBackup(b);
  };
  const brokenJson = () => {
    const b = openBackup(good);
    const json = JSON.stringify(b.tables['trainees']);
    return sealBackup(b, { name: 'trainees', json: json.slice(0, json.length - 40) });
  };
  return [
    { label: 'empty', name: 'empty.dxbak', bytes: Buffer.alloc(0), refusal: /文件是空的/ },
    { label: 'truncated', name: 'truncated.dxbak', bytes: good.subarray(0, Math.floor(good.length * 0.9)), refusal: NOT_A_BACKUP },
    { label: 'a PDF behind the .dxbak extension', name: 'report.dxbak', bytes: fixture('not-a-backup.pdf'), refusal: NOT_A_BACKUP },
    { label: 'an Excel workbook behind the .dxbak extension', name: 'roster.dxbak', bytes: fixture('roster.xlsx'), refusal: NOT_A_BACKUP },
    { label: 'a zip bomb', name: 'bomb.dxbak', bytes: Buffer.from(zipBomb((i) => `tables/t${i}.json`, { count: 11, megabytes: 100, honest: true })), refusal: /解压后超过 1 GB/ },
    { label: 'a zip bomb that lies about its size', name: 'liar.dxbak', bytes: Buffer.from(zipBomb(() => 'manifest.json', { count: 1, megabytes: 300, honest: false })), refusal: NOT_A_BACKUP },
    { label: 'a 200 MB file', name: 'huge.dxbak', path: hugeFile(info, 'huge.dxbak'), refusal: NOT_A_BACKUP },
    { label: 'a table named __proto__', name: 'proto.dxbak', bytes: renamedTable('__proto__'), refusal: NOT_A_BACKUP },
    { label: 'a table named constructor', name: 'constructor.dxbak', bytes: renamedTable('constructor'), refusal: NOT_A_BACKUP },
    { label: 'a table cut short inside, with a matching checksum', name: 'json.dxbak', bytes: brokenJson(), refusal: NOT_A_BACKUP },
    {
      label: 'a 10,000-character name',
      name: 'long-name.dxbak',
      bytes: withTrainee((t) => (t['name'] = '张'.repeat(10_000))),
      refusal: /备份中「学员」的第 3 条记录无效（字段「name」过长或过大），未做任何改动/,
    },
    {
      label: 'an HTML status',
      name: 'html-enum.dxbak',
      bytes: withTrainee((t) => (t['status'] = '<img src=x onerror="window.__xss=1">')),
      refusal: /备份中「学员」的第 3 条记录无效（字段「status」取值不在允许范围内）/,
    },
    {
      label: 'a content change behind an unchanged checksum',
      name: 'tampered.dxbak',
      bytes: (() => {
        const files = unzipSync(new Uint8Array(good));
        const text = strFromU8(files['tables/trainees.json']!).replace('"status":"在册"', '"status":"退出"');
        return Buffer.from(zipSync({ ...files, 'tables/trainees.json': strToU8(text) }));
      })(),
      refusal: /与校验值不符/,
    },
  ];
}

async function saveBackup(page: Page, info: TestInfo): Promise<Buffer> {
  await page.goto('/#/settings/backup');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '立即备份到文件…' }).click();
  const path = info.outputPath('good.dxbak');
  await (await downloading).saveAs(path);
  return readFileSync(path);
}

test('backup restore: every bad file is refused with a clear message, and the database is unchanged', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  await settle(page);
  const good = await saveBackup(page, info);
  const before = await dbSnapshot(page);
  for (const bad of backupCorpus(good, info)) {
    await choose(page, '选择备份文件…', bad);
    const alert = page.getByRole('alert').filter({ hasText: bad.refusal });
    await expect(alert, bad.label).toBeVisible({ timeout: 60_000 });
    if (bad.label === 'a 10,000-character name') await screenshot(page, 'bad-input-backup-refused');
    await expect(page.getByTestId('backup-preview'), bad.label).toBeHidden();
    expect(await dbSnapshot(page), bad.label).toEqual(before);
    await alert.getByRole('button', { name: /close|关闭/i }).click();
  }
});

test('backup restore: hostile but valid text is stored as text, shown as text, and exported neutralised', async ({ page }, info) => {
  await completeFirstRun(page, 'village');
  const good = await saveBackup(page, info);
  const b = openBackup(good);
  const selfId = (b.tables['meta']!.find((m) => m['key'] === 'selfSchoolId')!['value']) as string;
  const htmlName = '<img src=x onerror="window.__xss=1">党校';
  b.tables['schools']!.find((s) => s['id'] === selfId)!['name'] = htmlName;
  b.manifest.school.name = htmlName;
  const trainee = b.tables['trainees']![0]!;
  Object.assign(trainee, { name: '<script>window.__xss=2</script>', notes: '=HYPERLINK("http://evil.example","点我")' });
  // JSON.parse makes these own keys; they must not reach any prototype or the stored record.
  const hostile = JSON.stringify(b.tables['trainees']).replace('{', '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},');
  const file: BadFile = { label: 'hostile', name: 'hostile.dxbak', bytes: sealBackup(b, { name: 'trainees', json: hostile }), refusal: /./ };

  await choose(page, '选择备份文件…', file);
  await expect(page.getByTestId('backup-preview')).toContainText('<img src=x onerror="window.__xss=1">党校');
  await page.getByTestId('backup-preview').getByRole('button', { name: '恢复此备份' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('已从备份恢复')).toBeVisible();

  // Shown as the text it is, never run.
  await expect(page.locator('.dx-brand')).toContainText('<img src=x onerror="window.__xss=1">党校');
  const stored = await page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open('dangxiao-desk');
      req.onsuccess = () => resolve(req.result);
    });
    const row = await new Promise<Record<string, unknown>>((resolve) => {
      const req = db.transaction('trainees').objectStore('trainees').get(id);
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    return {
      ownKeys: Object.keys(row),
      protoIsObject: Object.getPrototypeOf(row) === Object.prototype,
      polluted: ({} as Record<string, unknown>)['polluted'] ?? null,
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
    };
  }, trainee['id'] as string);
  expect(stored.ownKeys).not.toContain('__proto__');
  expect(stored.ownKeys).not.toContain('constructor');
  expect(stored.protoIsObject).toBe(true);
  expect(stored.polluted).toBeNull();
  expect(stored.xss).toBeNull();
  await screenshot(page, 'bad-input-hostile-text');

  // In the registry it is a name like any other; exported, the formula cannot run.
  await page.getByRole('menuitem', { name: '学员' }).click();
  await page.getByLabel('搜索').fill('<script>');
  await expect(page.getByText('<script>window.__xss=2</script>').first()).toBeVisible();
  await page.getByRole('button', { name: '导出…' }).click();
  const dialog = page.getByRole('dialog', { name: '导出学员名册' });
  await dialog.getByText('CSV 文件（.csv）').click();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出' }).click();
  const csvPath = info.outputPath('hostile.csv');
  await (await downloading).saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
  expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
});

test('closing the window in the middle of a restore leaves the database as it was', async ({ page }, info) => {
  await completeFirstRun(page, 'town');
  // The day's automatic backup is written by then, not into the folder wiped below.
  await settle(page);
  const backup = await saveBackup(page, info);
  // A fresh installation (database and automatic backups gone): the restore would replace everything in it.
  await page.evaluate(async () => {
    await (await navigator.storage.getDirectory()).removeEntry('backups', { recursive: true });
    await new Promise((resolve) => { const r = indexedDB.deleteDatabase('dangxiao-desk'); r.onsuccess = r.onerror = r.onblocked = resolve; });
  });
  await completeFirstRun(page, 'none');
  await settle(page);
  const before = await dbSnapshot(page);

  await page.goto('/#/settings/backup');
  await choose(page, '选择备份文件…', { label: 'town', name: 'town.dxbak', bytes: backup, refusal: /./ });
  await page.getByTestId('backup-preview').getByRole('button', { name: '恢复此备份' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
  // Half-way through the one transaction that writes it all.
  await page.waitForFunction(() => {
    const bar = document.querySelector('[data-testid=backup-preview] [role=progressbar]');
    const percent = Number(bar?.getAttribute('aria-valuenow'));
    return percent > 0 && percent < 80;
  }, undefined, { polling: 'raf' });
  const reopened = await page.context().newPage();
  await page.close();
  await reopened.goto('/');
  await expect(reopened.getByRole('button', { name: '登录' })).toBeVisible();
  expect(await dbSnapshot(reopened)).toEqual(before);
});

test('a full disk: the write is refused with a clear message and nothing saved before is lost', async ({ page }) => {
  // Chromium gives a test no way to shrink an origin's quota (CDP's override does not reach
  // Playwright's browser contexts), so IndexedDB is made to fail as a full disk makes it fail.
  await page.addInitScript(() => {
    const flag = window as unknown as { __diskFull?: boolean };
    for (const method of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
        if (flag.__diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  await completeFirstRun(page, 'none');
  await settle(page);
  const before = await dbSnapshot(page);
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));

  // A setting saved from a page that does not catch the error: the app-wide notice says it.
  await page.goto('/#/settings/hours');
  await page.getByLabel('每学时分钟数').fill('40');
  await page.getByRole('button', { name: '保存学时规则' }).click();
  await expect(page.getByText('磁盘空间不足').first()).toBeVisible();
  await expect(page.getByText(/此前已保存的数据没有丢失/).first()).toBeVisible();
  await screenshot(page, 'bad-input-disk-full');
  expect(await dbSnapshot(page)).toEqual(before);

  // Room again: the same save goes through.
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
  await page.getByRole('button', { name: '保存学时规则' }).click();
  await expect(page.getByText('学时规则已保存')).toBeVisible();
});
