import { expect, test, type Browser, type Page } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNCED_TABLE_NAMES } from '../shared/domain/records';
import { completeFirstRunAs, dbSnapshot, screenshot, statValue, storeRows } from './helpers';

/**
 * Two schools and the county office, each in its own browser profile (its own IndexedDB):
 * packages go up as files, the receipt comes back, and bad packages change nothing.
 */

const A = '鲁城街道党校';
const B = '书院街道党校';
const COUNTY = '中共曲阜市委党校';

async function install(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}

async function pickFile(page: Page, button: string, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).first().click();
  await (await chooser).setFiles(path);
}

async function download(page: Page, click: () => Promise<void>, path: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await click();
  await (await downloading).saveAs(path);
  return path;
}

async function enterCode(page: Page, code: string): Promise<void> {
  await page.goto('/#/exchange/settings');
  await page.getByLabel('交换码').fill(code.toLowerCase());
  await page.getByRole('button', { name: '保存交换码' }).click();
  await expect(page.getByText(`交换码已保存：${code}`)).toBeVisible();
}

/** Generate the next package on the export tab, review it (a row it must show), save it; the file's path. */
async function exportPackage(page: Page, path: string, shot?: string, row?: RegExp): Promise<string> {
  await page.goto('/#/exchange/export');
  await page.getByRole('button', { name: /^生成(增量|完整)数据包$/ }).click();
  const review = page.getByTestId('export-review');
  await expect(review).toBeVisible();
  if (row) await expect(review.getByRole('row', { name: row })).toBeVisible();
  if (shot) await screenshot(page, shot);
  await download(page, () => review.getByRole('button', { name: '保存数据包…' }).click(), path);
  await expect(page.getByText(/号数据包已保存/)).toBeVisible();
  return path;
}

async function addPlan(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: '新建培训计划' }).click();
  await page.getByRole('dialog').getByLabel('计划名称').fill(title);
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('cell', { name: title, exact: true })).toBeVisible();
}

/** Every store but the package ledger, which records refusals too. */
async function dataSnapshot(page: Page) {
  const { packageLedger: _ledger, ...rest } = await dbSnapshot(page);
  return rest;
}

test('schools send packages up, the county merges them, the receipt comes back; bad packages change nothing', async ({ browser }) => {
  test.setTimeout(600_000);
  // Files move between the installations through a folder of their own (test-results is shared with parallel runs).
  const files = mkdtempSync(join(tmpdir(), 'dx-exchange-'));
  const file = (name: string) => join(files, name);

  // The county office first: its code goes to every school.
  const county = await install(browser);
  await completeFirstRunAs(county, { name: COUNTY, level: '市', parentName: '' }, 'none');
  await county.goto('/#/exchange/settings');
  await county.getByText('市（县）委党校：导入各校数据包，汇总查看').click();
  await county.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(county.getByRole('dialog')).toBeHidden();
  const code = (await county.getByTestId('exchange-code').innerText()).trim();
  expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
  await screenshot(county, 'exchange-settings-county');

  const schools: Record<string, { page: Page; trainees: string; file: string }> = {};
  for (const name of [A, B]) {
    const page = await install(browser);
    await completeFirstRunAs(page, { name }, 'village');
    await expect.poll(() => statValue(page, '在册学员')).not.toBe('0');
    const trainees = await statValue(page, '在册学员');
    await enterCode(page, code);
    if (name === A) {
      await page.goto('/#/curricula/plans');
      await addPlan(page, '冬训补充计划');
      await addPlan(page, '夏季专题计划');
    }
    schools[name] = { page, trainees, file: await exportPackage(page, file(`${name}-1.dxpkg`), name === A ? 'exchange-export-review' : undefined) };
  }
  const a = schools[A]!;

  // The county imports both: preview first, then the whole package at once.
  await county.goto('/#/exchange/import');
  for (const name of [A, B]) {
    await pickFile(county, '选择数据包…', schools[name]!.file);
    const preview = county.getByTestId('import-preview');
    await expect(preview).toContainText(name);
    const traineeCount = (await storeRows(schools[name]!.page, 'trainees')).length;
    await expect(preview.getByRole('row', { name: new RegExp(`^学员 ${traineeCount} 0 0 0 0$`) })).toBeVisible();
    if (name === A) await screenshot(county, 'exchange-import-preview');
    await preview.getByRole('button', { name: '导入' }).click();
    await expect(county.getByText(`已导入「${name}」第 1 号数据包`)).toBeVisible({ timeout: 60_000 });
  }

  // Both schools' totals, each as the school itself shows them.
  await county.goto('/#/');
  const overview = county.getByTestId('county-overview');
  for (const name of [A, B]) {
    await expect(overview.getByRole('row', { name: new RegExp(`^${name} 第 1 号 · \\S+ \\S+ ${schools[name]!.trainees} `) })).toBeVisible();
  }
  await screenshot(county, 'exchange-county-dashboard');
  for (const name of [A, B]) {
    await county.getByLabel('党校', { exact: true }).click();
    await county.locator(`.ant-select-item-option[title="${name}"]`).click();
    await county.keyboard.press('Escape');
    await expect.poll(() => statValue(county, '在册学员')).toBe(schools[name]!.trainees);
    await county.getByLabel('党校', { exact: true }).click();
    await county.locator(`.ant-select-item-option[title="${name}"]`).click();
    await county.keyboard.press('Escape');
  }
  // The same people were registered at both sample schools: one person each, two records.
  await county.goto('/#/exchange/people');
  await expect(county.getByRole('row').filter({ hasText: `${A}（在册）` }).filter({ hasText: `${B}（在册）` }).first()).toBeVisible();
  await screenshot(county, 'exchange-people');

  // A changes one plan and deletes the other, then exports what changed.
  await a.page.goto('/#/curricula/plans');
  await a.page.getByRole('row', { name: /冬训补充计划/ }).getByRole('button', { name: '编辑' }).click();
  await a.page.getByRole('dialog').getByLabel('计划名称').fill('冬训补充计划（修订）');
  await a.page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await a.page.getByRole('row', { name: /夏季专题计划/ }).getByRole('button', { name: '删除' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await expect(a.page.getByText('培训计划已删除')).toBeVisible();
  const second = await exportPackage(a.page, file(`${A}-2.dxpkg`));

  // The county sees exactly that change: one plan updated, one deleted, nothing else.
  const before = await dbSnapshot(county);
  await county.goto('/#/exchange/import');
  await pickFile(county, '选择数据包…', second);
  const preview = county.getByTestId('import-preview');
  await expect(preview).toContainText('第 2 号（增量），接在第 1 号之后');
  const cells = await preview.locator('tr.ant-table-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  expect(cells.length).toBeGreaterThan(1);
  for (const [label, ...counts] of cells) expect(counts.slice(0, 4), label!).toEqual(label === '培训计划' ? ['0', '1', '1', '0'] : ['0', '0', '0', '0']);
  await preview.getByRole('button', { name: '导入' }).click();
  await expect(county.getByText(`已导入「${A}」第 2 号数据包`)).toBeVisible();
  const after = await dbSnapshot(county);
  const changed = Object.keys(after).filter((store) => JSON.stringify(after[store]) !== JSON.stringify(before[store]));
  expect(changed.filter((s) => (SYNCED_TABLE_NAMES as string[]).includes(s) || ['yearTotals', 'identityLinkBuckets', 'exchangeConflicts'].includes(s))).toEqual(['plans']);
  expect(changed).toEqual(expect.arrayContaining(['packageLedger', 'exchangeSources']));
  const plans = await storeRows<{ title: string; deletedAt: number | null }>(county, 'plans');
  expect(plans.find((p) => p.title === '冬训补充计划（修订）')?.deletedAt).toBeNull();
  expect(plans.find((p) => p.title === '夏季专题计划')?.deletedAt).not.toBeNull();
  expect(plans.some((p) => p.title === '冬训补充计划')).toBe(false);

  // The county's receipt, imported at A: the next incremental package starts after it.
  const receipt = await download(county, () => county.getByRole('button', { name: '保存回执…' }).first().click(), file('receipt-a.dxack'));
  await a.page.goto('/#/exchange/export');
  await pickFile(a.page, '导入回执…', receipt);
  await expect(a.page.getByText(`已导入「${COUNTY}」的回执`)).toBeVisible();
  await expect(a.page.getByText('自上次确认以来没有变化')).toBeVisible();

  // A corrects a mark of a held (closed) session: the correction's trail entry goes up with the next
  // package, and the county holds it once and verifies A's part of the trail on its own.
  const sessions = new Map((await storeRows<{ id: string; closed: boolean }>(a.page, 'sessions')).map((x) => [x.id, x]));
  const rosters = await storeRows<{ sessionId: string; marks: object }>(a.page, 'attendance');
  const closed = rosters.find((r) => sessions.get(r.sessionId)?.closed && Object.keys(r.marks).length > 0)!;
  await a.page.goto(`/#/attendance/session/${closed.sessionId}`);
  const roster = a.page.getByRole('grid', { name: '点名名单' });
  await expect(a.page.getByText('考勤已关闭', { exact: true })).toBeVisible();
  const marked = await roster.locator('tbody tr').first().locator('.ant-radio-button-wrapper-checked').innerText();
  await roster.focus();
  await a.page.keyboard.press('Home');
  await a.page.keyboard.press(marked === '病假' ? '1' : '5');
  const correction = a.page.getByRole('dialog', { name: /更正考勤/ });
  await correction.getByLabel('更正原因').fill('补交病假条');
  await a.page.keyboard.press('Enter');
  await expect(correction).toBeHidden();
  const third = await exportPackage(a.page, file(`${A}-3.dxpkg`), 'exchange-export-correction', /^考勤操作日志 1 0$/);
  await county.goto('/#/exchange/import');
  await pickFile(county, '选择数据包…', third);
  await expect(county.getByTestId('import-preview').getByRole('row', { name: /^考勤操作日志 1 0 0 0 0$/ })).toBeVisible();
  await county.getByTestId('import-preview').getByRole('button', { name: '导入' }).click();
  await expect(county.getByText(`已导入「${A}」第 3 号数据包`)).toBeVisible();
  await county.getByRole('menuitem', { name: '账户与日志' }).click();
  await county.getByRole('tab', { name: '操作日志' }).click();
  const trail = county.locator('.ant-table-tbody');
  const entry = trail.locator('tr').filter({ hasText: '补交病假条' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('更正考勤');
  // Whose entry it is: A's, not the county's, though both have an account called admin.
  const schoolColumn = await county.locator('.ant-table-thead th').allInnerTexts().then((titles) => titles.indexOf('党校'));
  expect(schoolColumn).toBeGreaterThan(0);
  await expect(entry.locator('td').nth(schoolColumn)).toHaveText(A);
  await expect(trail.locator('tr').filter({ hasText: `导入「${A}」第 3 号数据包` }).locator('td').nth(schoolColumn)).toHaveText(COUNTY);
  await county.getByRole('button', { name: '校验日志完整性' }).click();
  await expect(county.getByTestId('verify-result')).toContainText(`另有来自「${A}」的 1 条记录（数据包或备份），逐条校验通过`);
  await screenshot(county, 'exchange-county-trail');
  await county.getByLabel('党校', { exact: true }).click();
  await county.locator(`.ant-select-item-option[title="${A}"]`).click();
  await expect(trail.locator('tr.ant-table-row')).toHaveCount(1);
  await expect(county.getByText('共 1 条')).toBeVisible();

  // A tampered package and a replayed one are refused, naming the school; nothing changes.
  const entries = unzipSync(readFileSync(second));
  const part = Object.keys(entries).find((f) => f.startsWith('data/plans-'))!;
  entries[part] = strToU8(strFromU8(entries[part]!).replace('修订', '改过'));
  const tampered = file('tampered.dxpkg');
  writeFileSync(tampered, zipSync(entries));
  for (const [path, refusal] of [
    [tampered, `「${A}」第 2 号数据包中「培训计划」的数据与校验值不符`],
    [second, `「${A}」的第 2 号数据包已经导入过`],
  ] as const) {
    await county.goto('/#/exchange/import');
    const unchanged = await dataSnapshot(county);
    await pickFile(county, '选择数据包…', path);
    await expect(county.getByRole('alert').filter({ hasText: refusal })).toBeVisible();
    if (path === tampered) await screenshot(county, 'exchange-refused');
    expect(await dataSnapshot(county)).toEqual(unchanged);
  }

  await county.goto('/#/exchange/ledger');
  await expect(county.getByRole('row').filter({ hasText: '已拒绝' })).toHaveCount(2);
  await expect(county.getByRole('row').filter({ hasText: A }).filter({ hasText: '导入' }).filter({ hasText: '成功' })).toHaveCount(3);
  await screenshot(county, 'exchange-ledger');
  rmSync(files, { recursive: true });
});
